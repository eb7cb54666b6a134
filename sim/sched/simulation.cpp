// SPDX-License-Identifier: GPL-3.0-or-later
// The scheduling queue run over a cluster, and the what-ifs that change the cluster and run it
// again: --drain (kubectl drain: cordon, then evict each pod through the Eviction API, which
// refuses an eviction that would break a PodDisruptionBudget; evicted pods are re-created by
// their controllers and scheduled again) and --fail-zone (the zone's nodes are gone; their pods
// are re-created elsewhere; DaemonSet pods go with their node) and --fail-node (the same for one
// node). Every what-if lists the Services left without a running selected pod.
// Mirrors: kubernetes/kubernetes pkg/scheduler/internal/queue/scheduling_queue.go with
// plugins/queuesort/priority_sort.go (priority descending, then arrival),
// staging/src/k8s.io/kubectl/pkg/drain/drain.go and filters.go (cordon, DaemonSet pods
// ignored with --ignore-daemonsets, pods without a controller refused without --force),
// pkg/registry/core/pod/storage/eviction.go (one PDB at most; disruptionsAllowed must be > 0;
// its messages) and pkg/controller/disruption/disruption.go at v1.33.
#include "framework.h"

#include "reasons.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

namespace kstudio::sim::sched {

namespace {

class Simulation
{
public:
    Simulation(Cluster &cluster, const Options &options)
        : m_cluster(cluster)
        , m_options(options)
        , m_framework(defaultProfile(), options.incremental)
    {}

    void start()
    {
        indexNodes();
        for (const PodInfo &pod : m_cluster.pods) {
            if (pod.absent)
                continue; // created (or deleted) by a --scale what-if
            if (pod.spec->nodeName.isEmpty()) {
                enqueue(&pod);
                continue;
            }
            Placement placement;
            placement.ns = pod.ns;
            placement.name = pod.name;
            placement.bound = true;
            if (const auto it = m_nodeIndex.find(pod.spec->nodeName); it != m_nodeIndex.end()) {
                bind(pod, it->second);
                placement.node = pod.spec->nodeName;
            } else {
                placement.reason = QStringLiteral("spec.nodeName names node \"%1\", which is not in the cluster")
                                       .arg(pod.spec->nodeName);
            }
            setPlacement(&pod, std::move(placement));
        }
        run();
    }

    // PrioritySort over what is queued; victims of preemption are queued again.
    void run()
    {
        while (!m_queue.empty()) {
            const PodInfo *pod = m_queue.begin()->second;
            m_queue.erase(m_queue.begin());
            const bool explainThis = !m_options.explainPod.isEmpty() && m_options.explainPod == pod->qualifiedName();
            const bool tracing = m_options.trace && m_options.trace->cycles.size() < m_options.trace->maxCycles;
            if (m_options.trace && !tracing)
                ++m_options.trace->notRecorded;
            const bool explain = explainThis || tracing;
            const int queueLength = static_cast<int>(m_queue.size()) + 1;
            std::vector<const PodInfo *> victims;
            Placement placement =
                m_framework.scheduleOne(*pod, m_cluster.nodes, m_cluster.info, m_options.details, explain, &victims);
            if (tracing) {
                trace(*pod, queueLength, placement, victims);
                if (!explainThis)
                    placement.explanation.clear();
            }
            if (placement.node) {
                pod->startedAt = ++m_clock;
                m_location[pod] = m_nodeIndex.at(*placement.node);
            }
            for (const PodInfo *victim : victims) {
                m_location.erase(victim);
                enqueue(victim);
            }
            // A pod scheduled again keeps the victims it preempted before.
            if (const auto it = m_slot.find(pod); it != m_slot.end())
                placement.preempted = mergedPreempted(m_placements[it->second].preempted, placement.preempted);
            setPlacement(pod, std::move(placement));
        }
    }

