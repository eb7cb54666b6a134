// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio reach PATH... (CLI.md): the engine arrives with issue #5; until then the command says so.
#include "commands.h"

namespace kstudio::app {

ExitCode reachCommand(const QStringList &)
{
    printError(QStringLiteral("'reach' is not available in this build yet (issue #5)"));
    return ExitCode::BadInput;
}

} // namespace kstudio::app
