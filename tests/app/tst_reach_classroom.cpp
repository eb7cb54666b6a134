// SPDX-License-Identifier: GPL-3.0-or-later
// The Reachability dock's matrix, the canvas overlays (a path query drawn through Ingress and
// Service, the internet exposure) and classroom mode, driven through the real widgets: cells
// and headers clicked, fields typed into, actions triggered. Assertions read what the widgets
// and the canvas show.
// Semantics: https://kubernetes.io/docs/concepts/services-networking/network-policies/ and
// https://kubernetes.io/docs/concepts/scheduling-eviction/scheduling-framework/.
#include <main_window.h>

#include <editors/canvas/canvas_items.h>
#include <editors/canvas/design_scene.h>
#include <editors/classroom/classroom_view.h>
#include <editors/simulation/reach_overlay.h>
#include <editors/simulation/reachability_view.h>

#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace kstudio;
using editors::ReachOverlay;

class tst_ReachClassroom : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matrixCellExplainsPoliciesAndRules();
    void matrixGroupsByNamespaceAndFiltersPorts();
    void pathIsDrawnWithTheDecidingPolicy();
    void pathFromTheInternetGoesThroughIngressAndService();
    void exposureOverlayMarksWhatTheInternetReaches();
    void classroomStepsThroughScheduling();
    void classroomStepsThroughAConnection();

private:
    bool open(app::MainWindow &window, const QString &yaml);
    model::ObjectId idOf(app::MainWindow &window, const QString &kind, const QString &ns, const QString &name);
    QTemporaryDir m_dir;
};

namespace {

QString deployment(const QString &ns, const QString &name, int port, int replicas = 1)
{
    return QStringLiteral("---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: %2, namespace: %1}\nspec:\n  replicas: %4\n"
                          "  selector: {matchLabels: {app: %2}}\n  template:\n    metadata: {labels: {app: %2}}\n    spec:\n"
                          "      containers:\n      - {name: c, image: nginx:1.27, ports: [{containerPort: %3}], "
                          "resources: {requests: {cpu: 100m}}}\n")
        .arg(ns, name)
        .arg(port)
        .arg(replicas);
}

// shop: web (80), db (5432) and other (8080); db admits only web on 5432. tools: probe (9000).
QString shopDesign()
{
    return QStringLiteral("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: Namespace\n"
                          "metadata: {name: tools}\n")
           + deployment(QStringLiteral("shop"), QStringLiteral("web"), 80) + deployment(QStringLiteral("shop"), QStringLiteral("db"), 5432)
           + deployment(QStringLiteral("shop"), QStringLiteral("other"), 8080) + deployment(QStringLiteral("tools"), QStringLiteral("probe"), 9000)
           + QStringLiteral("---\napiVersion: v1\nkind: Service\nmetadata: {name: db-svc, namespace: shop}\n"
                            "spec:\n  selector: {app: db}\n  ports: [{port: 5432}]\n"
                            "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db-from-web, namespace: shop}\n"
                            "spec:\n  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Ingress]\n"
                            "  ingress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: 5432}]\n");
}

// web behind a LoadBalancer, api behind an Ingress, internal behind a ClusterIP Service.
QString exposedDesign()
{
    return deployment(QStringLiteral("default"), QStringLiteral("web"), 8080) + deployment(QStringLiteral("default"), QStringLiteral("api"), 9000)
           + deployment(QStringLiteral("default"), QStringLiteral("internal"), 7000)
           + QStringLiteral("---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: default}\n"
                            "spec:\n  type: LoadBalancer\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n"
                            "---\napiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: default}\n"
                            "spec:\n  selector: {app: api}\n  ports: [{name: http, port: 80, targetPort: 9000}]\n"
                            "---\napiVersion: v1\nkind: Service\nmetadata: {name: internal, namespace: default}\n"
                            "spec:\n  selector: {app: internal}\n  ports: [{port: 7000}]\n"
                            "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: shop, namespace: default}\n"
                            "spec:\n  ingressClassName: nginx\n  rules:\n  - host: shop.example.com\n    http:\n      paths:\n"
                            "      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}\n");
}

bool hasArrow(const QList<ReachOverlay::Arrow> &arrows, model::ObjectId from, model::ObjectId to, bool exposure)
{
    return std::any_of(arrows.cbegin(), arrows.cend(), [&](const ReachOverlay::Arrow &arrow) {
        return arrow.from == from && arrow.to == to && arrow.exposure == exposure;
    });
}

} // namespace