    void whatIf()
    {
        m_phase = !m_options.drainNode.isEmpty()    ? QStringLiteral("drain")
                  : !m_options.failZone.isEmpty()   ? QStringLiteral("failZone")
                  : !m_options.failNode.isEmpty()   ? QStringLiteral("failNode")
                  : !m_options.cordonNode.isEmpty() ? QStringLiteral("cordon")
                                                    : QStringLiteral("scale");
        if (!m_options.drainNode.isEmpty())
            drain(m_options.drainNode);
        else if (!m_options.failZone.isEmpty())
            loseNodes(QStringLiteral("failZone"), m_options.failZone, [&zone = m_options.failZone](const NodeInfo &node) {
                return node.labels.value(QStringLiteral("topology.kubernetes.io/zone")) == zone;
            });
        else if (!m_options.failNode.isEmpty())
            loseNodes(QStringLiteral("failNode"), m_options.failNode,
                      [&name = m_options.failNode](const NodeInfo &node) { return node.name == name; });
        else if (!m_options.cordonNode.isEmpty())
            cordon(m_options.cordonNode);
        else if (m_options.scale)
            scale(*m_options.scale);
    }

    ScheduleResult result()
    {
        ScheduleResult result;
        result.placements = std::move(m_placements);
        std::sort(result.placements.begin(), result.placements.end(), [](const Placement &a, const Placement &b) {
            return a.ns != b.ns ? a.ns < b.ns : a.name < b.name;
        });
        for (const NodeInfo &node : m_cluster.nodes) {
            result.nodes.append(node.name);
            result.podsPerNode.push_back(static_cast<int>(node.pods.size()));
        }
        result.whatIf = std::move(m_whatIf);
        return result;
    }

private:
    static QStringList mergedPreempted(QStringList before, const QStringList &now)
    {
        before.append(now);
        before.sort();
        before.removeDuplicates();
        return before;
    }

    void indexNodes()
    {
        m_nodeIndex.clear();
        for (std::size_t i = 0; i < m_cluster.nodes.size(); ++i)
            m_nodeIndex.emplace(m_cluster.nodes[i].name, i);
    }

    void trace(const PodInfo &pod, int queueLength, const Placement &placement,
               const std::vector<const PodInfo *> &victims)
    {
        CycleTrace cycle;
        cycle.pod = pod.qualifiedName();
        cycle.owner = pod.owner;
        cycle.priority = pod.priority;
        cycle.queueLength = queueLength;
        for (const auto &[key, queued] : m_queue) {
            if (cycle.queuedBehind.size() >= CycleTrace::maxQueueShown)
                break;
            cycle.queuedBehind.append(queued->qualifiedName());
        }
        cycle.phase = m_phase;
        cycle.placement = placement;
        for (const PodInfo *victim : victims) {
            cycle.requeued.append(victim->qualifiedName());
            cycle.requeuedOwners.append(victim->owner);
        }
        m_options.trace->cycles.push_back(std::move(cycle));
    }

    void enqueue(const PodInfo *pod) { m_queue.emplace(std::make_pair(-std::int64_t(pod->priority), pod->index), pod); }

    void bind(const PodInfo &pod, std::size_t node)
    {
        m_cluster.nodes[node].addPod(pod);
        pod.startedAt = ++m_clock;
        m_location[&pod] = node;
    }

    void setPlacement(const PodInfo *pod, Placement placement)
    {
        if (const auto it = m_slot.find(pod); it != m_slot.end()) {
            m_placements[it->second] = std::move(placement);
            return;
        }
        m_slot.emplace(pod, m_placements.size());
        m_placements.push_back(std::move(placement));
    }

    std::optional<QString> nodeOf(const PodInfo *pod) const
    {
        const auto it = m_location.find(pod);
        if (it == m_location.end())
            return std::nullopt;
        return m_cluster.nodes[it->second].name;
    }

