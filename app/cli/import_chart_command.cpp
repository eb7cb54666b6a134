// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio import-chart CHART_DIR [--values FILE] [--set K=V]... -o OUT (issue #6)
#include "commands.h"

namespace kstudio::app {

ExitCode importChartCommand(const QStringList &arguments)
{
    Q_UNUSED(arguments);
    printError(QStringLiteral("import-chart is not available in this build yet (issue #6)"));
    return ExitCode::BadInput;
}

} // namespace kstudio::app
