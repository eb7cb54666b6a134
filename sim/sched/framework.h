// SPDX-License-Identifier: GPL-3.0-or-later
// Framework: runs one scheduling cycle per pod through the profile's plugins (PreFilter, Filter,
// PostFilter message, PreScore, Score, NormalizeScore), and the queue that orders the cycles.
// Mirrors: kubernetes/kubernetes pkg/scheduler/schedule_one.go, pkg/scheduler/framework/runtime/
// framework.go and pkg/scheduler/framework/types.go (FitError) at v1.33.
#pragma once

#include "cluster_info.h"
#include "node_info.h"
#include "plugin.h"
#include "pod_info.h"
#include "profile.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <vector>

namespace kstudio::model {
class Snapshot;
struct NodePool;
}

namespace kstudio::sim::sched {

// --explain: one plugin's word on one node.
struct PluginVerdict
{
    QString plugin;
    QString verdict;           // "passed", "skipped", "not run", or the status code and reasons
    std::int64_t raw = 0;      // Score before normalisation
    std::int64_t normalized = 0;
    std::int32_t weight = 0;
    bool scored = false;
};

struct NodeExplanation
{
    QString node;
    std::vector<PluginVerdict> filters;
    std::vector<PluginVerdict> scores;
    std::int64_t total = 0;
};

struct Placement
{
    QString ns;
    QString name;
    std::optional<QString> node; // nullopt: Pending
    QStringList feasibleNodes;   // sorted
    std::vector<std::pair<QString, std::int64_t>> scores; // node -> weighted total, sorted by node
    QString reason;              // why the pod is Pending (kube-scheduler's message)
    QStringList preempted;
    bool bound = false;          // spec.nodeName was set: not scheduled, only placed
    std::vector<NodeExplanation> explanation;

    QString qualifiedName() const { return ns + QLatin1Char('/') + name; }
};

// The cluster one simulation runs on: nodes sorted by name, pods in input order.
struct Cluster
{
    std::vector<NodeInfo> nodes;
    std::deque<PodInfo> pods;
    ClusterInfo info;
};

// HorizontalPodAutoscalers set their target's replicas to minReplicas (default 1), or to
// maxReplicas (--hpa max).
enum class HpaMode : std::uint8_t { Min, Max };

// --scale NS/NAME=N: a Deployment, ReplicaSet, StatefulSet or ReplicationController ("NAME"
// alone: namespace default) scaled to replicas.
struct Scale
{
    QString workload;
    int replicas = 0;
};

// Nodes: the design's Node objects, else its node pools expanded to pool-zone-i. Pods: the
// workloads' pods (expandPods, with HPA-governed workloads at hpa's replicas), DaemonSet pods on
// each node the DaemonSet controller would run them on, with priorities resolved from
// PriorityClasses and LimitRange defaults applied.
Cluster buildCluster(const model::Snapshot &snapshot, HpaMode hpa = HpaMode::Min);
// The same with the pods a --scale needs: the workload's pods up to the larger of its replicas
// and scale.replicas, those beyond its replicas marked PodInfo::absent (created by the what-if).
// An unknown or ambiguous workload is an error (message in error, empty cluster).
Cluster buildCluster(const model::Snapshot &snapshot, HpaMode hpa, const Scale &scale, QString *error);
// The same with nodes standing in for the design's (capacity planning).
Cluster buildCluster(const model::Snapshot &snapshot, HpaMode hpa, std::vector<NodeInfo> nodes);

// A node pool's nodes: count nodes spread round-robin over its zones, named pool-zone-i (pool-i
// without zones), with kubernetes.io/hostname, kubernetes.io/os and the zone label.
std::vector<NodeInfo> poolNodes(const model::NodePool &pool);

// Classroom stepping: one record per scheduling cycle in the order the queue ran them (what-if
// re-scheduling included), each with every node's plugin verdicts and scores (the --explain
// detail, for every pod). Filled only when Options::trace is set; it costs nothing otherwise.
struct CycleTrace
{
    QString pod;               // "ns/name"
    model::ObjectId owner = model::noObject; // the design's object the pod comes from
    std::int32_t priority = 0; // PrioritySort: higher first, then arrival
    int queueLength = 0;       // pods queued when this one was popped, itself included
    QStringList queuedBehind;  // the next ones in queue order (at most maxQueueShown)
    QString phase;             // "schedule", or the what-if that re-queued it (drain, failZone...)
    Placement placement;       // node, reason, preempted, explanation (every node)
    QStringList requeued;      // preemption victims queued again by this cycle
    QList<model::ObjectId> requeuedOwners; // their objects, in the same order

