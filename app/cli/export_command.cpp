// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio export PATH... --manifests OUT [--single-file]
#include "commands.h"

#include <model/core/document.h>
#include <model/io/export_manifests.h>

#include <QCommandLineParser>

namespace kstudio::app {

ExitCode exportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Write the design's objects. --manifests writes one file per object, "
                       "numbered in install order (Namespaces, CRDs, cluster objects, then Helm's "
                       "install order), or one stream with --single-file (OUT '-' is stdout)."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("manifests"), QStringLiteral("Write plain manifests to DIR."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("single-file"), QStringLiteral("With --manifests: write one YAML stream to the file OUT.")});
    parser.addOption({QStringLiteral("helm"), QStringLiteral("Write a Helm chart to DIR (issue #6)."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("kustomize"), QStringLiteral("Write a kustomize base and overlays to DIR (issue #6)."), QStringLiteral("DIR")});
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Inputs."), QStringLiteral("PATH..."));
    if (const std::optional<ExitCode> done = parseCommandLine(parser, arguments))
        return *done;
    if (parser.isSet(QStringLiteral("helm")) || parser.isSet(QStringLiteral("kustomize"))) {
        printError(QStringLiteral("--helm and --kustomize are not available in this build yet (issue #6)"));
        return ExitCode::BadInput;
    }
    const QStringList paths = parser.positionalArguments();
    const QString output = parser.value(QStringLiteral("manifests"));
    if (paths.isEmpty() || output.isEmpty()) {
        printError(QStringLiteral("usage: kstudio export PATH... --manifests OUT [--single-file]"));
        return ExitCode::BadInput;
    }
    model::Document document;
    const ExitCode status = loadDesign(paths, document);
    QString error;
    if (!model::exportManifests(document.snapshot(), output, parser.isSet(QStringLiteral("single-file")), &error)) {
        printError(error);
        return ExitCode::BadInput;
    }
    return status;
}

} // namespace kstudio::app
