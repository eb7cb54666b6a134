// SPDX-License-Identifier: GPL-3.0-or-later
// .kstudio reading and writing (placeholder until the QuaZip implementation lands).
#include "project_file.h"

namespace kstudio::model {

ProjectReadResult readProject(const QString &path, const ProjectLimits &)
{
    ProjectReadResult result;
    result.diagnostics.append({DiagnosticSeverity::Fatal, path, 0, 0,
                               QStringLiteral("reading .kstudio projects is not implemented yet")});
    return result;
}

bool writeProject(const QString &, const Snapshot &, QString *error)
{
    if (error)
        *error = QStringLiteral("writing .kstudio projects is not implemented yet");
    return false;
}

} // namespace kstudio::model
