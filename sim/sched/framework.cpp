// SPDX-License-Identifier: GPL-3.0-or-later
// Mirrors: kubernetes/kubernetes pkg/scheduler/schedule_one.go (schedulePod, findNodesThatFitPod,
// prioritizeNodes), pkg/scheduler/framework/runtime/framework.go (RunPreFilterPlugins,
// RunFilterPlugins: the first failing filter wins, RunScorePlugins with weights),
// pkg/scheduler/framework/types.go (FitError.Error), pkg/scheduler/framework/preemption/
// preemption.go and plugins/defaultpreemption/default_preemption.go (the PostFilter message)
// at v1.33. Differences by design: every node is evaluated (no percentageOfNodesToScore), and
// equal scores go to the node whose name sorts first instead of a random one.
#include "framework.h"

#include "reasons.h"

#include <algorithm>
#include <map>

namespace kstudio::sim::sched {

namespace {

QString codeName(Code code)
{
    switch (code) {
    case Code::Success:
        return QStringLiteral("Success");
    case Code::Error:
        return QStringLiteral("Error");
    case Code::Unschedulable:
        return QStringLiteral("Unschedulable");
    case Code::UnschedulableAndUnresolvable:
        return QStringLiteral("UnschedulableAndUnresolvable");
    case Code::Skip:
        return QStringLiteral("Skip");
    }
    return {};
}

// fmt's %v of a []string: "[A B]".
QString goList(const std::vector<const char *> &names)
{
    QStringList list;
    for (const char *name : names)
        list.append(QLatin1String(name));
    list.sort();
    return QLatin1Char('[') + list.join(QLatin1Char(' ')) + QLatin1Char(']');
}

} // namespace

QString fitErrorMessage(int allNodes,
                        const QString &preFilterMessage,
                        const std::vector<const Status *> &explicitStatuses,
                        const Status &absentStatus,
                        const QString &postFilterMessage)
{
    QString message = QString(reasons::noNodeAvailable).arg(allNodes) + QLatin1Char(':');
    if (!preFilterMessage.isEmpty()) {
        message += QLatin1Char(' ') + preFilterMessage + QLatin1Char('.');
    } else {
        std::map<QString, int> histogram;
        for (const Status *status : explicitStatuses) {
            for (const QString &reason : status->reasons())
                ++histogram[reason];
        }
        const int absent = allNodes - static_cast<int>(explicitStatuses.size());
        if (absent > 0) {
            for (const QString &reason : absentStatus.reasons())
                histogram[reason] += absent;
        }
        // sort.Strings over "count reason": byte order, so "10 x" sorts before "2 y".
        std::vector<QByteArray> entries;
        entries.reserve(histogram.size());
        for (const auto &[reason, count] : histogram)
            entries.push_back((QString::number(count) + QLatin1Char(' ') + reason).toUtf8());
        std::sort(entries.begin(), entries.end());
        if (!entries.empty()) {
            QStringList parts;
            for (const QByteArray &entry : entries)
                parts.append(QString::fromUtf8(entry));
            message += QLatin1Char(' ') + parts.join(QStringLiteral(", ")) + QLatin1Char('.');
        }
    }
    if (!postFilterMessage.isEmpty())
        message += QLatin1Char(' ') + postFilterMessage;
    return message;
}

int ScheduleResult::pending() const
{
    return static_cast<int>(std::count_if(placements.begin(), placements.end(),
                                          [](const Placement &placement) { return !placement.node; }));
}

Framework::Framework(std::span<const ProfileEntry> profile, bool incremental)
    : m_incremental(incremental)
{
    for (const ProfileEntry &entry : profile) {
        std::unique_ptr<Plugin> plugin = entry.factory();
        const Points points = plugin->points();
        m_plugins.push_back({std::move(plugin), entry.weight, points});
    }
    // The incremental path marks the node-local score plugins in a 64-bit mask.
    if (m_plugins.size() > 64)
        m_incremental = false;
}

Framework::~Framework() = default;

Status Framework::runFilters(const CycleState &state,
                             const PodInfo &pod,
                             const NodeInfo &node,
                             const std::vector<char> &skip,
                             std::vector<PluginVerdict> *verdicts) const
{
    Status failure;
    for (std::size_t i = 0; i < m_plugins.size(); ++i) {
        const Entry &entry = m_plugins[i];
        if (!entry.points.testFlag(Point::Filter))
            continue;
        if (skip[i] || !failure.isSuccess()) {
            if (verdicts)
                verdicts->push_back({QLatin1String(entry.plugin->name()),
                                     skip[i] ? QStringLiteral("skipped (PreFilter)") : QStringLiteral("not run")});
            continue;
        }
        Status status = entry.plugin->filter(state, pod, node);
        if (status.isSuccess()) {
            if (verdicts)
                verdicts->push_back({QLatin1String(entry.plugin->name()), QStringLiteral("passed")});
            continue;
        }
        status.setPlugin(entry.plugin->name());
        if (!verdicts)
            return status;
        verdicts->push_back({QLatin1String(entry.plugin->name()),
                             codeName(status.code()) + QStringLiteral(": ") + status.message()});
        failure = std::move(status);
    }
    return failure;
}

Framework::PreFilterOutcome Framework::runPreFilter(CycleState &state, const PodInfo &pod) const
{
    // RunPreFilterPlugins: UnschedulableAndUnresolvable stops at once; Unschedulable is kept
    // and the other PreFilter plugins still run (kubernetes/kubernetes#119770), so the first
    // Unschedulable status is returned when nothing worse follows.
    PreFilterOutcome outcome;
    outcome.skip.assign(m_plugins.size(), 0);
    Status unschedulable;
    for (std::size_t i = 0; i < m_plugins.size(); ++i) {
        const Entry &entry = m_plugins[i];
        if (!entry.points.testFlag(Point::PreFilter))
            continue;
        PreFilterResult result;
        Status status = entry.plugin->preFilter(state, pod, result);
        if (status.isSkip()) {
            outcome.skip[i] = 1;
            continue;
        }
        if (!status.isSuccess()) {
            status.setPlugin(entry.plugin->name());
            if (status.code() == Code::Unschedulable) {
                if (unschedulable.isSuccess())
                    unschedulable = std::move(status);
                continue;
            }
            outcome.failure = std::move(status);
            return outcome;
        }
        if (!result.nodeNames)
            continue;
        outcome.pluginsWithNodes.push_back(entry.plugin->name());
        if (!outcome.nodeNames) {
            outcome.nodeNames = std::move(result.nodeNames);
        } else {
            std::set<QString> both;
            std::set_intersection(outcome.nodeNames->begin(), outcome.nodeNames->end(), result.nodeNames->begin(),
                                  result.nodeNames->end(), std::inserter(both, both.end()));
            outcome.nodeNames = std::move(both);
        }
        if (outcome.nodeNames->empty()) {
            // fmt's %v of the []string in the order the plugins ran.
            QStringList names;
            for (const char *plugin : outcome.pluginsWithNodes)
                names.append(QLatin1String(plugin));
            const QString message =
                outcome.pluginsWithNodes.size() == 1
                    ? QString(reasons::didNotSatisfyPlugin).arg(names.front())
                    : QString(reasons::didNotSatisfyPluginsSimultaneously)
                          .arg(QLatin1Char('[') + names.join(QLatin1Char(' ')) + QLatin1Char(']'));
            outcome.failure = Status(Code::UnschedulableAndUnresolvable, message);
            return outcome;
        }
    }
    outcome.failure = std::move(unschedulable);
    return outcome;
}

Status Framework::filterOnNode(const PodInfo &pod, std::vector<NodeInfo> &nodes, const ClusterInfo &cluster,
                               std::size_t node) const
{
    CycleState state;
    state.setNodes(nodes);
    state.setCluster(&cluster);
    state.setIncremental(m_incremental);
    const PreFilterOutcome preFilter = runPreFilter(state, pod);
    if (!preFilter.failure.isSuccess())
        return preFilter.failure;
    if (preFilter.nodeNames && !preFilter.nodeNames->count(nodes[node].name))
        return Status(Code::UnschedulableAndUnresolvable,
                      QString(reasons::didNotSatisfyPlugins).arg(goList(preFilter.pluginsWithNodes)));
    return runFilters(state, pod, nodes[node], preFilter.skip, nullptr);
}

PostFilterResult Framework::runPostFilter(const PodInfo &pod,
                                          std::vector<NodeInfo> &nodes,
                                          const ClusterInfo &cluster,
                                          const std::vector<Status> &statuses) const
{
    // RunPostFilterPlugins: the first Success wins; the rejections' reasons are joined.
    QStringList reasons;
    for (const Entry &entry : m_plugins) {
        if (!entry.points.testFlag(Point::PostFilter))
            continue;
        PostFilterContext context{pod, nodes, statuses, cluster,
                                  [&](std::size_t node) { return filterOnNode(pod, nodes, cluster, node); }};
        PostFilterResult result = entry.plugin->postFilter(context);
        if (result.status.isSuccess() || result.status.code() == Code::UnschedulableAndUnresolvable)
            return result;
        reasons.append(result.status.reasons());
    }
    return {Status(Code::Unschedulable, reasons), std::nullopt, {}};
}

Placement Framework::scheduleOne(const PodInfo &pod,
                                 std::vector<NodeInfo> &nodes,
                                 const ClusterInfo &cluster,
                                 bool details,
                                 bool explain,
                                 std::vector<const PodInfo *> *victims) const
{
    Placement placement;
    placement.ns = pod.ns;
    placement.name = pod.name;
    if (nodes.empty()) {
        placement.reason = QString(reasons::noNodesToSchedule);
        return placement;
    }
    CycleState state;
    state.setNodes(nodes);
    state.setCluster(&cluster);
    state.setIncremental(m_incremental);
    const PreFilterOutcome preFilter = runPreFilter(state, pod);
    const std::vector<char> &skip = preFilter.skip;
    const int allNodes = static_cast<int>(nodes.size());
    // The incremental path needs node positions that are indices into nodes, kept by a PodIndex;
    // it hands over to the full evaluation below when no node fits (the statuses of every node
    // make the message) or when a PreFilterResult narrows the nodes.
    if (m_incremental && !explain && preFilter.failure.isSuccess() && !preFilter.nodeNames
        && nodes.front().index != nullptr && nodes.front().position == 0 && nodes.back().position == allNodes - 1
        && placeFromCache(state, pod, nodes, skip, details, placement))
        return placement;
    std::vector<Status> statuses; // per node; filled when the pod fits nowhere (or for --explain)

    // Filter: every candidate node, first failing plugin wins.
    const Status absent = preFilter.nodeNames
                              ? Status(Code::UnschedulableAndUnresolvable,
                                       QString(reasons::didNotSatisfyPlugins).arg(goList(preFilter.pluginsWithNodes)))
                              : Status();
    std::vector<std::size_t> feasible;
    std::vector<const Status *> explicitStatuses;
    std::vector<NodeExplanation> explanation;
    if (preFilter.failure.isSuccess() && explain) {
        statuses.resize(nodes.size());
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            if (preFilter.nodeNames && !preFilter.nodeNames->count(nodes[i].name)) {
                statuses[i] = absent;
                explanation.push_back({nodes[i].name, {{QStringLiteral("PreFilter"), absent.message()}}, {}, 0});
                continue;
            }
            std::vector<PluginVerdict> verdicts;
            statuses[i] = runFilters(state, pod, nodes[i], skip, &verdicts);
            explanation.push_back({nodes[i].name, std::move(verdicts), {}, 0});
            if (statuses[i].isSuccess())
                feasible.push_back(i);
            else
                explicitStatuses.push_back(&statuses[i]);
        }
    } else if (preFilter.failure.isSuccess()) {
        // Plugin by plugin over the nodes still passing: the first failing plugin decides a
        // node's status, as RunFilterPlugins does node by node.
        std::vector<std::uint32_t> candidates;
        candidates.reserve(nodes.size());
        std::vector<char> excluded; // left out by a PreFilterResult
        if (preFilter.nodeNames)
            excluded.assign(nodes.size(), 0);
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            if (preFilter.nodeNames && !preFilter.nodeNames->count(nodes[i].name))
                excluded[i] = 1;
            else
                candidates.push_back(static_cast<std::uint32_t>(i));
        }
        std::vector<std::pair<std::uint32_t, Status>> failures;
        for (std::size_t p = 0; p < m_plugins.size() && !candidates.empty(); ++p) {
            const Entry &entry = m_plugins[p];
            if (!entry.points.testFlag(Point::Filter) || skip[p])
                continue;
            const std::size_t before = failures.size();
            entry.plugin->filterNodes(state, pod, nodes, candidates, failures);
            for (std::size_t f = before; f < failures.size(); ++f)
                failures[f].second.setPlugin(entry.plugin->name());
        }
        feasible.assign(candidates.begin(), candidates.end());
        if (feasible.empty()) {
            statuses.resize(nodes.size());
            for (std::size_t i = 0; i < excluded.size(); ++i) {
                if (excluded[i])
                    statuses[i] = absent;
            }
            for (auto &[i, status] : failures)
                statuses[i] = std::move(status);
            for (std::size_t i = 0; i < nodes.size(); ++i) {
                if (!statuses[i].isSuccess() && !(preFilter.nodeNames && excluded[i]))
                    explicitStatuses.push_back(&statuses[i]);
            }
        }
    } else {
        statuses.assign(nodes.size(), preFilter.failure);
    }
    if (feasible.empty()) {
        PostFilterResult postFilter = runPostFilter(pod, nodes, cluster, statuses);
        if (postFilter.status.isSuccess() && postFilter.nominated) {
            // Preemption: the victims go; the pod's next cycle evaluates the nominated node
            // first and takes it when it fits (schedule_one.go evaluateNominatedNode).
            const std::size_t target = *postFilter.nominated;
            for (const PodInfo *victim : postFilter.victims) {
                nodes[target].removePod(*victim);
                placement.preempted.append(victim->qualifiedName());
                if (victims)
                    victims->push_back(victim);
            }
            placement.preempted.sort();
            if (filterOnNode(pod, nodes, cluster, target).isSuccess()) {
                nodes[target].addPod(pod);
                placement.node = nodes[target].name;
                if (details)
                    placement.feasibleNodes.append(nodes[target].name);
                placement.explanation = std::move(explanation);
                return placement;
            }
        }
        const QString preFilterMessage = preFilter.failure.isSuccess() ? QString() : preFilter.failure.message();
        placement.reason = fitErrorMessage(allNodes, preFilterMessage, explicitStatuses,
                                           preFilter.failure.isSuccess() ? absent : preFilter.failure,
                                           postFilter.status.message());
        placement.explanation = std::move(explanation);
        return placement;
    }
    if (details) {
        for (const std::size_t i : feasible)
            placement.feasibleNodes.append(nodes[i].name);
    }

    // A single feasible node is chosen without scoring (schedulePod).
    std::size_t chosen = feasible.front();
    if (feasible.size() > 1) {
        std::vector<const NodeInfo *> feasibleNodes;
        feasibleNodes.reserve(feasible.size());
        for (const std::size_t i : feasible)
            feasibleNodes.push_back(&nodes[i]);
        std::vector<char> scoreSkip(m_plugins.size(), 0);
        for (std::size_t p = 0; p < m_plugins.size(); ++p) {
            const Entry &entry = m_plugins[p];
            if (entry.points.testFlag(Point::PreScore) && entry.plugin->preScore(state, pod, feasibleNodes).isSkip())
                scoreSkip[p] = 1;
        }
        std::vector<std::int64_t> totals(feasible.size(), 0);
        std::vector<std::int64_t> scores(feasible.size());
        for (std::size_t p = 0; p < m_plugins.size(); ++p) {
            const Entry &entry = m_plugins[p];
            if (!entry.points.testFlag(Point::Score) || scoreSkip[p])
                continue;
            entry.plugin->scoreNodes(state, pod, feasibleNodes, scores);
            const std::vector<std::int64_t> raw = explain ? scores : std::vector<std::int64_t>();
            entry.plugin->normalizeScores(state, pod, scores);
            for (std::size_t n = 0; n < feasible.size(); ++n) {
                totals[n] += scores[n] * entry.weight;
                if (explain) {
                    PluginVerdict verdict{QLatin1String(entry.plugin->name()), {}, raw[n], scores[n], entry.weight, true};
                    explanation[feasible[n]].scores.push_back(verdict);
                }
            }
        }
        std::size_t best = 0;
        for (std::size_t n = 1; n < feasible.size(); ++n) {
            if (totals[n] > totals[best])
                best = n;
        }
        chosen = feasible[best];
        if (details) {
            placement.scores.reserve(feasible.size());
            for (std::size_t n = 0; n < feasible.size(); ++n)
                placement.scores.emplace_back(nodes[feasible[n]].name, totals[n]);
        }
        if (explain) {
            for (std::size_t n = 0; n < feasible.size(); ++n)
                explanation[feasible[n]].total = totals[n];
        }
    }
    nodes[chosen].addPod(pod);
    placement.node = nodes[chosen].name;
    placement.explanation = std::move(explanation);
    return placement;
}

