// SPDX-License-Identifier: GPL-3.0-or-later
// Subcommand dispatch, help and version.
#include "cli.h"

#include "commands.h"
#include "help.h"

#include <model/io/manifest_reader.h>
#include <model/io/project_file.h>

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace kstudio::app {

namespace {

struct Subcommand
{
    const char *name;
    const char *summary;
    ExitCode (*run)(const QStringList &arguments); // nullptr: not in this build yet
    const char *issue;
};

constexpr Subcommand subcommands[] = {
    {"import", "Read manifests (files, directories, .kstudio) into a new .kstudio project", &importCommand, nullptr},
    {"export", "Write the design as plain manifests (--manifests), a Helm chart or kustomize", &exportCommand, nullptr},
    {"validate", "Check the design: schema, references, best practices, Pod Security", &validateCommand, nullptr},
    {"schedule", "Simulate kube-scheduler placement on the modelled node pool", &scheduleCommand, nullptr},
    {"reach", "Simulate network reachability (NetworkPolicy, Services, Ingress)", &reachCommand, nullptr},
    {"import-chart", "Render a Helm chart with the real helm and import the result", &importChartCommand, nullptr},
    {"rules", "List every validation rule with its documentation (validate --list-rules)", &rulesCommand, nullptr},
};

QString helpText()
{
    QString text = QStringLiteral(
        "kstudio - design Kubernetes clusters: edit, validate, simulate, export.\n"
        "\n"
        "Usage:\n"
        "  kstudio [FILE]              start the studio (optionally opening FILE)\n"
        "  kstudio COMMAND [flags]     run a command without a display\n"
        "\n"
        "Commands:\n");
    for (const Subcommand &command : subcommands) {
        text += QStringLiteral("  %1%2\n")
                    .arg(QString::fromLatin1(command.name).leftJustified(14))
                    .arg(QString::fromLatin1(command.summary));
    }
    text += QLatin1Char('\n') + topLevelHelpTail();
    text += QStringLiteral(
        "\n"
        "Flags:\n"
        "  -h, --help      help for kstudio (or COMMAND --help)\n"
        "      --version   print the version\n"
        "\n"
        "PATH arguments are YAML/JSON files (multi-document), directories of them (recursive)\n"
        "or .kstudio projects. Objects are named namespace/name.\n"
        "\n"
        "Exit codes:\n"
        "  0  success\n"
        "  1  the answer is \"no\" (error findings, Pending pods, a denied connection)\n"
        "  2  bad input or usage; the message names file, line and column where there is one\n"
        "\n"
        "Use \"kstudio COMMAND --help\" for more about a command.\n");
    return text;
}

} // namespace

QString versionText()
{
    return QStringLiteral("kstudio " KSTUDIO_VERSION);
}

bool isCliInvocation(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString first = arguments.at(1);
    if (first.startsWith(QLatin1Char('-')))
        return true;
    for (const Subcommand &command : subcommands) {
        if (first == QLatin1String(command.name))
            return true;
    }
    return false;
}

int runCli(const QStringList &arguments)
{
    const QString first = arguments.value(1);
    if (first == QLatin1String("--version") || first == QLatin1String("version")) {
        printOut(versionText() + QLatin1Char('\n'));
        return static_cast<int>(ExitCode::Ok);
    }
    if (first.isEmpty() || first == QLatin1String("--help") || first == QLatin1String("-h")
        || first == QLatin1String("help")) {
        printOut(helpText());
        return static_cast<int>(ExitCode::Ok);
    }
    for (const Subcommand &command : subcommands) {
        if (first != QLatin1String(command.name))
            continue;
        if (!command.run) {
            printError(QStringLiteral("'%1' is not available in this build yet (issue %2)")
                           .arg(first, QString::fromLatin1(command.issue)));
            return static_cast<int>(ExitCode::BadInput);
        }
        QStringList rest = arguments.mid(1);
        rest[0] = QStringLiteral("kstudio ") + first;
        return static_cast<int>(command.run(rest));
    }
    printError(QStringLiteral("unknown command or flag '%1'; see 'kstudio --help'").arg(first));
    return static_cast<int>(ExitCode::BadInput);
}

void printError(const QString &message)
{
    const QByteArray bytes = (QStringLiteral("kstudio: ") + message + QLatin1Char('\n')).toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stderr);
}

void printOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

std::optional<ExitCode> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments)
{
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return ExitCode::BadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // Qt names the program by its path; the usage line names the subcommand as typed.
        QString text = parser.helpText();
        const QString program = QCoreApplication::arguments().value(0);
        if (text.startsWith(QStringLiteral("Usage: ") + program))
            text.replace(7, program.size(), arguments.value(0));
        printOut(commandHelp(arguments.value(0), parser.applicationDescription(), text));
        return ExitCode::Ok;
    }
    return std::nullopt;
}

ExitCode loadDesign(const QStringList &paths, model::Document &document)
{
    if (paths.size() == 1 && paths.front().endsWith(QLatin1String(".kstudio"), Qt::CaseInsensitive)) {
        model::ProjectReadResult project = model::readProject(paths.front());
        const ExitCode status = reportDiagnostics(project.diagnostics);
        if (project.ok)
            document.reset(model::toSnapshot(std::move(project)));
        return status;
    }
    model::LoadResult loaded = model::loadPaths(paths);
    const ExitCode status = reportDiagnostics(loaded.diagnostics);
    document.addObjects(std::move(loaded.objects));
    return status;
}

ExitCode reportDiagnostics(const model::Diagnostics &diagnostics)
{
    for (const model::Diagnostic &diagnostic : diagnostics) {
        const QByteArray bytes = (diagnostic.toString() + QLatin1Char('\n')).toUtf8();
        std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stderr);
    }
    return model::hasErrors(diagnostics) ? ExitCode::BadInput : ExitCode::Ok;
}

} // namespace kstudio::app
