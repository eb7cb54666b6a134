// SPDX-License-Identifier: GPL-3.0-or-later
// NodeName: a pod that names its node (spec.nodeName) fits only that node.
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/plugins/nodename/node_name.go at v1.33.
#include "plugins.h"

#include <sim/sched/reasons.h>

namespace kstudio::sim::sched::plugins {

namespace {

class NodeName final : public BatchPlugin<NodeName>
{
public:
    const char *name() const override { return "NodeName"; }
    Points points() const override { return Point::Filter; }
    // The pod's spec against the node's own state.
    bool nodeLocalFilter() const override { return true; }

    Status filter(const CycleState &, const PodInfo &pod, const NodeInfo &node) const override
    {
        if (pod.spec->nodeName.isEmpty() || pod.spec->nodeName == node.name)
            return {};
        return Status(Code::UnschedulableAndUnresolvable, QString(reasons::nodeName));
    }

    void filterNodes(const CycleState &state,
                     const PodInfo &pod,
                     std::span<const NodeInfo> nodes,
                     std::vector<std::uint32_t> &candidates,
                     std::vector<std::pair<std::uint32_t, Status>> &failures) const override
    {
        if (!pod.spec->nodeName.isEmpty()) // without spec.nodeName every node passes
            BatchPlugin::filterNodes(state, pod, nodes, candidates, failures);
    }
};

} // namespace

std::unique_ptr<Plugin> makeNodeName()
{
    return std::make_unique<NodeName>();
}

} // namespace kstudio::sim::sched::plugins
