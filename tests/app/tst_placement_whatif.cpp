// SPDX-License-Identifier: GPL-3.0-or-later
// The Placement view's what-ifs as a user drives them: right-clicks on a node card, a zone header
// and a pod chip, the HPA box, Ctrl+Z with the view focused, the Undo/Redo/Reset buttons; and
// the capacity planning dialog opened from the Cluster panel. Assertions read what the widgets
// show, and check that no what-if touches the design or its undo stack.
#include <main_window.h>

#include <editors/canvas/canvas_view.h>
#include <editors/canvas/design_scene.h>
#include <editors/inspector/inspector_widget.h>
#include <editors/simulation/capacity_dialog.h>
#include <editors/simulation/cluster_panel.h>
#include <editors/simulation/placement_view.h>

#include <QComboBox>
#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

using namespace kstudio;

class tst_PlacementWhatIf : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void drainAndCordonFromTheNodeMenuUndoWithCtrlZ();
    void failNodeAndFailZone();
    void scaleFromThePodChip();
    void hpaAtMaxAddsPods();
    void resetAndRedo();
    void capacityDialogPlansAndAppliesUndoably();
    void capacityDialogRefusesABadShape();

private:
    // A pool of 3 nodes, one per zone (zone-a, zone-b, zone-c), 1 CPU each, typed into the Cluster panel.
    static void addPool(app::MainWindow &window);
    static void apply(app::MainWindow &window, const QString &kind, const QString &yaml);
    // The action of the context menu at a point of the canvas whose text starts with prefix.
    static QAction *menuAction(editors::PlacementView *placement, const QPoint &at, const QString &prefix,
                               std::unique_ptr<QMenu> &menu);
    static QString nodeOf(editors::PlacementView *placement, const QString &pod);
};

void tst_PlacementWhatIf::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("kstudio-tests"));
}

void tst_PlacementWhatIf::addPool(app::MainWindow &window)
{
    window.clusterPanel()->addPool();
    QTableWidget *pools = window.clusterPanel()->table();
    QCOMPARE(pools->rowCount(), 1);
    pools->item(0, editors::ClusterPanel::CpuColumn)->setText(QStringLiteral("1"));
    QCOMPARE(window.document().snapshot().nodePools().value(0).zones.size(), 3);
}

void tst_PlacementWhatIf::apply(app::MainWindow &window, const QString &kind, const QString &yaml)
{
    static int at = 0;
    QVERIFY(window.scene()->addObject(kind, QPointF(300 * (at++ % 4), 0)));
    window.inspector()->yamlEditor()->setPlainText(yaml);
    QVERIFY2(window.inspector()->applyYaml(), qPrintable(window.inspector()->yamlError()));
}

QAction *tst_PlacementWhatIf::menuAction(editors::PlacementView *placement, const QPoint &at, const QString &prefix,
                                         std::unique_ptr<QMenu> &menu)
{
    menu.reset(placement->contextMenuAt(at));
    for (QAction *action : menu->actions()) {
        if (action->text().startsWith(prefix))
            return action;
    }
    return nullptr;
}

QString tst_PlacementWhatIf::nodeOf(editors::PlacementView *placement, const QString &pod)
{
    for (const editors::PlacedNode &node : placement->nodes()) {
        if (node.pods.contains(pod))
            return node.name;
    }
    return {};
}

static const QString deployment = QStringLiteral(
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: %1, namespace: default}\nspec:\n  replicas: %2\n"
    "  selector: {matchLabels: {app: %1}}\n  template:\n    metadata: {labels: {app: %1}}\n    spec:\n%4"
    "      containers:\n      - {name: c, image: nginx:1.27, resources: {requests: {cpu: %3, memory: 64Mi}}}\n");
static const QString service = QStringLiteral("apiVersion: v1\nkind: Service\nmetadata: {name: %1, namespace: default}\n"
                                              "spec:\n  selector: {app: %1}\n  ports: [{port: 80}]\n");

