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
// each topology key's domain per node once per node list. In incremental mode (the default)
// the counts of a pod spec's constraints are kept and caught up with each pod added or removed
// since (PodIndex::changed) instead of being recounted every cycle (Counts); from scratch
// (Options::incremental false) they are recounted, and the tests compare the two.
#include "plugins.h"

#include <sim/sched/cluster_info.h>
#include <sim/sched/reasons.h>

#include <QHash>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

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

// The position of node in nodes: pointer arithmetic when it is one of them, else by name (the
// NodeInfo::position of the cluster's nodes is the same number).
std::size_t positionByName(std::span<const NodeInfo> nodes, const NodeInfo &node)
{
    for (std::size_t k = 0; k < nodes.size(); ++k) {
        if (nodes[k].name == node.name)
            return k;
    }
    return 0;
}

inline std::size_t positionIn(std::span<const NodeInfo> nodes, const NodeInfo &node)
{
    const NodeInfo *first = nodes.data();
    if (&node >= first && &node < first + nodes.size())
        return static_cast<std::size_t>(&node - first);
    return positionByName(nodes, node);
}

// math.Round (half away from zero) without a libm call for the non-negative scores: the
// fractional part x - trunc(x) of a double is exact, so this is std::round bit for bit.
std::int64_t roundScore(double x)
{
    if (!(x >= 0) || x >= 9.0e15)
        return static_cast<std::int64_t>(std::round(x));
    const auto whole = static_cast<std::int64_t>(x);
    return whole + (x - static_cast<double>(whole) >= 0.5 ? 1 : 0);
}

// The matching pods for one pod's constraints of one action (DoNotSchedule for Filter,
// ScheduleAnyway for Score): per node position, and per domain summed over the nodes that
// count (inclusion policies; with requireAll only nodes with every topology key).
// Incremental mode keeps one per (spec, label set, action) and catches up with
// PodIndex::changed (each pod added or removed, with its label set) instead of recounting: a
// pod of a matching label set changes its node's count and, when the node counts, its domain's
// sum. Pods of one spec and label set have the same namespace, labels and owner, hence the
// same constraints and the same default selector. From scratch, one is built for every cycle.
struct Counts
{
    const PodSpecInfo *spec = nullptr;
    int labelSet = -1;
    bool doNotSchedule = false;
    const PodIndex *index = nullptr; // nullptr: not kept up to date
    std::size_t cursor = 0;          // into index->changed
    QString ns;

    std::vector<Constraint> constraints;
    std::vector<const KeyDomains *> domains;
    std::vector<const std::vector<char> *> included; // per constraint; nullptr: every node
    bool requireAll = false;
    std::vector<char> hasAll;                         // per node: every constraint's topology key
    std::vector<std::vector<std::int64_t>> perNode;   // per constraint, per node position
    std::vector<std::vector<std::int64_t>> domainSum; // per constraint, per domain
    std::vector<std::vector<char>> domainExists;      // per constraint, per domain: a node counts
    std::vector<std::int64_t> self;                   // 1 when the constraint matches the pod itself
    std::vector<std::vector<signed char>> matches;    // per constraint, per label set (-1: unknown)

    bool counts(std::size_t i, std::size_t k) const
    {
        return (!requireAll || hasAll[k]) && (!included[i] || (*included[i])[k]);
    }
};

struct PreFilterState
{
    std::shared_ptr<const Counts> counts;
    std::vector<std::int64_t> minMatch; // per constraint
};

struct PreScoreState
{
    std::shared_ptr<const Counts> counts;
    std::vector<char> ignoredByPosition; // nodes without every topology key (empty: none)
    std::vector<char> ignoredByIndex;    // the same, parallel to PreScore's nodes
    std::vector<double> weights;         // topologyNormalizingWeight per constraint
    // Per constraint other than hostname, per domain: scoreForCount of the domain's sum.
    std::vector<std::vector<double>> domainTerms;
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
    bool scoreExtensions() const override { return true; }

    Status preFilter(CycleState &state, const PodInfo &pod, PreFilterResult &) const override
    {
        std::shared_ptr<const Counts> counts = countsFor(state, pod, true);
        if (counts->constraints.empty())
            return Status(Code::Skip);
        PreFilterState s;
        // minMatchNum: the global minimum, 0 while there are fewer domains than minDomains.
        for (std::size_t i = 0; i < counts->constraints.size(); ++i) {
            std::int64_t domains = 0;
            std::int64_t minimum = std::numeric_limits<std::int32_t>::max();
            const std::vector<std::int64_t> &sums = counts->domainSum[i];
            const std::vector<char> &exists = counts->domainExists[i];
            for (std::size_t d = 0; d < sums.size(); ++d) {
                if (!exists[d])
                    continue;
                ++domains;
                minimum = std::min(minimum, sums[d]);
            }
            s.minMatch.push_back(domains < counts->constraints[i].minDomains ? 0 : minimum);
        }
        s.counts = std::move(counts);
        state.write(preFilterKey, std::move(s));
        return {};
    }

