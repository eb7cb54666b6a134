// SPDX-License-Identifier: GPL-3.0-or-later
// Mirrors: kubernetes/kubernetes pkg/controller/disruption/disruption.go (getExpectedPodCount,
// desiredHealthy from minAvailable / maxUnavailable, percentages rounded up) and
// pkg/scheduler/framework/plugins/defaultpreemption/
// default_preemption.go (filterPodsWithPDBViolation: a PDB applies to pods of its namespace its
// selector matches; an empty selector matches none) at v1.33.
#include "cluster_info.h"
#include "cycle_state.h"

#include "node_info.h"
#include "pod_info.h"

#include <algorithm>

namespace kstudio::sim::sched {

bool ServiceInfo::selects(const PodInfo &pod) const
{
    if (pod.ns != ns || selector.selectsEverything() || selector.selectsNothing())
        return false;
    return selector.matches(pod.labels);
}

bool PdbInfo::selects(const PodInfo &pod) const
{
    if (pod.ns != ns || selector.selectsEverything() || selector.selectsNothing())
        return false;
    return selector.matches(pod.labels);
}

namespace {

// intstr.GetScaledValueFromIntOrPercent with roundUp.
int scaled(const QString &value, int expected, bool *ok)
{
    if (value.endsWith(QLatin1Char('%'))) {
        const int percent = value.chopped(1).toInt(ok);
        return (percent * expected + 99) / 100;
    }
    return value.toInt(ok);
}

int desiredHealthy(const PdbInfo &pdb)
{
    bool ok = false;
    if (pdb.maxUnavailable) {
        const int maxUnavailable = scaled(*pdb.maxUnavailable, pdb.expected, &ok);
        return ok ? std::max(0, pdb.expected - maxUnavailable) : pdb.expected;
    }
    if (pdb.minAvailable) {
        const int minAvailable = scaled(*pdb.minAvailable, pdb.expected, &ok);
        return ok ? minAvailable : pdb.expected;
    }
    return pdb.expected;
}

} // namespace

int disruptionsAllowed(const PdbInfo &pdb, std::span<const NodeInfo> nodes)
{
    int healthy = 0;
    for (const NodeInfo &node : nodes) {
        for (const PodInfo *pod : node.pods) {
            if (pdb.selects(*pod))
                ++healthy;
        }
    }
    return std::max(0, healthy - desiredHealthy(pdb));
}

const model::Labels &ClusterInfo::labelsOf(const QString &ns) const
{
    if (const auto it = namespaceLabels.find(ns); it != namespaceLabels.end())
        return it->second;
    auto [it, inserted] = m_implicit.try_emplace(ns);
    if (inserted)
        it->second.insert(QStringLiteral("kubernetes.io/metadata.name"), ns);
    return it->second;
}

} // namespace kstudio::sim::sched

namespace kstudio::sim::sched {

const ClusterInfo &CycleState::cluster() const
{
    static const ClusterInfo empty;
    return m_cluster ? *m_cluster : empty;
}

} // namespace kstudio::sim::sched