// kubectl drain cordons the node and evicts its pods, which are re-created elsewhere
// (https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/); kubectl cordon only
// marks it unschedulable (https://kubernetes.io/docs/concepts/architecture/nodes/#manual-node-administration).
void tst_PlacementWhatIf::drainAndCordonFromTheNodeMenuUndoWithCtrlZ()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    addPool(window);
    // 3 pods of 400m: one per node (default spreading); two fit on a 1-CPU node.
    apply(window, QStringLiteral("Deployment"), deployment.arg(QStringLiteral("web")).arg(3).arg(QStringLiteral("400m"), QString()));
    apply(window, QStringLiteral("Service"), service.arg(QStringLiteral("web")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    editors::PlacementView *placement = window.placementView();
    placement->simulateNow();
    QVERIFY(placement->pending().isEmpty());
    const int edits = window.undoStack()->count();
    const QString first = nodeOf(placement, QStringLiteral("default/web-0"));
    QVERIFY(!first.isEmpty());
    QString cordonTarget;
    for (const editors::PlacedNode &node : placement->nodes()) {
        if (node.name != first && cordonTarget.isEmpty())
            cordonTarget = node.name;
    }

    // Right-click the card of web-0's node: Drain.
    std::unique_ptr<QMenu> menu;
    QAction *drain = menuAction(placement, placement->cardRect(first).topLeft() + QPoint(20, 10), QStringLiteral("Drain "), menu);
    QVERIFY(drain);
    QCOMPARE(drain->text(), QStringLiteral("Drain ") + first);
    drain->trigger();
    placement->waitForSimulation();
    QCOMPARE(placement->whatIfSummary().whatIf, QStringLiteral("Drain ") + first);
    QCOMPARE(int(placement->whatIfSummary().moved.size()), 1);
    QCOMPARE(placement->whatIfSummary().moved.front().pod, QStringLiteral("default/web-0"));
    QCOMPARE(placement->whatIfSummary().moved.front().from, first);
    QVERIFY(!placement->whatIfSummary().moved.front().to.isEmpty());
    QVERIFY(placement->whatIfSummary().servicesDown.isEmpty());
    QVERIFY(placement->podsOn(first).isEmpty());
    // Not an edit: the design's undo stack and modified flag are untouched.
    QCOMPARE(window.undoStack()->count(), edits);
    QCOMPARE(placement->whatIfStack()->count(), 1);
    QVERIFY(placement->findChild<QLabel *>(QStringLiteral("whatIfTrail"))->isVisible());

    // Cordon another node from its menu: the design deployed with that node cordoned (its pod
    // runs elsewhere); one disruption at a time, so it replaces the drain.
    QAction *cordon = menuAction(placement, placement->cardRect(cordonTarget).topLeft() + QPoint(20, 10), QStringLiteral("Cordon "), menu);
    QVERIFY(cordon);
    cordon->trigger();
    placement->waitForSimulation();
    QCOMPARE(placement->scenario().action, editors::WhatIfScenario::Action::Cordon);
    QCOMPARE(placement->whatIfSummary().whatIf, QStringLiteral("Cordon ") + cordonTarget);
    QVERIFY(placement->podsOn(cordonTarget).isEmpty());
    QVERIFY(!placement->whatIfSummary().moved.empty());
    for (const editors::WhatIfSummary::Moved &move : placement->whatIfSummary().moved)
        QVERIFY2(move.to != cordonTarget, qPrintable(move.pod));
    const auto cordonedCard = std::find_if(placement->nodes().cbegin(), placement->nodes().cend(),
                                           [&](const editors::PlacedNode &n) { return n.name == cordonTarget; });
    QVERIFY(cordonedCard->cordoned);
    // Its menu now offers to uncordon.
    QVERIFY(menuAction(placement, placement->cardRect(cordonTarget).topLeft() + QPoint(20, 10), QStringLiteral("Uncordon "), menu));

    // Ctrl+Z with the view focused takes back the cordon, then the drain; the Edit menu's
    // Undo names the what-if meanwhile.
    window.findChild<QDockWidget *>(QStringLiteral("placementDock"))->raise();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    placement->canvas()->setFocus(Qt::MouseFocusReason);
    QTRY_VERIFY(placement->canvas()->hasFocus());
    QTest::keyClick(placement->canvas(), Qt::Key_Z, Qt::ControlModifier);
    placement->waitForSimulation();
    QCOMPARE(placement->whatIfSummary().whatIf, QStringLiteral("Drain ") + first);
    QCOMPARE(int(placement->whatIfSummary().moved.size()), 1);
    QTest::keyClick(placement->canvas(), Qt::Key_Z, Qt::ControlModifier);
    placement->waitForSimulation();
    QVERIFY(placement->scenario().isAsDesigned());
    QVERIFY(placement->whatIfSummary().whatIf.isEmpty());
    QCOMPARE(nodeOf(placement, QStringLiteral("default/web-0")), first);
    QVERIFY(!placement->findChild<QLabel *>(QStringLiteral("whatIfTrail"))->isVisible());
    QCOMPARE(window.undoStack()->count(), edits); // the design's edits are all still there

    // Elsewhere (the canvas of the design), Ctrl+Z takes back the last design edit as before.
    window.canvas()->setFocus(Qt::MouseFocusReason);
    QTRY_VERIFY(window.canvas()->hasFocus());
    QTest::keyClick(window.canvas(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(window.undoStack()->index(), edits - 1);
    QVERIFY(placement->scenario().isAsDesigned()); // and no what-if came back
}

// A node's and a zone's loss (https://kubernetes.io/docs/concepts/architecture/nodes/#node-status,
// https://kubernetes.io/docs/setup/best-practices/multiple-zones/): pods of the lost nodes are
// re-created where there is room; a Service whose pods can run nowhere else loses its endpoints.
void tst_PlacementWhatIf::failNodeAndFailZone()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    addPool(window);
    apply(window, QStringLiteral("Deployment"),
          deployment.arg(QStringLiteral("pinned")).arg(1).arg(QStringLiteral("100m"),
                                                               QStringLiteral("      nodeSelector: {topology.kubernetes.io/zone: zone-b}\n")));
    apply(window, QStringLiteral("Deployment"), deployment.arg(QStringLiteral("api")).arg(3).arg(QStringLiteral("100m"), QString()));
    apply(window, QStringLiteral("Service"), service.arg(QStringLiteral("pinned")));
    apply(window, QStringLiteral("Service"), service.arg(QStringLiteral("api")));
    editors::PlacementView *placement = window.placementView();
    placement->simulateNow();
    const QString pinnedNode = nodeOf(placement, QStringLiteral("default/pinned-0"));
    QVERIFY(pinnedNode.contains(QStringLiteral("zone-b")));

    // Fail the node from its menu.
    std::unique_ptr<QMenu> menu;
    QAction *fail = menuAction(placement, placement->cardRect(pinnedNode).topLeft() + QPoint(20, 10), QStringLiteral("Fail node "), menu);
    QVERIFY(fail);
    fail->trigger();
    placement->waitForSimulation();
    const editors::WhatIfSummary &summary = placement->whatIfSummary();
    QCOMPARE(summary.whatIf, QStringLiteral("Node %1 fails").arg(pinnedNode));
    QCOMPARE(summary.pending, QStringList{QStringLiteral("default/pinned-0")});
    QCOMPARE(summary.servicesDown, QStringList{QStringLiteral("default/pinned")});
    QVERIFY2(placement->pending().value(QStringLiteral("default/pinned-0")).contains(QStringLiteral("didn't match Pod's node affinity/selector")),
             qPrintable(placement->pending().value(QStringLiteral("default/pinned-0"))));
    const auto lost = std::find_if(placement->nodes().cbegin(), placement->nodes().cend(),
                                   [&](const editors::PlacedNode &n) { return n.name == pinnedNode; });
    QVERIFY(lost != placement->nodes().cend() && lost->lost);
    // A failed node offers no more what-ifs of its own.
    QAction *again = menuAction(placement, placement->cardRect(pinnedNode).topLeft() + QPoint(20, 10), QStringLiteral("Drain "), menu);
    QVERIFY(again && !again->isEnabled());

    // Fail zone-a from its column header: replaces the node failure (one disruption at a time).
    const QRect header = placement->zoneRect(QStringLiteral("zone-a"));
    QVERIFY(header.isValid());
    QAction *zone = menuAction(placement, header.center(), QStringLiteral("Fail zone "), menu);
    QVERIFY(zone);
    QCOMPARE(zone->text(), QStringLiteral("Fail zone zone-a"));
    zone->trigger();
    placement->waitForSimulation();
    QCOMPARE(placement->whatIfSummary().whatIf, QStringLiteral("Zone zone-a fails"));
    QVERIFY(placement->whatIfSummary().pending.isEmpty());
    QVERIFY(placement->whatIfSummary().servicesDown.isEmpty()); // must not: api moves, pinned is in zone-b
    QCOMPARE(int(placement->whatIfSummary().moved.size()), 1);
    QVERIFY(placement->whatIfSummary().moved.front().pod.startsWith(QLatin1String("default/api-")));
    const QString shown = placement->findChild<QPlainTextEdit *>(QStringLiteral("whatIfSummary"))->toPlainText();
    QVERIFY2(shown.startsWith(QStringLiteral("What if: Zone zone-a fails\n")), qPrintable(shown));
    QCOMPARE(placement->whatIfStack()->count(), 2);
    placement->whatIfStack()->undo();
    placement->waitForSimulation();
    QCOMPARE(placement->whatIfSummary().whatIf, QStringLiteral("Node %1 fails").arg(pinnedNode));
}

// kubectl scale (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#scaling-a-deployment):
// new replicas are scheduled onto the cluster as it is; scaled to 0, the Service has no endpoint.
void tst_PlacementWhatIf::scaleFromThePodChip()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    addPool(window);
    apply(window, QStringLiteral("Deployment"), deployment.arg(QStringLiteral("web")).arg(2).arg(QStringLiteral("400m"), QString()));
    apply(window, QStringLiteral("Service"), service.arg(QStringLiteral("web")));
    editors::PlacementView *placement = window.placementView();
    placement->simulateNow();
    QCOMPARE(placement->workloadOf(QStringLiteral("default/web-0")), QStringLiteral("Deployment/default/web"));
    QCOMPARE(placement->replicasOf(QStringLiteral("Deployment/default/web")), 2);
    const int edits = window.undoStack()->count();

    // Right-click web-1's chip: "Scale Deployment web…" asks for the replicas (8: 6 fit, 2 Pending).
    std::unique_ptr<QMenu> menu;
    QAction *scale = menuAction(placement, placement->chipRect(QStringLiteral("default/web-1")).center(), QStringLiteral("Scale "), menu);
    QVERIFY(scale);
    QCOMPARE(scale->text(), QStringLiteral("Scale Deployment web…"));
    bool asked = false;
    QTimer::singleShot(0, this, [&asked] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        asked = true;
        QCOMPARE(dialog->intValue(), 2); // what runs now
        dialog->setIntValue(8);
        dialog->accept();
    });
    scale->trigger();
    QVERIFY(asked);
    placement->waitForSimulation();
    const editors::WhatIfSummary &summary = placement->whatIfSummary();
    QCOMPARE(summary.whatIf, QStringLiteral("Scale Deployment default/web to 8"));
    QVERIFY(summary.moved.empty()); // running pods stay
    QCOMPARE(summary.notes.filter(QStringLiteral("Created: ")).size(), 6);
    QCOMPARE(summary.notes.filter(QStringLiteral("→ Pending")).size(), 2);
    QCOMPARE(placement->pending().size(), 2);
    QVERIFY(placement->summary().contains(QStringLiteral("6 created")));
    QCOMPARE(window.undoStack()->count(), edits);
    QCOMPARE(window.document().snapshot().find(QStringLiteral("Deployment"), QStringLiteral("default"), QStringLiteral("web"))
                 ->body.at(model::FieldPath::parse("spec.replicas"))->toInt().value_or(-1),
             2); // the design keeps its replicas

    // Scaled to 0: the pods go and Service web has no endpoint left.
    placement->scaleWorkload(QStringLiteral("Deployment/default/web"), 0);
    placement->waitForSimulation();
    QCOMPARE(placement->whatIfSummary().servicesDown, QStringList{QStringLiteral("default/web")});
    QCOMPARE(placement->whatIfSummary().notes.filter(QStringLiteral("Deleted: ")).size(), 2);
    QVERIFY(placement->whatIfSummary().pending.isEmpty()); // removed, not Pending
    for (const editors::PlacedNode &node : placement->nodes())
        QVERIFY(node.pods.isEmpty());
    placement->whatIfStack()->undo();
    placement->waitForSimulation();
    QCOMPARE(placement->whatIfSummary().whatIf, QStringLiteral("Scale Deployment default/web to 8"));
}