    Status filter(const CycleState &state, const PodInfo &, const NodeInfo &node) const override
    {
        const PreFilterState *s = state.read(preFilterKey);
        if (!s)
            return {};
        const Counts &c = *s->counts;
        const std::size_t k = positionIn(state.nodes(), node);
        for (std::size_t i = 0; i < c.constraints.size(); ++i) {
            if (!c.domains[i]->has[k])
                return Status(Code::UnschedulableAndUnresolvable, QString(reasons::topologySpreadMissingLabel));
            const auto d = std::size_t(c.domains[i]->domain[k]);
            const std::int64_t matching = c.domainExists[i][d] ? c.domainSum[i][d] : 0;
            if (matching + c.self[i] - s->minMatch[i] > c.constraints[i].maxSkew)
                return Status(Code::Unschedulable, QString(reasons::topologySpread));
        }
        return {};
    }

    // filter() over the candidates with each domain's verdict taken once per cycle (every node of
    // a domain has the same skew) and the two statuses built once (copies share their reasons).
    void filterNodes(const CycleState &state,
                     const PodInfo &pod,
                     std::span<const NodeInfo> nodes,
                     std::vector<std::uint32_t> &candidates,
                     std::vector<std::pair<std::uint32_t, Status>> &failures) const override
    {
        const PreFilterState *s = state.read(preFilterKey);
        if (!s)
            return;
        if (nodes.data() != state.nodes().data() || nodes.size() != state.nodes().size()) {
            BatchPlugin::filterNodes(state, pod, nodes, candidates, failures);
            return;
        }
        const Counts &c = *s->counts;
        const std::size_t n = c.constraints.size();
        m_over.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const std::vector<std::int64_t> &sums = c.domainSum[i];
            m_over[i].resize(sums.size());
            for (std::size_t d = 0; d < sums.size(); ++d) {
                const std::int64_t matching = c.domainExists[i][d] ? sums[d] : 0;
                m_over[i][d] = matching + c.self[i] - s->minMatch[i] > c.constraints[i].maxSkew ? 1 : 0;
            }
        }
        const Status missing(Code::UnschedulableAndUnresolvable, QString(reasons::topologySpreadMissingLabel));
        const Status skew(Code::Unschedulable, QString(reasons::topologySpread));
        std::size_t kept = 0;
        for (const std::uint32_t k : candidates) {
            const Status *failed = nullptr;
            for (std::size_t i = 0; i < n && !failed; ++i) {
                if (!c.domains[i]->has[k])
                    failed = &missing;
                else if (m_over[i][std::size_t(c.domains[i]->domain[k])])
                    failed = &skew;
            }
            if (failed)
                failures.emplace_back(k, *failed);
            else
                candidates[kept++] = k;
        }
        candidates.resize(kept);
    }

    Status preScore(CycleState &state, const PodInfo &pod, std::span<const NodeInfo *const> feasible) const override
    {
        const std::span<const NodeInfo> nodes = state.nodes();
        if (nodes.empty())
            return Status(Code::Skip);
        std::shared_ptr<const Counts> counts = countsFor(state, pod, false);
        const Counts &c = *counts;
        if (c.constraints.empty())
            return Status(Code::Skip);
        // Only the pod's own constraints require every topology key (Counts::requireAll): with
        // the system defaults a node without a zone label still gets hostname spreading.
        const std::size_t n = c.constraints.size();
        PreScoreState s;
        // The domains of the feasible nodes that count (initPreScoreState's TopologyPairToPodCounts
        // keys): how many per constraint. Without requireAll no node is ignored, and the loop
        // stops once every domain was seen.
        m_created.resize(n);
        std::vector<int> domainCount(n, 0);
        std::size_t unseen = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (c.constraints[i].hostname)
                continue;
            m_created[i].assign(std::size_t(c.domains[i]->count), 0);
            unseen += std::size_t(c.domains[i]->count);
        }
        std::size_t ignored = 0;
        if (c.requireAll) {
            s.ignoredByPosition.assign(nodes.size(), 0);
            s.ignoredByIndex.assign(feasible.size(), 0);
        }
        for (std::size_t f = 0; f < feasible.size() && (c.requireAll || unseen > 0); ++f) {
            const std::size_t k = positionIn(nodes, *feasible[f]);
            if (c.requireAll && !c.hasAll[k]) {
                s.ignoredByPosition[k] = 1;
                s.ignoredByIndex[f] = 1;
                ++ignored;
                continue;
            }
            for (std::size_t i = 0; i < n; ++i) {
                if (c.constraints[i].hostname)
                    continue; // per-node counts are taken in Score
                char &created = m_created[i][std::size_t(c.domains[i]->domain[k])];
                if (!created) {
                    created = 1;
                    ++domainCount[i];
                    --unseen;
                }
            }
        }
        if (ignored == 0) {
            s.ignoredByPosition.clear();
            s.ignoredByIndex.clear();
        }
        s.weights.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t size = c.constraints[i].hostname ? feasible.size() - ignored
                                                               : static_cast<std::size_t>(domainCount[i]);
            s.weights[i] = std::log(static_cast<double>(size + 2));
        }
        s.domainTerms.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            if (c.constraints[i].hostname)
                continue;
            const std::vector<std::int64_t> &sums = c.domainSum[i];
            s.domainTerms[i].resize(sums.size());
            for (std::size_t d = 0; d < sums.size(); ++d)
                s.domainTerms[i][d] = scoreForCount(sums[d], s.weights[i], c.constraints[i].maxSkew);
        }
        s.counts = std::move(counts);
        state.write(preScoreKey, std::move(s));
        return {};
    }

    std::int64_t score(const CycleState &state, const PodInfo &, const NodeInfo &node) const override
    {
        const PreScoreState *s = state.read(preScoreKey);
        if (!s)
            return 0;
        return scoreAt(*s, positionIn(state.nodes(), node));
    }

    void scoreNodes(const CycleState &state,
                    const PodInfo &,
                    std::span<const NodeInfo *const> nodes,
                    std::span<std::int64_t> out) const override
    {
        const PreScoreState *s = state.read(preScoreKey);
        if (!s) {
            std::fill(out.begin(), out.end(), 0);
            return;
        }
        const std::span<const NodeInfo> all = state.nodes();
        const NodeInfo *first = all.data();
        const NodeInfo *last = first + all.size();
        const Counts &c = *s->counts;
        // scoreAt over flat arrays: each constraint's term read through plain pointers.
        struct Term
        {
            const char *has;
            const int *domain;
            const std::int64_t *perNode; // hostname constraints
            const double *domainTerm;    // the others
            double weight;
            std::int32_t maxSkew;
        };
        constexpr std::size_t maxTerms = 8;
        const std::size_t n = c.constraints.size();
        if (n > maxTerms || !s->ignoredByPosition.empty()) {
            for (std::size_t f = 0; f < nodes.size(); ++f)
                out[f] = scoreAt(*s, positionIn(all, *nodes[f]));
            return;
        }
        Term terms[maxTerms];
        for (std::size_t i = 0; i < n; ++i) {
            const bool hostname = c.constraints[i].hostname;
            terms[i] = {c.domains[i]->has.data(), c.domains[i]->domain.data(), hostname ? c.perNode[i].data() : nullptr,
                        hostname ? nullptr : s->domainTerms[i].data(), s->weights[i], c.constraints[i].maxSkew};
        }
        for (std::size_t f = 0; f < nodes.size(); ++f) {
            const NodeInfo *node = nodes[f];
            const std::size_t k = node >= first && node < last ? std::size_t(node - first) : positionIn(all, *node);
            double score = 0;
            for (std::size_t i = 0; i < n; ++i) {
                const Term &term = terms[i];
                if (!term.has[k])
                    continue;
                score += term.perNode ? scoreForCount(term.perNode[k], term.weight, term.maxSkew)
                                      : term.domainTerm[std::size_t(term.domain[k])];
            }
            out[f] = roundScore(score);
        }
    }

    void normalizeScores(const CycleState &state, const PodInfo &, std::span<std::int64_t> scores) const override
    {
        const PreScoreState *s = state.read(preScoreKey);
        if (!s)
            return;
        const bool anyIgnored = !s->ignoredByIndex.empty();
        const auto ignored = [s](std::size_t k) { return k < s->ignoredByIndex.size() && s->ignoredByIndex[k]; };
        std::int64_t minScore = std::numeric_limits<std::int64_t>::max();
        std::int64_t maxScore = 0;
        if (anyIgnored) {
            for (std::size_t k = 0; k < scores.size(); ++k) {
                if (ignored(k))
                    continue;
                minScore = std::min(minScore, scores[k]);
                maxScore = std::max(maxScore, scores[k]);
            }
        } else {
            for (const std::int64_t score : scores) {
                minScore = std::min(minScore, score);
                maxScore = std::max(maxScore, score);
            }
        }
        // maxNodeScore * (max + min - score) / max for every score in [min, max]: a table when
        // the range is small (one division per value instead of one per node).
        const bool table = maxScore != 0 && minScore <= maxScore && maxScore - minScore < 65536;
        if (table) {
            m_table.resize(std::size_t(maxScore - minScore + 1));
            for (std::int64_t v = minScore; v <= maxScore; ++v)
                m_table[std::size_t(v - minScore)] = maxNodeScore * (maxScore + minScore - v) / maxScore;
        }
        if (!anyIgnored && table) { // the common case, one lookup per node
            const std::int64_t *values = m_table.data();
            for (std::int64_t &score : scores)
                score = values[score - minScore];
            return;
        }
        for (std::size_t k = 0; k < scores.size(); ++k) {
            if (anyIgnored && ignored(k))
                scores[k] = 0;
            else if (maxScore == 0)
                scores[k] = maxNodeScore;
            else if (table)
                scores[k] = m_table[std::size_t(scores[k] - minScore)];
            else
                scores[k] = maxNodeScore * (maxScore + minScore - scores[k]) / maxScore;
        }
    }