    static constexpr int maxQueueShown = 20;
};

struct ScheduleTrace
{
    std::vector<CycleTrace> cycles;
    // Cycles past this many are run without being recorded (each record holds every node's
    // verdicts), and counted in notRecorded.
    std::size_t maxCycles = std::size_t(-1);
    std::size_t notRecorded = 0;
};

struct Options
{
    bool details = true;  // feasible nodes and scores per pod (off for --format summary)
    QString explainPod;   // "ns/name": record per-node plugin verdicts for this pod
    HpaMode hpa = HpaMode::Min;
    QString drainNode;    // --drain: cordon, evict as kubectl drain does, re-schedule
    QString failZone;     // --fail-zone: the zone's nodes are gone, their pods re-scheduled
    QString failNode;     // --fail-node: the node is gone, its pods re-scheduled
    ScheduleTrace *trace = nullptr; // when set: every cycle recorded (classroom stepping)
    QString cordonNode;   // --cordon: the design scheduled again with the node cordoned
    std::optional<Scale> scale; // --scale: the workload scaled on the running cluster
    // Framework's incremental mode (equivalence cache, incremental counts); false evaluates
    // everything from scratch for every pod. Both give the same placements (tested).
    bool incremental = true;
};

// One pod a what-if moved (evicted or lost with its node): where it was and where it went.
struct Move
{
    QString pod;
    QString from;
    std::optional<QString> to; // nullopt: Pending
};

// A what-if's report (--drain, --fail-zone, --fail-node, --cordon, --scale).
struct WhatIf
{
    QString kind;                   // "drain", "failZone", "failNode", "cordon" or "scale"
    QString target;                 // the node, the zone, or the workload (ns/name) scaled
    QStringList nodesLost;          // failZone, failNode: the nodes gone
    std::vector<Move> moved;        // evicted (drain) or lost (failZone) pods, by name
    struct Refusal
    {
        QString pod;
        QString reason; // the Eviction API's (or kubectl drain's) message
        QString pdb;    // the PodDisruptionBudget that refused, if one did
    };
    std::vector<Refusal> blocked; // drain: what kubectl drain could not evict
    // scale: the replicas before and after, the pods the controller created (where they went)
    // and deleted, and the pods that were Pending and run now (room freed by a scale-down).
    int replicasBefore = 0;
    int replicasAfter = 0;
    std::vector<Move> created;
    QStringList deleted;
    QStringList scheduled;
    // Pods Pending afterwards that were placed before (or that the what-if created).
    QStringList pending;
    // Services that had a placed pod before and have none afterwards: no ready endpoints.
    QStringList servicesWithoutEndpoints;
};

struct ScheduleResult
{
    std::vector<Placement> placements; // sorted by namespace, then name
    QStringList nodes;                 // sorted
    std::vector<int> podsPerNode;      // parallel to nodes
    std::optional<WhatIf> whatIf;
    QString error; // the what-if could not be set up (e.g. --scale names no workload)
    int pending() const;
};

class Framework
{
public:
    // incremental: keep per-spec verdicts and scores and incremental counts across cycles (the
    // default); false re-evaluates every plugin on every node for every pod (the reference the
    // tests compare the incremental mode with).
    explicit Framework(std::span<const ProfileEntry> profile, bool incremental = true);
    ~Framework();