void tst_ReachClassroom::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("kstudio-tests"));
    QVERIFY(m_dir.isValid());
}

bool tst_ReachClassroom::open(app::MainWindow &window, const QString &yaml)
{
    static int count = 0;
    const QString path = m_dir.filePath(QStringLiteral("design-%1.yaml").arg(++count));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(yaml.toUtf8());
    file.close();
    window.setInteractive(false);
    if (!window.openPath(path))
        return false;
    window.reachabilityView()->recompute();
    // Shown, with the Reachability dock in front: the clicks land on visible widgets.
    if (!window.isVisible()) {
        window.resize(1400, 900);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            return false;
    }
    window.findChild<QDockWidget *>(QStringLiteral("reachabilityDock"))->raise();
    return true;
}

model::ObjectId tst_ReachClassroom::idOf(app::MainWindow &window, const QString &kind, const QString &ns, const QString &name)
{
    const model::Object *object = window.document().snapshot().find(kind, ns, name);
    return object ? object->id : model::noObject;
}

// https://kubernetes.io/docs/concepts/services-networking/network-policies/#isolated-and-non-isolated-pods
void tst_ReachClassroom::matrixCellExplainsPoliciesAndRules()
{
    app::MainWindow window;
    QVERIFY(open(window, shopDesign()));
    editors::ReachabilityView *reach = window.reachabilityView();
    QTableWidget *matrix = reach->matrix();
    const QStringList axis = reach->axis();
    const int web = int(axis.indexOf(QStringLiteral("shop/web")));
    const int db = int(axis.indexOf(QStringLiteral("shop/db")));
    const int other = int(axis.indexOf(QStringLiteral("shop/other")));
    QVERIFY(web >= 0 && db >= 0 && other >= 0);
    // Fires: web -> db is allowed by db-from-web's first ingress rule.
    QCOMPARE(matrix->item(web, db)->text(), QStringLiteral("TCP 5432"));
    QTest::mouseClick(matrix->viewport(), Qt::LeftButton, {}, matrix->visualItemRect(matrix->item(web, db)).center());
    QString why = reach->explanation();
    QVERIFY2(why.startsWith(QStringLiteral("shop/web → shop/db")), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("5432/TCP: allowed (1 of 1 pod pair(s) allowed)")), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("allowed by shop/db-from-web ingress[0]")), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("shop/db-from-web ingress[0]: from pods {app=web} in shop; ports: 5432/TCP")), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("egress from shop/web-0: not isolated")), qPrintable(why));
    // Denied: other -> db; the isolating policy is named, and that no rule admits.
    QCOMPARE(matrix->item(other, db)->text(), QStringLiteral("none"));
    QTest::mouseClick(matrix->viewport(), Qt::LeftButton, {}, matrix->visualItemRect(matrix->item(other, db)).center());
    why = reach->explanation();
    QVERIFY2(why.contains(QStringLiteral("5432/TCP: denied (0 of 1 pod pair(s) allowed)")), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("denied by shop/db-from-web (shop/db-0 isolated for Ingress, no rule admits)")), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("shop/db-from-web selects shop/db-0 for Ingress with 1 ingress rule(s), none admitting this")),
             qPrintable(why));
    // Must not fire: nothing isolates web, so the cell into web names no policy.
    QTest::mouseClick(matrix->viewport(), Qt::LeftButton, {}, matrix->visualItemRect(matrix->item(other, web)).center());
    why = reach->explanation();
    QVERIFY2(why.contains(QStringLiteral("no NetworkPolicy isolates shop/other-0 (egress) or shop/web-0 (ingress): allowed")), qPrintable(why));
    QVERIFY2(!why.contains(QStringLiteral("db-from-web")), qPrintable(why));
}

