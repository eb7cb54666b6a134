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
// Preemption's dry run recounts by running PreFilter again over the changed node, which gives
// what upstream's PreFilterExtensions (AddPod/RemovePod) compute incrementally. A pod with an
// invalid labelSelector (which the API server refuses) counts no pods here where upstream fails
// the cycle with an error.
// Scaling: pods are counted through the cluster's PodIndex (per label set, the nodes running
// them), a selector's matching label sets are computed once per namespace and selector, and
// each topology key's domain per node once per node list.
#include "plugins.h"

#include <sim/sched/cluster_info.h>
#include <sim/sched/reasons.h>

#include <QHash>

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
    bool hostname = false; // topologyKey is kubernetes.io/hostname (scored per node)
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
                          written.honorNodeAffinity, written.honorNodeTaints, written.topologyKey == hostnameKey});
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
    return {{3, hostnameKey, selector, 1, true, false, true}, {5, zoneKey, selector, 1, true, false, false}};
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

// Per-cycle view of one constraint: each node's domain and whether it counts (inclusion
// policies), and the matching pods on each node.
struct Prepared
{
    const KeyDomains *domains = nullptr;
    std::vector<std::int64_t> perNode; // matching pods of the pod's namespace per node position
};

struct PreFilterState
{
    std::vector<Constraint> constraints;
    std::vector<const KeyDomains *> domains;
    std::vector<std::vector<std::int64_t>> matchNum; // per constraint, per domain
    std::vector<std::vector<char>> domainExists;     // per constraint, per domain
    std::vector<std::int64_t> minMatch;              // per constraint
    std::vector<std::int64_t> self;                  // 1 when the constraint matches the pod itself
};

struct PreScoreState
{
    std::vector<Constraint> constraints;
    std::vector<const KeyDomains *> domains;
    std::vector<char> ignoredByPosition;                // nodes without every topology key
    std::vector<char> ignoredByIndex;                   // the same, parallel to PreScore's nodes
    std::vector<std::vector<std::int64_t>> counts;      // per constraint (not hostname), per domain
    std::vector<std::vector<char>> created;             // per constraint, per domain
    std::vector<std::vector<std::int64_t>> hostCounts;  // hostname constraints: per node position
    std::vector<double> weights;                        // topologyNormalizingWeight per constraint
};

constexpr StateKey<PreFilterState> preFilterKey{StateSlot::PodTopologySpreadPreFilter};
constexpr StateKey<PreScoreState> preScoreKey{StateSlot::PodTopologySpreadPreScore};

