// SPDX-License-Identifier: GPL-3.0-or-later
// The subcommands, one file each; cli.cpp dispatches to them.
#pragma once

#include "cli.h"

#include <model/diagnostics.h>

#include <QStringList>

namespace kstudio::app {

ExitCode importCommand(const QStringList &arguments);
ExitCode exportCommand(const QStringList &arguments);

// Prints diagnostics to stderr ("file:line:col: error: message") and returns the exit code
// they call for: BadInput when any is an error, Ok otherwise.
ExitCode reportDiagnostics(const model::Diagnostics &diagnostics);
void printError(const QString &message);
void printOut(const QString &text);

} // namespace kstudio::app
