// SPDX-License-Identifier: GPL-3.0-or-later
// The schedule result as CLI.md's JSON: {"placements": [{pod, node, feasibleNodes, scores,
// reason, preempted}]}, placements sorted by namespace/name. A what-if adds "whatIf":
// {"drain": NODE, "moved": [{pod, from, to}], "blocked": [{pod, reason, podDisruptionBudget?}], "pending": [...]} or
// {"failZone": ZONE, "nodesLost": [...], "moved": [...], "pending": [...]}.
#pragma once

#include "framework.h"

#include <QJsonObject>

namespace kstudio::sim::sched {

QJsonObject toJson(const ScheduleResult &result);
QJsonObject toJson(const WhatIf &whatIf);

} // namespace kstudio::sim::sched