    void drain(const QString &nodeName)
    {
        WhatIf report;
        report.kind = QStringLiteral("drain");
        report.target = nodeName;
        const auto found = m_nodeIndex.find(nodeName);
        if (found == m_nodeIndex.end()) {
            m_whatIf = std::move(report);
            return;
        }
        const std::size_t index = found->second;
        const std::set<const PodInfo *> placedBefore = placedPods();
        // kubectl cordon.
        m_cluster.nodes[index].setUnschedulable(true);
        std::vector<const PodInfo *> toEvict;
        for (const PodInfo *pod : m_cluster.nodes[index].pods) {
            if (pod->daemonSet)
                continue; // --ignore-daemonsets
            if (!pod->controlled) {
                report.blocked.push_back({pod->qualifiedName(),
                                          QStringLiteral("cannot delete Pods that declare no controller (use --force to override)"),
                                          {}});
                continue;
            }
            toEvict.push_back(pod);
        }
        std::sort(toEvict.begin(), toEvict.end(),
                  [](const PodInfo *a, const PodInfo *b) { return a->qualifiedName() < b->qualifiedName(); });
        // kubectl drain retries refused evictions until none makes progress: an eviction the
        // PDB refuses now may pass once an evicted pod's replacement runs elsewhere.
        std::map<QString, std::pair<QString, QString>> refused; // pod -> (message, PDB)
        bool progress = true;
        while (progress && !toEvict.empty()) {
            progress = false;
            for (auto it = toEvict.begin(); it != toEvict.end();) {
                const PodInfo *pod = *it;
                std::vector<const PdbInfo *> pdbs;
                for (const PdbInfo &pdb : m_cluster.info.pdbs) {
                    if (pdb.selects(*pod))
                        pdbs.push_back(&pdb);
                }
                if (pdbs.size() > 1) {
                    refused[pod->qualifiedName()] = {
                        QStringLiteral("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."),
                        {}};
                    ++it;
                    continue;
                }
                if (pdbs.size() == 1 && disruptionsAllowed(*pdbs.front(), m_cluster.nodes) <= 0) {
                    refused[pod->qualifiedName()] = {
                        QStringLiteral("Cannot evict pod as it would violate the pod's disruption budget."),
                        pdbs.front()->qualifiedName()};
                    ++it;
                    continue;
                }
                refused.erase(pod->qualifiedName());
                m_cluster.nodes[index].removePod(*pod);
                m_location.erase(pod);
                enqueue(pod);
                run();
                report.moved.push_back({pod->qualifiedName(), nodeName, nodeOf(pod)});
                it = toEvict.erase(it);
                progress = true;
            }
        }
        for (const auto &[pod, why] : refused)
            report.blocked.push_back({pod, why.first, why.second});
        finish(report, placedBefore);
    }

