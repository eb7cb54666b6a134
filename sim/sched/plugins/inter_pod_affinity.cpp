// SPDX-License-Identifier: GPL-3.0-or-later
// InterPodAffinity. Filter, in this order: the pod's required affinity terms must each find a
// matching pod in the node's domain of the term's topologyKey (a node without the key fails;
// when no pod in the cluster matches every term and the pod matches its own terms, the first
// pod of the group passes) -> UnschedulableAndUnresolvable "node(s) didn't match pod affinity
// rules"; no pod matching one of its required anti-affinity terms may be in the node's domain
// -> Unschedulable "node(s) didn't match pod anti-affinity rules"; no existing pod whose
// required anti-affinity term matches the incoming pod may be in the node's domain of that
// term -> Unschedulable "node(s) didn't satisfy existing pods anti-affinity rules". PreFilter
// returns Skip when the pod has no required term and no existing pod has required
// anti-affinity. Score sums, per topology domain, the incoming pod's preferred (anti-)affinity
// weights over matching existing pods, existing pods' required affinity terms matching the
// incoming pod (hardPodAffinityWeight 1), and existing pods' preferred (anti-)affinity
// weights; NormalizeScore maps [min, max] onto [0, 100].
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/plugin.go,
// filtering.go and scoring.go, pkg/scheduler/framework/types.go (AffinityTerm.Matches) and
// pkg/scheduler/apis/config/v1/defaults.go (HardPodAffinityWeight 1,
// IgnorePreferredTermsOfExistingPods false) at v1.33; kubernetes/website content/en/docs/
// concepts/scheduling-eviction/assign-pod-node.md (inter-pod affinity and anti-affinity).
// Scaling: a term's verdict on a pod is memoised per label set (AffinityTerm::memo), so each
// cycle costs one byte lookup per existing pod considered.
#include "plugins.h"

#include <sim/sched/cluster_info.h>
#include <sim/sched/reasons.h>

#include <QHash>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace kstudio::sim::sched::plugins {

namespace {

// AffinityTerm.Matches(pod, nsLabels) for a term of a pod in namespace ownerNs.
bool termMatches(const AffinityTerm &term, const QString &ownerNs, const PodInfo &pod, const ClusterInfo &cluster)
{
    const auto compute = [&] {
        const bool inNamespace = term.ownNamespace ? pod.ns == ownerNs
                                                   : term.namespaces.contains(pod.ns)
                                                         || term.namespaceSelector.matches(cluster.labelsOf(pod.ns));
        return inNamespace && term.selector.matches(pod.labels);
    };
    if (pod.labelSetId < 0)
        return compute();
    const auto id = static_cast<std::size_t>(pod.labelSetId);
    if (id >= term.memo.size())
        term.memo.resize(id + 1, -1);
    signed char &verdict = term.memo[id];
    if (verdict < 0)
        verdict = compute() ? 1 : 0;
    return verdict == 1;
}

// podMatchesAllAffinityTerms: false for no terms.
bool matchesAll(const std::vector<AffinityTerm> &terms, const QString &ownerNs, const PodInfo &pod,
                const ClusterInfo &cluster)
{
    if (terms.empty())
        return false;
    return std::all_of(terms.begin(), terms.end(),
                       [&](const AffinityTerm &term) { return termMatches(term, ownerNs, pod, cluster); });
}

// topologyToMatchedTermCount: (topologyKey, value) -> count.
using TopologyCounts = QHash<std::pair<QString, QString>, std::int64_t>;

void update(TopologyCounts &counts, const NodeInfo &node, const QString &key, std::int64_t value)
{
    const auto it = node.labels.constFind(key);
    if (it == node.labels.constEnd())
        return;
    counts[{key, it.value()}] += value;
}

struct PreFilterState
{
    TopologyCounts existingAntiAffinityCounts;
    TopologyCounts affinityCounts;
    TopologyCounts antiAffinityCounts;
    bool selfAffinity = false; // the pod matches all its own required affinity terms
    // The same counts by node position (when the nodes are the indexed cluster's): per term of
    // the pod, and per topology key of the existing pods' terms.
    bool fast = false;
    std::vector<const KeyDomains *> affinityDomains;
    std::vector<std::vector<std::int64_t>> affinityByDomain;
    std::vector<const KeyDomains *> antiDomains;
    std::vector<std::vector<std::int64_t>> antiByDomain;
    std::vector<std::pair<const KeyDomains *, std::vector<std::int64_t>>> existingByDomain;
};

// scoreMap: topologyKey -> value -> score.
using ScoreMap = std::map<QString, QHash<QString, std::int64_t>>;

constexpr StateKey<PreFilterState> preFilterKey{StateSlot::InterPodAffinityPreFilter};
constexpr StateKey<ScoreMap> preScoreKey{StateSlot::InterPodAffinityPreScore};

constexpr std::int32_t hardPodAffinityWeight = 1;

class InterPodAffinity final : public BatchPlugin<InterPodAffinity>
{
public:
    const char *name() const override { return "InterPodAffinity"; }
    Points points() const override
    {
        return Points(Point::PreFilter) | Point::Filter | Point::PreScore | Point::Score;
    }
    bool scoreExtensions() const override { return true; }

