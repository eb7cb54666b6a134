// SPDX-License-Identifier: GPL-3.0-or-later
// Declarations of every rule of rules.def, for registry.cpp and the rule files themselves.
#pragma once

#include <sim/validate/rule.h>

namespace kstudio::sim::validate::rules {

#define KS_RULE(name) extern const Rule name;
#include <sim/validate/rules.def>
#undef KS_RULE

} // namespace kstudio::sim::validate::rules