private:
    // scoreForCount: maxSkew - 1 waters the differences between domains down.
    static double scoreForCount(std::int64_t count, double weight, std::int32_t maxSkew)
    {
        return static_cast<double>(count) * weight + static_cast<double>(maxSkew - 1);
    }

    // The terms are added in constraint order, as upstream's Score does, so the sum is the same
    // double whichever way a term was computed.
    static std::int64_t scoreAt(const PreScoreState &s, std::size_t k)
    {
        if (!s.ignoredByPosition.empty() && s.ignoredByPosition[k])
            return 0;
        const Counts &c = *s.counts;
        double score = 0;
        for (std::size_t i = 0; i < c.constraints.size(); ++i) {
            if (!c.domains[i]->has[k])
                continue;
            // Hostname constraints count the node's own pods (whatever the inclusion policies);
            // the others their domain's sum over the nodes that count.
            if (c.constraints[i].hostname)
                score += scoreForCount(c.perNode[i][k], s.weights[i], c.constraints[i].maxSkew);
            else
                score += s.domainTerms[i][std::size_t(c.domains[i]->domain[k])];
        }
        return roundScore(score);
    }

    // The counts for the pod's constraints of one action: kept and caught up (incremental
    // mode, nodes indexed by a PodIndex), or counted from scratch.
    std::shared_ptr<const Counts> countsFor(const CycleState &state, const PodInfo &pod, bool doNotSchedule) const
    {
        const std::span<const NodeInfo> nodes = state.nodes();
        refresh(nodes);
        if (!state.incremental() || !m_indexed || pod.labelSetId < 0)
            return build(nodes, pod, doNotSchedule, false);
        for (std::size_t e = 0; e < m_counts.size(); ++e) {
            const std::shared_ptr<Counts> &entry = m_counts[e];
            if (entry->spec != pod.spec.get() || entry->labelSet != pod.labelSetId || entry->doNotSchedule != doNotSchedule)
                continue;
            catchUp(*entry, nodes);
            std::shared_ptr<Counts> found = entry;
            m_counts.erase(m_counts.begin() + std::ptrdiff_t(e));
            m_counts.insert(m_counts.begin(), found);
            return found;
        }
        std::shared_ptr<Counts> made = build(nodes, pod, doNotSchedule, true);
        m_counts.insert(m_counts.begin(), made);
        if (m_counts.size() > 16)
            m_counts.pop_back();
        return made;
    }

    std::shared_ptr<Counts> build(std::span<const NodeInfo> nodes, const PodInfo &pod, bool doNotSchedule, bool kept) const
    {
        auto c = std::make_shared<Counts>();
        c->spec = pod.spec.get();
        c->labelSet = pod.labelSetId;
        c->doNotSchedule = doNotSchedule;
        c->ns = pod.ns;
        c->constraints = constraintsFor(pod, doNotSchedule);
        const std::size_t n = c->constraints.size();
        if (n == 0)
            return c;
        // Filter counts only nodes with every key of the DoNotSchedule constraints; Score only
        // with the pod's own constraints.
        c->requireAll = doNotSchedule || !pod.spec->topologySpreadConstraints.empty();
        for (std::size_t i = 0; i < n; ++i) {
            c->domains.push_back(&domainsOf(nodes, c->constraints[i].topologyKey));
            c->included.push_back(inclusion(nodes, c->constraints[i], pod));
            c->perNode.push_back(countsPerNode(nodes, c->constraints[i].selector, pod.ns));
            c->self.push_back(c->constraints[i].selector.matches(pod.labels) ? 1 : 0);
        }
        c->hasAll.assign(nodes.size(), 1);
        for (std::size_t k = 0; k < nodes.size(); ++k) {
            for (std::size_t i = 0; i < n && c->hasAll[k]; ++i)
                c->hasAll[k] = c->domains[i]->has[k];
        }
        c->domainSum.resize(n);
        c->domainExists.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            c->domainSum[i].assign(std::size_t(c->domains[i]->count), 0);
            c->domainExists[i].assign(std::size_t(c->domains[i]->count), 0);
            for (std::size_t k = 0; k < nodes.size(); ++k) {
                if (!c->counts(i, k))
                    continue;
                const auto d = std::size_t(c->domains[i]->domain[k]);
                c->domainExists[i][d] = 1;
                c->domainSum[i][d] += c->perNode[i][k];
            }
        }
        if (kept) {
            c->index = nodes.front().index;
            c->cursor = c->index->changed.size();
            c->matches.assign(n, std::vector<signed char>(c->index->labelSets.size(), -1));
        }
        return c;
    }

    void catchUp(Counts &c, std::span<const NodeInfo> nodes) const
    {
        if (c.constraints.empty() || !c.index)
            return; // nothing to count
        const std::vector<PodIndex::Change> &changed = c.index->changed;
        for (std::size_t e = c.cursor; e < changed.size(); ++e) {
            const PodIndex::Change &change = changed[e];
            if (change.labelSet < 0 || change.delta == 0 || std::size_t(change.position) >= nodes.size())
                continue;
            const auto k = std::size_t(change.position);
            for (std::size_t i = 0; i < c.constraints.size(); ++i) {
                if (!matchesLabelSet(c, i, change.labelSet))
                    continue;
                c.perNode[i][k] += change.delta;
                if (c.counts(i, k))
                    c.domainSum[i][std::size_t(c.domains[i]->domain[k])] += change.delta;
            }
        }
        c.cursor = changed.size();
    }

    // The selector's verdict on a label set (as matchingLabelSets gives it), memoised.
    static bool matchesLabelSet(Counts &c, std::size_t i, int labelSet)
    {
        std::vector<signed char> &memo = c.matches[i];
        const auto id = std::size_t(labelSet);
        if (id >= memo.size())
            memo.resize(id + 1, -1);
        if (memo[id] < 0) {
            const PodInfo *pod = id < c.index->labelSets.size() ? c.index->labelSets[id] : nullptr;
            memo[id] = pod && pod->ns == c.ns && c.constraints[i].selector.matches(pod->labels) ? 1 : 0;
        }
        return memo[id] == 1;
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
        m_counts.clear();
        m_indexed = !nodes.empty() && nodes.front().index;
        for (std::size_t k = 0; k < nodes.size() && m_indexed; ++k)
            m_indexed = nodes[k].position == int(k) && nodes[k].index == nodes.front().index;
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
        if (!m_indexed) {
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
    mutable bool m_indexed = false;
    mutable std::map<QString, KeyDomains> m_domains;
    mutable std::map<std::tuple<const PodSpecInfo *, bool, bool>, std::vector<char>> m_inclusion;
    mutable const PodIndex *m_labelSetIndex = nullptr;
    mutable std::size_t m_labelSetCount = 0;
    mutable std::map<QString, std::vector<int>> m_matching;
    mutable std::vector<std::shared_ptr<Counts>> m_counts; // most recently used first
    mutable std::vector<std::vector<char>> m_created;       // PreScore's scratch
    mutable std::vector<std::int64_t> m_table;              // NormalizeScore's scratch
    mutable std::vector<std::vector<char>> m_over;          // filterNodes' scratch: domains over the skew
};

} // namespace

std::unique_ptr<Plugin> makePodTopologySpread()
{
    return std::make_unique<PodTopologySpread>();
}

} // namespace kstudio::sim::sched::plugins