    Status preFilter(CycleState &state, const PodInfo &pod, PreFilterResult &) const override
    {
        const ClusterInfo &cluster = state.cluster();
        const PodSpecInfo &spec = *pod.spec;
        if (spec.requiredAffinity.empty() && spec.requiredAntiAffinity.empty() && noneWith(state, false))
            return Status(Code::Skip);
        PreFilterState s;
        // getExistingAntiAffinityCounts: existing pods' required anti-affinity terms that match
        // the incoming pod.
        for (const NodeInfo &node : state.nodes()) {
            for (const PodInfo *existing : node.podsWithRequiredAntiAffinity) {
                for (const AffinityTerm &term : existing->spec->requiredAntiAffinity) {
                    if (termMatches(term, existing->ns, pod, cluster))
                        update(s.existingAntiAffinityCounts, node, term.topologyKey, 1);
                }
            }
        }
        // getIncomingAffinityAntiAffinityCounts, through the pod index when there is one: a label
        // set's verdict counts once for every pod of it on a node.
        if (!spec.requiredAffinity.empty() || !spec.requiredAntiAffinity.empty()) {
            const std::span<const NodeInfo> nodes = state.nodes();
            const auto countOn = [&](const NodeInfo &node, const PodInfo &existing, std::int64_t pods) {
                if (matchesAll(spec.requiredAffinity, pod.ns, existing, cluster)) {
                    for (const AffinityTerm &term : spec.requiredAffinity)
                        update(s.affinityCounts, node, term.topologyKey, pods);
                }
                for (const AffinityTerm &term : spec.requiredAntiAffinity) {
                    if (termMatches(term, pod.ns, existing, cluster))
                        update(s.antiAffinityCounts, node, term.topologyKey, pods);
                }
            };
            if (indexed(nodes)) {
                const PodIndex &index = *nodes.front().index;
                for (std::size_t id = 0; id < index.labelSets.size(); ++id) {
                    const PodInfo *existing = index.labelSets[id];
                    if (!existing || index.placed[id].empty())
                        continue;
                    bool any = matchesAll(spec.requiredAffinity, pod.ns, *existing, cluster);
                    for (const AffinityTerm &term : spec.requiredAntiAffinity)
                        any = any || termMatches(term, pod.ns, *existing, cluster);
                    if (!any)
                        continue;
                    for (const auto &[position, pods] : index.placed[id])
                        countOn(nodes[std::size_t(position)], *existing, pods);
                }
            } else {
                for (const NodeInfo &node : nodes) {
                    for (const PodInfo *existing : node.pods)
                        countOn(node, *existing, 1);
                }
            }
        }
        if (s.existingAntiAffinityCounts.isEmpty() && spec.requiredAffinity.empty() && spec.requiredAntiAffinity.empty())
            return Status(Code::Skip);
        s.selfAffinity = matchesAll(spec.requiredAffinity, pod.ns, pod, cluster);
        const std::span<const NodeInfo> nodes = state.nodes();
        if (indexed(nodes)) {
            s.fast = true;
            const auto byDomain = [](const KeyDomains &domains, const TopologyCounts &counts, const QString &key) {
                std::vector<std::int64_t> list(std::size_t(domains.count), 0);
                for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
                    if (it.key().first != key)
                        continue;
                    const int id = domains.ids.value(it.key().second, -1);
                    if (id >= 0)
                        list[std::size_t(id)] = it.value();
                }
                return list;
            };
            for (const AffinityTerm &term : spec.requiredAffinity) {
                s.affinityDomains.push_back(&domainsOf(nodes, term.topologyKey));
                s.affinityByDomain.push_back(byDomain(*s.affinityDomains.back(), s.affinityCounts, term.topologyKey));
            }
            for (const AffinityTerm &term : spec.requiredAntiAffinity) {
                s.antiDomains.push_back(&domainsOf(nodes, term.topologyKey));
                s.antiByDomain.push_back(byDomain(*s.antiDomains.back(), s.antiAffinityCounts, term.topologyKey));
            }
            std::set<QString> keys;
            for (auto it = s.existingAntiAffinityCounts.constBegin(); it != s.existingAntiAffinityCounts.constEnd(); ++it)
                keys.insert(it.key().first);
            for (const QString &key : keys) {
                const KeyDomains &domains = domainsOf(nodes, key);
                s.existingByDomain.emplace_back(&domains, byDomain(domains, s.existingAntiAffinityCounts, key));
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
        const std::span<const NodeInfo> nodes = state.nodes();
        if (s->fast && node.position >= 0 && std::size_t(node.position) < nodes.size()
            && &nodes[std::size_t(node.position)] == &node)
            return fastFilter(*s, pod, std::size_t(node.position));
        if (!satisfiesPodAffinity(*s, state.cluster(), pod, node))
            return Status(Code::UnschedulableAndUnresolvable, QString(reasons::podAffinityRules));
        if (!s->antiAffinityCounts.isEmpty()) {
            for (const AffinityTerm &term : pod.spec->requiredAntiAffinity) {
                const auto value = node.labels.constFind(term.topologyKey);
                if (value != node.labels.constEnd() && s->antiAffinityCounts.value({term.topologyKey, value.value()}) > 0)
                    return Status(Code::Unschedulable, QString(reasons::podAntiAffinityRules));
            }
        }
        if (!s->existingAntiAffinityCounts.isEmpty()) {
            for (auto it = node.labels.constBegin(); it != node.labels.constEnd(); ++it) {
                if (s->existingAntiAffinityCounts.value({it.key(), it.value()}) > 0)
                    return Status(Code::Unschedulable, QString(reasons::existingPodsAntiAffinityRules));
            }
        }
        return {};
    }

    Status preScore(CycleState &state, const PodInfo &pod, std::span<const NodeInfo *const> nodes) const override
    {
        if (nodes.empty())
            return Status(Code::Skip);
        const ClusterInfo &cluster = state.cluster();
        const PodSpecInfo &spec = *pod.spec;
        const bool hasConstraints = !spec.preferredAffinity.empty() || !spec.preferredAntiAffinity.empty();
        if (!hasConstraints && noneWith(state, true))
            return Status(Code::Skip);
        // Without preferred terms of its own, only existing pods' required affinity and
        // preferred terms score (processExistingPod); when no placed pod has any, the map
        // below would stay empty: Skip at once.
        if (!hasConstraints && listOf(state.nodes()).sameIndex && state.nodes().front().index->podsWithScoredAffinity == 0)
            return Status(Code::Skip);
        ScoreMap scores;
        const auto processTerm = [&scores, &cluster](const AffinityTerm &term, std::int64_t weight, const QString &ownerNs,
                                                     const PodInfo &target, const NodeInfo &node) {
            if (!termMatches(term, ownerNs, target, cluster))
                return;
            const auto value = node.labels.constFind(term.topologyKey);
            if (value != node.labels.constEnd())
                scores[term.topologyKey][value.value()] += weight;
        };
        // Every node of the snapshot (HavePodsWithAffinityList, or List with constraints).
        for (const NodeInfo &node : state.nodes()) {
            if (node.labels.isEmpty())
                continue;
            const std::vector<const PodInfo *> &pods = hasConstraints ? node.pods : node.podsWithAffinity;
            for (const PodInfo *existing : pods) {
                // processExistingPod.
                for (const AffinityTerm &term : spec.preferredAffinity)
                    processTerm(term, term.weight, pod.ns, *existing, node);
                for (const AffinityTerm &term : spec.preferredAntiAffinity)
                    processTerm(term, -std::int64_t(term.weight), pod.ns, *existing, node);
                for (const AffinityTerm &term : existing->spec->requiredAffinity)
                    processTerm(term, hardPodAffinityWeight, existing->ns, pod, node);
                for (const AffinityTerm &term : existing->spec->preferredAffinity)
                    processTerm(term, term.weight, existing->ns, pod, node);
                for (const AffinityTerm &term : existing->spec->preferredAntiAffinity)
                    processTerm(term, -std::int64_t(term.weight), existing->ns, pod, node);
            }
        }
        // Upstream keeps a node's scoreMap only when it has an entry (a weight that sums to 0
        // still makes an entry).
        if (scores.empty())
            return Status(Code::Skip);
        state.write(preScoreKey, std::move(scores));
        return {};
    }

    std::int64_t score(const CycleState &state, const PodInfo &, const NodeInfo &node) const override
    {
        const ScoreMap *scores = state.read(preScoreKey);
        if (!scores)
            return 0;
        std::int64_t total = 0;
        for (const auto &[key, values] : *scores) {
            const auto value = node.labels.constFind(key);
            if (value != node.labels.constEnd())
                total += values.value(value.value());
        }
        return total;
    }

    void normalizeScores(const CycleState &state, const PodInfo &, std::span<std::int64_t> scores) const override
    {
        const ScoreMap *map = state.read(preScoreKey);
        if (!map || map->empty() || scores.empty())
            return;
        const auto [minIt, maxIt] = std::minmax_element(scores.begin(), scores.end());
        const std::int64_t minCount = *minIt;
        const std::int64_t difference = *maxIt - minCount;
        for (std::int64_t &score : scores) {
            double value = 0;
            if (difference > 0)
                value = double(maxNodeScore) * (double(score - minCount) / double(difference));
            score = static_cast<std::int64_t>(value);
        }
    }

private:
    // Filter with the counts by node position: the same three checks, in the same order.
    static Status fastFilter(const PreFilterState &s, const PodInfo &pod, std::size_t k)
    {
        bool podsExist = true;
        for (std::size_t t = 0; t < s.affinityDomains.size(); ++t) {
            const KeyDomains &domains = *s.affinityDomains[t];
            if (!domains.has[k])
                return Status(Code::UnschedulableAndUnresolvable, QString(reasons::podAffinityRules));
            if (s.affinityByDomain[t][std::size_t(domains.domain[k])] <= 0)
                podsExist = false;
        }
        if (!podsExist && !(s.affinityCounts.isEmpty() && s.selfAffinity))
            return Status(Code::UnschedulableAndUnresolvable, QString(reasons::podAffinityRules));
        if (!s.antiAffinityCounts.isEmpty()) {
            for (std::size_t t = 0; t < s.antiDomains.size(); ++t) {
                const KeyDomains &domains = *s.antiDomains[t];
                if (domains.has[k] && s.antiByDomain[t][std::size_t(domains.domain[k])] > 0)
                    return Status(Code::Unschedulable, QString(reasons::podAntiAffinityRules));
            }
        }
        for (const auto &[domains, counts] : s.existingByDomain) {
            if (domains->has[k] && counts[std::size_t(domains->domain[k])] > 0)
                return Status(Code::Unschedulable, QString(reasons::existingPodsAntiAffinityRules));
        }
        (void)pod;
        return {};
    }

    const KeyDomains &domainsOf(std::span<const NodeInfo> nodes, const QString &key) const
    {
        const std::uint64_t generation = nodes.front().index->generation;
        if (m_nodesData != nodes.data() || m_nodesSize != nodes.size() || m_generation != generation) {
            m_nodesData = nodes.data();
            m_nodesSize = nodes.size();
            m_generation = generation;
            m_domains.clear();
        }
        auto it = m_domains.find(key);
        if (it == m_domains.end())
            it = m_domains.emplace(key, keyDomains(nodes, key)).first;
        return it->second;
    }

    mutable const NodeInfo *m_nodesData = nullptr;
    mutable std::size_t m_nodesSize = 0;
    mutable std::uint64_t m_generation = 0;
    mutable std::map<QString, KeyDomains> m_domains;

    // True when the cluster's pod index says no placed pod has (required anti-)affinity, so
    // walking the nodes would find nothing.
    bool noneWith(const CycleState &state, bool anyAffinity) const
    {
        const std::span<const NodeInfo> nodes = state.nodes();
        if (!listOf(nodes).sameIndex)
            return false;
        const PodIndex &index = *nodes.front().index;
        return (anyAffinity ? index.podsWithAffinity : index.podsWithRequiredAntiAffinity) == 0;
    }

    bool indexed(std::span<const NodeInfo> nodes) const { return listOf(nodes).indexed; }

    // What the node list is: every node on one PodIndex (sameIndex), and at its own position
    // (indexed). Looked at once per list: a node's index never changes and its position only
    // with PodIndex::generation.
    struct NodeList
    {
        bool sameIndex = false;
        bool indexed = false;
    };
    const NodeList &listOf(std::span<const NodeInfo> nodes) const
    {
        const std::uint64_t generation = nodes.empty() || !nodes.front().index ? 0 : nodes.front().index->generation;
        if (m_listData == nodes.data() && m_listSize == nodes.size() && m_listGeneration == generation)
            return m_list;
        m_listData = nodes.data();
        m_listSize = nodes.size();
        m_listGeneration = generation;
        m_list = {};
        if (nodes.empty() || !nodes.front().index)
            return m_list;
        m_list.sameIndex = std::all_of(nodes.begin(), nodes.end(),
                                       [&nodes](const NodeInfo &node) { return node.index == nodes.front().index; });
        m_list.indexed = m_list.sameIndex;
        for (std::size_t k = 0; k < nodes.size() && m_list.indexed; ++k)
            m_list.indexed = nodes[k].position == int(k);
        return m_list;
    }
    mutable const NodeInfo *m_listData = nullptr;
    mutable std::size_t m_listSize = 0;
    mutable std::uint64_t m_listGeneration = 0;
    mutable NodeList m_list;

    // satisfyPodAffinity.
    static bool satisfiesPodAffinity(const PreFilterState &s, const ClusterInfo &cluster, const PodInfo &pod,
                                     const NodeInfo &node)
    {
        bool podsExist = true;
        for (const AffinityTerm &term : pod.spec->requiredAffinity) {
            const auto value = node.labels.constFind(term.topologyKey);
            if (value == node.labels.constEnd())
                return false; // every topology label must exist on the node
            if (s.affinityCounts.value({term.topologyKey, value.value()}) <= 0)
                podsExist = false;
        }
        if (podsExist)
            return true;
        // The first pod of a group with affinity to itself: no pod in the cluster matches, the
        // pod matches its own terms and the node has every topology key.
        return s.affinityCounts.isEmpty() && matchesAll(pod.spec->requiredAffinity, pod.ns, pod, cluster);
    }
};

} // namespace

std::unique_ptr<Plugin> makeInterPodAffinity()
{
    return std::make_unique<InterPodAffinity>();
}

} // namespace kstudio::sim::sched::plugins