void tst_ReachClassroom::matrixGroupsByNamespaceAndFiltersPorts()
{
    app::MainWindow window;
    QVERIFY(open(window, shopDesign()));
    editors::ReachabilityView *reach = window.reachabilityView();
    QTableWidget *matrix = reach->matrix();
    // Two namespaces: full names on the headers, grouped by namespace.
    QCOMPARE(reach->axis(), (QStringList{QStringLiteral("shop/db"), QStringLiteral("shop/other"), QStringLiteral("shop/web"),
                                         QStringLiteral("tools/probe")}));
    QCOMPARE(matrix->horizontalHeaderItem(0)->text(), QStringLiteral("shop/db"));
    // Clicking a header collapses its namespace into one row and column.
    QHeaderView *header = matrix->verticalHeader();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(header->width() / 2, header->sectionViewportPosition(0) + 5));
    QVERIFY(reach->isNamespaceCollapsed(QStringLiteral("shop")));
    QCOMPARE(reach->axis(), (QStringList{QStringLiteral("shop/*"), QStringLiteral("tools/probe")}));
    QCOMPARE(matrix->rowCount(), 2);
    // shop -> shop: 6 pairs of different workloads (one replica each: no pod pair within one), other -> db denied.
    QCOMPARE(matrix->item(0, 0)->text(), QStringLiteral("5/6 allowed"));
    QCOMPARE(matrix->item(1, 0)->text(), QStringLiteral("2/3 allowed")); // probe -> db is denied
    QTest::mouseClick(matrix->viewport(), Qt::LeftButton, {}, matrix->visualItemRect(matrix->item(1, 0)).center());
    QVERIFY2(reach->explanation().contains(QStringLiteral("denied  tools/probe -> shop/db: none")), qPrintable(reach->explanation()));
    // And expands again.
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(header->width() / 2, header->sectionViewportPosition(0) + 5));
    QCOMPARE(reach->axis().size(), 4);

    // The port filter: only 5432 is examined (as `kstudio reach --port 5432`: on every destination,
    // declared or not), so web's port 80 is out of the picture.
    auto *filter = reach->findChild<QLineEdit *>(QStringLiteral("reachPortFilter"));
    QVERIFY(filter);
    QTest::keyClicks(filter, QStringLiteral("5432"));
    QTest::keyClick(filter, Qt::Key_Return);
    QCOMPARE(reach->cell(QStringLiteral("shop/web"), QStringLiteral("shop/db")), QStringLiteral("TCP 5432"));
    QCOMPARE(reach->cell(QStringLiteral("shop/other"), QStringLiteral("shop/db")), QStringLiteral("none"));
    QCOMPARE(reach->cell(QStringLiteral("shop/db"), QStringLiteral("shop/web")), QStringLiteral("TCP 5432"));
    QVERIFY(reach->findChild<QLabel *>(QStringLiteral("reachSummary"))->text().contains(QStringLiteral("port 5432")));
    // A bad filter says so and leaves the matrix whole.
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("http"));
    QTest::keyClick(filter, Qt::Key_Return);
    QVERIFY(reach->findChild<QLabel *>(QStringLiteral("reachSummary"))->text().startsWith(QStringLiteral("port: http is not a port")));
    QCOMPARE(reach->cell(QStringLiteral("shop/db"), QStringLiteral("shop/web")), QStringLiteral("TCP 80"));
}

