// SPDX-License-Identifier: GPL-3.0-or-later
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/plugins/helper/normalize_score.go at v1.33.
#include "plugin.h"

#include <algorithm>

namespace kstudio::sim::sched {

Plugin::~Plugin() = default;

Status Plugin::preFilter(CycleState &, const PodInfo &, PreFilterResult &) const
{
    return {};
}

Status Plugin::filter(const CycleState &, const PodInfo &, const NodeInfo &) const
{
    return {};
}

PostFilterResult Plugin::postFilter(PostFilterContext &) const
{
    return {Status(Code::Unschedulable), std::nullopt, {}};
}

Status Plugin::preScore(CycleState &, const PodInfo &, std::span<const NodeInfo *const>) const
{
    return {};
}

std::int64_t Plugin::score(const CycleState &, const PodInfo &, const NodeInfo &) const
{
    return 0;
}

void Plugin::filterNodes(const CycleState &state,
                         const PodInfo &pod,
                         std::span<const NodeInfo> nodes,
                         std::vector<std::uint32_t> &candidates,
                         std::vector<std::pair<std::uint32_t, Status>> &failures) const
{
    std::size_t kept = 0;
    for (const std::uint32_t i : candidates) {
        Status status = filter(state, pod, nodes[i]);
        if (status.isSuccess())
            candidates[kept++] = i;
        else
            failures.emplace_back(i, std::move(status));
    }
    candidates.resize(kept);
}

void Plugin::scoreNodes(const CycleState &state,
                        const PodInfo &pod,
                        std::span<const NodeInfo *const> nodes,
                        std::span<std::int64_t> out) const
{
    for (std::size_t n = 0; n < nodes.size(); ++n)
        out[n] = score(state, pod, *nodes[n]);
}

void Plugin::normalizeScores(const CycleState &, const PodInfo &, std::span<std::int64_t>) const {}

void defaultNormalizeScore(std::int64_t maxScore, bool reverse, std::span<std::int64_t> scores)
{
    std::int64_t maxCount = 0;
    for (const std::int64_t score : scores)
        maxCount = std::max(maxCount, score);
    if (maxCount == 0) {
        if (reverse)
            std::fill(scores.begin(), scores.end(), maxScore);
        return;
    }
    for (std::int64_t &score : scores) {
        score = maxScore * score / maxCount;
        if (reverse)
            score = maxScore - score;
    }
}

} // namespace kstudio::sim::sched
