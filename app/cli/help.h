// SPDX-License-Identifier: GPL-3.0-or-later
// Help text in the shape kubectl and helm (cobra) give it: a description, "Usage:", "Examples:",
// "Flags:" and, as ours adds, "Exit codes:". The per-command usage lines, examples and exit codes
// are a table in help.cpp; the flags come from each command's QCommandLineParser.
#pragma once

#include <QString>

namespace kstudio::app {

// The help of `kstudio COMMAND` (command as typed, e.g. "kstudio validate"), around Qt's own
// help text for the command's parser (whose "Options:" and "Arguments:" become "Flags:" and
// "Arguments:"). Commands without a table entry get Qt's text unchanged.
QString commandHelp(const QString &command, const QString &description, const QString &qtHelp);

// The examples and exit codes of `kstudio --help`.
QString topLevelHelpTail();

} // namespace kstudio::app
