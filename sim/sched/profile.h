// SPDX-License-Identifier: GPL-3.0-or-later
// Profile: the enabled plugins, in order, with their score weights. The order is the filter order,
// so it decides which reason a node reports.
#pragma once

#include "plugin.h"

#include <cstdint>
#include <memory>
#include <span>

namespace kstudio::sim::sched {

struct ProfileEntry
{
    const char *name;
    std::unique_ptr<Plugin> (*factory)();
    std::int32_t weight; // Score weight; 0 for plugins that do not score
};

// The default profile of the pinned release, as far as this engine implements it.
std::span<const ProfileEntry> defaultProfile();

} // namespace kstudio::sim::sched
