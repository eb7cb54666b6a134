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

Framework::Framework(std::span<const ProfileEntry> profile)
{
    for (const ProfileEntry &entry : profile) {
        std::unique_ptr<Plugin> plugin = entry.factory();
        const Points points = plugin->points();
        m_plugins.push_back({std::move(plugin), entry.weight, points});
    }
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

QString Framework::postFilterMessage(const PodInfo &pod,
                                     const std::vector<NodeInfo> &nodes,
                                     const std::vector<Status> &statuses,
                                     const CycleState &state,
                                     const std::vector<char> &skip) const
{
    // DefaultPreemption.PostFilter → Evaluator.Preempt.
    if (pod.preemptNever)
        return QString(reasons::preemptionPrefix) + QString(reasons::preemptionPolicyNever);
    std::vector<Status> dryRun;
    std::vector<const Status *> explicitStatuses;
    dryRun.reserve(nodes.size());
    int candidates = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        // nodesWherePreemptionMightHelp: only nodes whose status is Unschedulable.
        if (statuses[i].code() != Code::Unschedulable)
            continue;
        // SelectVictimsOnNode: remove every lower-priority pod, then filter again.
        NodeInfo without = nodes[i];
        bool victims = false;
        for (const PodInfo *other : nodes[i].pods) {
            if (other->priority < pod.priority) {
                without.removePod(*other);
                victims = true;
            }
        }
        if (!victims) {
            dryRun.emplace_back(Code::UnschedulableAndUnresolvable, QString(reasons::noPreemptionVictims));
            continue;
        }
        Status status = runFilters(state, pod, without, skip, nullptr);
        if (status.isSuccess()) {
            ++candidates;
            continue;
        }
        dryRun.push_back(std::move(status));
    }
    if (candidates > 0) {
        // TODO(#4): DefaultPreemption's candidate selection and eviction (the pod would be
        // nominated and scheduled once its victims are gone).
        return QString(reasons::preemptionPrefix)
               + QStringLiteral("not simulated yet: lower-priority pods could be preempted on %1 node(s)")
                     .arg(candidates);
    }
    for (const Status &status : dryRun)
        explicitStatuses.push_back(&status);
    const Status notHelpful(Code::UnschedulableAndUnresolvable, QString(reasons::preemptionNotHelpful));
    return QString(reasons::preemptionPrefix)
           + fitErrorMessage(static_cast<int>(nodes.size()), {}, explicitStatuses, notHelpful, {});
}

