// SPDX-License-Identifier: GPL-3.0-or-later
// Plugin: one kube-scheduler plugin; it implements the hooks of the extension points it declares.
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/interface.go (PreFilterPlugin,
// FilterPlugin, PreScorePlugin, ScorePlugin, ScoreExtensions) at v1.33.
#pragma once

#include "cycle_state.h"
#include "node_info.h"
#include "pod_info.h"
#include "status.h"

#include <QFlags>
#include <QString>

#include <functional>

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <vector>

namespace kstudio::sim::sched {

enum class Point : std::uint8_t { PreFilter = 1, Filter = 2, PostFilter = 4, PreScore = 8, Score = 16 };
Q_DECLARE_FLAGS(Points, Point)
Q_DECLARE_OPERATORS_FOR_FLAGS(Points)

// framework.MaxNodeScore: normalised scores are in [0, 100].
inline constexpr std::int64_t maxNodeScore = 100;

// framework.PreFilterResult: nullopt means every node.
struct PreFilterResult
{
    std::optional<std::set<QString>> nodeNames;
};

// What a PostFilter plugin gets: the pod, the nodes with each one's Filter status, and a way
// to run PreFilter and Filter again for the pod on one node after it changed nodes (the
// plugin restores every node it changes before it returns).
struct PostFilterContext
{
    const PodInfo &pod;
    std::vector<NodeInfo> &nodes;
    const std::vector<Status> &statuses;
    const ClusterInfo &cluster;
    std::function<Status(std::size_t node)> filter;
};

// framework.PostFilterResult plus the victims preemption chose on the nominated node.
struct PostFilterResult
{
    Status status; // Success: nominated is set
    std::optional<std::size_t> nominated;
    std::vector<const PodInfo *> victims;
};

class Plugin
{
public:
    virtual ~Plugin();
    virtual const char *name() const = 0; // the upstream plugin name
    virtual Points points() const = 0;

    virtual Status preFilter(CycleState &state, const PodInfo &pod, PreFilterResult &result) const;
    virtual Status filter(const CycleState &state, const PodInfo &pod, const NodeInfo &node) const;
    virtual PostFilterResult postFilter(PostFilterContext &context) const;
    virtual Status preScore(CycleState &state, const PodInfo &pod, std::span<const NodeInfo *const> nodes) const;
    virtual std::int64_t score(const CycleState &state, const PodInfo &pod, const NodeInfo &node) const;
    // True when score() reads only the pod's spec and the node's own state (its resources,
    // requests and taints), never other nodes nor CycleState written from anything else: the
    // framework then keeps a node's raw score for the next pod of the same spec until the node
    // changes (NodeInfo::addPod/removePod).
    virtual bool nodeLocalScore() const { return false; }
    // True when filter() reads only the pod's spec and the node's own state (and what the
    // plugin's PreFilter wrote from the spec alone), and PreFilter's Skip depends on the spec
    // alone: the framework then keeps the node's verdict for the next pod of the same spec
    // until the node changes.
    virtual bool nodeLocalFilter() const { return false; }
    // Whether normalizeScores() changes anything (upstream: ScoreExtensions() is not nil).
    virtual bool scoreExtensions() const { return false; }
    // After PreScore: when this cycle gives every node the same normalised score without
    // looking at the nodes one by one, that score (the framework's incremental path adds it to
    // every node instead of calling scoreNodes and normalizeScores).
    virtual std::optional<std::int64_t> uniformScore(const CycleState &, const PodInfo &) const { return std::nullopt; }

    // Filter over the candidates (indices into nodes): those that fail leave candidates (order
    // kept) and go to failures with their status. What the framework calls for a cycle: one
    // virtual call per plugin, not per node (BatchPlugin runs the plugin's own filter inline).
    virtual void filterNodes(const CycleState &state,
                             const PodInfo &pod,
                             std::span<const NodeInfo> nodes,
                             std::vector<std::uint32_t> &candidates,
                             std::vector<std::pair<std::uint32_t, Status>> &failures) const;
    // Score of each node into out (parallel to nodes).
    virtual void scoreNodes(const CycleState &state,
                            const PodInfo &pod,
                            std::span<const NodeInfo *const> nodes,
                            std::span<std::int64_t> out) const;
    // NormalizeScore; the default leaves scores as they are (a plugin without ScoreExtensions).
    virtual void normalizeScores(const CycleState &state, const PodInfo &pod, std::span<std::int64_t> scores) const;
};

// The batch hooks with the plugin's own filter and score called directly (no virtual call per
// node): plugins derive from BatchPlugin<Self>.
template<class Self>
class BatchPlugin : public Plugin
{
public:
    void filterNodes(const CycleState &state,
                     const PodInfo &pod,
                     std::span<const NodeInfo> nodes,
                     std::vector<std::uint32_t> &candidates,
                     std::vector<std::pair<std::uint32_t, Status>> &failures) const override
    {
        const Self &self = static_cast<const Self &>(*this);
        std::size_t kept = 0;
        for (const std::uint32_t i : candidates) {
            Status status = self.Self::filter(state, pod, nodes[i]);
            if (status.isSuccess())
                candidates[kept++] = i;
            else
                failures.emplace_back(i, std::move(status));
        }
        candidates.resize(kept);
    }
    void scoreNodes(const CycleState &state,
                    const PodInfo &pod,
                    std::span<const NodeInfo *const> nodes,
                    std::span<std::int64_t> out) const override
    {
        const Self &self = static_cast<const Self &>(*this);
        for (std::size_t n = 0; n < nodes.size(); ++n)
            out[n] = self.Self::score(state, pod, *nodes[n]);
    }
};

// helper.DefaultNormalizeScore: scale to [0, maxScore] by the highest score; reverse flips it.
void defaultNormalizeScore(std::int64_t maxScore, bool reverse, std::span<std::int64_t> scores);

} // namespace kstudio::sim::sched
