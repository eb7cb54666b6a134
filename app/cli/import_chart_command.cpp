// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio import-chart CHART_DIR [--values FILE]... [--set K=V]... -o OUT: renders the chart with
// the real `helm template` (helm/helm cmd/helm/template.go) and imports what it prints, as
// `kstudio import` does with manifests.
#include "commands.h"

#include <model/core/auto_layout.h>
#include <model/core/document.h>
#include <model/io/manifest_reader.h>
#include <model/io/project_file.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace kstudio::app {

namespace {

// helm on PATH, else where scripts/setup.sh installs it: ${KSTUDIO_TOOLS_DIR:-~/.cache/kstudio-tools/bin}.
QString findHelm()
{
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("helm"));
    if (!onPath.isEmpty())
        return onPath;
    QString dir = qEnvironmentVariable("KSTUDIO_TOOLS_DIR");
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.cache/kstudio-tools/bin");
    return QStandardPaths::findExecutable(QStringLiteral("helm"), {dir});
}

} // namespace

ExitCode importChartCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Render a Helm chart with the real `helm template` and write the objects it "
                       "renders as a .kstudio project, laid out. CRDs (crds/) are included; the chart's "
                       "test hooks (helm.sh/hook: test) are not, as they are not part of the "
                       "application. helm is looked up on PATH, then in $KSTUDIO_TOOLS_DIR "
                       "(default ~/.cache/kstudio-tools/bin, where scripts/setup.sh installs it)."));
    parser.addHelpOption();
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("The project file to write."),
                      QStringLiteral("DESIGN.kstudio")});
    parser.addOption({{QStringLiteral("f"), QStringLiteral("values")}, QStringLiteral("A values file (repeatable)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("set"), QStringLiteral("A value, as helm --set (repeatable)."), QStringLiteral("K=V")});
    parser.addOption({QStringLiteral("release"), QStringLiteral("The release name (default: the chart directory's name)."),
                      QStringLiteral("NAME")});
    parser.addOption({{QStringLiteral("n"), QStringLiteral("namespace")},
                      QStringLiteral("The release namespace (default: default)."), QStringLiteral("NS")});
    parser.addPositionalArgument(QStringLiteral("CHART_DIR"), QStringLiteral("The chart directory (or packaged .tgz)."));
    if (const std::optional<ExitCode> done = parseCommandLine(parser, arguments))
        return *done;
    const QStringList positional = parser.positionalArguments();
    const QString output = parser.value(QStringLiteral("output"));
    if (positional.size() != 1 || output.isEmpty()) {
        printError(QStringLiteral("usage: kstudio import-chart CHART_DIR [--values FILE]... [--set K=V]... -o DESIGN.kstudio"));
        return ExitCode::BadInput;
    }
    const QString chart = positional.front();
    const QFileInfo chartInfo(chart);
    if (!chartInfo.exists()) {
        printError(QStringLiteral("%1: error: no such chart directory").arg(chart));
        return ExitCode::BadInput;
    }
    if (chartInfo.isDir() && !QFileInfo::exists(QDir(chart).filePath(QStringLiteral("Chart.yaml")))) {
        printError(QStringLiteral("%1: error: not a Helm chart (no Chart.yaml)").arg(chart));
        return ExitCode::BadInput;
    }
    const QString helm = findHelm();
    if (helm.isEmpty()) {
        printError(QStringLiteral("error: helm not found: import-chart renders the chart with the real helm; put helm on "
                                  "PATH or run scripts/setup.sh (installs it into ~/.cache/kstudio-tools/bin)"));
        return ExitCode::BadInput;
    }
    QString release = parser.value(QStringLiteral("release"));
    if (release.isEmpty())
        release = chartInfo.isDir() ? QDir(chartInfo.absoluteFilePath()).dirName() : chartInfo.completeBaseName();
    QStringList helmArguments{QStringLiteral("template"), release, chart, QStringLiteral("--include-crds"),
                              QStringLiteral("--skip-tests")};
    if (parser.isSet(QStringLiteral("namespace")))
        helmArguments << QStringLiteral("--namespace") << parser.value(QStringLiteral("namespace"));
    for (const QString &file : parser.values(QStringLiteral("values")))
        helmArguments << QStringLiteral("--values") << file;
    for (const QString &value : parser.values(QStringLiteral("set")))
        helmArguments << QStringLiteral("--set") << value;

    QProcess process;
    process.start(helm, helmArguments);
    if (!process.waitForStarted(30000)) {
        printError(QStringLiteral("error: cannot run %1: %2").arg(helm, process.errorString()));
        return ExitCode::BadInput;
    }
    if (!process.waitForFinished(300000)) {
        process.kill();
        process.waitForFinished();
        printError(QStringLiteral("%1: error: helm template did not finish in 300 s").arg(chart));
        return ExitCode::BadInput;
    }
    const QByteArray rendered = process.readAllStandardOutput();
    const QString helmErrors = QString::fromUtf8(process.readAllStandardError()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        printError(QStringLiteral("%1: error: the chart does not render (helm template exited with %2):\n%3")
                       .arg(chart)
                       .arg(process.exitCode())
                       .arg(helmErrors));
        return ExitCode::BadInput;
    }
    model::LoadResult loaded;
    model::readManifests(std::string_view(rendered.constData(), static_cast<std::size_t>(rendered.size())),
                         QStringLiteral("helm template %1").arg(chart), loaded);
    const ExitCode status = reportDiagnostics(loaded.diagnostics);
    model::Document document;
    document.addObjects(std::move(loaded.objects));
    document.apply(model::layoutEdit(model::autoLayout(document.snapshot())));
    QString error;
    if (!model::writeProject(output, document.snapshot(), &error)) {
        printError(error);
        return ExitCode::BadInput;
    }
    return status;
}

} // namespace kstudio::app
