// SPDX-License-Identifier: GPL-3.0-or-later
#include "placement_run.h"

#include <sim/sched/framework.h>

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <optional>

namespace kstudio::editors {

namespace {

const QString zoneLabel = QStringLiteral("topology.kubernetes.io/zone");

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("kstudio::editors::PlacementView", text, nullptr, n);
}

QString quantity(double value)
{
    return QString::number(value, 'g', 4);
}

QString bytes(double value)
{
    constexpr double gi = 1024.0 * 1024 * 1024;
    constexpr double mi = 1024.0 * 1024;
    if (value >= gi)
        return QString::number(value / gi, 'g', 4) + QStringLiteral("Gi");
    return QString::number(value / mi, 'g', 4) + QStringLiteral("Mi");
}

// "Deployment/default/web" -> "Deployment default/web".
QString workloadText(const QString &workload)
{
    const qsizetype slash = workload.indexOf(QLatin1Char('/'));
    return slash < 0 ? workload : workload.left(slash) + QLatin1Char(' ') + workload.mid(slash + 1);
}

sim::sched::Options engineOptions(const WhatIfScenario &scenario)
{
    sim::sched::Options options;
    options.details = false;
    options.hpa = scenario.hpaMax ? sim::sched::HpaMode::Max : sim::sched::HpaMode::Min;
    switch (scenario.action) {
    case WhatIfScenario::Action::None:
        break;
    case WhatIfScenario::Action::Drain:
        options.drainNode = scenario.target;
        break;
    case WhatIfScenario::Action::Cordon:
        options.cordonNode = scenario.target;
        break;
    case WhatIfScenario::Action::FailNode:
        options.failNode = scenario.target;
        break;
    case WhatIfScenario::Action::FailZone:
        options.failZone = scenario.target;
        break;
    case WhatIfScenario::Action::Scale:
        options.scale = sim::sched::Scale{scenario.target.section(QLatin1Char('/'), 1), scenario.replicas}; // "ns/name"
        break;
    }
    return options;
}

// HPAs at maxReplicas against minReplicas (kube-scheduler placing the design both ways): the
// pods that run elsewhere or went Pending, the pods the HPAs add, and the Services whose
// selected pods all stopped running (the engine's own Service selection).
sim::sched::WhatIf compareWithMinReplicas(const model::Snapshot &snapshot, const sim::sched::Cluster &atMax,
                                          const sim::sched::ScheduleResult &maxResult)
{
    sim::sched::Cluster atMin = sim::sched::buildCluster(snapshot, sim::sched::HpaMode::Min);
    sim::sched::Options options;
    options.details = false;
    const sim::sched::ScheduleResult minResult = sim::sched::schedule(atMin, options);
    QHash<QString, QString> before; // pod -> node ("" Pending)
    for (const sim::sched::Placement &placement : minResult.placements)
        before.insert(placement.qualifiedName(), placement.node.value_or(QString()));
    QHash<QString, QString> after;
    for (const sim::sched::Placement &placement : maxResult.placements)
        after.insert(placement.qualifiedName(), placement.node.value_or(QString()));
    sim::sched::WhatIf report;
    report.kind = QStringLiteral("hpaMax");
    for (const sim::sched::Placement &placement : maxResult.placements) {
        const QString pod = placement.qualifiedName();
        const auto was = before.constFind(pod);
        if (was == before.cend()) {
            report.created.push_back({pod, QString(), placement.node});
            continue;
        }
        if (was->isEmpty() || placement.node == *was)
            continue;
        report.moved.push_back({pod, *was, placement.node});
        if (!placement.node)
            report.pending.append(pod);
    }
    for (const sim::sched::ServiceInfo &service : atMax.info.services) {
        bool had = false;
        bool has = false;
        for (const sim::sched::PodInfo &pod : atMax.pods) {
            if (!service.selects(pod))
                continue;
            had = had || !before.value(pod.qualifiedName()).isEmpty();
            has = has || !after.value(pod.qualifiedName()).isEmpty();
        }
        if (had && !has)
            report.servicesWithoutEndpoints.append(service.qualifiedName());
    }
    report.servicesWithoutEndpoints.sort();
    return report;
}

// What the what-if moved, sent Pending and left without endpoints: sim/sched's own report
// (WhatIf::servicesWithoutEndpoints follows the EndpointSlice controller; the view only words it).
WhatIfSummary summarize(const WhatIfScenario &scenario, const std::optional<sim::sched::WhatIf> &report)
{
    WhatIfSummary out;
    if (scenario.isAsDesigned())
        return out;
    out.whatIf = scenario.describe();
    if (!report)
        return out;
    const sim::sched::WhatIf &whatIf = *report;
    for (const sim::sched::Move &move : whatIf.moved)
        out.moved.push_back({move.pod, move.from, move.to.value_or(QString())});
    out.pending = whatIf.pending;
    out.servicesDown = whatIf.servicesWithoutEndpoints;
    out.servicesDown.sort();
    for (const sim::sched::WhatIf::Refusal &refusal : whatIf.blocked)
        out.notes.append(tr("Not evicted: %1: %2").arg(refusal.pod, refusal.reason)
                         + (refusal.pdb.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(refusal.pdb)));
    for (const sim::sched::Move &created : whatIf.created)
        out.notes.append(tr("Created: %1 → %2").arg(created.pod, created.to ? *created.to : tr("Pending")));
    for (const QString &deleted : whatIf.deleted)
        out.notes.append(tr("Deleted: %1").arg(deleted));
    for (const QString &scheduled : whatIf.scheduled)
        out.notes.append(tr("Was Pending, runs now: %1").arg(scheduled));
    return out;
}

QString explain(const sim::sched::Placement &placement, const QString &pod)
{
    QStringList lines;
    lines.append(tr("Pod %1").arg(pod));
    if (placement.node)
        lines.append(placement.bound ? tr("Bound to %1 (spec.nodeName: not scheduled)").arg(*placement.node)
                                     : tr("Scheduled on %1").arg(*placement.node));
    else
        lines.append(tr("Pending: %1").arg(placement.reason));
    for (const sim::sched::NodeExplanation &node : placement.explanation) {
        // Feasible: every Filter plugin passed (or was skipped by its PreFilter).
        const bool feasible = !node.filters.empty() && std::all_of(node.filters.cbegin(), node.filters.cend(), [](const sim::sched::PluginVerdict &v) {
            return v.verdict == QLatin1String("passed") || v.verdict.startsWith(QLatin1String("skipped"));
        });
        lines.append(QString());
        const bool chosen = placement.node && *placement.node == node.node;
        lines.append(QStringLiteral("%1 %2 — %3").arg(chosen ? QStringLiteral("▶") : QStringLiteral(" "), node.node,
                                                      feasible ? tr("feasible, score %1").arg(node.total) : tr("filtered out")));
        for (const sim::sched::PluginVerdict &filter : node.filters)
            lines.append(QStringLiteral("    filter %1: %2").arg(filter.plugin, filter.verdict));
        for (const sim::sched::PluginVerdict &score : node.scores) {
            if (score.scored)
                lines.append(QStringLiteral("    score  %1: %2 (raw %3) × %4 = %5")
                                 .arg(score.plugin)
                                 .arg(score.normalized)
                                 .arg(score.raw)
                                 .arg(score.weight)
                                 .arg(score.normalized * score.weight));
            else
                lines.append(QStringLiteral("    score  %1: %2").arg(score.plugin, score.verdict));
        }
    }
    if (placement.explanation.empty() && placement.bound)
        lines.append(tr("No scheduling cycle: the pod names its node."));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

QString WhatIfScenario::describe() const
{
    QStringList steps;
    if (hpaMax)
        steps.append(tr("HPAs at maxReplicas"));
    switch (action) {
    case Action::None:
        break;
    case Action::Drain:
        steps.append(tr("Drain %1").arg(target));
        break;
    case Action::Cordon:
        steps.append(tr("Cordon %1").arg(target));
        break;
    case Action::FailNode:
        steps.append(tr("Node %1 fails").arg(target));
        break;
    case Action::FailZone:
        steps.append(tr("Zone %1 fails").arg(target));
        break;
    case Action::Scale:
        steps.append(tr("Scale %1 to %2").arg(workloadText(target)).arg(replicas));
        break;
    }
    return steps.isEmpty() ? tr("As designed") : steps.join(QStringLiteral(" + "));
}

QString WhatIfSummary::toText() const
{
    if (whatIf.isEmpty())
        return {};
    QStringList lines;
    lines.append(tr("What if: %1").arg(whatIf));
    lines.append(tr("Moved (%1):").arg(moved.size()));
    for (const Moved &move : moved)
        lines.append(QStringLiteral("  %1: %2 → %3").arg(move.pod, move.from, move.to.isEmpty() ? tr("Pending") : move.to));
    lines.append(tr("Went Pending (%1):").arg(pending.size()));
    for (const QString &pod : pending)
        lines.append(QStringLiteral("  ") + pod);
    lines.append(tr("Services that lost all endpoints (%1):").arg(servicesDown.size()));
    for (const QString &service : servicesDown)
        lines.append(QStringLiteral("  ") + service);
    for (const QString &note : notes)
        lines.append(note);
    return lines.join(QLatin1Char('\n'));
}

PlacementOutcome simulatePlacement(const model::Snapshot &snapshot, const WhatIfScenario &scenario, const QString &explainPod)
{
    PlacementOutcome out;
    QElapsedTimer timer;
    timer.start();
    sim::sched::Options options = engineOptions(scenario);
    options.explainPod = explainPod;
    QString error;
    sim::sched::Cluster cluster = options.scale ? sim::sched::buildCluster(snapshot, options.hpa, *options.scale, &error)
                                                : sim::sched::buildCluster(snapshot, options.hpa);
    if (!error.isEmpty()) {
        options.scale.reset();
        cluster = sim::sched::buildCluster(snapshot, options.hpa);
    }
    const sim::sched::ScheduleResult result = sim::sched::schedule(cluster, options);
    // HPAs at max alone is a mode of the schedule, not a what-if of the engine: its summary
    // compares the schedule with the one at minReplicas.
    std::optional<sim::sched::WhatIf> hpaReport;
    if (scenario.hpaMax && scenario.action == WhatIfScenario::Action::None)
        hpaReport = compareWithMinReplicas(snapshot, cluster, result);
    out.engineMs = double(timer.nsecsElapsed()) / 1e6;

    const QStringList lost = result.whatIf ? result.whatIf->nodesLost : QStringList();
    // What `kubectl scale` scales (the scale subresource of the built-in workloads).
    static const QStringList scalable = {QStringLiteral("Deployment"), QStringLiteral("StatefulSet"), QStringLiteral("ReplicaSet"),
                                         QStringLiteral("ReplicationController")};
    for (const sim::sched::PodInfo &pod : cluster.pods) {
        if (!pod.ownerName.isEmpty() && scalable.contains(pod.ownerKind))
            out.workloadOf.insert(pod.qualifiedName(), pod.ownerKind + QLatin1Char('/') + pod.ns + QLatin1Char('/') + pod.ownerName);
    }
    for (const sim::sched::NodeInfo &info : cluster.nodes) {
        PlacedNode node;
        node.name = info.name;
        node.zone = info.labels.value(zoneLabel);
        node.cordoned = info.unschedulable;
        node.cpuUsed = double(info.requested.milliCpu) / 1000.0;
        node.cpuTotal = double(info.allocatable.milliCpu) / 1000.0;
        node.memoryUsed = double(info.requested.memory);
        node.memoryTotal = double(info.allocatable.memory);
        node.podsUsed = int(info.pods.size());
        node.podsTotal = int(info.allocatable.allowedPodNumber);
        for (const sim::sched::PodInfo *pod : info.pods)
            node.pods.append(pod->ns + QLatin1Char('/') + pod->name);
        node.pods.sort();
        for (auto it = info.labels.cbegin(); it != info.labels.cend(); ++it)
            node.labels.append(it.key() + QLatin1Char('=') + it.value());
        for (const sim::sched::Taint &taint : info.taints)
            node.taints.append(taint.key + (taint.value.isEmpty() ? QString() : QLatin1Char('=') + taint.value) + QLatin1Char(':')
                               + taint.effect);
        node.allocatable = tr("cpu %1, memory %2, pods %3")
                               .arg(quantity(double(info.allocatable.milliCpu) / 1000.0), bytes(double(info.allocatable.memory)))
                               .arg(info.allocatable.allowedPodNumber);
        out.nodes.push_back(std::move(node));
    }
    // Nodes lost (a failed node or zone) are shown, empty, where they were: the design's nodes
    // as built before the what-if.
    if (!lost.isEmpty()) {
        const sim::sched::Cluster designed = sim::sched::buildCluster(snapshot, options.hpa);
        for (const sim::sched::NodeInfo &info : designed.nodes) {
            if (!lost.contains(info.name))
                continue;
            PlacedNode node;
            node.name = info.name;
            node.zone = info.labels.value(zoneLabel);
            node.lost = true;
            node.cpuTotal = double(info.allocatable.milliCpu) / 1000.0;
            node.memoryTotal = double(info.allocatable.memory);
            node.podsTotal = int(info.allocatable.allowedPodNumber);
            out.nodes.push_back(std::move(node));
        }
    }
    std::sort(out.nodes.begin(), out.nodes.end(), [](const PlacedNode &a, const PlacedNode &b) { return a.name < b.name; });
    for (const sim::sched::Placement &placement : result.placements) {
        if (!placement.node)
            out.pending.emplace_back(placement.qualifiedName(), placement.reason);
        if (!explainPod.isEmpty() && placement.qualifiedName() == explainPod)
            out.explanation = explain(placement, explainPod);
    }
    if (!explainPod.isEmpty() && out.explanation.isEmpty())
        out.explanation = tr("Pod %1 is not in the design any more.").arg(explainPod);
    const std::optional<sim::sched::WhatIf> &report = hpaReport ? hpaReport : result.whatIf;
    if (report) {
        QStringList parts;
        if (!report->moved.empty() || (report->created.empty() && report->deleted.isEmpty()))
            parts.append(tr("%n pod(s) moved", int(report->moved.size())));
        if (!report->created.empty())
            parts.append(tr("%n created", int(report->created.size())));
        if (!report->deleted.isEmpty())
            parts.append(tr("%n deleted", int(report->deleted.size())));
        if (!report->blocked.empty())
            parts.append(tr("%n eviction(s) refused", int(report->blocked.size())));
        if (!report->pending.isEmpty())
            parts.append(tr("%n now Pending", int(report->pending.size())));
        if (!report->servicesWithoutEndpoints.isEmpty())
            parts.append(tr("%n Service(s) without endpoints", int(report->servicesWithoutEndpoints.size())));
        out.whatIfReport = parts.join(QStringLiteral(", "));
    }
    out.whatIf = summarize(scenario, report);
    if (!error.isEmpty())
        out.whatIf.notes.prepend(tr("Cannot scale: %1").arg(error));
    return out;
}

} // namespace kstudio::editors
