// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio_bench_gui: the studio's responsiveness on a generated design (issue #7).
//   kstudio_bench_gui [--objects 2000] [--edits 20]
// Measures, through the real main window (offscreen unless a display is set):
//  - open: reading a YAML stream of N objects, laying it out and building the canvas;
//  - edit: one inspector field edit (replicas) until the canvas item shows it and the live
//    validation has re-run (FindingsModel::refresh, what the 150 ms debounce then calls).
// Targets: open + layout under 2 s for 2,000 objects; an edit under 50 ms.
#include <main_window.h>

#include <bench/design_generator.h>
#include <editors/canvas/canvas_items.h>
#include <editors/canvas/design_scene.h>
#include <editors/findings/findings_model.h>
#include <editors/inspector/inspector_widget.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace kstudio;

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    std::size_t objects = 2000;
    int edits = 20;
    const QStringList args = QApplication::arguments();
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
