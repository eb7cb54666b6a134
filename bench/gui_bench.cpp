// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio_bench_gui: the studio's responsiveness on a generated design (issue #7).
//   kstudio_bench_gui [--objects 2000] [--edits 20]
//   kstudio_bench_gui --placement [--nodes 500] [--pods 10000] [--edits 5]
//   kstudio_bench_gui --reach [--objects 2000] [--edits 5]
// Measures, through the real main window (offscreen unless a display is set):
//  - open: reading a YAML stream of N objects, laying it out and building the canvas;
//  - edit: one inspector field edit (replicas) until the canvas item shows it and the live
//    validation has re-run (FindingsModel::refresh, what the 150 ms debounce then calls).
// Targets: open + layout under 2 s for 2,000 objects; an edit under 50 ms.
// --placement (issue #8): a node pool of --nodes nodes over 3 zones (typed into the Cluster
// panel) and Deployments with --pods pods in all (50 replicas each, a Service each, every fourth
// spread over zones); measures the Placement view's re-simulation after an inspector edit
// (the 300 ms pause, then the worker thread builds the cluster and schedules every pod, then
// the GUI thread shows the result): the time from the edit to the result shown, and how long
// the GUI thread was blocked meanwhile (a 1 ms heartbeat's longest gap), and the repaint.
// --reach (issue #8): the generated design's Reachability dock: recompute() (the network, the
// workload matrix, the table, and the internet exposure when the overlay is on; after an edit
// the same runs on a worker thread once the edits pause for 300 ms), a path query drawn on the canvas, and classroom mode's
// scheduling trace on the design's node pool.
#include "measure.h"

#include <main_window.h>

#include <bench/design_generator.h>
#include <editors/canvas/canvas_items.h>
#include <editors/canvas/design_scene.h>
#include <editors/findings/findings_model.h>
#include <editors/inspector/inspector_widget.h>
#include <editors/simulation/cluster_panel.h>
#include <editors/classroom/classroom_view.h>
#include <editors/simulation/placement_view.h>
#include <editors/simulation/reach_overlay.h>
#include <editors/simulation/reachability_view.h>
#include <sim/sched/framework.h>

#include <QApplication>
#include <QDockWidget>
#include <QTableWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QFile>
#include <QLineEdit>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace kstudio;

namespace {

std::string placementDesign(int pods)
{
    std::string out;
    constexpr int replicas = 50;
    for (int app = 0; app * replicas < pods; ++app) {
        const std::string name = "app-" + std::to_string(app);
        const int count = std::min(replicas, pods - app * replicas);
        out += "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n  namespace: bench\nspec:\n"
               "  replicas: " + std::to_string(count) + "\n  selector:\n    matchLabels:\n      app: " + name + "\n"
               "  template:\n    metadata:\n      labels:\n        app: " + name + "\n    spec:\n";
        if (app % 4 == 0)
            out += "      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: topology.kubernetes.io/zone\n"
                   "        whenUnsatisfiable: DoNotSchedule\n        labelSelector:\n          matchLabels:\n            app: " + name + "\n";
        out += "      containers:\n      - name: main\n        image: registry.example/" + name + ":1.0\n"
               "        resources:\n          requests:\n            cpu: 100m\n            memory: 256Mi\n";
        out += "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n  namespace: bench\nspec:\n"
               "  selector:\n    app: " + name + "\n  ports:\n  - port: 80\n";
    }
    return out;
}


int placementBench(const QStringList &args)
{
    int nodes = 500;
    int pods = 10000;
    int edits = 5;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--nodes"))
            nodes = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--pods"))
            pods = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--edits"))
            edits = args.at(i + 1).toInt();
    }
    if (nodes < 1 || pods < 1 || edits < 1)
        return 2;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("placement.yaml"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return 2;
        const std::string text = placementDesign(pods);
        file.write(text.data(), qint64(text.size()));
    }
    app::MainWindow window;
    window.setInteractive(false);
    window.resize(1400, 900);
    window.show();
    if (!window.openPath(path))
        return 2;
    if (auto *dock = window.findChild<QDockWidget *>(QStringLiteral("placementDock")))
        dock->raise();
    editors::PlacementView *placement = window.placementView();
    // The pool, as typed into the Cluster panel.
    window.clusterPanel()->addPool();
    window.clusterPanel()->table()->item(0, editors::ClusterPanel::CountColumn)->setText(QString::number(nodes));
    QElapsedTimer timer;
    timer.start();
    placement->simulateNow();
    const double firstMs = double(timer.nsecsElapsed()) / 1e6;
    QApplication::processEvents();
    if (int(placement->nodes().size()) != nodes)
        return 3;

