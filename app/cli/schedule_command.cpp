// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio schedule PATH... (CLI.md): the engine arrives with issue #4; until then the command says so.
#include "commands.h"

namespace kstudio::app {

ExitCode scheduleCommand(const QStringList &)
{
    printError(QStringLiteral("'schedule' is not available in this build yet (issue #4)"));
    return ExitCode::BadInput;
}

} // namespace kstudio::app