// The incremental path of a scheduling cycle. Every node is still evaluated for every pod: a
// node's verdict and score are either computed in this cycle or carried over from an earlier
// cycle of a pod with the same spec in which every input they read was the same.
// - Node-local filters (nodeLocalFilter(): the spec against the node's own state) and node-local
//   scores without NormalizeScore (nodeLocalScore() && !scoreExtensions()) are kept per node
//   for the current spec. The only ways a node's state changes are NodeInfo::addPod, removePod
//   and setUnschedulable, and each logs the node's position in PodIndex::changed; before the
//   cycle every logged node is evaluated again. A new spec, a changed PreFilter skip set or a
//   changed node list (PodIndex::generation) starts over on every node.
// - Every other plugin runs as in the full path: its Filter over every node that passed the
//   node-local filters, its PreScore, Score and NormalizeScore over every feasible node (these
//   plugins keep their own incremental counts only where CycleState::incremental() allows and
//   those are caught up the same way).
// - The sum and the choice (highest total, the first node by name among equals) run over every
//   feasible node each cycle.
// When no node fits it returns false, and the caller evaluates every node in full, as the
// message needs each node's status.
bool Framework::placeFromCache(CycleState &state,
                               const PodInfo &pod,
                               std::vector<NodeInfo> &nodes,
                               const std::vector<char> &skip,
                               bool details,
                               Placement &placement) const
{
    Equivalence &eq = m_equivalence;
    const PodIndex &index = *nodes.front().index;
    const std::size_t nodeCount = nodes.size();
    const auto localFilter = [this, &skip](std::size_t p) {
        const Entry &entry = m_plugins[p];
        return entry.points.testFlag(Point::Filter) && !skip[p] && entry.plugin->nodeLocalFilter();
    };
    const auto rebuildList = [&eq, &nodes]() {
        eq.feasible.clear();
        eq.feasibleNodes.clear();
        for (std::size_t k = 0; k < eq.verdict.size(); ++k) {
            if (eq.verdict[k] == 1) {
                eq.feasible.push_back(static_cast<std::uint32_t>(k));
                eq.feasibleNodes.push_back(&nodes[k]);
            }
        }
    };
    if (eq.spec != pod.spec.get() || eq.index != &index || eq.generation != index.generation
        || eq.nodeCount != nodeCount || eq.cursor > index.changed.size() || eq.skip != skip) {
        eq.spec = pod.spec.get();
        eq.index = &index;
        eq.generation = index.generation;
        eq.nodeCount = nodeCount;
        eq.skip = skip;
        m_candidates.resize(nodeCount);
        for (std::size_t k = 0; k < nodeCount; ++k)
            m_candidates[k] = static_cast<std::uint32_t>(k);
        for (std::size_t p = 0; p < m_plugins.size() && !m_candidates.empty(); ++p) {
            if (!localFilter(p))
                continue;
            m_failures.clear();
            m_plugins[p].plugin->filterNodes(state, pod, nodes, m_candidates, m_failures);
        }
        m_failures.clear();
        eq.verdict.assign(nodeCount, 2);
        for (const std::uint32_t k : m_candidates)
            eq.verdict[k] = 1;
        rebuildList();
        eq.localMask = ~std::uint64_t(0);
    } else {
        // Catch up with the nodes changed since the last cycle of this spec.
        m_touched.clear();
        for (std::size_t c = eq.cursor; c < index.changed.size(); ++c) {
            const auto k = static_cast<std::size_t>(index.changed[c].position);
            if (k >= nodeCount)
                continue;
            if (k < eq.localValid.size())
                eq.localValid[k] = 0;
            if (eq.verdict[k] == 0)
                continue; // already queued
            m_touched.emplace_back(static_cast<std::uint32_t>(k), eq.verdict[k]);
            eq.verdict[k] = 0;
        }
        bool flipped = false;
        for (const auto &[k, before] : m_touched) {
            bool fits = true;
            for (std::size_t p = 0; p < m_plugins.size() && fits; ++p) {
                if (localFilter(p))
                    fits = m_plugins[p].plugin->filter(state, pod, nodes[k]).isSuccess();
            }
            eq.verdict[k] = fits ? 1 : 2;
            flipped = flipped || eq.verdict[k] != before;
        }
        if (flipped)
            rebuildList();
    }
    eq.cursor = index.changed.size();

    // The other filters (PodTopologySpread's DoNotSchedule skew, InterPodAffinity) over every node
    // that passed the node-local ones, in profile order.
    const std::vector<std::uint32_t> *feasible = &eq.feasible;
    const std::vector<const NodeInfo *> *feasibleNodes = &eq.feasibleNodes;
    bool narrowed = false;
    for (std::size_t p = 0; p < m_plugins.size(); ++p) {
        const Entry &entry = m_plugins[p];
        if (!entry.points.testFlag(Point::Filter) || skip[p] || entry.plugin->nodeLocalFilter())
            continue;
        if (!narrowed) {
            m_candidates = eq.feasible;
            narrowed = true;
        }
        m_failures.clear();
        entry.plugin->filterNodes(state, pod, nodes, m_candidates, m_failures);
    }
    m_failures.clear();
    if (narrowed) {
        m_candidateNodes.clear();
        for (const std::uint32_t k : m_candidates)
            m_candidateNodes.push_back(&nodes[k]);
        feasible = &m_candidates;
        feasibleNodes = &m_candidateNodes;
    }
    const std::size_t count = feasible->size();
    if (count == 0)
        return false;
    if (details) {
        placement.feasibleNodes.reserve(qsizetype(count));
        for (const std::uint32_t k : *feasible)
            placement.feasibleNodes.append(nodes[k].name);
    }

    // A single feasible node is chosen without scoring (schedulePod).
    std::size_t chosen = feasible->front();
    if (count > 1) {
        std::uint64_t mask = 0;
        std::vector<char> &scoreSkip = m_scoreSkip;
        scoreSkip.assign(m_plugins.size(), 0);
        for (std::size_t p = 0; p < m_plugins.size(); ++p) {
            const Entry &entry = m_plugins[p];
            if (entry.points.testFlag(Point::PreScore) && entry.plugin->preScore(state, pod, *feasibleNodes).isSkip())
                scoreSkip[p] = 1;
            if (entry.points.testFlag(Point::Score) && !scoreSkip[p] && entry.plugin->nodeLocalScore()
                && !entry.plugin->scoreExtensions())
                mask |= std::uint64_t(1) << p;
        }
        if (mask != eq.localMask) {
            eq.localMask = mask;
            eq.localTotal.assign(nodeCount, 0);
            eq.localValid.assign(nodeCount, 0);
        }
        // Plugins that give every node the same score this cycle add it to every total.
        std::int64_t uniform = 0;
        std::uint64_t uniformMask = 0;
        for (std::size_t p = 0; p < m_plugins.size(); ++p) {
            const Entry &entry = m_plugins[p];
            if (!entry.points.testFlag(Point::Score) || scoreSkip[p] || (mask & (std::uint64_t(1) << p)))
                continue;
            if (const std::optional<std::int64_t> score = entry.plugin->uniformScore(state, pod)) {
                uniform += *score * entry.weight;
                uniformMask |= std::uint64_t(1) << p;
            }
        }
        m_totals.resize(count);
        for (std::size_t n = 0; n < count; ++n) {
            const std::uint32_t k = (*feasible)[n];
            if (!eq.localValid[k]) {
                std::int64_t total = 0;
                for (std::size_t p = 0; p < m_plugins.size(); ++p) {
                    if (mask & (std::uint64_t(1) << p))
                        total += m_plugins[p].plugin->score(state, pod, nodes[k]) * m_plugins[p].weight;
                }
                eq.localTotal[k] = total;
                eq.localValid[k] = 1;
            }
            m_totals[n] = eq.localTotal[k] + uniform;
        }
        m_scores.resize(count);
        for (std::size_t p = 0; p < m_plugins.size(); ++p) {
            const Entry &entry = m_plugins[p];
            if (!entry.points.testFlag(Point::Score) || scoreSkip[p] || ((mask | uniformMask) & (std::uint64_t(1) << p)))
                continue;
            entry.plugin->scoreNodes(state, pod, *feasibleNodes, m_scores);
            entry.plugin->normalizeScores(state, pod, m_scores);
            const std::int64_t weight = entry.weight;
            for (std::size_t n = 0; n < count; ++n)
                m_totals[n] += m_scores[n] * weight;
        }
        std::size_t best = 0;
        std::int64_t bestTotal = m_totals[0];
        for (std::size_t n = 1; n < count; ++n) {
            if (m_totals[n] > bestTotal) {
                best = n;
                bestTotal = m_totals[n];
            }
        }
        chosen = (*feasible)[best];
        if (details) {
            placement.scores.reserve(count);
            for (std::size_t n = 0; n < count; ++n)
                placement.scores.emplace_back(nodes[(*feasible)[n]].name, m_totals[n]);
        }
    }
    nodes[chosen].addPod(pod);
    placement.node = nodes[chosen].name;
    return true;
}

} // namespace kstudio::sim::sched
