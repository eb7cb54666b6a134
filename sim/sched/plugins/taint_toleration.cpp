// SPDX-License-Identifier: GPL-3.0-or-later
// TaintToleration: Filter rejects a node with a NoSchedule or NoExecute taint the pod does not
// tolerate (the first such taint is named); Score counts untolerated PreferNoSchedule taints,
// normalised in reverse (fewest is best).
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go at v1.33.
#include "plugins.h"

#include <sim/sched/reasons.h>

#include <algorithm>

namespace kstudio::sim::sched::plugins {

namespace {

// Tolerations with effect PreferNoSchedule or no effect (getAllTolerationPreferNoSchedule).
using PreferNoScheduleTolerations = std::vector<Toleration>;
constexpr StateKey<PreferNoScheduleTolerations> preScoreKey{StateSlot::TaintTolerationPreScore};

bool tolerated(const std::vector<Toleration> &tolerations, const Taint &taint)
{
    for (const Toleration &toleration : tolerations) {
        if (toleration.tolerates(taint.key, taint.value, taint.effect))
            return true;
    }
    return false;
}

class TaintToleration final : public BatchPlugin<TaintToleration>
{
public:
    const char *name() const override { return "TaintToleration"; }
    Points points() const override { return Points(Point::Filter) | Point::PreScore | Point::Score; }
    // The pod's tolerations against the node's own taints.
    bool nodeLocalFilter() const override { return true; }
    bool scoreExtensions() const override { return true; }

    Status filter(const CycleState &, const PodInfo &pod, const NodeInfo &node) const override
    {
        for (const Taint &taint : node.taints) {
            if (taint.effect != QLatin1String("NoSchedule") && taint.effect != QLatin1String("NoExecute"))
                continue;
            if (!tolerated(pod.spec->tolerations, taint))
                return Status(Code::UnschedulableAndUnresolvable,
                              QString(reasons::untoleratedTaint).arg(taint.key, taint.value));
        }
        return {};
    }

    void filterNodes(const CycleState &state,
                     const PodInfo &pod,
                     std::span<const NodeInfo> nodes,
                     std::vector<std::uint32_t> &candidates,
                     std::vector<std::pair<std::uint32_t, Status>> &failures) const override
    {
        // Only tainted nodes can fail.
        if (anyTainted(nodes))
            BatchPlugin::filterNodes(state, pod, nodes, candidates, failures);
    }

    void scoreNodes(const CycleState &state,
                    const PodInfo &pod,
                    std::span<const NodeInfo *const> nodes,
                    std::span<std::int64_t> out) const override
    {
        // Untainted nodes count no PreferNoSchedule taint.
        if (anyTainted(state.nodes()) || !std::all_of(nodes.begin(), nodes.end(), [&state](const NodeInfo *node) {
                return node >= state.nodes().data() && node < state.nodes().data() + state.nodes().size();
            }))
            BatchPlugin::scoreNodes(state, pod, nodes, out);
        else
            std::fill(out.begin(), out.end(), 0);
    }

    Status preScore(CycleState &state, const PodInfo &pod, std::span<const NodeInfo *const>) const override
    {
        PreferNoScheduleTolerations tolerations;
        for (const Toleration &toleration : pod.spec->tolerations) {
            if (toleration.effect.isEmpty() || toleration.effect == QLatin1String("PreferNoSchedule"))
                tolerations.push_back(toleration);
        }
        state.write(preScoreKey, std::move(tolerations));
        return {};
    }

    std::int64_t score(const CycleState &state, const PodInfo &, const NodeInfo &node) const override
    {
        const PreferNoScheduleTolerations *tolerations = state.read(preScoreKey);
        std::int64_t count = 0;
        for (const Taint &taint : node.taints) {
            if (taint.effect == QLatin1String("PreferNoSchedule") && !(tolerations && tolerated(*tolerations, taint)))
                ++count;
        }
        return count;
    }

    void normalizeScores(const CycleState &, const PodInfo &, std::span<std::int64_t> scores) const override
    {
        defaultNormalizeScore(maxNodeScore, true, scores);
    }

    // No node has a taint: every raw score is 0, which the reverse normalisation makes 100.
    std::optional<std::int64_t> uniformScore(const CycleState &state, const PodInfo &) const override
    {
        if (anyTainted(state.nodes()))
            return std::nullopt;
        return maxNodeScore;
    }

private:
    // Whether any node of the list has a taint (taints never change during a simulation; a
    // different list, e.g. after a lost zone, is looked at again).
    bool anyTainted(std::span<const NodeInfo> nodes) const
    {
        const std::uint64_t generation = nodes.empty() || !nodes.front().index ? 0 : nodes.front().index->generation;
        if (m_taintedData != nodes.data() || m_taintedSize != nodes.size() || m_taintedGeneration != generation) {
            m_taintedData = nodes.data();
            m_taintedSize = nodes.size();
            m_taintedGeneration = generation;
            m_tainted = std::any_of(nodes.begin(), nodes.end(), [](const NodeInfo &node) { return !node.taints.empty(); });
        }
        return m_tainted;
    }

    mutable const NodeInfo *m_taintedData = nullptr;
    mutable std::size_t m_taintedSize = 0;
    mutable std::uint64_t m_taintedGeneration = 0;
    mutable bool m_tainted = false;
};

} // namespace

std::unique_ptr<Plugin> makeTaintToleration()
{
    return std::make_unique<TaintToleration>();
}

} // namespace kstudio::sim::sched::plugins
