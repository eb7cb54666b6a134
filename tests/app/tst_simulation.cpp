// SPDX-License-Identifier: GPL-3.0-or-later
// The studio's simulation docks as a user drives them: clicks on the Placement canvas' pod chips
// and node cards, what-ifs chosen in the view, path queries typed into the Reachability dock.
// Assertions read what the widgets show.
#include <main_window.h>

#include <editors/canvas/canvas_items.h>
#include <editors/canvas/design_scene.h>
#include <editors/inspector/inspector_widget.h>
#include <editors/simulation/cluster_panel.h>
#include <editors/simulation/placement_view.h>
#include <editors/simulation/reachability_view.h>

#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

using namespace kstudio;
using editors::ObjectItem;

class tst_Simulation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void podChipExplainsEveryNode();
    void nodeCardShowsPodsTaintsLabels();
    void zoneFailureSummaryMovesPendingAndServicesDown();
    void pathQueryListsConnectionsAndHighlights();

private:
    // A pool of 3 nodes, one per zone (zone-a, zone-b, zone-c), 1 CPU each, typed into the Cluster panel.
    static void addPool(app::MainWindow &window);
    static void apply(app::MainWindow &window, const QString &kind, const QString &yaml);
};

void tst_Simulation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("kstudio-tests"));
}

void tst_Simulation::addPool(app::MainWindow &window)
{
    window.clusterPanel()->addPool();
    QTableWidget *pools = window.clusterPanel()->table();
    QCOMPARE(pools->rowCount(), 1);
    pools->item(0, editors::ClusterPanel::CpuColumn)->setText(QStringLiteral("1"));
    QCOMPARE(window.document().snapshot().nodePools().value(0).zones.size(), 3);
}

void tst_Simulation::apply(app::MainWindow &window, const QString &kind, const QString &yaml)
{
    static int at = 0;
    QVERIFY(window.scene()->addObject(kind, QPointF(300 * (at++ % 4), 0)));
    window.inspector()->yamlEditor()->setPlainText(yaml);
    QVERIFY2(window.inspector()->applyYaml(), qPrintable(window.inspector()->yamlError()));
}

static const QString webDeployment = QStringLiteral(
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: default}\nspec:\n  replicas: %1\n"
    "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n%2"
    "      containers:\n      - {name: web, image: nginx:1.27, resources: {requests: {cpu: %3, memory: 64Mi}}}\n");

// kube-scheduler's per-node answer for one pod, as `kstudio schedule --explain` gives it
// (pkg/scheduler/schedule_one.go findNodesThatFitPod / prioritizeNodes): a 600m pod fits one per
// 1-CPU node, so for the second replica the first one's node is filtered out by
// NodeResourcesFit (https://kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler/#kube-scheduler-implementation).
void tst_Simulation::podChipExplainsEveryNode()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    addPool(window);
    apply(window, QStringLiteral("Deployment"), webDeployment.arg(2).arg(QString(), QStringLiteral("600m")));
    editors::PlacementView *placement = window.placementView();
    placement->simulateNow();
    QCOMPARE(int(placement->nodes().size()), 3);
    QVERIFY(placement->details().isEmpty());

    QString firstNode;
    QString secondNode;
    for (const editors::PlacedNode &node : placement->nodes()) {
        if (node.pods.contains(QStringLiteral("default/web-0")))
            firstNode = node.name;
        if (node.pods.contains(QStringLiteral("default/web-1")))
            secondNode = node.name;
    }
    QVERIFY(!firstNode.isEmpty() && !secondNode.isEmpty() && firstNode != secondNode);

    // Click the chip of web-1.
    const QRect chip = placement->chipRect(QStringLiteral("default/web-1"));
    QVERIFY(chip.isValid());
    QTest::mouseClick(placement->canvas(), Qt::LeftButton, Qt::NoModifier, chip.center());
    QCOMPARE(placement->selectedPod(), QStringLiteral("default/web-1"));
    placement->waitForSimulation(); // the explanation comes from a run on the worker
    const QString details = placement->details();
    QVERIFY2(details.contains(QStringLiteral("Scheduled on ") + secondNode), qPrintable(details));
    for (const editors::PlacedNode &node : placement->nodes())
        QVERIFY2(details.contains(node.name), qPrintable(node.name));
    // Why not there: web-0's node has no room left.
    const qsizetype firstAt = details.indexOf(QLatin1Char(' ') + firstNode + QStringLiteral(" — "));
    QVERIFY2(firstAt >= 0, qPrintable(details));
    const QString firstBlock = details.mid(firstAt, details.indexOf(QStringLiteral("\n\n"), firstAt) - firstAt);
    QVERIFY2(firstBlock.contains(QStringLiteral("filtered out")), qPrintable(firstBlock));
    QVERIFY2(firstBlock.contains(QStringLiteral("filter NodeResourcesFit: ")) && firstBlock.contains(QStringLiteral("Insufficient cpu")),
             qPrintable(firstBlock));
    // Why here: the chosen node passed every filter and has weighted scores.
    QVERIFY2(details.contains(QStringLiteral("▶ ") + secondNode + QStringLiteral(" — feasible, score ")), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("score  NodeResourcesBalancedAllocation: ")), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("filter TaintToleration: passed")), qPrintable(details));

    // A Pending pod, picked in the Pending list: every node says why not.
    apply(window, QStringLiteral("Deployment"),
          QString(webDeployment).replace(QStringLiteral("web"), QStringLiteral("big")).arg(4).arg(QString(), QStringLiteral("600m")));
    placement->simulateNow();
    auto *pendingList = placement->findChild<QListWidget *>(QStringLiteral("pendingPods"));
    QVERIFY(pendingList->count() >= 1);
    pendingList->setCurrentRow(0);
    placement->waitForSimulation();
    const QString pendingPod = pendingList->item(0)->data(Qt::UserRole).toString();
    QCOMPARE(placement->selectedPod(), pendingPod);
    const QString why = placement->details();
    QVERIFY2(why.contains(QStringLiteral("Pending: 0/3 nodes are available")), qPrintable(why));
    QVERIFY2(!why.contains(QStringLiteral("feasible, score")), qPrintable(why));
    QCOMPARE(why.count(QStringLiteral("filtered out")), 3);
}