void tst_ReachClassroom::pathIsDrawnWithTheDecidingPolicy()
{
    app::MainWindow window;
    QVERIFY(open(window, shopDesign()));
    editors::ReachabilityView *reach = window.reachabilityView();
    const model::ObjectId web = idOf(window, QStringLiteral("Deployment"), QStringLiteral("shop"), QStringLiteral("web"));
    const model::ObjectId db = idOf(window, QStringLiteral("Deployment"), QStringLiteral("shop"), QStringLiteral("db"));
    const model::ObjectId other = idOf(window, QStringLiteral("Deployment"), QStringLiteral("shop"), QStringLiteral("other"));
    const model::ObjectId service = idOf(window, QStringLiteral("Service"), QStringLiteral("shop"), QStringLiteral("db-svc"));
    auto *from = reach->findChild<QLineEdit *>(QStringLiteral("reachFrom"));
    auto *to = reach->findChild<QLineEdit *>(QStringLiteral("reachTo"));
    auto *port = reach->findChild<QLineEdit *>(QStringLiteral("reachPort"));
    auto *query = reach->findChild<QPushButton *>(QStringLiteral("reachQuery"));
    QTest::keyClicks(from, QStringLiteral("shop/web"));
    QTest::keyClicks(to, QStringLiteral("shop/db-svc"));
    QTest::keyClicks(port, QStringLiteral("5432"));
    QTest::mouseClick(query, Qt::LeftButton);
    // Drawn through the Service, green, with the deciding rule.
    QList<ReachOverlay::Arrow> arrows = window.reachOverlay()->arrows();
    QCOMPARE(arrows.size(), 2);
    QVERIFY(hasArrow(arrows, web, service, false));
    QVERIFY(hasArrow(arrows, service, db, false));
    QVERIFY(arrows.back().allowed);
    QCOMPARE(arrows.back().label, QStringLiteral("5432/TCP allowed"));
    QVERIFY2(reach->pathResult().contains(QStringLiteral("Deciding: allowed by shop/db-from-web ingress[0]")), qPrintable(reach->pathResult()));
    // From other: drawn red, and the policy that isolates db is named.
    from->clear();
    QTest::keyClicks(from, QStringLiteral("shop/other"));
    QTest::keyClick(from, Qt::Key_Return);
    arrows = window.reachOverlay()->arrows();
    QVERIFY(hasArrow(arrows, other, service, false));
    QVERIFY(!hasArrow(arrows, web, service, false));
    QVERIFY(!arrows.back().allowed);
    QVERIFY2(reach->pathResult().contains(QStringLiteral("Deciding: denied by shop/db-from-web")), qPrintable(reach->pathResult()));
    // Must not name a policy where none isolates: db -> web.
    from->setText(QStringLiteral("shop/db"));
    to->setText(QStringLiteral("shop/web"));
    port->clear();
    QTest::mouseClick(query, Qt::LeftButton);
    arrows = window.reachOverlay()->arrows();
    QCOMPARE(arrows.size(), 1);
    QVERIFY(hasArrow(arrows, db, web, false));
    QVERIFY2(reach->pathResult().contains(QStringLiteral("Deciding: no NetworkPolicy isolates shop/db-0 (egress) or shop/web-0 (ingress): allowed")),
             qPrintable(reach->pathResult()));
    // The path follows the design: a default deny on web turns it red.
    QVERIFY(window.importPath([this] {
        const QString path = m_dir.filePath(QStringLiteral("deny.yaml"));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-web, namespace: shop}\n"
                   "spec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n");
        return path;
    }()));
    QSignalSpy recomputed(reach, &editors::ReachabilityView::recomputed);
    QVERIFY(recomputed.wait(3000));
    arrows = window.reachOverlay()->arrows();
    QCOMPARE(arrows.size(), 1);
    QVERIFY(!arrows.front().allowed);
    QVERIFY2(reach->pathResult().contains(QStringLiteral("Deciding: denied by shop/deny-web")), qPrintable(reach->pathResult()));
    // Clearing the query clears the drawing.
    from->clear();
    to->clear();
    QTest::mouseClick(query, Qt::LeftButton);
    QVERIFY(window.reachOverlay()->arrows().isEmpty());
}