// HorizontalPodAutoscaler at maxReplicas
// (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/): the new pods.
void tst_PlacementWhatIf::hpaAtMaxAddsPods()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    addPool(window);
    apply(window, QStringLiteral("Deployment"), deployment.arg(QStringLiteral("web")).arg(3).arg(QStringLiteral("400m"), QString()));
    apply(window, QStringLiteral("HorizontalPodAutoscaler"),
          QStringLiteral("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: default}\n"
                         "spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 7\n"));
    editors::PlacementView *placement = window.placementView();
    placement->simulateNow();
    QCOMPARE(placement->replicasOf(QStringLiteral("Deployment/default/web")), 2); // minReplicas
    auto *hpa = placement->findChild<QComboBox *>(QStringLiteral("hpaMode"));
    hpa->setCurrentIndex(1);
    Q_EMIT hpa->activated(1);
    placement->waitForSimulation();
    QVERIFY(placement->scenario().hpaMax);
    QCOMPARE(placement->whatIfSummary().whatIf, QStringLiteral("HPAs at maxReplicas"));
    // 7 pods of 400m on three 1-CPU nodes: 6 fit, web-6 is Pending.
    QCOMPARE(placement->whatIfSummary().notes.filter(QStringLiteral("Created: ")).size(), 5);
    QCOMPARE(placement->pending().keys(), QStringList{QStringLiteral("default/web-6")});
    QCOMPARE(placement->whatIfStack()->undoText(), QStringLiteral("HPAs at maxReplicas"));
    placement->findChild<QToolButton *>(QStringLiteral("whatIfUndo"))->click();
    placement->waitForSimulation();
    QCOMPARE(hpa->currentIndex(), 0);
    QVERIFY(placement->pending().isEmpty());
}