// Node details: https://kubernetes.io/docs/concepts/architecture/nodes/#capacity (allocatable),
// https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
void tst_Simulation::nodeCardShowsPodsTaintsLabels()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    addPool(window);
    window.clusterPanel()->table()->item(0, editors::ClusterPanel::TaintsColumn)->setText(QStringLiteral("dedicated=web:NoSchedule"));
    apply(window, QStringLiteral("Deployment"),
          webDeployment.arg(3).arg(QStringLiteral("      tolerations: [{key: dedicated, operator: Equal, value: web, effect: NoSchedule}]\n"),
                                   QStringLiteral("100m")));
    editors::PlacementView *placement = window.placementView();
    placement->simulateNow();
    const editors::PlacedNode node = placement->nodes().front();
    QVERIFY(!node.pods.isEmpty());
    const QRect card = placement->cardRect(node.name);
    QVERIFY(card.isValid());
    // On the card but off its chips: its title.
    QTest::mouseClick(placement->canvas(), Qt::LeftButton, Qt::NoModifier, card.topLeft() + QPoint(20, 10));
    QCOMPARE(placement->selectedNode(), node.name);
    QVERIFY(placement->selectedPod().isEmpty());
    const QString details = placement->details();
    QVERIFY2(details.contains(QStringLiteral("Node ") + node.name), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("Allocatable: cpu 1, memory 16Gi, pods 110")), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("dedicated=web:NoSchedule")), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("topology.kubernetes.io/zone=") + node.zone), qPrintable(details));
    for (const QString &pod : node.pods)
        QVERIFY2(details.contains(QStringLiteral("  ") + pod), qPrintable(pod));
    // Not the other nodes' pods.
    for (const editors::PlacedNode &other : placement->nodes()) {
        if (other.name == node.name)
            continue;
        for (const QString &pod : other.pods)
            QVERIFY2(!details.contains(pod), qPrintable(pod));
    }
    // Clicking between the cards clears the selection.
    QTest::mouseClick(placement->canvas(), Qt::LeftButton, Qt::NoModifier, QPoint(2, 2));
    QVERIFY(placement->selectedNode().isEmpty());
    QVERIFY(placement->details().isEmpty());
}

