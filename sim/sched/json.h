// SPDX-License-Identifier: GPL-3.0-or-later
// The schedule result as CLI.md's JSON: {"placements": [{pod, node, feasibleNodes, scores,
// reason, preempted}]}, placements sorted by namespace/name.
#pragma once

#include "framework.h"

#include <QJsonObject>

namespace kstudio::sim::sched {

QJsonObject toJson(const ScheduleResult &result);

} // namespace kstudio::sim::sched
