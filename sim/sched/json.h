// SPDX-License-Identifier: GPL-3.0-or-later
// The schedule result as CLI.md's JSON: {"placements": [{pod, node, feasibleNodes, scores,
// reason, preempted}]}, placements sorted by namespace/name. A what-if adds "whatIf":
// {"drain": NODE, "moved": [{pod, from, to}], "blocked": [{pod, reason, podDisruptionBudget?}], "pending": [...]} or
// {"failZone": ZONE | "failNode": NODE, "nodesLost": [...], "moved": [...], "pending": [...]}; each
// what-if also lists "servicesWithoutEndpoints" (Services whose selected pods are all gone or
// Pending afterwards). --plan-capacity adds "capacityPlan".
#pragma once

#include "capacity.h"
#include "framework.h"

#include <QJsonObject>

namespace kstudio::sim::sched {

QJsonObject toJson(const ScheduleResult &result);
QJsonObject toJson(const WhatIf &whatIf);
// "capacityPlan": {"shape": {"cpu", "memory", "pods", "source"}, "zones": [...], "lowerBound",
// "nodes": N|null, "nodesZoneFailure": N|null, "zoneFailureNote"?, "unplaceable": [...],
// "simulations"}.
QJsonObject toJson(const CapacityPlan &plan);

} // namespace kstudio::sim::sched
