// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio import PATH... -o DESIGN.kstudio [--node-pools FILE] [--notes FILE]
#include "commands.h"

#include <model/core/auto_layout.h>
#include <model/core/document.h>
#include <model/io/project_file.h>

#include <QCommandLineParser>
#include <QFile>

namespace kstudio::app {

ExitCode importCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Read manifests (YAML/JSON files, directories, .kstudio projects) into a new "
                       ".kstudio project, laid out. A malformed file is reported with its line and "
                       "column and left out whole; the rest is imported (exit code 2)."));
    parser.addHelpOption();
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      QStringLiteral("The project file to write."),
                      QStringLiteral("DESIGN.kstudio")});
    parser.addOption({QStringLiteral("node-pools"),
                      QStringLiteral("The cluster to schedule on: a JSON list of node pools, as the project keeps "
                                     "them ([{\"name\": \"workers\", \"count\": 3, \"cpu\": \"4\", \"memory\": "
                                     "\"16Gi\", \"pods\": 110, \"zones\": [\"a\", \"b\"], \"labels\": {}, "
                                     "\"taints\": [\"key=value:NoSchedule\"]}])."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("notes"),
                      QStringLiteral("The design's notes (UTF-8 text, e.g. a lesson), shown in the studio's Notes dock."),
                      QStringLiteral("FILE")});
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Inputs."), QStringLiteral("PATH..."));
    if (const std::optional<ExitCode> done = parseCommandLine(parser, arguments))
        return *done;
    const QStringList paths = parser.positionalArguments();
    const QString output = parser.value(QStringLiteral("output"));
    if (paths.isEmpty() || output.isEmpty()) {
        printError(QStringLiteral("usage: kstudio import PATH... -o DESIGN.kstudio [--node-pools FILE] [--notes FILE]"));
        return ExitCode::BadInput;
    }
    model::Document document;
    const ExitCode status = loadDesign(paths, document);
    if (parser.isSet(QStringLiteral("node-pools"))) {
        const QString poolsPath = parser.value(QStringLiteral("node-pools"));
        QFile file(poolsPath);
        if (!file.open(QIODevice::ReadOnly)) {
            printError(QStringLiteral("%1: error: %2").arg(poolsPath, file.errorString()));
            return ExitCode::BadInput;
        }
        model::Diagnostics diagnostics;
        const std::optional<QList<model::NodePool>> pools = model::readNodePools(file.readAll(), poolsPath, diagnostics);
        if (!pools) {
            reportDiagnostics(diagnostics);
            return ExitCode::BadInput;
        }
        document.apply(model::Edit(model::SetNodePools{*pools}));
    }
    if (parser.isSet(QStringLiteral("notes"))) {
        const QString notesPath = parser.value(QStringLiteral("notes"));
        QFile file(notesPath);
        if (!file.open(QIODevice::ReadOnly)) {
            printError(QStringLiteral("%1: error: %2").arg(notesPath, file.errorString()));
            return ExitCode::BadInput;
        }
        document.setNotes(QString::fromUtf8(file.readAll()).trimmed());
    }
    if (document.snapshot().layout().items.isEmpty())
        document.apply(model::layoutEdit(model::autoLayout(document.snapshot())));
    QString error;
    if (!model::writeProject(output, document.snapshot(), &error)) {
        printError(error);
        return ExitCode::BadInput;
    }
    return status;
}

} // namespace kstudio::app
