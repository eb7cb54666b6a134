// SPDX-License-Identifier: GPL-3.0-or-later
// PodTopologySpread: whenUnsatisfiable DoNotSchedule constraints filter nodes by skew
// ('matching pods in the node's domain' + 'the pod itself if it matches' - 'global minimum'
// must not exceed maxSkew; the minimum is 0 while fewer than minDomains domains exist; a node
// without the topology key is UnschedulableAndUnresolvable). ScheduleAnyway constraints score
// nodes by the matching pods in their domains (fewest is best). Pods count only when they are
// in the pod's namespace and on nodes with every topology key that pass the constraint's
// nodeAffinityPolicy (Honor by default) and nodeTaintsPolicy (Ignore by default);
// matchLabelKeys add the pod's own values of those labels to the selector. A pod without
// constraints gets the system defaults (kubernetes.io/hostname maxSkew 3, then
// topology.kubernetes.io/zone maxSkew 5, both ScheduleAnyway) with the selector of its
// Services and controller (PodInfo::defaultSpreadSelector), and none when that is empty.
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/plugin.go,
// common.go, filtering.go and scoring.go at v1.33, and kubernetes/website
// content/en/docs/concepts/scheduling-eviction/topology-spread-constraints.md.
// Not simulated: the PreFilterExtensions (AddPod/RemovePod) that let preemption's dry run
// recount after removing victims; a pod with an invalid labelSelector (which the API server
// refuses) counts no pods here where upstream fails the cycle with an error.
#include "plugins.h"

#include <sim/sched/reasons.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace kstudio::sim::sched::plugins {

namespace {

const QString hostnameKey = QStringLiteral("kubernetes.io/hostname");
const QString zoneKey = QStringLiteral("topology.kubernetes.io/zone");

// The internal topologySpreadConstraint: the selector is final (matchLabelKeys merged in).
struct Constraint
{
    std::int32_t maxSkew = 1;
    QString topologyKey;
    model::Selection selector;
    std::int32_t minDomains = 1;
    bool honorNodeAffinity = true;
    bool honorNodeTaints = false;
    // The selector's verdict per PodInfo::labelSetId (-1: not computed yet); counting runs over
    // every pod of the cluster for every pod scheduled, so each label set is matched only once.
    mutable std::vector<signed char> verdicts;
};

// filterTopologySpreadConstraints: the pod's constraints with this whenUnsatisfiable action.
std::vector<Constraint> podConstraints(const PodInfo &pod, bool doNotSchedule)
{
    std::vector<Constraint> result;
    for (const SpreadConstraint &written : pod.spec->topologySpreadConstraints) {
        if (written.doNotSchedule != doNotSchedule)
            continue;
        model::Selection selector = written.selector;
        // mergeLabelSetWithSelector: the pod's values for matchLabelKeys, plus the selector's
        // requirements (a null selector has none, so only the pod's values remain).
        QList<model::LabelRequirement> matchLabels;
        for (const QString &key : written.matchLabelKeys) {
            const auto it = pod.labels.constFind(key);
            if (it != pod.labels.constEnd())
                matchLabels.append({key, model::SelectorOperator::Equals, {it.value()}});
        }
        if (!matchLabels.isEmpty()) {
            if (selector.scope() == model::Selection::Scope::Requirements)
                matchLabels.append(selector.requirements());
            selector = model::Selection::of(std::move(matchLabels));
        }
        result.push_back({written.maxSkew, written.topologyKey, std::move(selector), written.minDomains,
                          written.honorNodeAffinity, written.honorNodeTaints, {}});
    }
    return result;
}

// getConstraints / buildDefaultConstraints.
std::vector<Constraint> constraintsFor(const PodInfo &pod, bool doNotSchedule)
{
    if (!pod.spec->topologySpreadConstraints.empty())
        return podConstraints(pod, doNotSchedule);
    // The system defaults are all ScheduleAnyway.
    if (doNotSchedule || pod.defaultSpreadSelector.isEmpty())
        return {};
    const model::Selection selector = model::Selection::of(pod.defaultSpreadSelector);
    return {{3, hostnameKey, selector, 1, true, false, {}}, {5, zoneKey, selector, 1, true, false, {}}};
}

bool hasAllKeys(const model::Labels &labels, const std::vector<Constraint> &constraints)
{
    for (const Constraint &constraint : constraints) {
        if (!labels.contains(constraint.topologyKey))
            return false;
    }
    return true;
}

// nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): nodeSelector and required terms.
bool requiredAffinityMatches(const PodSpecInfo &spec, const NodeInfo &node)
{
    for (const auto &[key, value] : spec.nodeSelector) {
        const auto it = node.labels.constFind(key);
        if (it == node.labels.constEnd() || it.value() != value)
            return false;
    }
    if (!spec.requiredTerms)
        return true;
    for (const NodeSelectorTerm &term : *spec.requiredTerms) {
        if (term.matches(node.labels, node.name))
            return true;
    }
    return false;
}

// matchNodeInclusionPolicies.
bool includesNode(const Constraint &constraint, const PodInfo &pod, const NodeInfo &node)
{
    if (constraint.honorNodeAffinity && !requiredAffinityMatches(*pod.spec, node))
        return false;
    if (constraint.honorNodeTaints) {
        for (const Taint &taint : node.taints) {
            if (taint.effect != QLatin1String("NoSchedule") && taint.effect != QLatin1String("NoExecute"))
                continue;
            if (!pod.spec->toleratesAll(taint.key, taint.value, taint.effect))
                return false;
        }
    }
    return true;
}

// countPodsMatchSelector: pods in the pod's namespace whose labels the selector matches.
std::int64_t countMatching(const NodeInfo &node, const Constraint &constraint, const QString &ns)
{
    std::int64_t count = 0;
    for (const PodInfo *other : node.pods) {
        if (other->labelSetId < 0) {
            if (other->ns == ns && constraint.selector.matches(other->labels))
                ++count;
            continue;
        }
        const auto id = static_cast<std::size_t>(other->labelSetId);
        if (id >= constraint.verdicts.size())
            constraint.verdicts.resize(id + 1, -1);
        signed char &verdict = constraint.verdicts[id];
        if (verdict < 0)
            verdict = other->ns == ns && constraint.selector.matches(other->labels) ? 1 : 0;
        count += verdict;
    }
    return count;
}

struct PreFilterState
{
    std::vector<Constraint> constraints;
    std::vector<std::map<QString, std::int64_t>> matchNum; // per constraint: domain -> matching pods

