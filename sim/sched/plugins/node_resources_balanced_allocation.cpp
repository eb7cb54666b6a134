// SPDX-License-Identifier: GPL-3.0-or-later
// NodeResourcesBalancedAllocation: favours nodes whose cpu and memory fractions (requested after
// placing the pod over allocatable, capped at 1) are close: score = (1 - std) * 100, where for
// two resources std = |f1 - f2| / 2. Best-effort pods (no requests) are not scored.
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go
// and resource_allocation.go at v1.33.
#include "plugins.h"

#include <cmath>

namespace kstudio::sim::sched::plugins {

namespace {

class BalancedAllocation final : public BatchPlugin<BalancedAllocation>
{
public:
    const char *name() const override { return "NodeResourcesBalancedAllocation"; }
    Points points() const override { return Points(Point::PreScore) | Point::Score; }

    Status preScore(CycleState &, const PodInfo &pod, std::span<const NodeInfo *const>) const override
    {
        // isBestEffortPod over the requests of the scored resources (cpu, memory).
        if (pod.spec->requests.milliCpu == 0 && pod.spec->requests.memory == 0)
            return Status(Code::Skip);
        return {};
    }

    // The pod's requests against the node's own requested and allocatable only.
    bool nodeLocalScore() const override { return true; }

    std::int64_t score(const CycleState &, const PodInfo &pod, const NodeInfo &node) const override
    {
        // useRequested=true: the node's Requested plus the pod's request as written.
        double fractions[2];
        int count = 0;
        const auto fraction = [&](std::int64_t requested, std::int64_t allocatable) {
            if (allocatable == 0)
                return;
            fractions[count++] = std::min(1.0, static_cast<double>(requested) / static_cast<double>(allocatable));
        };
        fraction(node.requested.milliCpu + pod.spec->requests.milliCpu, node.allocatable.milliCpu);
        fraction(node.requested.memory + pod.spec->requests.memory, node.allocatable.memory);
        const double deviation = count == 2 ? std::abs((fractions[0] - fractions[1]) / 2) : 0.0;
        return static_cast<std::int64_t>((1 - deviation) * static_cast<double>(maxNodeScore));
    }
};

} // namespace

std::unique_ptr<Plugin> makeNodeResourcesBalancedAllocation()
{
    return std::make_unique<BalancedAllocation>();
}

} // namespace kstudio::sim::sched::plugins
