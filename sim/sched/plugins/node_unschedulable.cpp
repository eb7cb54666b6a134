// SPDX-License-Identifier: GPL-3.0-or-later
// NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate
// node.kubernetes.io/unschedulable:NoSchedule.
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go at v1.33.
#include "plugins.h"

#include <sim/sched/reasons.h>

#include <algorithm>

namespace kstudio::sim::sched::plugins {

namespace {

class NodeUnschedulable final : public BatchPlugin<NodeUnschedulable>
{
public:
    const char *name() const override { return "NodeUnschedulable"; }
    Points points() const override { return Point::Filter; }
    // The pod's spec against the node's own state.
    bool nodeLocalFilter() const override { return true; }

    Status filter(const CycleState &, const PodInfo &pod, const NodeInfo &node) const override
    {
        if (!node.unschedulable)
            return {};
        if (pod.spec->toleratesAll(QStringLiteral("node.kubernetes.io/unschedulable"), {}, QStringLiteral("NoSchedule")))
            return {};
        return Status(Code::UnschedulableAndUnresolvable, QString(reasons::nodeUnschedulable));
    }

    void filterNodes(const CycleState &state,
                     const PodInfo &pod,
                     std::span<const NodeInfo> nodes,
                     std::vector<std::uint32_t> &candidates,
                     std::vector<std::pair<std::uint32_t, Status>> &failures) const override
    {
        // Only cordoned nodes can fail.
        if (std::any_of(nodes.begin(), nodes.end(), [](const NodeInfo &node) { return node.unschedulable; }))
            BatchPlugin::filterNodes(state, pod, nodes, candidates, failures);
    }
};

} // namespace

std::unique_ptr<Plugin> makeNodeUnschedulable()
{
    return std::make_unique<NodeUnschedulable>();
}

} // namespace kstudio::sim::sched::plugins