    // One scheduling cycle; when the pod fits, it is added to the chosen node in nodes. When it
    // does not and preemption nominates a node, the victims are taken off that node (returned
    // in victims, for the caller to queue again, as their controllers re-create them) and the
    // pod is bound there: the next cycle would try the nominated node first.
    Placement scheduleOne(const PodInfo &pod,
                          std::vector<NodeInfo> &nodes,
                          const ClusterInfo &cluster,
                          bool details,
                          bool explain,
                          std::vector<const PodInfo *> *victims = nullptr) const;

    // PreFilter over nodes as they are now, then Filter on nodes[node] (preemption's dry run).
    Status filterOnNode(const PodInfo &pod, std::vector<NodeInfo> &nodes, const ClusterInfo &cluster,
                        std::size_t node) const;

private:
    struct PreFilterOutcome
    {
        Status failure;
        std::optional<std::set<QString>> nodeNames;
        std::vector<const char *> pluginsWithNodes;
        std::vector<char> skip;
    };
    PreFilterOutcome runPreFilter(CycleState &state, const PodInfo &pod) const;
    PostFilterResult runPostFilter(const PodInfo &pod, std::vector<NodeInfo> &nodes, const ClusterInfo &cluster,
                                   const std::vector<Status> &statuses) const;

    struct Entry
    {
        std::unique_ptr<Plugin> plugin;
        std::int32_t weight = 0;
        Points points;
    };
    Status runFilters(const CycleState &state,
                      const PodInfo &pod,
                      const NodeInfo &node,
                      const std::vector<char> &skip,
                      std::vector<PluginVerdict> *verdicts) const;

    std::vector<Entry> m_plugins;

    // The equivalence cache (incremental mode): what the node-local plugins said about each
    // node for the last pod spec, kept until the node changes. See placeFromCache.
    struct Equivalence
    {
        const PodSpecInfo *spec = nullptr;
        const PodIndex *index = nullptr;
        std::uint64_t generation = 0;
        std::size_t cursor = 0; // into index->changed
        std::size_t nodeCount = 0;
        std::vector<char> skip;                  // the PreFilter skips the verdicts were taken with
        std::vector<std::uint8_t> verdict;       // per position: 1 passes every node-local filter, 2 fails
        std::vector<std::uint32_t> feasible;     // positions with verdict 1, ascending
        std::vector<const NodeInfo *> feasibleNodes; // the same as pointers
        std::uint64_t localMask = ~std::uint64_t(0); // the plugins summed in localTotal
        std::vector<std::int64_t> localTotal;    // per position: sum of weight * raw score
        std::vector<char> localValid;
    };
    bool placeFromCache(CycleState &state,
                        const PodInfo &pod,
                        std::vector<NodeInfo> &nodes,
                        const std::vector<char> &skip,
                        bool details,
                        Placement &placement) const;

    bool m_incremental = true;
    mutable Equivalence m_equivalence;
    // Buffers reused from one cycle to the next (no allocation per pod).
    mutable std::vector<std::uint32_t> m_candidates;
    mutable std::vector<std::pair<std::uint32_t, Status>> m_failures;
    mutable std::vector<const NodeInfo *> m_candidateNodes;
    mutable std::vector<std::pair<std::uint32_t, std::uint8_t>> m_touched;
    mutable std::vector<std::int64_t> m_totals;
    mutable std::vector<std::int64_t> m_scores;
    mutable std::vector<char> m_scoreSkip;
};

// Binds the pods with spec.nodeName, then schedules the others in queue order (PrioritySort:
// priority descending, then arrival); then runs the what-if of options, if any.
ScheduleResult schedule(Cluster &cluster, const Options &options = {});
ScheduleResult schedule(const model::Snapshot &snapshot, const Options &options = {});

// FitError.Error(): "0/N nodes are available: <prefilter message or sorted histogram>." plus
// " <postfilter message>" when there is one. absentStatus counts for every node without an
// explicit status.
QString fitErrorMessage(int allNodes,
                        const QString &preFilterMessage,
                        const std::vector<const Status *> &explicitStatuses,
                        const Status &absentStatus,
                        const QString &postFilterMessage);

} // namespace kstudio::sim::sched
