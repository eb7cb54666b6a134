// SPDX-License-Identifier: GPL-3.0-or-later
// NodeResourcesFit: the pod's requests (PodRequests: containers summed, init containers as a
// maximum, restartable sidecars counted throughout, overhead added) must fit the node's
// allocatable minus what its pods request, for cpu, memory, ephemeral-storage and every scalar
// resource the pod asks for, and the pod count must stay within allocatable pods. Every
// shortfall is a reason. Score: LeastAllocated over cpu and memory (weight 1 each), counting
// 100m CPU and 200Mi memory for containers that request none.
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/fit.go,
// resource_allocation.go and least_allocated.go at v1.33.
#include "plugins.h"

#include <sim/sched/reasons.h>

namespace kstudio::sim::sched::plugins {

namespace {

constexpr StateKey<Resource> preFilterKey{StateSlot::NodeResourcesFitPreFilter};

// leastRequestedScore: the free fraction of capacity, times 100.
std::int64_t leastRequestedScore(std::int64_t requested, std::int64_t capacity)
{
    if (capacity == 0 || requested > capacity)
        return 0;
    return (capacity - requested) * maxNodeScore / capacity;
}

class NodeResourcesFit final : public BatchPlugin<NodeResourcesFit>
{
public:
    const char *name() const override { return "NodeResourcesFit"; }
    Points points() const override
    {
        return Points(Point::PreFilter) | Point::Filter | Point::PreScore | Point::Score;
    }
    // The pod's requests against the node's own allocatable, requested and pod count.
    bool nodeLocalFilter() const override { return true; }

    Status preFilter(CycleState &state, const PodInfo &pod, PreFilterResult &) const override
    {
        state.write(preFilterKey, pod.spec->requests);
        return {};
    }

    Status filter(const CycleState &state, const PodInfo &pod, const NodeInfo &node) const override
    {
        const Resource *request = state.read(preFilterKey);
        if (!request)
            request = &pod.spec->requests;
        QStringList insufficient;
        if (static_cast<std::int64_t>(node.pods.size()) + 1 > node.allocatable.allowedPodNumber)
            insufficient.append(QString(reasons::tooManyPods));
        if (request->isZero())
            return insufficient.isEmpty() ? Status() : Status(Code::Unschedulable, insufficient);
        const Resource &allocatable = node.allocatable;
        const Resource &requested = node.requested;
        if (request->milliCpu > 0 && request->milliCpu > allocatable.milliCpu - requested.milliCpu)
            insufficient.append(QString(reasons::insufficient).arg(QLatin1String("cpu")));
        if (request->memory > 0 && request->memory > allocatable.memory - requested.memory)
            insufficient.append(QString(reasons::insufficient).arg(QLatin1String("memory")));
        if (request->ephemeralStorage > 0
            && request->ephemeralStorage > allocatable.ephemeralStorage - requested.ephemeralStorage)
            insufficient.append(QString(reasons::insufficient).arg(QLatin1String("ephemeral-storage")));
        // Upstream ranges over a Go map here; the reasons end up in a sorted histogram, so the
        // order within one node does not show.
        for (const auto &[resourceName, quantity] : request->scalar) {
            if (quantity == 0)
                continue;
            if (quantity > allocatable.scalarValue(resourceName) - requested.scalarValue(resourceName))
                insufficient.append(QString(reasons::insufficient).arg(resourceName));
        }
        return insufficient.isEmpty() ? Status() : Status(Code::Unschedulable, insufficient);
    }

    void filterNodes(const CycleState &state,
                     const PodInfo &pod,
                     std::span<const NodeInfo> nodes,
                     std::vector<std::uint32_t> &candidates,
                     std::vector<std::pair<std::uint32_t, Status>> &failures) const override
    {
        // The arithmetic first; filter() builds the reasons only for a node that fails.
        const Resource *found = state.read(preFilterKey);
        const Resource &request = found ? *found : pod.spec->requests;
        std::size_t kept = 0;
        for (const std::uint32_t i : candidates) {
            const NodeInfo &node = nodes[i];
            const bool fits = static_cast<std::int64_t>(node.pods.size()) + 1 <= node.allocatable.allowedPodNumber
                              && request.scalar.empty()
                              && (request.milliCpu <= 0
                                  || request.milliCpu <= node.allocatable.milliCpu - node.requested.milliCpu)
                              && (request.memory <= 0 || request.memory <= node.allocatable.memory - node.requested.memory)
                              && (request.ephemeralStorage <= 0
                                  || request.ephemeralStorage
                                         <= node.allocatable.ephemeralStorage - node.requested.ephemeralStorage);
            if (fits) {
                candidates[kept++] = i;
                continue;
            }
            Status status = filter(state, pod, node);
            if (status.isSuccess())
                candidates[kept++] = i;
            else
                failures.emplace_back(i, std::move(status));
        }
        candidates.resize(kept);
    }

    // The pod's requests against the node's own requested and allocatable only.
    bool nodeLocalScore() const override { return true; }

    std::int64_t score(const CycleState &, const PodInfo &pod, const NodeInfo &node) const override
    {
        // resourceAllocationScorer with useRequested=false: NonZeroRequested plus the pod's
        // non-zero request; resources whose allocatable is zero are left out.
        std::int64_t total = 0;
        std::int64_t weights = 0;
        if (node.allocatable.milliCpu != 0) {
            total += leastRequestedScore(node.nonZeroRequested.milliCpu + pod.spec->nonZeroRequests.milliCpu,
                                         node.allocatable.milliCpu);
            ++weights;
        }
        if (node.allocatable.memory != 0) {
            total += leastRequestedScore(node.nonZeroRequested.memory + pod.spec->nonZeroRequests.memory,
                                         node.allocatable.memory);
            ++weights;
        }
        return weights == 0 ? 0 : total / weights;
    }
};

} // namespace

std::unique_ptr<Plugin> makeNodeResourcesFit()
{
    return std::make_unique<NodeResourcesFit>();
}

} // namespace kstudio::sim::sched::plugins
