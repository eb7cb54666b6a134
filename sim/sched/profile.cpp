// SPDX-License-Identifier: GPL-3.0-or-later
// The default profile: one row per plugin, in upstream order, with upstream weights.
// Mirrors: kubernetes/kubernetes pkg/scheduler/apis/config/v1/default_plugins.go at v1.33.
// Not simulated (rows to come, in this order): SchedulingGates and PrioritySort (the queue in
// framework.cpp sorts by priority, then arrival), VolumeRestrictions, NodeVolumeLimits,
// VolumeBinding, VolumeZone (no volumes are simulated) before PodTopologySpread,
// ImageLocality (weight 1; no images are on simulated nodes),
// DefaultBinder.
#include "profile.h"

#include "plugins/plugins.h"

namespace kstudio::sim::sched {

std::span<const ProfileEntry> defaultProfile()
{
    static constexpr ProfileEntry profile[] = {
        {"NodeUnschedulable", plugins::makeNodeUnschedulable, 0},
        {"NodeName", plugins::makeNodeName, 0},
        {"TaintToleration", plugins::makeTaintToleration, 3},
        {"NodeAffinity", plugins::makeNodeAffinity, 2},
        {"NodePorts", plugins::makeNodePorts, 0},
        {"NodeResourcesFit", plugins::makeNodeResourcesFit, 1},
        {"PodTopologySpread", plugins::makePodTopologySpread, 2},
        {"InterPodAffinity", plugins::makeInterPodAffinity, 2},
        {"DefaultPreemption", plugins::makeDefaultPreemption, 0},
        {"NodeResourcesBalancedAllocation", plugins::makeNodeResourcesBalancedAllocation, 1},
    };
    return profile;
}

} // namespace kstudio::sim::sched
