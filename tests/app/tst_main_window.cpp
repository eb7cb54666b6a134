// SPDX-License-Identifier: GPL-3.0-or-later
// The studio as a user drives it: drops from the palette, drags on the canvas, typing in the
// inspector and the YAML tab, undo/redo, save and reopen, importing a real application.
// Everything goes through the real widgets (QTest events on the canvas' viewport, the
// inspector's editors and buttons); assertions read the document.
#include <main_window.h>

#include <editors/canvas/canvas_items.h>
#include <editors/canvas/canvas_view.h>
#include <editors/canvas/design_scene.h>
#include <editors/commands/edit_command.h>
#include <editors/findings/findings_model.h>
#include <editors/inspector/inspector_widget.h>
#include <editors/simulation/cluster_panel.h>
#include <editors/simulation/placement_view.h>
#include <editors/simulation/reachability_view.h>
#include <model/core/auto_layout.h>
#include <model/io/manifest_reader.h>
#include <model/io/yaml_writer.h>
#include <model/kinds/views.h>

#include <support/test_support.h>

#include <QComboBox>
#include <QLabel>
#include <QTableView>
#include <QTableWidget>
#include <QCheckBox>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUndoStack>

using namespace kstudio;
using editors::ObjectItem;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void buildConnectEditUndoSaveReopen();
    void movingAnItemIntoAFrameChangesItsNamespace();
    void deleteWarnsAboutReferences();
    void collapseFrameAndUndo();
    void duplicateGetsAFreeName();
    void connectWorkloadToConfigMapAsVolume();
    void invalidYamlChangesNothing();
    void findSelectsMatches();
    void findingsFilterBySeverityAndText();
    void exportDiagram_data();
    void exportDiagram();
    void importCorpusAppLaidOutWithoutOverlaps_data();
    void importCorpusAppLaidOutWithoutOverlaps();
    void starterTemplatesOpen();
    void exportHelmAndKustomizeFromTheStudio();
    void networkPolicyRuleEditor();
    void nodePoolZoneSpreadAndZoneFailure();
    void singleNodesAndNodeManifests();
    void defaultDenyChangesMatrixAndHighlight();
    void autosaveIsRecoveredAfterACrash();

private:
    static QPoint viewPoint(app::MainWindow &window, const QPointF &scenePoint)
    {
        return window.canvas()->mapFromScene(scenePoint);
    }
    static void drop(app::MainWindow &window, const QString &kind, const QPointF &scenePoint);
    static void drag(app::MainWindow &window, const QPointF &from, const QPointF &to);
    static const model::Object *only(app::MainWindow &window, const QString &kind);
    static QString findingsText(app::MainWindow &window);
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("kstudio-tests"));
}