void tst_PlacementWhatIf::resetAndRedo()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    addPool(window);
    apply(window, QStringLiteral("Deployment"), deployment.arg(QStringLiteral("web")).arg(3).arg(QStringLiteral("400m"), QString()));
    editors::PlacementView *placement = window.placementView();
    placement->simulateNow();
    auto *reset = placement->findChild<QToolButton *>(QStringLiteral("whatIfReset"));
    auto *undo = placement->findChild<QToolButton *>(QStringLiteral("whatIfUndo"));
    auto *redo = placement->findChild<QToolButton *>(QStringLiteral("whatIfRedo"));
    QVERIFY(!reset->isEnabled() && !undo->isEnabled() && !redo->isEnabled());
    placement->failZone(QStringLiteral("zone-c"));
    placement->setCordoned(placement->nodes().front().name, true);
    placement->waitForSimulation();
    QVERIFY(reset->isEnabled() && undo->isEnabled());
    reset->click(); // one step, undoable
    placement->waitForSimulation();
    QVERIFY(placement->scenario().isAsDesigned());
    QVERIFY(!reset->isEnabled());
    QCOMPARE(placement->whatIfStack()->count(), 3);
    undo->click();
    placement->waitForSimulation();
    QCOMPARE(placement->scenario().action, editors::WhatIfScenario::Action::Cordon);
    undo->click();
    placement->waitForSimulation();
    QCOMPARE(placement->scenario().action, editors::WhatIfScenario::Action::FailZone);
    undo->click();
    QVERIFY(redo->isEnabled());
    redo->click();
    placement->waitForSimulation();
    QCOMPARE(placement->whatIfSummary().whatIf, QStringLiteral("Zone zone-c fails"));
    // A new design drops the what-ifs of the old one.
    window.newDesign();
    placement->waitForSimulation();
    QCOMPARE(placement->whatIfStack()->count(), 0);
    QVERIFY(placement->scenario().isAsDesigned());
}

