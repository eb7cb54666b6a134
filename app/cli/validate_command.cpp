// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio validate PATH... (CLI.md): the engine arrives with issue #3; until then the command says so.
#include "commands.h"

namespace kstudio::app {

ExitCode validateCommand(const QStringList &)
{
    printError(QStringLiteral("'validate' is not available in this build yet (issue #3)"));
    return ExitCode::BadInput;
}

} // namespace kstudio::app