void tst_MainWindow::drop(app::MainWindow &window, const QString &kind, const QPointF &scenePoint)
{
    // What a drag from the palette delivers: the palette's own MIME data.
    editors::CanvasView *canvas = window.canvas();
    QMimeData mime;
    mime.setData(QString::fromLatin1(editors::kindMimeType), kind.toUtf8());
    const QPoint at = viewPoint(window, scenePoint);
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(canvas->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropEvent(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(canvas->viewport(), &dropEvent);
    QVERIFY(dropEvent.isAccepted());
}

void tst_MainWindow::drag(app::MainWindow &window, const QPointF &from, const QPointF &to)
{
    QWidget *viewport = window.canvas()->viewport();
    const QPoint a = viewPoint(window, from);
    const QPoint b = viewPoint(window, to);
    QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, a);
    // QTest::mouseMove carries no buttons; a drag needs the button held.
    for (int step = 1; step <= 5; ++step) {
        const QPoint p = a + (b - a) * step / 5;
        QMouseEvent move(QEvent::MouseMove, QPointF(p), viewport->mapToGlobal(QPointF(p)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &move);
    }
    QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, b);
}

const model::Object *tst_MainWindow::only(app::MainWindow &window, const QString &kind)
{
    const model::Object *found = nullptr;
    for (const auto &object : window.document().snapshot().objects()) {
        if (object->kind() == kind) {
            if (found)
                return nullptr;
            found = object.get();
        }
    }
    return found;
}

QString tst_MainWindow::findingsText(app::MainWindow &window)
{
    window.findings()->refresh();
    QStringList rules;
    for (const auto &finding : window.findings()->findings())
        rules.append(finding.rule);
    return rules.join(QLatin1Char(' '));
}

static QString designText(const model::Snapshot &snapshot)
{
    QString text;
    for (const auto &object : snapshot.objects())
        text += QString::fromStdString(model::writeYaml(object->body)) + QStringLiteral("---\n");
    return text;
}

void tst_MainWindow::buildConnectEditUndoSaveReopen()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.resize(1300, 850);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.newDesign();
    window.canvas()->setZoom(1.0);
    window.canvas()->centerOn(QPointF(300, 200));

    // A namespace frame, then a Deployment and a Service dropped into it.
    drop(window, QStringLiteral("Namespace"), QPointF(40, 40));
    const model::Object *ns = only(window, QStringLiteral("Namespace"));
    QVERIFY(ns);
    const QString nsName = ns->name();
    QVERIFY(window.scene()->frameFor(nsName));
    drop(window, QStringLiteral("Deployment"), QPointF(180, 140));
    drop(window, QStringLiteral("Service"), QPointF(400, 140));
    const model::Object *deployment = only(window, QStringLiteral("Deployment"));
    const model::Object *service = only(window, QStringLiteral("Service"));
    QVERIFY(deployment && service);
    QCOMPARE(deployment->effectiveNamespace(), nsName);
    QCOMPARE(service->effectiveNamespace(), nsName);
    const model::ObjectId deploymentId = deployment->id;
    const model::ObjectId serviceId = service->id;
    QVERIFY(findingsText(window).contains(QStringLiteral("service-selector-matches-nothing")));
    const QString startText = designText(window.document().snapshot());
    const int stepsToBuild = window.undoStack()->count();

    // Connect by dragging from the Service's handle onto the Deployment.
    ObjectItem *serviceItem = window.scene()->itemFor(serviceId);
    ObjectItem *deploymentItem = window.scene()->itemFor(deploymentId);
    QVERIFY(serviceItem && deploymentItem);
    drag(window, serviceItem->mapToScene(ObjectItem::connectHandle().center()),
         deploymentItem->mapToScene(deploymentItem->body().center()));
    const auto view = model::serviceView(*window.document().snapshot().object(serviceId));
    QVERIFY(view);
    QCOMPARE(view->selector, (model::Labels{{QStringLiteral("app"), QStringLiteral("deployment")}}));
    QVERIFY2(!findingsText(window).contains(QStringLiteral("service-selector-matches-nothing")),
             qPrintable(findingsText(window)));
    // The relation is drawn.
    bool drawn = false;
    for (editors::EdgeItem *edge : window.scene()->edges())
        drawn = drawn || (edge->relation().from == serviceId && edge->relation().to == deploymentId);
    QVERIFY(drawn);

    // A field in the inspector: select the Deployment by clicking it, type 3 replicas.
    window.scene()->clearSelection();
    QTest::mouseClick(window.canvas()->viewport(), Qt::LeftButton, Qt::NoModifier,
                      viewPoint(window, deploymentItem->mapToScene(QPointF(90, 30))));
    QCOMPARE(window.inspector()->object(), deploymentId);
    auto *replicas = qobject_cast<QSpinBox *>(window.inspector()->editorFor(QStringLiteral("replicas")));
    QVERIFY(replicas);
    replicas->setFocus();
    replicas->selectAll();
    QTest::keyClicks(replicas, QStringLiteral("3"));
    QTest::keyClick(replicas, Qt::Key_Return);
    QCOMPARE(model::replicaCount(*window.document().snapshot().object(deploymentId)), 3LL);

    // The YAML tab: change the image and apply.
    window.inspector()->tabs()->setCurrentIndex(1);
    QPlainTextEdit *yaml = window.inspector()->yamlEditor();
    QString text = yaml->toPlainText();
    QVERIFY(text.contains(QStringLiteral("image: nginx:1.27")));
    text.replace(QStringLiteral("image: nginx:1.27"), QStringLiteral("image: nginx:1.27.3"));
    yaml->setPlainText(text);
    QTest::mouseClick(window.inspector()->findChild<QPushButton *>(QStringLiteral("yamlApply")), Qt::LeftButton);
    QCOMPARE(model::containers(*window.document().snapshot().object(deploymentId)).value(0).image,
             QStringLiteral("nginx:1.27.3"));
    // The canvas shows it.
    QVERIFY(window.scene()->itemFor(deploymentId)->facts().contains(QStringLiteral("3 × nginx:1.27.3")));

    // Undo back to the design before connecting, redo to the end.
    const QString endText = designText(window.document().snapshot());
    const model::Layout endLayout = window.document().snapshot().layout();
    QUndoStack *undo = window.undoStack();
    while (undo->index() > stepsToBuild)
        undo->undo();
    QCOMPARE(designText(window.document().snapshot()), startText);
    QVERIFY(findingsText(window).contains(QStringLiteral("service-selector-matches-nothing")));
    while (undo->canUndo())
        undo->undo();
    QCOMPARE(window.document().snapshot().size(), 0);
    QVERIFY(window.scene()->items().isEmpty());
    while (undo->canRedo())
        undo->redo();
    QCOMPARE(designText(window.document().snapshot()), endText);
    QCOMPARE(window.document().snapshot().layout(), endLayout);

    // Save, reopen in a new window: the same design and layout.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("design.kstudio"));
    QVERIFY(window.saveTo(path));
    QVERIFY(undo->isClean());
    app::MainWindow reopened;
    reopened.setInteractive(false);
    QVERIFY(reopened.openPath(path));
    QCOMPARE(designText(reopened.document().snapshot()), endText);
    QCOMPARE(reopened.document().snapshot().layout().items, endLayout.items);
    QCOMPARE(reopened.document().snapshot().layout().frames, endLayout.frames);
    QCOMPARE(reopened.scene()->itemFor(deploymentId)->pos(), window.scene()->itemFor(deploymentId)->pos());
}

