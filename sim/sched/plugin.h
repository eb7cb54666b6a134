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

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <vector>

namespace kstudio::sim::sched {

enum class Point : std::uint8_t { PreFilter = 1, Filter = 2, PreScore = 4, Score = 8 };
Q_DECLARE_FLAGS(Points, Point)
Q_DECLARE_OPERATORS_FOR_FLAGS(Points)

// framework.MaxNodeScore: normalised scores are in [0, 100].
inline constexpr std::int64_t maxNodeScore = 100;

// framework.PreFilterResult: nullopt means every node.
struct PreFilterResult
{
    std::optional<std::set<QString>> nodeNames;
};

class Plugin
{
public:
    virtual ~Plugin();
    virtual const char *name() const = 0; // the upstream plugin name
    virtual Points points() const = 0;

    virtual Status preFilter(CycleState &state, const PodInfo &pod, PreFilterResult &result) const;
    virtual Status filter(const CycleState &state, const PodInfo &pod, const NodeInfo &node) const;
    virtual Status preScore(CycleState &state, const PodInfo &pod, std::span<const NodeInfo *const> nodes) const;
    virtual std::int64_t score(const CycleState &state, const PodInfo &pod, const NodeInfo &node) const;
    // NormalizeScore; the default leaves scores as they are (a plugin without ScoreExtensions).
    virtual void normalizeScores(const CycleState &state, const PodInfo &pod, std::span<std::int64_t> scores) const;
};

// helper.DefaultNormalizeScore: scale to [0, maxScore] by the highest score; reverse flips it.
void defaultNormalizeScore(std::int64_t maxScore, bool reverse, std::span<std::int64_t> scores);

} // namespace kstudio::sim::sched
