// SPDX-License-Identifier: GPL-3.0-or-later
// Formatting of diagnostics.
#include "diagnostics.h"

#include <algorithm>

namespace kstudio::model {

QString Diagnostic::toString() const
{
    QString where = file.isEmpty() ? QStringLiteral("<input>") : file;
    if (line > 0) {
        where += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            where += QLatin1Char(':') + QString::number(column);
    }
    QString level;
    switch (severity) {
    case DiagnosticSeverity::Fatal:
    case DiagnosticSeverity::Error:
        level = QStringLiteral("error");
        break;
    case DiagnosticSeverity::Warning:
        level = QStringLiteral("warning");
        break;
    }
    return where + QStringLiteral(": ") + level + QStringLiteral(": ") + message;
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &d) {
        return d.severity != DiagnosticSeverity::Warning;
    });
}

} // namespace kstudio::model