void tst_MainWindow::movingAnItemIntoAFrameChangesItsNamespace()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.resize(1300, 850);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.newDesign();
    window.canvas()->setZoom(1.0);
    window.canvas()->centerOn(QPointF(300, 200));
    drop(window, QStringLiteral("Namespace"), QPointF(0, 0));        // frame at (0,0) 420x260
    drop(window, QStringLiteral("ConfigMap"), QPointF(600, 300));     // outside: default
    const model::Object *configMap = only(window, QStringLiteral("ConfigMap"));
    QVERIFY(configMap);
    QCOMPARE(configMap->effectiveNamespace(), QStringLiteral("default"));
    const model::ObjectId id = configMap->id;
    const QString target = only(window, QStringLiteral("Namespace"))->name();
    ObjectItem *item = window.scene()->itemFor(id);
    drag(window, item->mapToScene(QPointF(90, 20)), QPointF(200, 150));
    QCOMPARE(window.document().snapshot().object(id)->effectiveNamespace(), target);
    // One step: the move and the namespace change undo together.
    window.undoStack()->undo();
    QCOMPARE(window.document().snapshot().object(id)->effectiveNamespace(), QStringLiteral("default"));
    QCOMPARE(window.scene()->itemFor(id)->pos(), QPointF(600 - model::layoutItemWidth / 2, 300 - model::layoutItemHeight / 2));

    // Moving the frame moves its members.
    window.undoStack()->redo();
    editors::FrameItem *frame = window.scene()->frameFor(target);
    const QPointF before = window.scene()->itemFor(id)->pos();
    drag(window, frame->mapToScene(QPointF(200, 10)), frame->mapToScene(QPointF(200, 10)) + QPointF(0, 300));
    QCOMPARE(window.scene()->itemFor(id)->pos(), before + QPointF(0, 300));
    QCOMPARE(window.document().snapshot().layout().items.value(id).position, before + QPointF(0, 300));
}

