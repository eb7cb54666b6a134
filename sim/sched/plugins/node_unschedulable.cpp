// SPDX-License-Identifier: GPL-3.0-or-later
// NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate
// node.kubernetes.io/unschedulable:NoSchedule.
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go at v1.33.
#include "plugins.h"

#include <sim/sched/reasons.h>

namespace kstudio::sim::sched::plugins {

namespace {

class NodeUnschedulable final : public BatchPlugin<NodeUnschedulable>
{
public:
    const char *name() const override { return "NodeUnschedulable"; }
    Points points() const override { return Point::Filter; }

    Status filter(const CycleState &, const PodInfo &pod, const NodeInfo &node) const override
    {
        if (!node.unschedulable)
            return {};
        if (pod.spec->toleratesAll(QStringLiteral("node.kubernetes.io/unschedulable"), {}, QStringLiteral("NoSchedule")))
            return {};
        return Status(Code::UnschedulableAndUnresolvable, QString(reasons::nodeUnschedulable));
    }
};

} // namespace

std::unique_ptr<Plugin> makeNodeUnschedulable()
{
    return std::make_unique<NodeUnschedulable>();
}

} // namespace kstudio::sim::sched::plugins