Placement Framework::scheduleOne(const PodInfo &pod, std::vector<NodeInfo> &nodes, bool details, bool explain) const
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
    std::vector<char> skip(m_plugins.size(), 0);

    // PreFilter.
    std::optional<std::set<QString>> nodeNames;
    std::vector<const char *> pluginsWithNodes;
    Status preFilterFailure;
    for (std::size_t i = 0; i < m_plugins.size() && preFilterFailure.isSuccess(); ++i) {
        const Entry &entry = m_plugins[i];
        if (!entry.points.testFlag(Point::PreFilter))
            continue;
        PreFilterResult result;
        Status status = entry.plugin->preFilter(state, pod, result);
        if (status.isSkip()) {
            skip[i] = 1;
            continue;
        }
        if (!status.isSuccess()) {
            status.setPlugin(entry.plugin->name());
            preFilterFailure = std::move(status);
            break;
        }
        if (!result.nodeNames)
            continue;
        pluginsWithNodes.push_back(entry.plugin->name());
        if (!nodeNames) {
            nodeNames = std::move(result.nodeNames);
        } else {
            std::set<QString> both;
            std::set_intersection(nodeNames->begin(), nodeNames->end(), result.nodeNames->begin(),
                                  result.nodeNames->end(), std::inserter(both, both.end()));
            nodeNames = std::move(both);
        }
        if (nodeNames->empty()) {
            const QString message = pluginsWithNodes.size() == 1
                                        ? QString(reasons::didNotSatisfyPlugin).arg(QLatin1String(pluginsWithNodes.front()))
                                        : QString(reasons::didNotSatisfyPluginsSimultaneously).arg(goList(pluginsWithNodes));
            preFilterFailure = Status(Code::UnschedulableAndUnresolvable, message);
        }
    }
    const int allNodes = static_cast<int>(nodes.size());
    std::vector<Status> statuses(nodes.size());
    if (!preFilterFailure.isSuccess()) {
        for (Status &status : statuses)
            status = preFilterFailure;
        placement.reason = fitErrorMessage(allNodes, preFilterFailure.message(), {}, preFilterFailure,
                                           postFilterMessage(pod, nodes, statuses, state, skip));
        return placement;
    }

    // Filter: every candidate node, first failing plugin wins.
    const Status absent = nodeNames ? Status(Code::UnschedulableAndUnresolvable,
                                             QString(reasons::didNotSatisfyPlugins).arg(goList(pluginsWithNodes)))
                                    : Status();
    std::vector<std::size_t> feasible;
    std::vector<const Status *> explicitStatuses;
    std::vector<NodeExplanation> explanation;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (nodeNames && !nodeNames->count(nodes[i].name)) {
            statuses[i] = absent;
            if (explain)
                explanation.push_back({nodes[i].name, {{QStringLiteral("PreFilter"), absent.message()}}, {}, 0});
            continue;
        }
        std::vector<PluginVerdict> verdicts;
        statuses[i] = runFilters(state, pod, nodes[i], skip, explain ? &verdicts : nullptr);
        if (explain)
            explanation.push_back({nodes[i].name, std::move(verdicts), {}, 0});
        if (statuses[i].isSuccess())
            feasible.push_back(i);
        else
            explicitStatuses.push_back(&statuses[i]);
    }
    if (feasible.empty()) {
        placement.reason = fitErrorMessage(allNodes, {}, explicitStatuses, absent,
                                           postFilterMessage(pod, nodes, statuses, state, skip));
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
            for (std::size_t n = 0; n < feasible.size(); ++n)
                scores[n] = entry.plugin->score(state, pod, *feasibleNodes[n]);
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

ScheduleResult schedule(Cluster &cluster, const Options &options)
{
    const Framework framework(defaultProfile());
    ScheduleResult result;
    std::vector<NodeInfo> &nodes = cluster.nodes;
    std::map<QString, std::size_t> nodeIndex;
    for (std::size_t i = 0; i < nodes.size(); ++i)
        nodeIndex.emplace(nodes[i].name, i);

    std::vector<const PodInfo *> queue;
    for (const PodInfo &pod : cluster.pods) {
        if (pod.spec->nodeName.isEmpty()) {
            queue.push_back(&pod);
            continue;
        }
        Placement placement;
        placement.ns = pod.ns;
        placement.name = pod.name;
        placement.bound = true;
        if (const auto it = nodeIndex.find(pod.spec->nodeName); it != nodeIndex.end()) {
            nodes[it->second].addPod(pod);
            placement.node = pod.spec->nodeName;
        } else {
            placement.reason = QStringLiteral("spec.nodeName names node \"%1\", which is not in the cluster")
                                   .arg(pod.spec->nodeName);
        }
        result.placements.push_back(std::move(placement));
    }
    // PrioritySort: higher priority first; equal priority keeps arrival order.
    std::stable_sort(queue.begin(), queue.end(),
                     [](const PodInfo *a, const PodInfo *b) { return a->priority > b->priority; });
    for (const PodInfo *pod : queue) {
        const bool explain = !options.explainPod.isEmpty() && options.explainPod == pod->qualifiedName();
        result.placements.push_back(framework.scheduleOne(*pod, nodes, options.details, explain));
    }
    std::sort(result.placements.begin(), result.placements.end(), [](const Placement &a, const Placement &b) {
        return a.ns != b.ns ? a.ns < b.ns : a.name < b.name;
    });
    for (const NodeInfo &node : nodes) {
        result.nodes.append(node.name);
        result.podsPerNode.push_back(static_cast<int>(node.pods.size()));
    }
    return result;
}

ScheduleResult schedule(const model::Snapshot &snapshot, const Options &options)
{
    Cluster cluster = buildCluster(snapshot);
    return schedule(cluster, options);
}

} // namespace kstudio::sim::sched
