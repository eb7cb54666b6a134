// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio schedule PATH... [--format text|json|summary] [--explain POD] [--drain NODE] [--fail-zone Z]
// [--hpa min|max] (CLI.md).
#include "commands.h"

#include <model/core/document.h>
#include <sim/sched/framework.h>
#include <sim/sched/json.h>
#include <sim/sched/reasons.h>

#include <QCommandLineParser>
#include <QJsonDocument>

namespace kstudio::app {

namespace {

using namespace kstudio::sim::sched;

QString textReport(const ScheduleResult &result)
{
    QString out;
    for (const Placement &placement : result.placements) {
        out += placement.qualifiedName();
        if (placement.node)
            out += QStringLiteral(" -> ") + *placement.node
                   + (placement.bound ? QStringLiteral(" (bound: spec.nodeName)") : QString());
        else
            out += QStringLiteral(" Pending: ") + placement.reason;
        out += QLatin1Char('\n');
    }
    return out;
}

QString whatIfReport(const WhatIf &whatIf)
{
    QString out = whatIf.kind == QLatin1String("drain") ? QStringLiteral("What if node %1 is drained:\n").arg(whatIf.target)
                                                         : QStringLiteral("What if zone %1 fails (%2 nodes lost):\n")
                                                               .arg(whatIf.target)
                                                               .arg(whatIf.nodesLost.size());
    for (const Move &move : whatIf.moved)
        out += QStringLiteral("  moved %1: %2 -> %3\n").arg(move.pod, move.from, move.to ? *move.to : QStringLiteral("Pending"));
    for (const WhatIf::Refusal &refusal : whatIf.blocked)
        out += QStringLiteral("  eviction refused %1: %2%3\n")
                   .arg(refusal.pod, refusal.reason,
                        refusal.pdb.isEmpty() ? QString() : QStringLiteral(" (PodDisruptionBudget %1)").arg(refusal.pdb));
    for (const QString &pod : whatIf.pending)
        out += QStringLiteral("  left Pending %1\n").arg(pod);
    return out;
}

QString summaryReport(const ScheduleResult &result)
{
    const int pending = result.pending();
    const int total = static_cast<int>(result.placements.size());
    QString out = QStringLiteral("%1 pods on %2 nodes: %3 placed, %4 Pending (kube-scheduler %5 default profile)\n")
                      .arg(total)
                      .arg(result.nodes.size())
                      .arg(total - pending)
                      .arg(pending)
                      .arg(QString(pinnedRelease));
    out += QStringLiteral("Pods per node:\n");
    for (qsizetype i = 0; i < result.nodes.size(); ++i)
        out += QStringLiteral("  %1 %2\n").arg(result.nodes[i]).arg(result.podsPerNode[static_cast<std::size_t>(i)]);
    if (pending > 0) {
        out += QStringLiteral("Pending:\n");
        for (const Placement &placement : result.placements) {
            if (!placement.node)
                out += QStringLiteral("  ") + placement.qualifiedName() + QStringLiteral(": ") + placement.reason
                       + QLatin1Char('\n');
        }
    }
    return out;
}

QString explainReport(const Placement &placement)
{
    QString out = QStringLiteral("Pod %1: ").arg(placement.qualifiedName());
    out += placement.node ? QStringLiteral("scheduled on ") + *placement.node : QStringLiteral("Pending: ") + placement.reason;
    out += QLatin1Char('\n');
    if (placement.bound)
        return out + QStringLiteral("  bound by spec.nodeName: the scheduler does not place it\n");
    for (const NodeExplanation &node : placement.explanation) {
        out += QStringLiteral("Node %1\n").arg(node.node);
        for (const PluginVerdict &verdict : node.filters)
            out += QStringLiteral("  filter %1: %2\n").arg(verdict.plugin, verdict.verdict);
        for (const PluginVerdict &verdict : node.scores)
            out += QStringLiteral("  score  %1: %2 -> normalized %3 x weight %4 = %5\n")
                       .arg(verdict.plugin)
                       .arg(verdict.raw)
                       .arg(verdict.normalized)
                       .arg(verdict.weight)
                       .arg(verdict.normalized * verdict.weight);
        if (!node.scores.empty())
            out += QStringLiteral("  total  %1\n").arg(node.total);
    }
    if (placement.node && placement.feasibleNodes.size() == 1)
        out += QStringLiteral("One feasible node: chosen without scoring, as kube-scheduler does.\n");
    return out;
}

} // namespace

ExitCode scheduleCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Simulate kube-scheduler %1's default profile over the design: Node objects (or the "
                       "project's node pools) are the cluster, pods with spec.nodeName are bound, the others "
                       "are scheduled by priority, then input order. Plugins simulated: NodeUnschedulable, "
                       "NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit (LeastAllocated), "
                       "PodTopologySpread (with the system default constraints), "
                       "InterPodAffinity, DefaultPreemption (victims listed under preempted), "
                       "NodeResourcesBalancedAllocation; LimitRange defaults and HPA replicas are applied first. "
                       "Exit 1 when any pod stays Pending.")
            .arg(QString(pinnedRelease)));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("format"), QStringLiteral("text (default), json or summary."), QStringLiteral("FORMAT"),
                      QStringLiteral("text")});
    parser.addOption({QStringLiteral("explain"), QStringLiteral("Show each plugin's verdict and score per node for POD (namespace/name)."),
                      QStringLiteral("POD")});
    parser.addOption({QStringLiteral("drain"),
                      QStringLiteral("What if NODE is drained (kubectl drain --ignore-daemonsets): cordoned, its pods "
                                     "evicted unless a PodDisruptionBudget refuses, and scheduled again."),
                      QStringLiteral("NODE")});
    parser.addOption({QStringLiteral("fail-zone"),
                      QStringLiteral("What if every node of zone ZONE (topology.kubernetes.io/zone) is lost: their "
                                     "pods are scheduled again; what stays Pending is reported."),
                      QStringLiteral("ZONE")});
    parser.addOption({QStringLiteral("hpa"),
                      QStringLiteral("Replicas of HorizontalPodAutoscaler targets: min (minReplicas, the default) or max."),
                      QStringLiteral("min|max"), QStringLiteral("min")});
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Inputs."), QStringLiteral("PATH..."));
    if (const std::optional<ExitCode> done = parseCommandLine(parser, arguments))
        return *done;
    const QString hpa = parser.value(QStringLiteral("hpa"));
    if (hpa != QLatin1String("min") && hpa != QLatin1String("max")) {
        printError(QStringLiteral("--hpa must be min or max, not '%1'").arg(hpa));
        return ExitCode::BadInput;
    }
    if (parser.isSet(QStringLiteral("drain")) && parser.isSet(QStringLiteral("fail-zone"))) {
        printError(QStringLiteral("--drain and --fail-zone are separate what-ifs: give one of them"));
        return ExitCode::BadInput;
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("text") && format != QLatin1String("json") && format != QLatin1String("summary")) {
        printError(QStringLiteral("--format must be text, json or summary, not '%1'").arg(format));
        return ExitCode::BadInput;
    }
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        printError(QStringLiteral("usage: kstudio schedule PATH... [--format text|json|summary] [--explain POD] [--drain NODE] "
                                  "[--fail-zone ZONE] [--hpa min|max]"));
        return ExitCode::BadInput;
    }
    model::Document document;
    if (loadDesign(paths, document) == ExitCode::BadInput)
        return ExitCode::BadInput;

    Options options;
    options.details = format != QLatin1String("summary");
    options.explainPod = parser.value(QStringLiteral("explain"));
    options.hpa = hpa == QLatin1String("max") ? HpaMode::Max : HpaMode::Min;
    options.drainNode = parser.value(QStringLiteral("drain"));
    options.failZone = parser.value(QStringLiteral("fail-zone"));
    const ScheduleResult result = schedule(document.snapshot(), options);
    if (!options.drainNode.isEmpty() && !result.nodes.contains(options.drainNode)) {
        printError(QStringLiteral("--drain: no node named %1 in the cluster").arg(options.drainNode));
        return ExitCode::BadInput;
    }
    if (result.whatIf && !options.failZone.isEmpty() && result.whatIf->nodesLost.isEmpty()) {
        printError(QStringLiteral("--fail-zone: no node has topology.kubernetes.io/zone=%1").arg(options.failZone));
        return ExitCode::BadInput;
    }

    if (!options.explainPod.isEmpty()) {
        const auto it = std::find_if(result.placements.begin(), result.placements.end(),
                                     [&options](const Placement &p) { return p.qualifiedName() == options.explainPod; });
        if (it == result.placements.end()) {
            printError(QStringLiteral("--explain: no pod named %1 in the design").arg(options.explainPod));
            return ExitCode::BadInput;
        }
        printOut(explainReport(*it));
    } else if (format == QLatin1String("json")) {
        printOut(QString::fromUtf8(QJsonDocument(toJson(result)).toJson(QJsonDocument::Indented)));
    } else if (format == QLatin1String("summary")) {
        printOut(summaryReport(result) + (result.whatIf ? whatIfReport(*result.whatIf) : QString()));
    } else {
        printOut(textReport(result) + (result.whatIf ? whatIfReport(*result.whatIf) : QString()));
    }
    return result.pending() > 0 ? ExitCode::No : ExitCode::Ok;
}

} // namespace kstudio::app