    model::ObjectId target = model::noObject;
    for (const auto &object : window.document().snapshot().objects()) {
        if (object->kind() == QLatin1String("Deployment") && object->name() == QLatin1String("app-1")) {
            target = object->id;
            break;
        }
    }
    window.scene()->selectIds({target});
    auto *replicas = qobject_cast<QSpinBox *>(window.inspector()->editorFor(QStringLiteral("replicas")));
    if (!replicas)
        return 2;
    // A heartbeat on the GUI thread: the longest gap between two of its 1 ms ticks is the
    // longest the GUI was blocked (no input, no paint) while the edit was being re-simulated.
    QElapsedTimer clock;
    clock.start();
    double lastTick = 0;
    double longestGap = 0;
    QTimer heartbeat;
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const double now = double(clock.nsecsElapsed()) / 1e6;
        longestGap = std::max(longestGap, now - lastTick);
        lastTick = now;
    });
    heartbeat.start();
    const auto idle = [](int ms) {
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
    };
    std::vector<double> editMs;    // the edit itself (inspector -> document -> canvas), GUI thread
    std::vector<double> blockedMs; // the longest GUI stall from the edit until the result is shown
    std::vector<double> applyMs;   // showing the result (Pending list, cards), GUI thread
    std::vector<double> resultMs;  // from the edit until the Placement view shows its result
    std::vector<double> engine;    // the simulation on the worker
    std::vector<double> paint;
    for (int i = 0; i < edits; ++i) {
        idle(1000); // the findings and the network lint of the previous edit settle
        const int wanted = 40 + i % 20;
        QEventLoop waitResult;
        const QMetaObject::Connection done = QObject::connect(placement, &editors::PlacementView::simulated, &waitResult, &QEventLoop::quit);
        timer.restart();
        lastTick = double(clock.nsecsElapsed()) / 1e6;
        longestGap = 0;
        replicas->setValue(wanted);
        Q_EMIT replicas->editingFinished();
        editMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        QTimer::singleShot(30000, &waitResult, &QEventLoop::quit);
        waitResult.exec();
        QObject::disconnect(done);
        resultMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        blockedMs.push_back(std::max(longestGap, editMs.back()));
        applyMs.push_back(placement->lastApplyMs());
        engine.push_back(placement->lastEngineMs());
        timer.restart();
        placement->canvas()->repaint();
        QApplication::processEvents();
        paint.push_back(double(timer.nsecsElapsed()) / 1e6);
        // The edit reached the schedule: the pods placed and Pending add up to the new total.
        int placed = 0;
        for (const editors::PlacedNode &node : placement->nodes())
            placed += int(node.pods.size());
        const int expected = pods - std::min(50, pods - 50) + wanted;
        if (placed + int(placement->pending().size()) != expected)
            return 3;
    }
    const auto maxOf = [](const std::vector<double> &values) { return *std::max_element(values.begin(), values.end()); };
    std::printf("placement: %d nodes, %d pods: first simulation %.0f ms\n", nodes, pods, firstMs);
    std::printf("edit -> result shown (300 ms pause, then the worker): median %.0f ms, max %.0f ms over %d edits\n",
                bench::median(resultMs), maxOf(resultMs), edits);
    std::printf("  the simulation on the worker thread (build cluster, schedule): median %.0f ms\n", bench::median(engine));
    std::printf("GUI thread blocked per edit (longest stall of a 1 ms heartbeat, edit to result): median %.0f ms, max %.0f ms\n",
                bench::median(blockedMs), maxOf(blockedMs));
    std::printf("  the edit itself: median %.0f ms; showing the result (lists, cards): median %.0f ms, max %.0f ms\n",
                bench::median(editMs), bench::median(applyMs), maxOf(applyMs));
    std::printf("  repaint of the placement canvas: median %.0f ms\n", bench::median(paint));
    return 0;
}