void tst_MainWindow::deleteWarnsAboutReferences()
{
    app::MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openPath(QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml")));
    const model::Object *configMap = only(window, QStringLiteral("ConfigMap"));
    QVERIFY(configMap);
    const model::ObjectId id = configMap->id;
    QString asked;
    window.scene()->setConfirm([&asked](const QString &question) {
        asked = question;
        return false;
    });
    window.scene()->selectIds({id});
    QVERIFY(!window.scene()->deleteSelection());
    QVERIFY(asked.contains(QStringLiteral("Deployment shop/api uses ConfigMap shop/api-config")));
    QVERIFY(window.document().snapshot().object(id));
    window.scene()->setConfirm([](const QString &) { return true; });
    QVERIFY(window.scene()->deleteSelection());
    QVERIFY(!window.document().snapshot().object(id));
    QVERIFY(findingsText(window).contains(QStringLiteral("configmap-reference-missing")));
    window.undoStack()->undo();
    QVERIFY(window.document().snapshot().object(id));
    QVERIFY(window.scene()->itemFor(id));
}

void tst_MainWindow::collapseFrameAndUndo()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.resize(1300, 850);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openPath(QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml")));
    editors::FrameItem *frame = window.scene()->frameFor(QStringLiteral("shop"));
    QVERIFY(frame);
    window.canvas()->setZoom(1.0);
    window.canvas()->centerOn(frame->mapToScene(frame->toggleRect().center()));
    QTest::mouseClick(window.canvas()->viewport(), Qt::LeftButton, Qt::NoModifier,
                      viewPoint(window, frame->mapToScene(frame->toggleRect().center())));
    QVERIFY(frame->isCollapsed());
    const model::Object *deployment = window.document().snapshot().find(QStringLiteral("Deployment"), QStringLiteral("shop"), QStringLiteral("api"));
    QVERIFY(!window.scene()->itemFor(deployment->id)->isVisible());
    QVERIFY(window.document().snapshot().layout().frames.value(QStringLiteral("shop")).collapsed);
    window.undoStack()->undo();
    QVERIFY(!frame->isCollapsed());
    QVERIFY(window.scene()->itemFor(deployment->id)->isVisible());
}

void tst_MainWindow::duplicateGetsAFreeName()
{
    app::MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openPath(QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml")));
    const model::Object *api = window.document().snapshot().find(QStringLiteral("Deployment"), QStringLiteral("shop"), QStringLiteral("api"));
    window.scene()->selectIds({api->id});
    const int before = window.document().snapshot().size();
    QVERIFY(window.scene()->duplicateSelection());
    QCOMPARE(window.document().snapshot().size(), before + 1);
    const model::Object *copy = window.document().snapshot().find(QStringLiteral("Deployment"), QStringLiteral("shop"), QStringLiteral("api-2"));
    QVERIFY(copy);
    QVERIFY(window.scene()->itemFor(copy->id));
    QCOMPARE(window.scene()->selectedIds(), QList<model::ObjectId>{copy->id});
    // A copy of the copy counts on from the base name: api-3, not api-2-2.
    QVERIFY(window.scene()->duplicateSelection());
    QVERIFY(window.document().snapshot().find(QStringLiteral("Deployment"), QStringLiteral("shop"), QStringLiteral("api-3")));
    window.undoStack()->undo();
    window.undoStack()->undo();
    QCOMPARE(window.document().snapshot().size(), before);
}

void tst_MainWindow::connectWorkloadToConfigMapAsVolume()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    QVERIFY(window.scene()->addObject(QStringLiteral("Deployment"), QPointF(0, 0)));
    QVERIFY(window.scene()->addObject(QStringLiteral("ConfigMap"), QPointF(400, 0)));
    const model::ObjectId deployment = only(window, QStringLiteral("Deployment"))->id;
    const model::ObjectId configMap = only(window, QStringLiteral("ConfigMap"))->id;
    QList<model::ConnectMode> offered;
    window.scene()->setModeChooser([&offered](const QList<model::ConnectMode> &modes) -> std::optional<model::ConnectMode> {
        offered = modes;
        return model::ConnectMode::Volume;
    });
    QVERIFY(window.scene()->connectObjects(configMap, deployment));
    QCOMPARE(offered, (QList<model::ConnectMode>{model::ConnectMode::EnvFrom, model::ConnectMode::Volume}));
    const model::PodReferences refs = model::podReferences(*window.document().snapshot().object(deployment));
    QCOMPARE(refs.configMaps, QStringList{QStringLiteral("configmap")});
    const model::Node *mount = window.document().snapshot().object(deployment)->body.at(
        model::FieldPath::parse("spec.template.spec.containers[0].volumeMounts[0].mountPath"));
    QVERIFY(mount);
    QCOMPARE(mount->qtext(), QStringLiteral("/etc/configmap"));
    // Kubernetes has no relation between two ConfigMaps: nothing happens, and the user is told.
    QVERIFY(window.scene()->addObject(QStringLiteral("ConfigMap"), QPointF(400, 200)));
    QSignalSpy told(window.scene(), &editors::DesignScene::message);
    const int steps = window.undoStack()->count();
    QVERIFY(!window.scene()->connectObjects(configMap, window.document().snapshot().find(QStringLiteral("ConfigMap"), QStringLiteral("default"), QStringLiteral("configmap-2"))->id));
    QCOMPARE(window.undoStack()->count(), steps);
    QCOMPARE(told.count(), 1);
}

void tst_MainWindow::invalidYamlChangesNothing()
{
    app::MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openPath(QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml")));
    const model::Object *api = window.document().snapshot().find(QStringLiteral("Deployment"), QStringLiteral("shop"), QStringLiteral("api"));
    const model::ObjectId id = api->id;
    const QString before = designText(window.document().snapshot());
    window.scene()->selectIds({id});
    QCOMPARE(window.inspector()->object(), id);
    window.inspector()->yamlEditor()->setPlainText(QStringLiteral("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [api\n"));
    QVERIFY(!window.inspector()->applyYaml());
    QVERIFY2(window.inspector()->yamlError().startsWith(QStringLiteral("Line ")), qPrintable(window.inspector()->yamlError()));
    QCOMPARE(designText(window.document().snapshot()), before);
    QCOMPARE(window.undoStack()->count(), 0);
    // A bad value in the form is refused in place too.
    window.inspector()->tabs()->setCurrentIndex(0);
    auto *ports = qobject_cast<QLineEdit *>(window.inspector()->editorFor(QStringLiteral("ports")));
    QVERIFY(ports);
    ports->setFocus();
    ports->selectAll();
    QTest::keyClicks(ports, QStringLiteral("80, 99999"));
    QTest::keyClick(ports, Qt::Key_Return);
    QCOMPARE(designText(window.document().snapshot()), before);
}

void tst_MainWindow::findSelectsMatches()
{
    app::MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openPath(QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml")));
    const int found = window.find(QStringLiteral("postgres"));
    QCOMPARE(found, window.scene()->selectedIds().size());
    QVERIFY(window.scene()->selectedIds().size() >= 3);
    QCOMPARE(window.find(QStringLiteral("NetworkPolicy")), 2);
    QCOMPARE(window.find(QStringLiteral("no-such-thing")), 0);
}

void tst_MainWindow::findingsFilterBySeverityAndText()
{
    app::MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openPath(QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml")));
    // Break a reference so that there is an error among the notes.
    const model::ObjectId apiId = window.document().snapshot().find(QStringLiteral("Deployment"), QStringLiteral("shop"), QStringLiteral("api"))->id;
    window.undoStack()->push(new editors::EditCommand(&window.document(), model::Edit(model::SetField{
        apiId, model::FieldPath::parse("spec.template.spec.serviceAccountName"), model::Node::string("nobody")})));
    window.findings()->refresh();
    const auto &all = window.findings()->findings();
    int errors = 0;
    int mentioningNobody = 0;
    for (const auto &finding : all) {
        errors += finding.severity == sim::validate::Severity::Error;
        mentioningNobody += finding.message.contains(QStringLiteral("nobody")) || finding.rule.contains(QStringLiteral("nobody"));
    }
    QVERIFY(errors >= 1);
    QVERIFY(all.size() > errors);
    QAbstractItemModel *shown = window.findingsView()->model();
    QCOMPARE(shown->rowCount(), int(all.size()));
    auto *severity = window.findChild<QComboBox *>(QStringLiteral("findingsSeverity"));
    QVERIFY(severity);
    severity->setCurrentIndex(2); // errors only
    QCOMPARE(shown->rowCount(), errors);
    severity->setCurrentIndex(0);
    auto *text = window.findChild<QLineEdit *>(QStringLiteral("findingsFilter"));
    QTest::keyClicks(text, QStringLiteral("nobody"));
    QCOMPARE(shown->rowCount(), mentioningNobody);
    QVERIFY(mentioningNobody >= 1);
    // Activating a filtered row still selects its object.
    QTest::mouseClick(window.findingsView()->viewport(), Qt::LeftButton, Qt::NoModifier,
                      window.findingsView()->visualRect(shown->index(0, 2)).center());
    QCOMPARE(window.inspector()->object(), apiId);
}

void tst_MainWindow::exportDiagram_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("magic");
    QTest::newRow("png") << QStringLiteral("png") << QByteArray("\x89PNG");
    QTest::newRow("svg") << QStringLiteral("svg") << QByteArray("<?xml");
    QTest::newRow("pdf") << QStringLiteral("pdf") << QByteArray("%PDF");
}

void tst_MainWindow::exportDiagram()
{
    QFETCH(QString, suffix);
    QFETCH(QByteArray, magic);
    app::MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openPath(QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml")));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("diagram.") + suffix);
    QVERIFY(window.exportDiagram(path));
    const QByteArray bytes = test::readAll(path);
    QVERIFY(bytes.startsWith(magic));
    QVERIFY(bytes.size() > 2000);
    if (suffix == QLatin1String("svg"))
        QVERIFY(bytes.contains("frontend"));
}

void tst_MainWindow::importCorpusAppLaidOutWithoutOverlaps_data()
{
    QTest::addColumn<QString>("app");
    // online-boutique is GoogleCloudPlatform/microservices-demo (../shared/corpus/SOURCES.md).
    QTest::newRow("microservices-demo") << QStringLiteral("online-boutique");
    QTest::newRow("bookinfo") << QStringLiteral("bookinfo");
    QTest::newRow("kube-prometheus") << QStringLiteral("kube-prometheus");
}

void tst_MainWindow::importCorpusAppLaidOutWithoutOverlaps()
{
    QFETCH(QString, app);
    if (!test::corpusPresent())
        QSKIP("skipped: ../shared/corpus not present");
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    QVERIFY(window.importPath(test::corpusDir() + QLatin1Char('/') + app));
    const model::Snapshot &snapshot = window.document().snapshot();
    QVERIFY(snapshot.size() > 10);
    QList<QRectF> rects;
    for (const auto &object : snapshot.objects()) {
        if (object->kind() == QLatin1String("Namespace"))
            continue;
        ObjectItem *item = window.scene()->itemFor(object->id);
        QVERIFY2(item, qPrintable(object->displayName()));
        QVERIFY(snapshot.layout().items.contains(object->id));
        rects.append(item->mapRectToScene(item->body()));
    }
    for (int i = 0; i < rects.size(); ++i) {
        for (int j = i + 1; j < rects.size(); ++j)
            QVERIFY2(!rects[i].intersects(rects[j]), qPrintable(QStringLiteral("items %1 and %2 overlap").arg(i).arg(j)));
    }
    // Frames don't overlap each other and hold their members.
    QList<editors::FrameItem *> frames;
    for (QGraphicsItem *item : window.scene()->items()) {
        if (item->type() == editors::FrameItem::Type)
            frames.append(static_cast<editors::FrameItem *>(item));
    }
    QVERIFY(!frames.isEmpty());
    for (int i = 0; i < frames.size(); ++i) {
        for (int j = i + 1; j < frames.size(); ++j)
            QVERIFY(!frames[i]->sceneBoundingRect().adjusted(1, 1, -1, -1).intersects(frames[j]->sceneBoundingRect().adjusted(1, 1, -1, -1)));
    }
    for (const auto &object : snapshot.objects()) {
        if (ObjectItem *item = window.scene()->itemFor(object->id)) {
            editors::FrameItem *frame = window.scene()->frameFor(object->effectiveNamespace());
            QVERIFY(frame);
            QVERIFY(frame->sceneBoundingRect().contains(item->mapRectToScene(item->body())));
        }
    }
    // Import is one undo step.
    QCOMPARE(window.undoStack()->count(), 1);
    window.undoStack()->undo();
    QCOMPARE(window.document().snapshot().size(), 0);
}

void tst_MainWindow::starterTemplatesOpen()
{
    const QStringList templates = app::MainWindow::starterTemplates();
    // Every starter project of resources/examples is offered (the resource list is generated).
    QCOMPARE(templates.size(), QDir(QStringLiteral(KS_SOURCE_DIR "/resources/examples")).entryList({QStringLiteral("*.kstudio")}, QDir::Files).size());
    QVERIFY(templates.size() >= 6);
    for (const QString &resource : templates) {
        app::MainWindow window;
        window.setInteractive(false);
        QVERIFY2(window.newFromTemplate(resource), qPrintable(resource));
        QVERIFY(window.document().snapshot().size() > 3);
        QVERIFY(window.undoStack()->isClean());
        // The lesson kept in the project is the design's notes, shown in the Notes dock; its
        // first line is the title the menu shows.
        const QString notes = window.document().snapshot().notes();
        QVERIFY2(notes.count(QLatin1Char('\n')) >= 4, qPrintable(resource));
        QVERIFY(!notes.startsWith(QLatin1String("Title:")));
        QCOMPARE(window.findChild<QPlainTextEdit *>(QStringLiteral("notesEditor"))->toPlainText(), notes);
        QVERIFY2(window.windowTitle().contains(notes.section(QLatin1Char('\n'), 0, 0)), qPrintable(window.windowTitle()));
        // The cluster is the project's node pools, not Node objects.
        QVERIFY2(!window.document().snapshot().nodePools().isEmpty(), qPrintable(resource));
        for (const auto &object : window.document().snapshot().objects())
            QVERIFY2(object->kind() != QLatin1String("Node"), qPrintable(resource));
        // ... on which the Placement dock places every pod.
        window.placementView()->simulateNow();
        QVERIFY2(window.placementView()->nodes().size() >= 3, qPrintable(resource));
        QVERIFY2(window.placementView()->pending().isEmpty(),
                 qPrintable(resource + QLatin1Char(' ') + window.placementView()->pending().keys().join(QLatin1Char(' '))));
    }
    // The same projects open as files (File > Open, or `kstudio FILE`), lesson in front.
    for (const QFileInfo &file : QDir(QStringLiteral(KS_SOURCE_DIR "/resources/examples")).entryInfoList({QStringLiteral("*.kstudio")}, QDir::Files)) {
        app::MainWindow window;
        window.setInteractive(false);
        QVERIFY2(window.openPath(file.filePath()), qPrintable(file.filePath()));
        QVERIFY(!window.document().snapshot().notes().isEmpty());
        QVERIFY(!window.document().snapshot().nodePools().isEmpty());
        QVERIFY(window.undoStack()->isClean());
    }
}

// The studio writes what `kstudio export --helm/--kustomize` writes (one engine); the real
// helm and kubectl checks of that output are tst_cli_helm's.
void tst_MainWindow::exportHelmAndKustomizeFromTheStudio()
{
    app::MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openPath(QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml")));
    QTemporaryDir dir;
    QString error;
    window.exportHelm(dir.filePath(QStringLiteral("chart")), QString(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const char *file : {"Chart.yaml", "values.yaml", "values.schema.json", "templates/_helpers.tpl", "templates/NOTES.txt"})
        QVERIFY2(QFileInfo::exists(dir.filePath(QStringLiteral("chart/") + QLatin1String(file))), file);
    QVERIFY(test::readAll(dir.filePath(QStringLiteral("chart/Chart.yaml"))).contains("name: shop"));
    window.exportKustomize(dir.filePath(QStringLiteral("kustomize")), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("kustomize/base/kustomization.yaml"))));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("kustomize/overlays/production/kustomization.yaml"))));
}

void tst_MainWindow::networkPolicyRuleEditor()
{
    app::MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openPath(QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml")));
    const model::ObjectId id = window.document().snapshot().find(QStringLiteral("NetworkPolicy"), QStringLiteral("shop"), QStringLiteral("postgres-from-api"))->id;
    window.scene()->selectIds({id});
    QTableWidget *rules = window.inspector()->ruleTable();
    QVERIFY(rules);
    QCOMPARE(rules->rowCount(), 1);
    QCOMPARE(rules->item(0, 1)->text(), QStringLiteral("pods app.kubernetes.io/name=api"));
    QCOMPARE(rules->item(0, 2)->text(), QStringLiteral("5432"));
    const auto field = [&window, id](const char *path) {
        const model::Node *node = window.document().snapshot().object(id)->body.at(model::FieldPath::parse(path));
        return node ? QString::fromStdString(model::writeYaml(*node)).trimmed() : QString();
    };

    // Type new peers in the cell: the api pods, or anything in the monitoring namespace.
    rules->item(0, 1)->setText(QStringLiteral("pods app.kubernetes.io/name=api; namespaces kubernetes.io/metadata.name=monitoring"));
    QCOMPARE(field("spec.ingress[0].from[1].namespaceSelector.matchLabels[\"kubernetes.io/metadata.name\"]"), QStringLiteral("monitoring"));
    QCOMPARE(field("spec.ingress[0].ports[0].port"), QStringLiteral("5432")); // the rest of the rule is kept
    // A mistake is shown and changes nothing.
    const int steps = window.undoStack()->count();
    rules->item(0, 2)->setText(QStringLiteral("5432-80"));
    QCOMPARE(window.undoStack()->count(), steps);
    QCOMPARE(field("spec.ingress[0].ports[0].port"), QStringLiteral("5432"));

    // Add an egress rule: Egress joins policyTypes in the same step.
    window.inspector()->addRule(QStringLiteral("Egress"));
    const auto types = [&window, id] {
        QStringList out;
        for (const model::Node &type : window.document().snapshot().object(id)->body.at(model::FieldPath::parse("spec.policyTypes"))->children())
            out.append(type.qtext());
        return out;
    };
    QCOMPARE(types(), (QStringList{QStringLiteral("Ingress"), QStringLiteral("Egress")}));
    QCOMPARE(rules->rowCount(), 2);
    QVERIFY(window.inspector()->findChild<QCheckBox *>(QStringLiteral("policyTypeEgress"))->isChecked());
    window.undoStack()->undo();
    QCOMPARE(rules->rowCount(), 1);
    QCOMPARE(types(), QStringList{QStringLiteral("Ingress")});
    window.inspector()->removeRule(0);
    // No rules left: with policyTypes [Ingress] that denies all ingress, as written.
    QCOMPARE(field("spec.ingress"), QStringLiteral("[]"));
    QCOMPARE(rules->rowCount(), 0);
}

// Pod Topology Spread: https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
// (maxSkew 1 over topology.kubernetes.io/zone, DoNotSchedule): 6 replicas on 3 zones go 2-2-2.
void tst_MainWindow::nodePoolZoneSpreadAndZoneFailure()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    // A pool of 3 nodes over 3 zones, 1 CPU each, typed into the Cluster panel.
    window.clusterPanel()->addPool();
    QTableWidget *pools = window.clusterPanel()->table();
    QCOMPARE(pools->rowCount(), 1);
    pools->item(0, editors::ClusterPanel::CpuColumn)->setText(QStringLiteral("1"));
    QCOMPARE(window.document().snapshot().nodePools().value(0).cpu, QStringLiteral("1"));
    QCOMPARE(window.document().snapshot().nodePools().value(0).zones.size(), 3);
    // A bad value is refused in place.
    pools->item(0, editors::ClusterPanel::MemoryColumn)->setText(QStringLiteral("lots"));
    QCOMPARE(window.document().snapshot().nodePools().value(0).memory, QStringLiteral("16Gi"));
    pools->item(0, editors::ClusterPanel::MemoryColumn)->setText(QStringLiteral("16Gi"));

    // A 6-replica Deployment spread over zones, 400m CPU per pod: two fit on a node, three don't.
    QVERIFY(window.scene()->addObject(QStringLiteral("Deployment"), QPointF(0, 0)));
    window.inspector()->yamlEditor()->setPlainText(QStringLiteral(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: default}\nspec:\n  replicas: 6\n"
        "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n"
        "      topologySpreadConstraints:\n      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}\n"
        "      containers:\n      - {name: web, image: nginx:1.27, resources: {requests: {cpu: 400m, memory: 64Mi}}}\n"));
    QVERIFY2(window.inspector()->applyYaml(), qPrintable(window.inspector()->yamlError()));
    editors::PlacementView *placement = window.placementView();
    placement->simulateNow();
    QCOMPARE(int(placement->nodes().size()), 3);
    QMap<QString, int> perZone;
    for (const editors::PlacedNode &node : placement->nodes())
        perZone[node.zone] += int(node.pods.size());
    QCOMPARE(perZone, (QMap<QString, int>{{QStringLiteral("zone-a"), 2}, {QStringLiteral("zone-b"), 2}, {QStringLiteral("zone-c"), 2}}));
    QVERIFY(placement->pending().isEmpty());

    // Zone a fails: its two pods need room the other nodes don't have.
    placement->failZone(QStringLiteral("zone-a"));
    placement->waitForSimulation();
    QCOMPARE(placement->pending().size(), 2);
    for (const QString &reason : placement->pending())
        QVERIFY2(reason.contains(QStringLiteral("Insufficient cpu")), qPrintable(reason));
    QVERIFY(placement->summary().contains(QStringLiteral("2 Pending")));
    bool lostShown = false;
    for (const editors::PlacedNode &node : placement->nodes())
        lostShown = lostShown || (node.zone == QLatin1String("zone-a") && node.lost && node.pods.isEmpty());
    QVERIFY(lostShown);
    // The what-if is a question, not an edit: the design is unchanged, and its undo stack is not involved.
    const int edits = window.undoStack()->count();
    placement->resetWhatIfs();
    placement->waitForSimulation();
    QCOMPARE(window.undoStack()->count(), edits);
    QVERIFY(placement->pending().isEmpty());
    // The design's edits re-simulate: at 7 replicas with room for 6 (2 per 1-CPU node), one is Pending.
    window.undoStack()->push(new editors::EditCommand(&window.document(), model::Edit(model::SetField{
        window.inspector()->object(), model::FieldPath::parse("spec.replicas"), model::Node::integer(7)})));
    QSignalSpy simulated(placement, &editors::PlacementView::simulated);
    QVERIFY(simulated.wait(3000));
    QCOMPARE(placement->pending().size(), 1);
}

