// SPDX-License-Identifier: GPL-3.0-or-later
// The subcommands, one file each; cli.cpp dispatches to them.
#pragma once

#include "cli.h"

#include <model/core/document.h>
#include <model/diagnostics.h>

#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace kstudio::app {

ExitCode importCommand(const QStringList &arguments);
ExitCode exportCommand(const QStringList &arguments);
ExitCode validateCommand(const QStringList &arguments); // validate_command.cpp (issue #3)
ExitCode scheduleCommand(const QStringList &arguments); // schedule_command.cpp (issue #4)
ExitCode reachCommand(const QStringList &arguments);    // reach_command.cpp (issue #5)
ExitCode importChartCommand(const QStringList &arguments); // import_chart_command.cpp (issue #6)
ExitCode rulesCommand(const QStringList &arguments);       // validate_command.cpp: validate --list-rules

// Prints diagnostics to stderr ("file:line:col: error: message") and returns the exit code
// they call for: BadInput when any is an error, Ok otherwise.
ExitCode reportDiagnostics(const model::Diagnostics &diagnostics);
void printError(const QString &message);

// Parses a subcommand's arguments. Returns Ok after printing --help, BadInput after printing a
// parse error, nullopt when the command should go on.
std::optional<ExitCode> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments);

// Reads PATH... into document (a single .kstudio keeps its ids and layout), printing the
// diagnostics; returns BadInput when any is an error, Ok otherwise.
ExitCode loadDesign(const QStringList &paths, model::Document &document);
void printOut(const QString &text);

} // namespace kstudio::app