    // --fail-zone and --fail-node: the lost nodes are gone, their pods re-created elsewhere.
    template<typename Lost>
    void loseNodes(const QString &kind, const QString &target, const Lost &isLost)
    {
        WhatIf report;
        report.kind = kind;
        report.target = target;
        const std::set<const PodInfo *> placedBefore = placedPods();
        std::vector<NodeInfo> kept;
        std::vector<std::pair<const PodInfo *, QString>> lost;
        for (NodeInfo &node : m_cluster.nodes) {
            if (!isLost(node)) {
                kept.push_back(std::move(node));
                continue;
            }
            report.nodesLost.append(node.name);
            for (const PodInfo *pod : node.pods)
                lost.emplace_back(pod, node.name);
        }
        m_cluster.nodes = std::move(kept);
        // Node positions change: re-index where each label set's pods are.
        PodIndex &podIndex = *m_cluster.info.podIndex;
        for (std::vector<std::pair<int, int>> &placed : podIndex.placed)
            placed.clear();
        podIndex.podsWithAffinity = 0;
        podIndex.podsWithRequiredAntiAffinity = 0;
        podIndex.podsWithScoredAffinity = 0;
        ++podIndex.generation;
        for (std::size_t i = 0; i < m_cluster.nodes.size(); ++i) {
            m_cluster.nodes[i].position = static_cast<int>(i);
            for (const PodInfo *pod : m_cluster.nodes[i].pods)
                podIndex.add(*pod, static_cast<int>(i), 1);
        }
        indexNodes();
        m_location.clear();
        for (std::size_t i = 0; i < m_cluster.nodes.size(); ++i) {
            for (const PodInfo *pod : m_cluster.nodes[i].pods)
                m_location[pod] = i;
        }
        std::sort(lost.begin(), lost.end(), [](const auto &a, const auto &b) {
            return a.first->qualifiedName() < b.first->qualifiedName();
        });
        for (const auto &[pod, from] : lost) {
            if (pod->daemonSet) {
                // The DaemonSet controller runs no pod for a node that is gone.
                if (const auto it = m_slot.find(pod); it != m_slot.end())
                    m_placements[it->second].name.clear();
                continue;
            }
            if (!pod->spec->nodeName.isEmpty()) {
                Placement placement;
                placement.ns = pod->ns;
                placement.name = pod->name;
                placement.bound = true;
                placement.reason = QStringLiteral("spec.nodeName names node \"%1\", which is not in the cluster")
                                       .arg(pod->spec->nodeName);
                setPlacement(pod, std::move(placement));
            } else {
                enqueue(pod);
            }
        }
        run();
        for (const auto &[pod, from] : lost) {
            if (!pod->daemonSet)
                report.moved.push_back({pod->qualifiedName(), from, nodeOf(pod)});
        }
        // Drop the DaemonSet pods of the lost nodes.
        std::vector<Placement> placements;
        for (Placement &placement : m_placements) {
            if (!placement.name.isEmpty())
                placements.push_back(std::move(placement));
        }
        m_placements = std::move(placements);
        m_slot.clear();
        finish(report, placedBefore);
    }

    // --cordon: kubectl cordon sets spec.unschedulable and evicts nothing, so on a running
    // cluster nothing would move; the what-if is the design deployed while the node is cordoned:
    // every pod is scheduled again from an empty cluster with the node unschedulable, and the
    // pods whose node differs from the plain run are the ones that moved.
    void cordon(const QString &nodeName)
    {
        WhatIf report;
        report.kind = QStringLiteral("cordon");
        report.target = nodeName;
        const auto found = m_nodeIndex.find(nodeName);
        if (found == m_nodeIndex.end()) {
            m_whatIf = std::move(report);
            return;
        }
        const std::set<const PodInfo *> placedBefore = placedPods();
        std::unordered_map<const PodInfo *, QString> before;
        for (const auto &[pod, node] : m_location)
            before.emplace(pod, m_cluster.nodes[node].name);
        for (NodeInfo &node : m_cluster.nodes) {
            const std::vector<const PodInfo *> pods = node.pods;
            for (auto it = pods.rbegin(); it != pods.rend(); ++it)
                node.removePod(**it);
        }
        m_location.clear();
        m_placements.clear();
        m_slot.clear();
        m_queue.clear();
        m_clock = 0;
        m_cluster.nodes[found->second].setUnschedulable(true);
        start();
        for (const auto &[pod, from] : before) {
            const std::optional<QString> to = nodeOf(pod);
            if (to != from)
                report.moved.push_back({pod->qualifiedName(), from, to});
        }
        std::sort(report.moved.begin(), report.moved.end(), [](const Move &a, const Move &b) { return a.pod < b.pod; });
        finish(report, placedBefore);
    }

