// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio export PATH... --manifests OUT [--single-file] | --helm DIR | --kustomize DIR
#include "commands.h"

#include <model/core/document.h>
#include <model/io/export_helm.h>
#include <model/io/export_kustomize.h>
#include <model/io/export_manifests.h>

#include <QCommandLineParser>
#include <QFileInfo>

namespace kstudio::app {

namespace {

// The chart's default name when the design has no namespace of its own: the first input's name.
QString defaultChartName(const QStringList &paths)
{
    const QFileInfo first(paths.value(0));
    return first.isDir() ? first.fileName() : first.completeBaseName();
}

} // namespace

ExitCode exportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Write the design's objects. --manifests writes one file per object, "
                       "numbered in install order (Namespaces, CRDs, cluster objects, then Helm's "
                       "install order), or one stream with --single-file (OUT '-' is stdout). --helm "
                       "writes a Helm chart (`helm lint --strict` passes; `helm template` with the "
                       "chart's name as release renders the design, see the chart's README). "
                       "--kustomize writes base/ and overlays/{dev,staging,production}."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("manifests"), QStringLiteral("Write plain manifests to DIR."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("single-file"), QStringLiteral("With --manifests: write one YAML stream to the file OUT.")});
    parser.addOption({QStringLiteral("helm"), QStringLiteral("Write a Helm chart to DIR."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("chart-name"), QStringLiteral("With --helm: the chart's name (default: the design's namespace, else the input's name)."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("chart-version"), QStringLiteral("With --helm: the chart's version (default 0.1.0)."), QStringLiteral("SEMVER")});
    parser.addOption({QStringLiteral("app-version"), QStringLiteral("With --helm: the chart's appVersion (default 1.0.0)."), QStringLiteral("VERSION")});
    parser.addOption({QStringLiteral("kustomize"), QStringLiteral("Write a kustomize base and overlays to DIR."), QStringLiteral("DIR")});
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Inputs."), QStringLiteral("PATH..."));
    if (const std::optional<ExitCode> done = parseCommandLine(parser, arguments))
        return *done;
    const QStringList paths = parser.positionalArguments();
    const QString manifests = parser.value(QStringLiteral("manifests"));
    const QString helm = parser.value(QStringLiteral("helm"));
    const QString kustomize = parser.value(QStringLiteral("kustomize"));
    const int outputs = int(!manifests.isEmpty()) + int(!helm.isEmpty()) + int(!kustomize.isEmpty());
    if (paths.isEmpty() || outputs != 1) {
        printError(QStringLiteral("usage: kstudio export PATH... --manifests OUT [--single-file] | --helm DIR | --kustomize DIR"));
        return ExitCode::BadInput;
    }
    model::Document document;
    const ExitCode status = loadDesign(paths, document);
    QString error;
    if (!helm.isEmpty()) {
        model::HelmChartOptions options;
        options.chartName = parser.value(QStringLiteral("chart-name"));
        if (parser.isSet(QStringLiteral("chart-version")))
            options.chartVersion = parser.value(QStringLiteral("chart-version"));
        options.appVersion = parser.value(QStringLiteral("app-version"));
        options.fallbackName = defaultChartName(paths);
        const model::HelmChart chart = model::buildHelmChart(document.snapshot(), options);
        for (const QString &note : chart.notes)
            printError(QStringLiteral("note: ") + note);
        if (!model::writeChartFiles(chart.files, helm, {QStringLiteral("templates"), QStringLiteral("crds")}, &error)) {
            printError(error);
            return ExitCode::BadInput;
        }
        return status;
    }
    if (!kustomize.isEmpty()) {
        const model::Kustomization kustomization = model::buildKustomization(document.snapshot());
        for (const QString &note : kustomization.notes)
            printError(QStringLiteral("note: ") + note);
        if (!model::writeChartFiles(kustomization.files, kustomize, {QStringLiteral("base"), QStringLiteral("overlays")}, &error)) {
            printError(error);
            return ExitCode::BadInput;
        }
        return status;
    }
    if (!model::exportManifests(document.snapshot(), manifests, parser.isSet(QStringLiteral("single-file")), &error)) {
        printError(error);
        return ExitCode::BadInput;
    }
    return status;
}

} // namespace kstudio::app
