// SPDX-License-Identifier: GPL-3.0-or-later
// Framework: runs one scheduling cycle per pod through the profile's plugins (PreFilter, Filter,
// PostFilter message, PreScore, Score, NormalizeScore), and the queue that orders the cycles.
// Mirrors: kubernetes/kubernetes pkg/scheduler/schedule_one.go, pkg/scheduler/framework/runtime/
// framework.go and pkg/scheduler/framework/types.go (FitError) at v1.33.
#pragma once

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
#include <span>
#include <vector>

namespace kstudio::model {
class Snapshot;
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
};

// Nodes: the design's Node objects, else its node pools expanded to pool-zone-i. Pods: the
// workloads' pods (expandPods), DaemonSet pods on each node the DaemonSet controller would run
// them on, with priorities resolved from PriorityClasses.
Cluster buildCluster(const model::Snapshot &snapshot);

struct Options
{
    bool details = true;  // feasible nodes and scores per pod (off for --format summary)
    QString explainPod;   // "ns/name": record per-node plugin verdicts for this pod
};

struct ScheduleResult
{
    std::vector<Placement> placements; // sorted by namespace, then name
    QStringList nodes;                 // sorted
    std::vector<int> podsPerNode;      // parallel to nodes
    int pending() const;
};

class Framework
{
public:
    explicit Framework(std::span<const ProfileEntry> profile);
    ~Framework();

    // One scheduling cycle; when the pod fits, it is added to the chosen node in nodes.
    Placement scheduleOne(const PodInfo &pod, std::vector<NodeInfo> &nodes, bool details, bool explain) const;

private:
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
    QString postFilterMessage(const PodInfo &pod,
                              const std::vector<NodeInfo> &nodes,
                              const std::vector<Status> &statuses,
                              const CycleState &state,
                              const std::vector<char> &skip) const;

    std::vector<Entry> m_plugins;
};

// Binds the pods with spec.nodeName, then schedules the others in queue order (PrioritySort:
// priority descending, then arrival).
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