// Capacity planning (sim/sched planCapacity, `kstudio schedule --plan-capacity`): 6 pods of
// 600m need 6 one-CPU nodes; after losing one of 3 zones, 9 (9 - 3 = 6 left).
void tst_PlacementWhatIf::capacityDialogPlansAndAppliesUndoably()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    addPool(window);
    apply(window, QStringLiteral("Deployment"), deployment.arg(QStringLiteral("web")).arg(6).arg(QStringLiteral("600m"), QString()));
    window.clusterPanel()->table()->setCurrentCell(0, 0);
    auto *button = window.clusterPanel()->findChild<QPushButton *>(QStringLiteral("planCapacity"));
    QVERIFY(button);
    button->click();
    auto *dialog = window.clusterPanel()->findChild<editors::CapacityDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->chosenPool(), 0);
    QCOMPARE(dialog->cpuField()->text(), QStringLiteral("1"));
    QCOMPARE(dialog->zonesField()->text(), QStringLiteral("zone-a, zone-b, zone-c"));
    QVERIFY(!dialog->applyButton()->isEnabled());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("capacityPlan")), Qt::LeftButton);
    dialog->waitForPlan();
    QCOMPARE(dialog->result().nodes, std::optional<int>(6));
    QCOMPARE(dialog->result().nodesZoneFailure, std::optional<int>(9));
    QVERIFY2(dialog->resultText().contains(QStringLiteral("Fewest nodes with nothing Pending: 6")), qPrintable(dialog->resultText()));
    QVERIFY2(dialog->resultText().contains(QStringLiteral("Fewest that survive the loss of any one zone: 9")), qPrintable(dialog->resultText()));
    QVERIFY(dialog->applyButton()->isEnabled());
    QCOMPARE(dialog->applyButton()->text(), QStringLiteral("Set pool pool to 6 nodes"));

    // Apply: one undoable edit of the pool's count; the Placement view follows.
    const int edits = window.undoStack()->count();
    QTest::mouseClick(dialog->applyZoneButton(), Qt::LeftButton);
    QCOMPARE(window.document().snapshot().nodePools().value(0).count, 9);
    QCOMPARE(window.undoStack()->count(), edits + 1);
    editors::PlacementView *placement = window.placementView();
    placement->simulateNow();
    QCOMPARE(int(placement->nodes().size()), 9);
    placement->failZone(QStringLiteral("zone-b"));
    placement->waitForSimulation();
    QVERIFY(placement->pending().isEmpty()); // survives, as planned
    window.undoStack()->undo();
    QCOMPARE(window.document().snapshot().nodePools().value(0).count, 3);

    // A shape edited by hand is a question only: nothing to apply it to.
    dialog->cpuField()->setText(QStringLiteral("2"));
    Q_EMIT dialog->cpuField()->textEdited(QStringLiteral("2"));
    QCOMPARE(dialog->chosenPool(), -1);
    QVERIFY(!dialog->applyButton()->isEnabled());
    dialog->plan();
    dialog->waitForPlan();
    QCOMPARE(dialog->result().nodes, std::optional<int>(2)); // three 600m pods fit a 2-CPU node
    QVERIFY(!dialog->applyButton()->isEnabled());
    QVERIFY(!dialog->apply(false));
    QCOMPARE(window.document().snapshot().nodePools().value(0).count, 3);
}

void tst_PlacementWhatIf::capacityDialogRefusesABadShape()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    addPool(window);
    editors::CapacityDialog dialog(&window.document(), window.undoStack());
    dialog.memoryField()->setText(QStringLiteral("lots"));
    dialog.plan();
    QVERIFY(!dialog.isPlanning());
    QVERIFY2(dialog.error().contains(QStringLiteral("lots")) || dialog.error().contains(QStringLiteral("memory")), qPrintable(dialog.error()));
    dialog.memoryField()->setText(QStringLiteral("16Gi"));
    dialog.podsField()->setText(QStringLiteral("0"));
    dialog.plan();
    QVERIFY(!dialog.isPlanning());
    QVERIFY(!dialog.error().isEmpty());
}

QTEST_MAIN(tst_PlacementWhatIf)
#include "tst_placement_whatif.moc"
