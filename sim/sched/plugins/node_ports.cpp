// SPDX-License-Identifier: GPL-3.0-or-later
// NodePorts: a pod's hostPorts must be free on the node (same protocol and port conflict when
// either host IP is 0.0.0.0 or both are equal).
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeports/node_ports.go at v1.33.
#include "plugins.h"

#include <sim/sched/reasons.h>

namespace kstudio::sim::sched::plugins {

namespace {

class NodePorts final : public BatchPlugin<NodePorts>
{
public:
    const char *name() const override { return "NodePorts"; }
    Points points() const override { return Points(Point::PreFilter) | Point::Filter; }
    // The pod's spec against the node's own state.
    bool nodeLocalFilter() const override { return true; }

    Status preFilter(CycleState &, const PodInfo &pod, PreFilterResult &) const override
    {
        if (pod.spec->hostPorts.empty())
            return Status(Code::Skip);
        return {};
    }

    Status filter(const CycleState &, const PodInfo &pod, const NodeInfo &node) const override
    {
        for (const HostPort &wanted : pod.spec->hostPorts) {
            for (const HostPort &used : node.usedPorts) {
                if (wanted.conflictsWith(used))
                    return Status(Code::Unschedulable, QString(reasons::nodePorts));
            }
        }
        return {};
    }
};

} // namespace

std::unique_ptr<Plugin> makeNodePorts()
{
    return std::make_unique<NodePorts>();
}

} // namespace kstudio::sim::sched::plugins