// https://kubernetes.io/docs/concepts/services-networking/ingress/
void tst_ReachClassroom::pathFromTheInternetGoesThroughIngressAndService()
{
    app::MainWindow window;
    QVERIFY(open(window, exposedDesign()));
    editors::ReachabilityView *reach = window.reachabilityView();
    const model::ObjectId api = idOf(window, QStringLiteral("Deployment"), QStringLiteral("default"), QStringLiteral("api"));
    const model::ObjectId apiService = idOf(window, QStringLiteral("Service"), QStringLiteral("default"), QStringLiteral("api"));
    const model::ObjectId ingress = idOf(window, QStringLiteral("Ingress"), QStringLiteral("default"), QStringLiteral("shop"));
    auto *from = reach->findChild<QLineEdit *>(QStringLiteral("reachFrom"));
    auto *to = reach->findChild<QLineEdit *>(QStringLiteral("reachTo"));
    QTest::keyClicks(from, QStringLiteral("internet"));
    QTest::keyClicks(to, QStringLiteral("default/api"));
    QTest::keyClick(to, Qt::Key_Return);
    const QList<ReachOverlay::Arrow> arrows = window.reachOverlay()->arrows();
    QVERIFY(hasArrow(arrows, model::noObject, ingress, false));
    QVERIFY(hasArrow(arrows, ingress, apiService, false));
    QVERIFY(hasArrow(arrows, apiService, api, false));
    QVERIFY2(reach->pathResult().contains(QStringLiteral("via Ingress default/shop")), qPrintable(reach->pathResult()));
    QVERIFY2(reach->pathResult().contains(QStringLiteral("Deciding: egress from ingress-nginx/ingress-controller")), qPrintable(reach->pathResult()));
    // Must not draw: nothing outside reaches internal.
    to->setText(QStringLiteral("default/internal"));
    QTest::keyClick(to, Qt::Key_Return);
    QVERIFY(window.reachOverlay()->arrows().isEmpty());
    QVERIFY2(reach->pathResult().startsWith(QStringLiteral("nothing outside the cluster reaches default/internal")), qPrintable(reach->pathResult()));
}

// https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer
void tst_ReachClassroom::exposureOverlayMarksWhatTheInternetReaches()
{
    app::MainWindow window;
    QVERIFY(open(window, exposedDesign()));
    const model::ObjectId web = idOf(window, QStringLiteral("Deployment"), QStringLiteral("default"), QStringLiteral("web"));
    const model::ObjectId api = idOf(window, QStringLiteral("Deployment"), QStringLiteral("default"), QStringLiteral("api"));
    const model::ObjectId internal = idOf(window, QStringLiteral("Deployment"), QStringLiteral("default"), QStringLiteral("internal"));
    const model::ObjectId webService = idOf(window, QStringLiteral("Service"), QStringLiteral("default"), QStringLiteral("web"));
    const model::ObjectId apiService = idOf(window, QStringLiteral("Service"), QStringLiteral("default"), QStringLiteral("api"));
    const model::ObjectId ingress = idOf(window, QStringLiteral("Ingress"), QStringLiteral("default"), QStringLiteral("shop"));
    QVERIFY(window.reachOverlay()->badges().isEmpty()); // off until asked for
    window.exposureAction()->trigger();
    QVERIFY(window.exposureAction()->isChecked());
    QList<std::pair<model::ObjectId, QString>> badges = window.reachOverlay()->badges();
    QCOMPARE(badges.size(), 2);
    const auto badgeOf = [&badges](model::ObjectId id) {
        for (const auto &[workload, tip] : badges) {
            if (workload == id)
                return tip;
        }
        return QString();
    };
    QVERIFY2(badgeOf(web).contains(QStringLiteral("LoadBalancer default/web load balancer port 80/TCP -&gt; 8080/TCP (allowed)")),
             qPrintable(badgeOf(web)));
    QVERIFY2(badgeOf(web).contains(QStringLiteral("NodePort default/web")), qPrintable(badgeOf(web)));
    QVERIFY2(badgeOf(api).contains(QStringLiteral("Ingress default/shop")), qPrintable(badgeOf(api)));
    QVERIFY(badgeOf(internal).isEmpty());
    const QList<ReachOverlay::Arrow> arrows = window.reachOverlay()->arrows();
    QVERIFY(hasArrow(arrows, model::noObject, webService, true));
    QVERIFY(hasArrow(arrows, webService, web, true));
    QVERIFY(hasArrow(arrows, model::noObject, ingress, true));
    QVERIFY(hasArrow(arrows, ingress, apiService, true));
    QVERIFY(hasArrow(arrows, apiService, api, true));
    // The badge is on the canvas, over its workload.
    QGraphicsItem *badge = nullptr;
    for (QGraphicsItem *item : window.scene()->items()) {
        if (item->toolTip().contains(QStringLiteral("Exposed to the internet")) && item->toolTip().contains(QStringLiteral("Ingress")))
            badge = item;
    }
    QVERIFY(badge);
    QVERIFY(window.scene()->itemFor(api)->sceneBoundingRect().intersects(badge->sceneBoundingRect()));

    // A default deny on web's ingress closes the load balancer: web is no longer exposed.
    QVERIFY(window.importPath([this] {
        const QString path = m_dir.filePath(QStringLiteral("deny-web.yaml"));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-web, namespace: default}\n"
                   "spec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n");
        return path;
    }()));
    QSignalSpy recomputed(window.reachabilityView(), &editors::ReachabilityView::recomputed);
    QVERIFY(recomputed.wait(3000));
    badges = window.reachOverlay()->badges();
    QCOMPARE(badges.size(), 1);
    QCOMPARE(badges.front().first, api);
    QVERIFY(!hasArrow(window.reachOverlay()->arrows(), webService, web, true));
    // Off: nothing drawn.
    window.exposureAction()->trigger();
    QVERIFY(window.reachOverlay()->badges().isEmpty());
    QVERIFY(window.reachOverlay()->arrows().isEmpty());
}