    // minMatchNum: the global minimum, 0 while there are fewer domains than minDomains.
    std::int64_t minMatchNum(std::size_t i) const
    {
        const std::map<QString, std::int64_t> &domains = matchNum[i];
        if (static_cast<std::int64_t>(domains.size()) < constraints[i].minDomains)
            return 0;
        std::int64_t minimum = std::numeric_limits<std::int32_t>::max();
        for (const auto &[value, count] : domains)
            minimum = std::min(minimum, count);
        return minimum;
    }
};

struct PreScoreState
{
    std::vector<Constraint> constraints;
    std::set<QString> ignored;         // nodes without every topology key
    std::vector<char> ignoredByIndex;  // the same, parallel to PreScore's nodes (and the scores)
    std::vector<std::map<QString, std::int64_t>> counts; // per constraint (not hostname)
    std::vector<double> weights;       // topologyNormalizingWeight per constraint
};

constexpr StateKey<PreFilterState> preFilterKey{StateSlot::PodTopologySpreadPreFilter};
constexpr StateKey<PreScoreState> preScoreKey{StateSlot::PodTopologySpreadPreScore};

class PodTopologySpread final : public Plugin
{
public:
    const char *name() const override { return "PodTopologySpread"; }
    Points points() const override
    {
        return Points(Point::PreFilter) | Point::Filter | Point::PreScore | Point::Score;
    }

    Status preFilter(CycleState &state, const PodInfo &pod, PreFilterResult &) const override
    {
        PreFilterState s;
        s.constraints = constraintsFor(pod, true);
        if (s.constraints.empty())
            return Status(Code::Skip);
        s.matchNum.resize(s.constraints.size());
        for (const NodeInfo &node : state.nodes()) {
            if (!hasAllKeys(node.labels, s.constraints))
                continue;
            for (std::size_t i = 0; i < s.constraints.size(); ++i) {
                const Constraint &constraint = s.constraints[i];
                if (!includesNode(constraint, pod, node))
                    continue;
                s.matchNum[i][node.labels.value(constraint.topologyKey)] +=
                    countMatching(node, constraint, pod.ns);
            }
        }
        state.write(preFilterKey, std::move(s));
        return {};
    }

    Status filter(const CycleState &state, const PodInfo &pod, const NodeInfo &node) const override
    {
        const PreFilterState *s = state.read(preFilterKey);
        if (!s)
            return {};
        for (std::size_t i = 0; i < s->constraints.size(); ++i) {
            const Constraint &constraint = s->constraints[i];
            const auto value = node.labels.constFind(constraint.topologyKey);
            if (value == node.labels.constEnd())
                return Status(Code::UnschedulableAndUnresolvable, QString(reasons::topologySpreadMissingLabel));
            const std::int64_t self = constraint.selector.matches(pod.labels) ? 1 : 0;
            const auto count = s->matchNum[i].find(value.value());
            const std::int64_t matching = count == s->matchNum[i].end() ? 0 : count->second;
            if (matching + self - s->minMatchNum(i) > constraint.maxSkew)
                return Status(Code::Unschedulable, QString(reasons::topologySpread));
        }
        return {};
    }