int reachBench(const QStringList &args)
{
    std::size_t objects = 2000;
    int runs = 5;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--objects"))
            objects = args.at(i + 1).toULongLong();
        else if (args.at(i) == QLatin1String("--edits"))
            runs = args.at(i + 1).toInt();
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("reach.yaml"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return 2;
        const std::string text = bench::generateDesign(objects);
        file.write(text.data(), qint64(text.size()));
    }
    app::MainWindow window;
    window.setInteractive(false);
    window.resize(1400, 900);
    window.show();
    if (!window.openPath(path))
        return 2;
    if (auto *dock = window.findChild<QDockWidget *>(QStringLiteral("reachabilityDock")))
        dock->raise();
    QApplication::processEvents();
    editors::ReachabilityView *reach = window.reachabilityView();
    const auto time = [runs](const std::function<void()> &work) {
        std::vector<double> samples;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer timer;
            timer.start();
            work();
            samples.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        return bench::median(samples);
    };
    const double matrix = time([reach] { reach->recompute(); });
    const int workloads = reach->matrix()->rowCount();
    window.exposureAction()->setChecked(true);
    const double withExposure = time([reach] { reach->recompute(); });
    window.exposureAction()->setChecked(false);
    QStringList deployments;
    for (const auto &object : window.document().snapshot().objects()) {
        if (object->kind() == QLatin1String("Deployment") && deployments.size() < 2)
            deployments << object->effectiveNamespace() + QLatin1Char('/') + object->name();
    }
    reach->findChild<QLineEdit *>(QStringLiteral("reachFrom"))->setText(deployments.value(0));
    reach->findChild<QLineEdit *>(QStringLiteral("reachTo"))->setText(deployments.value(1));
    const double pathQuery = time([reach] { reach->runPathQuery(); });
    if (window.reachOverlay()->arrows().isEmpty())
        return 3;
    reach->findChild<QLineEdit *>(QStringLiteral("reachFrom"))->clear();
    reach->findChild<QLineEdit *>(QStringLiteral("reachTo"))->clear();
    reach->runPathQuery();
    editors::ClassroomView *classroom = window.classroomView();
    const double trace = time([classroom] { classroom->startScheduling(); });
    std::printf("reach: %zu objects, %d rows in the matrix (namespaces collapsed above %d workloads)\n", objects, workloads,
                editors::ReachabilityView::expandedAtMost);
    std::printf("  recompute (network, matrix, table): median %.0f ms\n", matrix);
    std::printf("  recompute with the internet exposure overlay on: median %.0f ms\n", withExposure);
    std::printf("  path query between two workloads, drawn: median %.1f ms\n", pathQuery);
    std::printf("  classroom scheduling trace (%d steps): median %.0f ms\n", classroom->stepCount(), trace);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    std::size_t objects = 2000;
    int edits = 20;
    const QStringList args = QApplication::arguments();
    if (args.contains(QStringLiteral("--placement")))
        return placementBench(args);
    if (args.contains(QStringLiteral("--reach")))
        return reachBench(args);
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--objects"))
            objects = args.at(i + 1).toULongLong();
        else if (args.at(i) == QLatin1String("--edits"))
            edits = args.at(i + 1).toInt();
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("design.yaml"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return 2;
        const std::string text = bench::generateDesign(objects);
        file.write(text.data(), qint64(text.size()));
    }
    app::MainWindow window;
    window.setInteractive(false);
    window.resize(1400, 900);
    window.show();
    QElapsedTimer timer;
    timer.start();
    if (!window.openPath(path))
        return 2;
    QApplication::processEvents();
    const double openSeconds = double(timer.nsecsElapsed()) / 1e9;

    // Inspector edits on one Deployment: type a new replica count, commit, re-validate.
    model::ObjectId target = model::noObject;
    for (const auto &object : window.document().snapshot().objects()) {
        if (object->kind() == QLatin1String("Deployment")) {
            target = object->id;
            break;
        }
    }
    window.scene()->selectIds({target});
    auto *replicas = qobject_cast<QSpinBox *>(window.inspector()->editorFor(QStringLiteral("replicas")));
    if (!replicas)
        return 2;
    std::vector<double> times;
    std::vector<double> validation;
    for (int i = 0; i < edits; ++i) {
        timer.restart();
        replicas->setValue(2 + i % 7);
        Q_EMIT replicas->editingFinished();
        QElapsedTimer validating;
        validating.start();
        window.findings()->refresh();
        validation.push_back(double(validating.nsecsElapsed()) / 1e6);
        QApplication::processEvents();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
        const QString facts = window.scene()->itemFor(target)->facts();
        if (!facts.startsWith(QString::number(2 + i % 7) + QStringLiteral(" ×")))
            return 3; // the canvas did not follow: not a valid measurement
    }
    std::sort(times.begin(), times.end());
    std::sort(validation.begin(), validation.end());
    std::printf("objects %zu: open + layout + canvas %.3f s (target < 2 s)\n", objects, openSeconds);
    std::printf("inspector edit -> canvas + findings: median %.1f ms, max %.1f ms over %d edits (target < 50 ms)\n",
                times[times.size() / 2], times.back(), edits);
    std::printf("  of which re-validation: median %.1f ms\n", validation[validation.size() / 2]);
    return 0;
}