    // --scale: the workload's controller creates the missing replicas (scheduled after every
    // other pod) or deletes the surplus, on the running cluster. Which pods a scale-down deletes:
    // StatefulSets the highest ordinals; ReplicaSets (and Deployments through theirs) rank pods
    // as getPodsToDelete does: unscheduled first, then those on nodes running more of the
    // workload's pods, then the newest (the highest ordinal: replicas are created in order). Pods
    // that were Pending are retried after a scale-down frees room, as the scheduling queue moves
    // them back on a pod deletion.
    // Mirrors: kubernetes/kubernetes pkg/controller/replicaset/replica_set.go (manageReplicas,
    // getPodsToDelete), pkg/controller/controller_utils.go (ActivePodsWithRanks) and
    // pkg/controller/statefulset/stateful_set_control.go (scale-down from the highest ordinal)
    // at v1.33.
    void scale(const Scale &scale)
    {
        WhatIf report;
        report.kind = QStringLiteral("scale");
        const qsizetype slash = scale.workload.indexOf(QLatin1Char('/'));
        const QString ns = slash < 0 ? QStringLiteral("default") : scale.workload.left(slash);
        const QString name = slash < 0 ? scale.workload : scale.workload.mid(slash + 1);
        report.target = ns + QLatin1Char('/') + name;
        static const QStringList kinds = {QStringLiteral("Deployment"), QStringLiteral("ReplicaSet"),
                                          QStringLiteral("StatefulSet"), QStringLiteral("ReplicationController")};
        std::vector<PodInfo *> present;
        std::vector<PodInfo *> missing;
        for (PodInfo &pod : m_cluster.pods) {
            if (pod.ns != ns || pod.ownerName != name || !kinds.contains(pod.ownerKind))
                continue;
            (pod.absent ? missing : present).push_back(&pod);
        }
        report.replicasBefore = int(present.size());
        report.replicasAfter = scale.replicas;
        const std::set<const PodInfo *> placedBefore = placedPods();
        std::unordered_map<const PodInfo *, std::size_t> before = m_location;
        std::vector<const PodInfo *> pendingBefore;
        for (const PodInfo &pod : m_cluster.pods) {
            if (!pod.absent && !m_location.count(&pod) && m_slot.count(&pod) && !pod.daemonSet && pod.spec->nodeName.isEmpty())
                pendingBefore.push_back(&pod);
        }
        std::vector<const PodInfo *> created;
        std::set<const PodInfo *> deleted;
        if (scale.replicas > report.replicasBefore) {
            std::sort(missing.begin(), missing.end(), [](const PodInfo *a, const PodInfo *b) { return a->ordinal < b->ordinal; });
            for (PodInfo *pod : missing) {
                if (int(created.size()) + report.replicasBefore >= scale.replicas)
                    break;
                pod->absent = false;
                created.push_back(pod);
                enqueue(pod);
            }
            run();
        } else if (scale.replicas < report.replicasBefore) {
            const bool statefulSet = !present.empty() && present.front()->ownerKind == QLatin1String("StatefulSet");
            std::map<std::size_t, int> onNode; // the workload's pods per node
            for (const PodInfo *pod : present) {
                if (const auto it = m_location.find(pod); it != m_location.end())
                    ++onNode[it->second];
            }
            const auto rank = [&](const PodInfo *pod) {
                const auto it = m_location.find(pod);
                return it == m_location.end() ? std::numeric_limits<int>::max() : onNode[it->second];
            };
            std::stable_sort(present.begin(), present.end(), [&](const PodInfo *a, const PodInfo *b) {
                if (!statefulSet && rank(a) != rank(b))
                    return rank(a) > rank(b);
                return a->ordinal > b->ordinal;
            });
            for (std::size_t i = 0; i < present.size() - std::size_t(scale.replicas); ++i) {
                PodInfo *pod = present[i];
                if (const auto it = m_location.find(pod); it != m_location.end()) {
                    m_cluster.nodes[it->second].removePod(*pod);
                    m_location.erase(it);
                }
                m_queue.erase(std::make_pair(-std::int64_t(pod->priority), pod->index));
                pod->absent = true;
                deleted.insert(pod);
                report.deleted.append(pod->qualifiedName());
            }
            report.deleted.sort();
            for (const PodInfo *pod : pendingBefore) {
                if (!deleted.count(pod))
                    enqueue(pod);
            }
            run();
        }
        for (const PodInfo *pod : created)
            report.created.push_back({pod->qualifiedName(), QString(), nodeOf(pod)});
        std::sort(report.created.begin(), report.created.end(), [](const Move &a, const Move &b) { return a.pod < b.pod; });
        for (const PodInfo *pod : pendingBefore) {
            if (!deleted.count(pod) && m_location.count(pod))
                report.scheduled.append(pod->qualifiedName());
        }
        report.scheduled.sort();
        // Running pods that a scale-up's preemption moved or left Pending.
        for (const auto &[pod, from] : before) {
            if (deleted.count(pod))
                continue;
            const std::optional<QString> to = nodeOf(pod);
            if (to != m_cluster.nodes[from].name)
                report.moved.push_back({pod->qualifiedName(), m_cluster.nodes[from].name, to});
        }
        std::sort(report.moved.begin(), report.moved.end(), [](const Move &a, const Move &b) { return a.pod < b.pod; });
        // The deleted pods leave the result.
        std::vector<Placement> placements;
        for (Placement &placement : m_placements) {
            const bool gone = std::any_of(deleted.begin(), deleted.end(), [&placement](const PodInfo *pod) {
                return pod->ns == placement.ns && pod->name == placement.name;
            });
            if (!gone)
                placements.push_back(std::move(placement));
        }
        m_placements = std::move(placements);
        m_slot.clear();
        finish(report, placedBefore, deleted);
        for (const PodInfo *pod : created) {
            if (!m_location.count(pod))
                m_whatIf->pending.append(pod->qualifiedName());
        }
        m_whatIf->pending.sort();
        m_whatIf->pending.removeDuplicates();
    }