// A Service's endpoints are its selected Running pods
// (https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/): when a zone fails,
// web (pinned to zone-a by nodeSelector) has nowhere to go and its Service loses every endpoint;
// api moves to the other zones and its Service keeps endpoints; a Service selecting nothing had
// no endpoint to lose.
void tst_Simulation::zoneFailureSummaryMovesPendingAndServicesDown()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    addPool(window);
    apply(window, QStringLiteral("Deployment"),
          webDeployment.arg(2).arg(QStringLiteral("      nodeSelector: {topology.kubernetes.io/zone: zone-a}\n"), QStringLiteral("100m")));
    apply(window, QStringLiteral("Deployment"),
          QString(webDeployment).replace(QStringLiteral("web"), QStringLiteral("api")).arg(3).arg(QString(), QStringLiteral("100m")));
    const QString service = QStringLiteral("apiVersion: v1\nkind: Service\nmetadata: {name: %1, namespace: default}\n"
                                           "spec:\n  selector: {app: %2}\n  ports: [{port: 80}]\n");
    apply(window, QStringLiteral("Service"), service.arg(QStringLiteral("web"), QStringLiteral("web")));
    apply(window, QStringLiteral("Service"), service.arg(QStringLiteral("api"), QStringLiteral("api")));
    apply(window, QStringLiteral("Service"), service.arg(QStringLiteral("ghost"), QStringLiteral("ghost")));
    editors::PlacementView *placement = window.placementView();
    placement->simulateNow();
    QVERIFY(placement->pending().isEmpty());
    QVERIFY(placement->whatIfSummary().moved.empty());

    // Choose "Zone zone-a fails" in the view's what-if box.
    auto *whatIf = placement->findChild<QComboBox *>(QStringLiteral("whatIf"));
    const int index = whatIf->findData(QStringLiteral("zone:zone-a"));
    QVERIFY(index > 0);
    whatIf->setCurrentIndex(index);
    Q_EMIT whatIf->activated(index);
    placement->waitForSimulation();
    const editors::WhatIfSummary &summary = placement->whatIfSummary();
    QCOMPARE(summary.servicesDown, QStringList{QStringLiteral("default/web")});
    QCOMPARE(summary.pending, (QStringList{QStringLiteral("default/web-0"), QStringLiteral("default/web-1")}));
    int apiMoved = 0;
    for (const editors::WhatIfSummary::Moved &move : summary.moved) {
        QVERIFY(move.from.contains(QStringLiteral("zone-a")));
        if (move.pod.startsWith(QLatin1String("default/api-"))) {
            ++apiMoved;
            QVERIFY2(!move.to.isEmpty() && !move.to.contains(QStringLiteral("zone-a")), qPrintable(move.to));
        } else {
            QVERIFY(move.to.isEmpty());
        }
    }
    QCOMPARE(apiMoved, 1);
    QCOMPARE(int(summary.moved.size()), 3);
    const QString shown = placement->findChild<QPlainTextEdit *>(QStringLiteral("whatIfSummary"))->toPlainText();
    QVERIFY2(shown.startsWith(QStringLiteral("What if: Zone zone-a fails\n")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("Services that lost all endpoints (1):\n  default/web")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("→ Pending")), qPrintable(shown));

    // Back to the design as it is: nothing moved, no Service down.
    whatIf->setCurrentIndex(0);
    Q_EMIT whatIf->activated(0);
    placement->waitForSimulation();
    QVERIFY(placement->whatIfSummary().servicesDown.isEmpty());
    QVERIFY(placement->whatIfSummary().moved.empty());
    QVERIFY(placement->findChild<QPlainTextEdit *>(QStringLiteral("whatIfSummary"))->toPlainText().isEmpty());
}