// https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic
void tst_MainWindow::defaultDenyChangesMatrixAndHighlight()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    QVERIFY(window.scene()->addObject(QStringLiteral("Deployment"), QPointF(0, 0)));
    QVERIFY(window.scene()->addObject(QStringLiteral("Deployment"), QPointF(300, 0)));
    const model::ObjectId a = window.document().snapshot().find(QStringLiteral("Deployment"), QStringLiteral("default"), QStringLiteral("deployment"))->id;
    const model::ObjectId b = window.document().snapshot().find(QStringLiteral("Deployment"), QStringLiteral("default"), QStringLiteral("deployment-2"))->id;
    editors::ReachabilityView *reach = window.reachabilityView();
    reach->recompute();
    QCOMPARE(reach->cell(QStringLiteral("default/deployment"), QStringLiteral("default/deployment-2")), QStringLiteral("TCP 80"));
    window.scene()->selectIds({a});
    QCOMPARE(window.scene()->itemFor(b)->highlight(), int(ObjectItem::ReachedFromSelection | ObjectItem::ReachesSelection));

    // Add a NetworkPolicy from the palette and make it the namespace's default deny.
    QVERIFY(window.scene()->addObject(QStringLiteral("NetworkPolicy"), QPointF(0, 200)));
    window.inspector()->yamlEditor()->setPlainText(QStringLiteral(
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny, namespace: default}\n"
        "spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n"));
    QVERIFY2(window.inspector()->applyYaml(), qPrintable(window.inspector()->yamlError()));
    QSignalSpy recomputed(reach, &editors::ReachabilityView::recomputed);
    QVERIFY(recomputed.wait(3000));
    QCOMPARE(reach->cell(QStringLiteral("default/deployment"), QStringLiteral("default/deployment-2")), QStringLiteral("none"));
    QVERIFY(reach->explain(QStringLiteral("default/deployment"), QStringLiteral("default/deployment-2")).contains(QStringLiteral("default-deny")));
    window.scene()->selectIds({a});
    QCOMPARE(window.scene()->itemFor(b)->highlight(), int(ObjectItem::NoHighlight));
    // The matrix shows it in red.
    QTableWidget *matrix = reach->matrix();
    QVERIFY(matrix->rowCount() >= 2);
    QCOMPARE(matrix->item(0, 1)->text(), QStringLiteral("none"));
}

