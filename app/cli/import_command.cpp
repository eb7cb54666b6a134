// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio import PATH... -o DESIGN.kstudio
#include "commands.h"

#include <model/core/auto_layout.h>
#include <model/core/document.h>
#include <model/io/project_file.h>

#include <QCommandLineParser>

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
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Inputs."), QStringLiteral("PATH..."));
    if (const std::optional<ExitCode> done = parseCommandLine(parser, arguments))
        return *done;
    const QStringList paths = parser.positionalArguments();
    const QString output = parser.value(QStringLiteral("output"));
    if (paths.isEmpty() || output.isEmpty()) {
        printError(QStringLiteral("usage: kstudio import PATH... -o DESIGN.kstudio"));
        return ExitCode::BadInput;
    }
    model::Document document;
    const ExitCode status = loadDesign(paths, document);
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