    Status preScore(CycleState &state, const PodInfo &pod, std::span<const NodeInfo *const> nodes) const override
    {
        if (state.nodes().empty())
            return Status(Code::Skip);
        PreScoreState s;
        s.constraints = constraintsFor(pod, false);
        if (s.constraints.empty())
            return Status(Code::Skip);
        // Only the pod's own constraints require every topology key: with the system defaults
        // a node without a zone label still gets hostname spreading.
        const bool requireAllTopologies = !pod.spec->topologySpreadConstraints.empty();
        const std::size_t n = s.constraints.size();
        s.counts.resize(n);
        std::vector<int> domains(n, 0);
        s.ignoredByIndex.assign(nodes.size(), 0);
        for (std::size_t k = 0; k < nodes.size(); ++k) {
            const NodeInfo &node = *nodes[k];
            if (requireAllTopologies && !hasAllKeys(node.labels, s.constraints)) {
                s.ignored.insert(node.name);
                s.ignoredByIndex[k] = 1;
                continue;
            }
            for (std::size_t i = 0; i < n; ++i) {
                if (s.constraints[i].topologyKey == hostnameKey)
                    continue; // per-node counts are taken in Score
                if (s.counts[i].emplace(node.labels.value(s.constraints[i].topologyKey), 0).second)
                    ++domains[i];
            }
        }
        s.weights.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t size = s.constraints[i].topologyKey == hostnameKey ? nodes.size() - s.ignored.size()
                                                                                  : static_cast<std::size_t>(domains[i]);
            s.weights[i] = std::log(static_cast<double>(size + 2));
        }
        for (const NodeInfo &node : state.nodes()) {
            if (requireAllTopologies && !hasAllKeys(node.labels, s.constraints))
                continue;
            for (std::size_t i = 0; i < n; ++i) {
                const Constraint &constraint = s.constraints[i];
                if (!includesNode(constraint, pod, node))
                    continue;
                const auto count = s.counts[i].find(node.labels.value(constraint.topologyKey));
                if (count == s.counts[i].end())
                    continue;
                count->second += countMatching(node, constraint, pod.ns);
            }
        }
        state.write(preScoreKey, std::move(s));
        return {};
    }

    std::int64_t score(const CycleState &state, const PodInfo &pod, const NodeInfo &node) const override
    {
        const PreScoreState *s = state.read(preScoreKey);
        if (!s || s->ignored.count(node.name))
            return 0;
        double score = 0;
        for (std::size_t i = 0; i < s->constraints.size(); ++i) {
            const Constraint &constraint = s->constraints[i];
            const auto value = node.labels.constFind(constraint.topologyKey);
            if (value == node.labels.constEnd())
                continue;
            std::int64_t count = 0;
            if (constraint.topologyKey == hostnameKey) {
                count = countMatching(node, constraint, pod.ns);
            } else if (const auto it = s->counts[i].find(value.value()); it != s->counts[i].end()) {
                count = it->second;
            }
            // scoreForCount: maxSkew - 1 waters the differences between domains down.
            score += static_cast<double>(count) * s->weights[i] + static_cast<double>(constraint.maxSkew - 1);
        }
        return static_cast<std::int64_t>(std::round(score));
    }

    void normalizeScores(const CycleState &state, const PodInfo &, std::span<std::int64_t> scores) const override
    {
        const PreScoreState *s = state.read(preScoreKey);
        if (!s)
            return;
        const auto ignored = [s](std::size_t k) { return k < s->ignoredByIndex.size() && s->ignoredByIndex[k]; };
        std::int64_t minScore = std::numeric_limits<std::int64_t>::max();
        std::int64_t maxScore = 0;
        for (std::size_t k = 0; k < scores.size(); ++k) {
            if (ignored(k))
                continue;
            minScore = std::min(minScore, scores[k]);
            maxScore = std::max(maxScore, scores[k]);
        }
        for (std::size_t k = 0; k < scores.size(); ++k) {
            if (ignored(k))
                scores[k] = 0;
            else if (maxScore == 0)
                scores[k] = maxNodeScore;
            else
                scores[k] = maxNodeScore * (maxScore + minScore - scores[k]) / maxScore;
        }
    }
};

} // namespace

std::unique_ptr<Plugin> makePodTopologySpread()
{
    return std::make_unique<PodTopologySpread>();
}

} // namespace kstudio::sim::sched::plugins