// A session that ends without saving leaves its autosave behind; the next start offers it.
void tst_MainWindow::autosaveIsRecoveredAfterACrash()
{
    QString expected;
    {
        app::MainWindow crashed;
        crashed.setInteractive(false);
        QVERIFY(crashed.openPath(QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml")));
        QVERIFY(!crashed.autosaveNow()); // nothing unsaved yet: nothing written
        QVERIFY(crashed.scene()->addObject(QStringLiteral("ConfigMap"), QPointF(900, 900)));
        QVERIFY(crashed.autosaveNow());
        QVERIFY(QFileInfo::exists(crashed.autosavePath()));
        expected = designText(crashed.document().snapshot());
        // A crash: the file stays (a clean close removes it; the destructor alone does not).
    }
    app::MainWindow next;
    next.setInteractive(false);
    next.offerRecovery();
    QCOMPARE(designText(next.document().snapshot()), expected);
    QVERIFY(!next.undoStack()->isClean()); // recovered work is unsaved work
    // Offered once: the autosave is consumed.
    app::MainWindow third;
    third.setInteractive(false);
    third.offerRecovery();
    QCOMPARE(third.document().snapshot().size(), 0);
}

// The Cluster panel's single nodes (pools of one) and its Node manifests: the file holds the
// nodes the scheduler places pods on (same names, zones, taints, allocatable), and reading it
// back as Node objects gives the same placement as the pools did.
void tst_MainWindow::singleNodesAndNodeManifests()
{
    app::MainWindow window;
    window.setInteractive(false);
    window.newDesign();
    editors::ClusterPanel *panel = window.clusterPanel();
    panel->addPool(); // pool: 3 nodes over zone-a, zone-b, zone-c
    panel->table()->item(0, editors::ClusterPanel::TaintsColumn)->setText(QStringLiteral("dedicated=web:NoSchedule"));
    panel->table()->setCurrentCell(0, 0);
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("addNode")), Qt::LeftButton);
    QCOMPARE(window.document().snapshot().nodePools().size(), 2);
    const model::NodePool single = window.document().snapshot().nodePools().at(1);
    QCOMPARE(single.name, QStringLiteral("node"));
    QCOMPARE(single.count, 1);
    QCOMPARE(single.zones, QList<QString>{QStringLiteral("zone-a")});
    QCOMPARE(single.taints, QList<QString>{QStringLiteral("dedicated=web:NoSchedule")});
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("addNode")), Qt::LeftButton);
    QCOMPARE(window.document().snapshot().nodePools().at(2).name, QStringLiteral("node2"));
    window.undoStack()->undo(); // a single node goes as it came: one undo step
    QCOMPARE(window.document().snapshot().nodePools().size(), 2);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nodes.yaml"));
    QCOMPARE(panel->exportNodeManifests(path), QString());
    const model::LoadResult read = model::loadPaths({path});
    QVERIFY(read.diagnostics.isEmpty());
    QCOMPARE(read.objects.size(), std::size_t(4));
    QStringList names;
    for (const model::Object &object : read.objects) {
        QCOMPARE(object.kind(), QStringLiteral("Node"));
        const std::optional<model::NodeView> view = model::nodeView(object);
        QVERIFY(view);
        names << view->name;
        QCOMPARE(view->allocatable.value(QStringLiteral("cpu")), QStringLiteral("4"));
        QCOMPARE(view->allocatable.value(QStringLiteral("pods")), QStringLiteral("110"));
        QCOMPARE(view->taints.size(), 1);
        QCOMPARE(view->taints.front().effect, QStringLiteral("NoSchedule"));
        QCOMPARE(view->labels.value(QStringLiteral("kubernetes.io/hostname")), view->name);
    }
    QCOMPARE(names, (QStringList{QStringLiteral("pool-zone-a-0"), QStringLiteral("pool-zone-b-0"),
                                 QStringLiteral("pool-zone-c-0"), QStringLiteral("node-zone-a-0")}));
    // The placement view shows the same nodes.
    editors::PlacementView *placement = window.placementView();
    placement->simulateNow();
    QStringList placed;
    for (const editors::PlacedNode &node : placement->nodes())
        placed << node.name;
    placed.sort();
    names.sort();
    QCOMPARE(placed, names);
    // An unwritable path is an error naming it, not a crash.
    const QString bad = dir.filePath(QStringLiteral("missing/dir/nodes.yaml"));
    QVERIFY(panel->exportNodeManifests(bad).contains(bad));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_main_window.moc"
