// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio schedule PATH... [--format text|json|summary] [--explain POD] [--drain NODE] [--fail-zone Z]
// [--fail-node NODE] [--cordon NODE] [--scale NS/NAME=N] [--hpa min|max] [--plan-capacity [--node-shape SHAPE]
// [--zones Z,...]] (CLI.md; --cordon and --scale extend it).
#include "commands.h"

#include <model/core/document.h>
#include <sim/sched/capacity.h>
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
    QString out = whatIf.kind == QLatin1String("drain")    ? QStringLiteral("What if node %1 is drained:\n").arg(whatIf.target)
                  : whatIf.kind == QLatin1String("failNode") ? QStringLiteral("What if node %1 fails:\n").arg(whatIf.target)
                  : whatIf.kind == QLatin1String("cordon")
                      ? QStringLiteral("What if node %1 is cordoned when the design is deployed:\n").arg(whatIf.target)
                  : whatIf.kind == QLatin1String("scale")
                      ? QStringLiteral("What if %1 is scaled from %2 to %3 replicas:\n")
                            .arg(whatIf.target)
                            .arg(whatIf.replicasBefore)
                            .arg(whatIf.replicasAfter)
                      : QStringLiteral("What if zone %1 fails (%2 nodes lost):\n").arg(whatIf.target).arg(whatIf.nodesLost.size());
    for (const Move &move : whatIf.created)
        out += QStringLiteral("  created %1 -> %2\n").arg(move.pod, move.to ? *move.to : QStringLiteral("Pending"));
    for (const QString &pod : whatIf.deleted)
        out += QStringLiteral("  deleted %1\n").arg(pod);
    for (const QString &pod : whatIf.scheduled)
        out += QStringLiteral("  scheduled %1 (was Pending)\n").arg(pod);
    for (const Move &move : whatIf.moved)
        out += QStringLiteral("  moved %1: %2 -> %3\n").arg(move.pod, move.from, move.to ? *move.to : QStringLiteral("Pending"));
    for (const WhatIf::Refusal &refusal : whatIf.blocked)
        out += QStringLiteral("  eviction refused %1: %2%3\n")
                   .arg(refusal.pod, refusal.reason,
                        refusal.pdb.isEmpty() ? QString() : QStringLiteral(" (PodDisruptionBudget %1)").arg(refusal.pdb));
    for (const QString &pod : whatIf.pending)
        out += QStringLiteral("  left Pending %1\n").arg(pod);
    for (const QString &service : whatIf.servicesWithoutEndpoints)
        out += QStringLiteral("  Service %1 lost all endpoints\n").arg(service);
    out += QStringLiteral("  %1 pods moved, %2 left Pending, %3 Services without ready endpoints\n")
               .arg(whatIf.moved.size())
               .arg(whatIf.pending.size())
               .arg(whatIf.servicesWithoutEndpoints.size());
    return out;
}

