// SPDX-License-Identifier: GPL-3.0-or-later
// The headless command line (../shared/CLI.md): subcommand dispatch and exit codes.
#pragma once

#include <QStringList>

namespace kstudio::app {

// Exit codes of every subcommand (CLI.md): decided here and only here.
enum class ExitCode : int { Ok = 0, No = 1, BadInput = 2 };

// True when argv asks for a subcommand, --help or --version (no display needed).
bool isCliInvocation(const QStringList &arguments);

// Runs a subcommand; arguments include the program name. Needs a QCoreApplication.
int runCli(const QStringList &arguments);

QString versionText();

} // namespace kstudio::app
