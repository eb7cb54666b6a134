// SPDX-License-Identifier: GPL-3.0-or-later
// Diagnostic: what loading or saving found wrong with an input, with where it was found.
#pragma once

#include <QList>
#include <QString>

namespace kstudio::model {

// fatal: nothing usable came from the input; error: a document or object was skipped;
// warning: the input was accepted but something in it was ignored or changed.
enum class DiagnosticSeverity { Fatal, Error, Warning };

struct Diagnostic
{
    DiagnosticSeverity severity = DiagnosticSeverity::Error;
    QString file;
    int line = 0;   // 1-based, 0 when unknown
    int column = 0; // 1-based, 0 when unknown
    QString message;

    // "file:line:column: error: message", the form compilers and kubectl-like tools print.
    QString toString() const;
};

using Diagnostics = QList<Diagnostic>;

bool hasErrors(const Diagnostics &diagnostics);

} // namespace kstudio::model
