// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio_bench_export: Helm chart and kustomize export of generated designs (issue #6's target:
// a 10,000-object design exported as a chart in under 1 s), and, when helm is installed, the
// time helm itself takes to render the chart (`helm template`) for comparison.
// Run by hand, never by ctest:  kstudio_bench_export --objects 10000
#include "design_generator.h"
#include "measure.h"

#include <model/core/document.h>
#include <model/io/export_helm.h>
#include <model/io/export_kustomize.h>
#include <model/io/export_manifests.h>
#include <model/io/manifest_reader.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>


using namespace kstudio;
using namespace Qt::StringLiterals;

namespace {



QString findHelm()
{
    const QString onPath = QStandardPaths::findExecutable(u"helm"_s);
    if (!onPath.isEmpty())
        return onPath;
    QString dir = qEnvironmentVariable("KSTUDIO_TOOLS_DIR");
    if (dir.isEmpty())
        dir = QDir::homePath() + u"/.cache/kstudio-tools/bin"_s;
    return QStandardPaths::findExecutable(u"helm"_s, {dir});
}

void benchmark(std::size_t objectCount, int runs)
{
    const std::string text = bench::generateDesign(objectCount);
    model::LoadResult loaded;
    model::readManifests(text, u"generated.yaml"_s, loaded);
    model::Document document;
    document.addObjects(std::move(loaded.objects));
    const model::Snapshot snapshot = document.snapshot();

    // Each phase's best wall time and its CPU time (user + system of all threads) in that run.
    struct Phase {
        double wall = 1e300;
        double cpu = 0;
        void take(const QElapsedTimer &timer, double cpuStart)
        {
            const double seconds = bench::secondsSince(timer);
            if (seconds < wall) {
                wall = seconds;
                cpu = bench::cpuSeconds() - cpuStart;
            }
        }
    };
    Phase build, write, total, rewrite, kustomize, manifests;
    std::size_t bytes = 0;
    std::size_t files = 0;
    QTemporaryDir dir;
    for (int run = 0; run < runs; ++run) {
        // Each run exports into a new directory (the first export of a design), then once more
        // over it (a re-export, where unchanged files are left as they are).
        const QString chartDir = dir.filePath(u"chart-%1"_s.arg(run));
        QElapsedTimer all;
        all.start();
        const double cpuAll = bench::cpuSeconds();
        QElapsedTimer timer;
        timer.start();
        double cpuStart = bench::cpuSeconds();
        model::HelmChartOptions options;
        options.chartName = u"bench"_s;
        const model::HelmChart chart = model::buildHelmChart(snapshot, options);
        build.take(timer, cpuStart);
        timer.restart();
        cpuStart = bench::cpuSeconds();
        QString error;
        if (!model::writeChartFiles(chart.files, chartDir, {u"templates"_s, u"crds"_s}, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return;
        }
        write.take(timer, cpuStart);
        total.take(all, cpuAll);

        all.restart();
        cpuStart = bench::cpuSeconds();
        const model::HelmChart again = model::buildHelmChart(snapshot, options);
        if (!model::writeChartFiles(again.files, chartDir, {u"templates"_s, u"crds"_s}, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return;
        }
        rewrite.take(all, cpuStart);
        files = chart.files.size();
        bytes = 0;
        for (const model::ChartFile &file : chart.files)
            bytes += file.text.size();

        timer.restart();
        cpuStart = bench::cpuSeconds();
        const model::Kustomization kustomization = model::buildKustomization(snapshot);
        if (!model::writeChartFiles(kustomization.files, dir.filePath(u"kustomize"_s), {u"base"_s, u"overlays"_s}, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return;
        }
        kustomize.take(timer, cpuStart);

        timer.restart();
        cpuStart = bench::cpuSeconds();
        if (!model::exportManifests(snapshot, dir.filePath(u"manifests-%1"_s.arg(run)), false, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return;
        }
        manifests.take(timer, cpuStart);
    }
    std::printf("%zu objects, best of %d runs (wall s / CPU s of all threads):\n"
                "  helm chart into a new directory: built %.3f / %.3f, written %.3f / %.3f (%zu files, %.1f MB),"
                " export total %.3f / %.3f\n"
                "  helm chart re-exported over the previous one (built and written): %.3f / %.3f\n"
                "  kustomize export (built and written): %.3f / %.3f\n"
                "  manifests export (a file per object, into a new directory): %.3f / %.3f\n",
                objectCount, runs, build.wall, build.cpu, write.wall, write.cpu, files, double(bytes) / 1e6,
                total.wall, total.cpu, rewrite.wall, rewrite.cpu, kustomize.wall, kustomize.cpu, manifests.wall,
                manifests.cpu);

    const QString helm = findHelm();
    if (helm.isEmpty()) {
        std::printf("  helm not installed: helm template not measured\n");
        return;
    }
    QProcess process;
    QElapsedTimer timer;
    timer.start();
    process.start(helm, {u"template"_s, u"bench"_s, dir.filePath(u"chart-0"_s), u"--namespace"_s, u"bench"_s});
    process.waitForFinished(-1);
    const double helmSeconds = bench::secondsSince(timer);
    const QByteArray out = process.readAllStandardOutput();
    std::printf("  helm template on the chart: %.3f s (exit %d, %.1f MB rendered)\n", helmSeconds, process.exitCode(),
                double(out.size()) / 1e6);
    if (process.exitCode() != 0)
        std::printf("  helm: %s\n", process.readAllStandardError().left(2000).constData());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Helm chart and kustomize export time of generated designs."_s);
    parser.addHelpOption();
    parser.addOption({u"objects"_s, u"Design size (repeatable; default 10000)."_s, u"N"_s});
    parser.addOption({u"runs"_s, u"Runs per size; the best is reported (default 3)."_s, u"N"_s, u"3"_s});
    parser.process(app);
    QStringList sizes = parser.values(u"objects"_s);
    if (sizes.isEmpty())
        sizes = {u"10000"_s};
    for (const QString &size : sizes)
        benchmark(size.toULongLong(), std::max(1, parser.value(u"runs"_s).toInt()));
    return 0;
}
