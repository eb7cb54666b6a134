// SPDX-License-Identifier: GPL-3.0-or-later
// The plugin factories; profile.cpp lists them in upstream default_plugins.go order.
#pragma once

#include <sim/sched/plugin.h>

#include <memory>

namespace kstudio::sim::sched::plugins {

std::unique_ptr<Plugin> makeNodeUnschedulable();
std::unique_ptr<Plugin> makeNodeName();
std::unique_ptr<Plugin> makeTaintToleration();
std::unique_ptr<Plugin> makeNodeAffinity();
std::unique_ptr<Plugin> makeNodePorts();
std::unique_ptr<Plugin> makeNodeResourcesFit();
std::unique_ptr<Plugin> makePodTopologySpread();
std::unique_ptr<Plugin> makeInterPodAffinity();
std::unique_ptr<Plugin> makeDefaultPreemption();
std::unique_ptr<Plugin> makeNodeResourcesBalancedAllocation();

} // namespace kstudio::sim::sched::plugins