QString planReport(const CapacityPlan &plan)
{
    const auto count = [](const std::optional<int> &value) { return value ? QString::number(*value) : QStringLiteral("none"); };
    QString out = QStringLiteral("Capacity plan: nodes of cpu=%1, memory=%2, pods=%3 (%4), zones %5:\n")
                      .arg(plan.shape.cpu, plan.shape.memory)
                      .arg(plan.shape.pods)
                      .arg(plan.shapeSource,
                           plan.shape.zones.isEmpty() ? QStringLiteral("none") : plan.shape.zones.join(QStringLiteral(", ")));
    out += QStringLiteral("  fewest nodes with nothing Pending: %1 (requests alone need %2)\n")
               .arg(count(plan.nodes))
               .arg(plan.lowerBound);
    out += QStringLiteral("  fewest nodes that survive the loss of any one zone: %1%2\n")
               .arg(count(plan.nodesZoneFailure),
                    plan.zoneFailureNote.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(plan.zoneFailureNote));
    for (const QString &pod : plan.unplaceable)
        out += QStringLiteral("  still Pending %1\n").arg(pod);
    out += QStringLiteral("  %1 scheduling runs\n").arg(plan.simulations);
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
    parser.addOption({{QStringLiteral("o"), QStringLiteral("format")}, QStringLiteral("text (default), json or summary."), QStringLiteral("FORMAT"),
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
    parser.addOption({QStringLiteral("fail-node"),
                      QStringLiteral("What if node NODE is lost: its pods are scheduled again; what stays Pending "
                                     "is reported."),
                      QStringLiteral("NODE")});
    parser.addOption({QStringLiteral("cordon"),
                      QStringLiteral("What if NODE is cordoned (kubectl cordon: spec.unschedulable) when the design is "
                                     "deployed: every pod is scheduled again with the node unschedulable; the pods "
                                     "that land elsewhere, those left Pending and the Services left without ready "
                                     "endpoints are reported. (Cordoning a running node evicts nothing: --drain "
                                     "shows that.)"),
                      QStringLiteral("NODE")});
    parser.addOption({QStringLiteral("scale"),
                      QStringLiteral("What if workload NS/NAME (a Deployment, ReplicaSet, StatefulSet or "
                                     "ReplicationController; NAME alone: namespace default) is scaled to N replicas "
                                     "on the running cluster (kubectl scale): new replicas are scheduled after the "
                                     "others, a scale-down deletes pods as the controller ranks them and retries "
                                     "Pending pods; created and deleted pods, pods moved by preemption, pods left "
                                     "Pending and Services without ready endpoints are reported."),
                      QStringLiteral("NS/NAME=N")});
    parser.addOption({QStringLiteral("plan-capacity"),
                      QStringLiteral("Capacity planning: the fewest nodes of one shape on which every pod is placed, "
                                     "and the fewest that survive the loss of any one zone (each count is a full "
                                     "scheduling run). Exit 0 when a count fits, 1 when none does.")});
    parser.addOption({QStringLiteral("node-shape"),
                      QStringLiteral("With --plan-capacity: the node shape, e.g. cpu=4,memory=16Gi,pods=110 "
                                     "(default: the design's first node pool, else its largest Node)."),
                      QStringLiteral("SHAPE")});
    parser.addOption({QStringLiteral("zones"),
                      QStringLiteral("With --plan-capacity: zones to spread the nodes over, e.g. a,b,c (default: the "
                                     "pool's zones, else the design's Nodes' zones)."),
                      QStringLiteral("Z,...")});
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
    const int whatIfs = int(parser.isSet(QStringLiteral("drain"))) + int(parser.isSet(QStringLiteral("fail-zone")))
                        + int(parser.isSet(QStringLiteral("fail-node"))) + int(parser.isSet(QStringLiteral("cordon")))
                        + int(parser.isSet(QStringLiteral("scale")));
    if (whatIfs > 1) {
        printError(QStringLiteral("--drain, --fail-zone, --fail-node, --cordon and --scale are separate what-ifs: give one of them"));
        return ExitCode::BadInput;
    }
    std::optional<Scale> scale;
    if (parser.isSet(QStringLiteral("scale"))) {
        const QString value = parser.value(QStringLiteral("scale"));
        const qsizetype equals = value.lastIndexOf(QLatin1Char('='));
        bool ok = false;
        const int replicas = equals > 0 ? value.mid(equals + 1).toInt(&ok) : 0;
        if (!ok || replicas < 0) {
            printError(QStringLiteral("--scale wants NS/NAME=N with N a number of replicas (0 or more), not '%1'").arg(value));
            return ExitCode::BadInput;
        }
        scale = Scale{value.left(equals), replicas};
    }
    const bool planning = parser.isSet(QStringLiteral("plan-capacity"));
    if (!planning && (parser.isSet(QStringLiteral("node-shape")) || parser.isSet(QStringLiteral("zones")))) {
        printError(QStringLiteral("--node-shape and --zones go with --plan-capacity"));
        return ExitCode::BadInput;
    }
    CapacityOptions capacity;
    if (parser.isSet(QStringLiteral("node-shape"))) {
        QString error;
        capacity.shape = parseNodeShape(parser.value(QStringLiteral("node-shape")), &error);
        if (!capacity.shape) {
            printError(QStringLiteral("--node-shape: ") + error);
            return ExitCode::BadInput;
        }
    }
    if (parser.isSet(QStringLiteral("zones")))
        capacity.zones = parser.value(QStringLiteral("zones")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("text") && format != QLatin1String("json") && format != QLatin1String("summary")) {
        printError(QStringLiteral("--format must be text, json or summary, not '%1'").arg(format));
        return ExitCode::BadInput;
    }
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        printError(QStringLiteral("usage: kstudio schedule PATH... [--format text|json|summary] [--explain POD] [--drain NODE] "
                                  "[--fail-zone ZONE] [--fail-node NODE] [--cordon NODE] [--scale NS/NAME=N] [--hpa min|max] "
                                  "[--plan-capacity [--node-shape SHAPE] [--zones Z,...]]"));
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
    options.failNode = parser.value(QStringLiteral("fail-node"));
    options.cordonNode = parser.value(QStringLiteral("cordon"));
    options.scale = scale;
    const ScheduleResult result = schedule(document.snapshot(), options);
    if (!result.error.isEmpty()) {
        printError(QStringLiteral("--scale: ") + result.error);
        return ExitCode::BadInput;
    }
    // A what-if that names a node or zone the cluster lacks is a usage error.
    for (const auto &[flag, node] : {std::pair{QStringLiteral("--cordon"), options.cordonNode},
                                     std::pair{QStringLiteral("--drain"), options.drainNode}}) {
        if (!node.isEmpty() && !result.nodes.contains(node)) {
            printError(QStringLiteral("%1: no node named %2 in the cluster").arg(flag, node));
            return ExitCode::BadInput;
        }
    }
    if (result.whatIf && !options.failNode.isEmpty() && result.whatIf->nodesLost.isEmpty()) {
        printError(QStringLiteral("--fail-node: no node named %1 in the cluster").arg(options.failNode));
        return ExitCode::BadInput;
    }
    if (result.whatIf && !options.failZone.isEmpty() && result.whatIf->nodesLost.isEmpty()) {
        printError(QStringLiteral("--fail-zone: no node has topology.kubernetes.io/zone=%1").arg(options.failZone));
        return ExitCode::BadInput;
    }
    std::optional<CapacityPlan> plan;
    if (planning) {
        capacity.hpa = options.hpa;
        plan = planCapacity(document.snapshot(), capacity);
        if (!plan->error.isEmpty()) {
            printError(QStringLiteral("--plan-capacity: ") + plan->error);
            return ExitCode::BadInput;
        }
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
        QJsonObject root = toJson(result);
        if (plan)
            root.insert(QStringLiteral("capacityPlan"), toJson(*plan));
        printOut(QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)));
    } else {
        printOut((format == QLatin1String("summary") ? summaryReport(result) : textReport(result))
                 + (result.whatIf ? whatIfReport(*result.whatIf) : QString()) + (plan ? planReport(*plan) : QString()));
    }
    if (plan)
        return plan->nodes ? ExitCode::Ok : ExitCode::No;
    return result.pending() > 0 ? ExitCode::No : ExitCode::Ok;
}

} // namespace kstudio::app