    std::set<const PodInfo *> placedPods() const
    {
        std::set<const PodInfo *> placed;
        for (const auto &[pod, node] : m_location)
            placed.insert(pod);
        return placed;
    }

    // deleted: pods the what-if removed on purpose (not "left Pending").
    void finish(WhatIf &report, const std::set<const PodInfo *> &placedBefore, const std::set<const PodInfo *> &deleted = {})
    {
        for (const PodInfo *pod : placedBefore) {
            if (!m_location.count(pod) && !pod->daemonSet && !deleted.count(pod))
                report.pending.append(pod->qualifiedName());
        }
        report.pending.sort();
        report.pending.removeDuplicates();
        // Endpoints are the selected pods that run (the design has no readiness: a placed pod
        // stands for a ready one).
        for (const ServiceInfo &service : m_cluster.info.services) {
            bool before = false;
            bool after = false;
            for (const PodInfo &pod : m_cluster.pods) {
                if (!service.selects(pod))
                    continue;
                before = before || placedBefore.count(&pod);
                after = after || m_location.count(&pod);
            }
            if (before && !after)
                report.servicesWithoutEndpoints.append(service.qualifiedName());
        }
        report.servicesWithoutEndpoints.sort();
        report.servicesWithoutEndpoints.removeDuplicates();
        m_whatIf = std::move(report);
    }

    Cluster &m_cluster;
    const Options &m_options;
    Framework m_framework;
    std::map<QString, std::size_t> m_nodeIndex;
    std::map<std::pair<std::int64_t, int>, const PodInfo *> m_queue;
    std::unordered_map<const PodInfo *, std::size_t> m_location; // pod -> node index
    std::unordered_map<const PodInfo *, std::size_t> m_slot;     // pod -> m_placements index
    std::vector<Placement> m_placements;
    std::optional<WhatIf> m_whatIf;
    QString m_phase = QStringLiteral("schedule"); // for the trace
    std::int64_t m_clock = 0;
};

} // namespace

ScheduleResult schedule(Cluster &cluster, const Options &options)
{
    Simulation simulation(cluster, options);
    simulation.start();
    simulation.whatIf();
    return simulation.result();
}

ScheduleResult schedule(const model::Snapshot &snapshot, const Options &options)
{
    if (options.scale) {
        QString error;
        Cluster cluster = buildCluster(snapshot, options.hpa, *options.scale, &error);
        if (!error.isEmpty()) {
            ScheduleResult result;
            result.error = error;
            return result;
        }
        return schedule(cluster, options);
    }
    Cluster cluster = buildCluster(snapshot, options.hpa);
    return schedule(cluster, options);
}

} // namespace kstudio::sim::sched