// https://kubernetes.io/docs/concepts/scheduling-eviction/scheduling-framework/ and
// .../pod-priority-preemption/#preemption (tests/data/sched/preemption: urgent preempts low-0).
void tst_ReachClassroom::classroomStepsThroughScheduling()
{
    app::MainWindow window;
    QFile fixture(QStringLiteral(KS_TEST_DATA_DIR "/sched/preemption/input.yaml"));
    QVERIFY(fixture.open(QIODevice::ReadOnly));
    QVERIFY(open(window, QString::fromUtf8(fixture.readAll())));
    auto *inspectorDock = window.findChild<QDockWidget *>(QStringLiteral("inspectorDock"));
    auto *classroomDock = window.findChild<QDockWidget *>(QStringLiteral("classroomDock"));
    QVERIFY(inspectorDock && classroomDock);
    QVERIFY(inspectorDock->isVisible());
    QVERIFY(!classroomDock->isVisible());
    const qreal normalSize = window.font().pointSizeF();
    window.classroomAction()->trigger();
    QVERIFY(window.isClassroomMode());
    QVERIFY(classroomDock->isVisible());
    QVERIFY(!inspectorDock->isVisible());
    QVERIFY(window.font().pointSizeF() > normalSize * 1.4);
    editors::ClassroomView *classroom = window.classroomView();
    // Started on entering: the first cycle's queue step. urgent (priority 1000) goes first.
    QVERIFY(classroom->stepCount() > 0);
    QCOMPARE(classroom->step()->phase, QStringLiteral("Queue"));
    QVERIFY2(classroom->step()->title.contains(QStringLiteral("default/urgent")), qPrintable(classroom->step()->title));
    QVERIFY2(classroom->stepText().contains(QStringLiteral("priority 1000")), qPrintable(classroom->stepText()));
    QCOMPARE(classroom->step()->docs.front().second.toString(),
             QStringLiteral("https://kubernetes.io/docs/concepts/scheduling-eviction/scheduling-framework/#queue-sort"));
    QVERIFY(!classroom->previousButton()->isEnabled());
    // Next: Filter, every node with each plugin's verdict; urgent fits nowhere (2 CPU full).
    QTest::mouseClick(classroom->nextButton(), Qt::LeftButton);
    QCOMPARE(classroom->step()->phase, QStringLiteral("Filter"));
    QVERIFY2(classroom->stepText().contains(QStringLiteral("0 of 2 node(s) pass")), qPrintable(classroom->stepText()));
    QVERIFY2(classroom->stepText().contains(QStringLiteral("Insufficient cpu")), qPrintable(classroom->stepText()));
    QVERIFY(classroom->findChild<QLabel *>(QStringLiteral("classroomDocs"))
                ->text()
                .contains(QStringLiteral("concepts/configuration/manage-resources-containers/")));
    // Next: preemption, low-0 evicted on node-1.
    QTest::mouseClick(classroom->nextButton(), Qt::LeftButton);
    QCOMPARE(classroom->step()->phase, QStringLiteral("Preemption"));
    QVERIFY2(classroom->stepText().contains(QStringLiteral("default/low-0")), qPrintable(classroom->stepText()));
    QVERIFY2(classroom->stepText().contains(QStringLiteral("node-1")), qPrintable(classroom->stepText()));
    QTest::mouseClick(classroom->nextButton(), Qt::LeftButton);
    QCOMPARE(classroom->step()->phase, QStringLiteral("Bind"));
    QVERIFY2(classroom->step()->title.contains(QStringLiteral("bound to node-1")), qPrintable(classroom->step()->title));
    // Back goes back.
    QTest::mouseClick(classroom->previousButton(), Qt::LeftButton);
    QCOMPARE(classroom->step()->phase, QStringLiteral("Preemption"));
    // The evicted pod's own cycle: Pending, with kube-scheduler's message.
    QVERIFY(classroom->goToPod(QStringLiteral("default/low-0")));
    while (classroom->step()->phase != QLatin1String("Pending") && classroom->nextButton()->isEnabled())
        QTest::mouseClick(classroom->nextButton(), Qt::LeftButton);
    QCOMPARE(classroom->step()->phase, QStringLiteral("Pending"));
    QVERIFY2(classroom->stepText().contains(QStringLiteral("0/2 nodes are available")), qPrintable(classroom->stepText()));
    // Leaving restores the layout and the type.
    window.classroomAction()->trigger();
    QVERIFY(!window.isClassroomMode());
    QVERIFY(inspectorDock->isVisible());
    QVERIFY(!classroomDock->isVisible());
    QCOMPARE(window.font().pointSizeF(), normalSize);

    // Score: with two nodes that fit, each plugin's normalised score times its weight, and the
    // chosen node marked. Must not fire with a single feasible node (schedulePod skips scoring).
    const QString node = QStringLiteral("---\napiVersion: v1\nkind: Node\nmetadata: {name: %1}\n"
                                        "status: {allocatable: {cpu: \"2\", memory: 4Gi, pods: \"110\"}}\n");
    const auto phases = [classroom] {
        QStringList out;
        for (int i = 0; i < classroom->stepCount(); ++i) {
            classroom->goTo(i);
            out << classroom->step()->phase;
        }
        return out;
    };
    QVERIFY(open(window, node.arg(QStringLiteral("node-a")) + node.arg(QStringLiteral("node-b"))
                             + deployment(QStringLiteral("default"), QStringLiteral("web"), 80)));
    classroom->startScheduling();
    QCOMPARE(phases(), (QStringList{QStringLiteral("Queue"), QStringLiteral("Filter"), QStringLiteral("Score"), QStringLiteral("Bind")}));
    classroom->goTo(2);
    QVERIFY2(classroom->stepText().contains(QStringLiteral("NodeResourcesFit")), qPrintable(classroom->stepText()));
    QVERIFY2(classroom->stepText().contains(QStringLiteral("node-a ◀ chosen")), qPrintable(classroom->stepText()));
    // What-if: drain node-a after scheduling; web-0 moves to node-b in a cycle of its own.
    classroom->setWhatIf(QStringLiteral("drain:node-a"));
    QVERIFY(classroom->whatIfChoices().contains(QStringLiteral("failNode:node-b")));
    classroom->startScheduling();
    QCOMPARE(phases(), (QStringList{QStringLiteral("Queue"), QStringLiteral("Filter"), QStringLiteral("Score"), QStringLiteral("Bind"),
                                    QStringLiteral("Queue"), QStringLiteral("Filter"), QStringLiteral("Bind")}));
    classroom->goTo(4);
    QVERIFY2(classroom->stepText().contains(QStringLiteral("after the what-if drain")), qPrintable(classroom->stepText()));
    classroom->goTo(6);
    QVERIFY2(classroom->step()->title.contains(QStringLiteral("default/web-0: bound to node-b")), qPrintable(classroom->step()->title));
    classroom->setWhatIf(QString());
    QVERIFY(open(window, node.arg(QStringLiteral("node-a")) + deployment(QStringLiteral("default"), QStringLiteral("web"), 80)));
    classroom->startScheduling();
    QCOMPARE(phases(), (QStringList{QStringLiteral("Queue"), QStringLiteral("Filter"), QStringLiteral("Bind")}));
}