// https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource:
// db admits ingress from app=web on TCP 5432 only; the path query names the policy that decides.
void tst_Simulation::pathQueryListsConnectionsAndHighlights()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    const QString deployment = QStringLiteral(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: %1, namespace: default}\nspec:\n  replicas: 2\n"
        "  selector: {matchLabels: {app: %1}}\n  template:\n    metadata: {labels: {app: %1}}\n    spec:\n"
        "      containers:\n      - {name: c, image: nginx:1.27, ports: [{containerPort: %2}]}\n");
    apply(window, QStringLiteral("Deployment"), deployment.arg(QStringLiteral("web")).arg(80));
    apply(window, QStringLiteral("Deployment"), deployment.arg(QStringLiteral("db")).arg(5432));
    apply(window, QStringLiteral("Deployment"), deployment.arg(QStringLiteral("other")).arg(8080));
    apply(window, QStringLiteral("Service"), QStringLiteral("apiVersion: v1\nkind: Service\nmetadata: {name: db-svc, namespace: default}\n"
                                                            "spec:\n  selector: {app: db}\n  ports: [{port: 5432}]\n"));
    apply(window, QStringLiteral("NetworkPolicy"),
          QStringLiteral("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db-from-web, namespace: default}\n"
                         "spec:\n  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Ingress]\n"
                         "  ingress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: 5432}]\n"));
    window.scene()->selectIds({});
    const model::Snapshot &snapshot = window.document().snapshot();
    const model::ObjectId web = snapshot.find(QStringLiteral("Deployment"), QStringLiteral("default"), QStringLiteral("web"))->id;
    const model::ObjectId db = snapshot.find(QStringLiteral("Deployment"), QStringLiteral("default"), QStringLiteral("db"))->id;
    const model::ObjectId other = snapshot.find(QStringLiteral("Deployment"), QStringLiteral("default"), QStringLiteral("other"))->id;
    const model::ObjectId dbService = snapshot.find(QStringLiteral("Service"), QStringLiteral("default"), QStringLiteral("db-svc"))->id;
    editors::ReachabilityView *reach = window.reachabilityView();
    reach->recompute();

    // Typed into the dock's fields, run with the Query button.
    auto *from = reach->findChild<QLineEdit *>(QStringLiteral("reachFrom"));
    auto *to = reach->findChild<QLineEdit *>(QStringLiteral("reachTo"));
    auto *port = reach->findChild<QLineEdit *>(QStringLiteral("reachPort"));
    auto *run = reach->findChild<QPushButton *>(QStringLiteral("reachQuery"));
    QVERIFY(from && to && port && run);
    QTest::keyClicks(from, QStringLiteral("default/web"));
    QTest::keyClicks(to, QStringLiteral("default/db"));
    QTest::keyClicks(port, QStringLiteral("5432"));
    QTest::mouseClick(run, Qt::LeftButton);
    QString result = reach->pathResult();
    // 2 web pods x 2 db pods, all allowed by db-from-web.
    QVERIFY2(result.contains(QStringLiteral("4 connection(s), 4 allowed")), qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("allowed default/web-0 -> default/db-0 5432/TCP: ")), qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("db-from-web")), qPrintable(result));
    QCOMPARE(window.scene()->itemFor(web)->highlight(), int(ObjectItem::ReachesSelection));
    QCOMPARE(window.scene()->itemFor(db)->highlight(), int(ObjectItem::ReachedFromSelection));
    QCOMPARE(window.scene()->itemFor(other)->highlight(), int(ObjectItem::NoHighlight));

    // From other, port 5432: denied, and the deciding policy is named.
    from->clear();
    QTest::keyClicks(from, QStringLiteral("default/other"));
    QTest::keyClick(from, Qt::Key_Return);
    result = reach->pathResult();
    QVERIFY2(result.contains(QStringLiteral("4 connection(s), 0 allowed")), qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("denied default/other-0 -> default/db-0 5432/TCP: ")), qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("db-from-web")), qPrintable(result));
    QCOMPARE(window.scene()->itemFor(other)->highlight(), int(ObjectItem::ReachesSelection));
    QCOMPARE(window.scene()->itemFor(web)->highlight(), int(ObjectItem::NoHighlight));

    // To the Service: through it to its backends; the Service is highlighted with them.
    from->setText(QStringLiteral("default/web"));
    to->setText(QStringLiteral("default/db-svc"));
    port->clear();
    QTest::mouseClick(run, Qt::LeftButton);
    result = reach->pathResult();
    QVERIFY2(result.contains(QStringLiteral(" via Service default/db-svc:5432: ")), qPrintable(result));
    QVERIFY(reach->pathDestinations().contains(db));
    QVERIFY(reach->pathDestinations().contains(dbService));
    QCOMPARE(window.scene()->itemFor(dbService)->highlight(), int(ObjectItem::ReachedFromSelection));
    QCOMPARE(window.scene()->itemFor(other)->highlight(), int(ObjectItem::NoHighlight));

    // A bad port is a clear error and highlights nothing.
    port->setText(QStringLiteral("http"));
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY2(reach->pathResult().startsWith(QStringLiteral("port: http is not a port")), qPrintable(reach->pathResult()));
    QVERIFY(reach->pathSources().isEmpty() && reach->pathDestinations().isEmpty());
    QCOMPARE(window.scene()->itemFor(web)->highlight(), int(ObjectItem::NoHighlight));
    QCOMPARE(window.scene()->itemFor(dbService)->highlight(), int(ObjectItem::NoHighlight));
}

QTEST_MAIN(tst_Simulation)
#include "tst_simulation.moc"