class PodTopologySpread final : public BatchPlugin<PodTopologySpread>
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
        const std::span<const NodeInfo> nodes = state.nodes();
        const std::size_t n = s.constraints.size();
        std::vector<std::vector<std::int64_t>> perNode(n);
        std::vector<const std::vector<char> *> included(n);
        for (std::size_t i = 0; i < n; ++i) {
            s.domains.push_back(&domainsOf(nodes, s.constraints[i].topologyKey));
            perNode[i] = countsPerNode(nodes, s.constraints[i].selector, pod.ns);
            included[i] = inclusion(nodes, s.constraints[i], pod);
        }
        s.matchNum.resize(n);
        s.domainExists.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            s.matchNum[i].assign(std::size_t(s.domains[i]->count), 0);
            s.domainExists[i].assign(std::size_t(s.domains[i]->count), 0);
        }
        for (std::size_t k = 0; k < nodes.size(); ++k) {
            bool allKeys = true;
            for (std::size_t i = 0; i < n && allKeys; ++i)
                allKeys = s.domains[i]->has[k];
            if (!allKeys)
                continue;
            for (std::size_t i = 0; i < n; ++i) {
                if (included[i] && !(*included[i])[k])
                    continue;
                const auto d = std::size_t(s.domains[i]->domain[k]);
                s.domainExists[i][d] = 1;
                s.matchNum[i][d] += perNode[i][k];
            }
        }
        // minMatchNum: the global minimum, 0 while there are fewer domains than minDomains.
        for (std::size_t i = 0; i < n; ++i) {
            std::int64_t domains = 0;
            std::int64_t minimum = std::numeric_limits<std::int32_t>::max();
            for (std::size_t d = 0; d < s.matchNum[i].size(); ++d) {
                if (!s.domainExists[i][d])
                    continue;
                ++domains;
                minimum = std::min(minimum, s.matchNum[i][d]);
            }
            s.minMatch.push_back(domains < s.constraints[i].minDomains ? 0 : minimum);
            s.self.push_back(s.constraints[i].selector.matches(pod.labels) ? 1 : 0);
        }
        state.write(preFilterKey, std::move(s));
        return {};
    }

    Status filter(const CycleState &state, const PodInfo &, const NodeInfo &node) const override
    {
        const PreFilterState *s = state.read(preFilterKey);
        if (!s)
            return {};
        const std::size_t k = positionOf(state.nodes(), node);
        for (std::size_t i = 0; i < s->constraints.size(); ++i) {
            const Constraint &constraint = s->constraints[i];
            if (!s->domains[i]->has[k])
                return Status(Code::UnschedulableAndUnresolvable, QString(reasons::topologySpreadMissingLabel));
            const std::int64_t self = s->self[i];
            const auto d = std::size_t(s->domains[i]->domain[k]);
            const std::int64_t matching = s->domainExists[i][d] ? s->matchNum[i][d] : 0;
            if (matching + self - s->minMatch[i] > constraint.maxSkew)
                return Status(Code::Unschedulable, QString(reasons::topologySpread));
        }
        return {};
    }

    Status preScore(CycleState &state, const PodInfo &pod, std::span<const NodeInfo *const> feasible) const override
    {
        const std::span<const NodeInfo> nodes = state.nodes();
        if (nodes.empty())
            return Status(Code::Skip);
        PreScoreState s;
        s.constraints = constraintsFor(pod, false);
        if (s.constraints.empty())
            return Status(Code::Skip);
        // Only the pod's own constraints require every topology key: with the system defaults
        // a node without a zone label still gets hostname spreading.
        const bool requireAllTopologies = !pod.spec->topologySpreadConstraints.empty();
        const std::size_t n = s.constraints.size();
        std::vector<std::vector<std::int64_t>> perNode(n);
        std::vector<const std::vector<char> *> included(n);
        for (std::size_t i = 0; i < n; ++i) {
            s.domains.push_back(&domainsOf(nodes, s.constraints[i].topologyKey));
            perNode[i] = countsPerNode(nodes, s.constraints[i].selector, pod.ns);
        }
        const auto hasAllKeys = [&s, n](std::size_t k) {
            for (std::size_t i = 0; i < n; ++i) {
                if (!s.domains[i]->has[k])
                    return false;
            }
            return true;
        };
        s.counts.resize(n);
        s.created.resize(n);
        s.hostCounts.resize(n);
        std::vector<int> domainCount(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            s.counts[i].assign(std::size_t(s.domains[i]->count), 0);
            s.created[i].assign(std::size_t(s.domains[i]->count), 0);
        }
        s.ignoredByPosition.assign(nodes.size(), 0);
        s.ignoredByIndex.assign(feasible.size(), 0);
        std::size_t ignored = 0;
        for (std::size_t f = 0; f < feasible.size(); ++f) {
            const std::size_t k = positionOf(nodes, *feasible[f]);
            if (requireAllTopologies && !hasAllKeys(k)) {
                s.ignoredByPosition[k] = 1;
                s.ignoredByIndex[f] = 1;
                ++ignored;
                continue;
            }
            for (std::size_t i = 0; i < n; ++i) {
                if (s.constraints[i].hostname)
                    continue; // per-node counts are taken in Score
                char &created = s.created[i][std::size_t(s.domains[i]->domain[k])];
                if (!created) {
                    created = 1;
                    ++domainCount[i];
                }
            }
        }
        s.weights.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t size = s.constraints[i].hostname ? feasible.size() - ignored
                                                                                  : static_cast<std::size_t>(domainCount[i]);
            s.weights[i] = std::log(static_cast<double>(size + 2));
            if (s.constraints[i].hostname)
                s.hostCounts[i] = std::move(perNode[i]);
            else
                included[i] = inclusion(nodes, s.constraints[i], pod);
        }
        for (std::size_t k = 0; k < nodes.size(); ++k) {
            if (requireAllTopologies && !hasAllKeys(k))
                continue;
            for (std::size_t i = 0; i < n; ++i) {
                if (s.constraints[i].hostname)
                    continue;
                if (included[i] && !(*included[i])[k])
                    continue;
                const auto d = std::size_t(s.domains[i]->domain[k]);
                if (s.created[i][d])
                    s.counts[i][d] += perNode[i][k];
            }
        }
        state.write(preScoreKey, std::move(s));
        return {};
    }

    std::int64_t score(const CycleState &state, const PodInfo &, const NodeInfo &node) const override
    {
        const PreScoreState *s = state.read(preScoreKey);
        if (!s)
            return 0;
        const std::size_t k = positionOf(state.nodes(), node);
        if (s->ignoredByPosition[k])
            return 0;
        double score = 0;
        for (std::size_t i = 0; i < s->constraints.size(); ++i) {
            if (!s->domains[i]->has[k])
                continue;
            std::int64_t count = 0;
            if (!s->hostCounts[i].empty()) {
                count = s->hostCounts[i][k];
            } else {
                const auto d = std::size_t(s->domains[i]->domain[k]);
                if (s->created[i][d])
                    count = s->counts[i][d];
            }
            // scoreForCount: maxSkew - 1 waters the differences between domains down.
            score += static_cast<double>(count) * s->weights[i] + static_cast<double>(s->constraints[i].maxSkew - 1);
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

private:
    // The node's index in the node list (NodeInfo::position when the list is the cluster's).
    static std::size_t positionOf(std::span<const NodeInfo> nodes, const NodeInfo &node)
    {
        if (node.position >= 0 && std::size_t(node.position) < nodes.size() && &nodes[std::size_t(node.position)] == &node)
            return std::size_t(node.position);
        for (std::size_t k = 0; k < nodes.size(); ++k) {
            if (nodes[k].name == node.name)
                return k;
        }
        return 0;
    }

    static bool indexed(std::span<const NodeInfo> nodes)
    {
        if (nodes.empty() || !nodes.front().index)
            return false;
        for (std::size_t k = 0; k < nodes.size(); ++k) {
            if (nodes[k].position != int(k) || nodes[k].index != nodes.front().index)
                return false;
        }
        return true;
    }

    // One cache generation per node list: a list with other nodes (a lost zone) starts over.
    void refresh(std::span<const NodeInfo> nodes) const
    {
        const std::uint64_t generation = nodes.empty() || !nodes.front().index ? 0 : nodes.front().index->generation;
        if (m_nodesData == nodes.data() && m_nodesSize == nodes.size() && m_generation == generation)
            return;
        m_nodesData = nodes.data();
        m_nodesSize = nodes.size();
        m_generation = generation;
        m_domains.clear();
        m_inclusion.clear();
    }

    const KeyDomains &domainsOf(std::span<const NodeInfo> nodes, const QString &key) const
    {
        refresh(nodes);
        auto it = m_domains.find(key);
        if (it != m_domains.end())
            return it->second;
        KeyDomains domains = keyDomains(nodes, key);
        return m_domains.emplace(key, std::move(domains)).first->second;
    }

    // Which nodes the constraint counts (nullptr: every node), cached per pod spec.
    const std::vector<char> *inclusion(std::span<const NodeInfo> nodes, const Constraint &constraint, const PodInfo &pod) const
    {
        const PodSpecInfo &spec = *pod.spec;
        const bool affinity = constraint.honorNodeAffinity && (!spec.nodeSelector.empty() || spec.requiredTerms);
        bool taints = false;
        if (constraint.honorNodeTaints) {
            for (const NodeInfo &node : nodes)
                taints = taints || !node.taints.empty();
        }
        if (!affinity && !taints)
            return nullptr;
        refresh(nodes);
        const auto key = std::make_tuple(&spec, constraint.honorNodeAffinity, constraint.honorNodeTaints);
        auto it = m_inclusion.find(key);
        if (it == m_inclusion.end()) {
            std::vector<char> included(nodes.size());
            for (std::size_t k = 0; k < nodes.size(); ++k)
                included[k] = includesNode(constraint, pod, nodes[k]) ? 1 : 0;
            it = m_inclusion.emplace(key, std::move(included)).first;
        }
        return &it->second;
    }

    // countPodsMatchSelector on every node: pods in namespace ns whose labels the selector
    // matches, per node position.
    std::vector<std::int64_t> countsPerNode(std::span<const NodeInfo> nodes, const model::Selection &selector,
                                            const QString &ns) const
    {
        std::vector<std::int64_t> counts(nodes.size(), 0);
        if (!indexed(nodes)) {
            for (std::size_t k = 0; k < nodes.size(); ++k) {
                for (const PodInfo *other : nodes[k].pods) {
                    if (other->ns == ns && selector.matches(other->labels))
                        ++counts[k];
                }
            }
            return counts;
        }
        const PodIndex &index = *nodes.front().index;
        for (const int id : matchingLabelSets(index, selector, ns)) {
            for (const auto &[position, pods] : index.placed[std::size_t(id)])
                counts[std::size_t(position)] += pods;
        }
        return counts;
    }

    const std::vector<int> &matchingLabelSets(const PodIndex &index, const model::Selection &selector,
                                              const QString &ns) const
    {
        if (m_labelSetIndex != &index || m_labelSetCount != index.labelSets.size()) {
            m_labelSetIndex = &index;
            m_labelSetCount = index.labelSets.size();
            m_matching.clear();
        }
        const QString key = ns + QLatin1Char('\n') + QString::number(int(selector.scope())) + QLatin1Char('\n')
                            + selector.toString();
        auto it = m_matching.find(key);
        if (it != m_matching.end())
            return it->second;
        std::vector<int> ids;
        for (std::size_t id = 0; id < index.labelSets.size(); ++id) {
            const PodInfo *pod = index.labelSets[id];
            if (pod && pod->ns == ns && selector.matches(pod->labels))
                ids.push_back(int(id));
        }
        return m_matching.emplace(key, std::move(ids)).first->second;
    }

    mutable const NodeInfo *m_nodesData = nullptr;
    mutable std::size_t m_nodesSize = 0;
    mutable std::uint64_t m_generation = 0;
    mutable std::map<QString, KeyDomains> m_domains;
    mutable std::map<std::tuple<const PodSpecInfo *, bool, bool>, std::vector<char>> m_inclusion;
    mutable const PodIndex *m_labelSetIndex = nullptr;
    mutable std::size_t m_labelSetCount = 0;
    mutable std::map<QString, std::vector<int>> m_matching;
};

} // namespace

std::unique_ptr<Plugin> makePodTopologySpread()
{
    return std::make_unique<PodTopologySpread>();
}

} // namespace kstudio::sim::sched::plugins