// https://kubernetes.io/docs/concepts/services-networking/network-policies/#isolated-and-non-isolated-pods
void tst_ReachClassroom::classroomStepsThroughAConnection()
{
    app::MainWindow window;
    QVERIFY(open(window, shopDesign() + exposedDesign()));
    window.classroomAction()->trigger();
    editors::ClassroomView *classroom = window.classroomView();
    classroom->setMode(editors::ClassroomView::Mode::Connection);
    auto *from = classroom->findChild<QLineEdit *>(QStringLiteral("classroomFrom"));
    auto *to = classroom->findChild<QLineEdit *>(QStringLiteral("classroomTo"));
    auto *port = classroom->findChild<QLineEdit *>(QStringLiteral("classroomPort"));
    auto *evaluate = classroom->findChild<QPushButton *>(QStringLiteral("classroomEvaluate"));
    QVERIFY(from && to && port && evaluate);
    QTest::keyClicks(from, QStringLiteral("shop/other"));
    QTest::keyClicks(to, QStringLiteral("shop/db-svc"));
    QTest::keyClicks(port, QStringLiteral("5432"));
    QTest::mouseClick(evaluate, Qt::LeftButton);
    QStringList phases;
    QStringList texts;
    for (int i = 0; i < classroom->stepCount(); ++i) {
        classroom->goTo(i);
        phases << classroom->step()->phase;
        texts << classroom->stepText();
    }
    QCOMPARE(phases, (QStringList{QStringLiteral("Connection"), QStringLiteral("Service"), QStringLiteral("Egress"),
                                  QStringLiteral("Ingress"), QStringLiteral("Verdict")}));
    QVERIFY2(texts.at(1).contains(QStringLiteral("Through Service shop/db-svc port 5432")), qPrintable(texts.at(1)));
    QVERIFY2(texts.at(2).contains(QStringLiteral("let through")) && texts.at(2).contains(QStringLiteral("not isolated")),
             qPrintable(texts.at(2)));
    QVERIFY2(texts.at(3).contains(QStringLiteral("dropped")) && texts.at(3).contains(QStringLiteral("shop/db-from-web")), qPrintable(texts.at(3)));
    QVERIFY2(texts.at(4).contains(QStringLiteral("Denied")), qPrintable(texts.at(4)));
    classroom->goTo(3);
    QVERIFY(classroom->step()->docs.front().second.toString().startsWith(
        QStringLiteral("https://kubernetes.io/docs/concepts/services-networking/network-policies/")));
    // The canvas highlights the step's object: db for its ingress.
    const model::ObjectId db = idOf(window, QStringLiteral("Deployment"), QStringLiteral("shop"), QStringLiteral("db"));
    QCOMPARE(window.scene()->itemFor(db)->highlight(), int(editors::ObjectItem::ReachedFromSelection));

    // From the internet through the Ingress: the way in names it and links the Ingress page.
    from->setText(QStringLiteral("internet"));
    to->setText(QStringLiteral("default/api"));
    port->clear();
    QTest::mouseClick(evaluate, Qt::LeftButton);
    QVERIFY(classroom->stepCount() == 5);
    classroom->goTo(1);
    QCOMPARE(classroom->step()->phase, QStringLiteral("Service"));
    QVERIFY2(classroom->stepText().contains(QStringLiteral("Ingress default/shop")), qPrintable(classroom->stepText()));
    QCOMPARE(classroom->step()->docs.front().second.toString(), QStringLiteral("https://kubernetes.io/docs/concepts/services-networking/ingress/"));
    classroom->goTo(4);
    QVERIFY2(classroom->stepText().contains(QStringLiteral("Allowed")), qPrintable(classroom->stepText()));
    // Nothing to follow: said so, no steps.
    to->setText(QStringLiteral("default/internal"));
    QTest::mouseClick(evaluate, Qt::LeftButton);
    QCOMPARE(classroom->stepCount(), 0);
    QVERIFY(classroom->findChild<QLabel *>(QStringLiteral("classroomTitle"))->text().contains(QStringLiteral("No connection")));
}

QTEST_MAIN(tst_ReachClassroom)
#include "tst_reach_classroom.moc"
