// SPDX-License-Identifier: GPL-3.0-or-later
// NodeInfo: a node and what is placed on it (requested resources, pods, used host ports).
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/types.go (NodeInfo) at v1.33.
#pragma once

#include "pod_info.h"
#include "resource.h"

#include <model/kinds/views.h>

#include <QHash>
#include <QString>

#include <cstdint>
#include <span>
#include <vector>

namespace kstudio::sim::sched {

struct Taint
{
    QString key;
    QString value;
    QString effect;
};

// Where the pods of each label set are (PodInfo::labelSetId: same namespace and labels), so
// that counting the pods a selector matches visits the label sets once and then only the nodes
// that run them, not every pod of the cluster.
struct PodIndex
{
    std::vector<const PodInfo *> labelSets;             // a pod of each label set
    std::vector<std::vector<std::pair<int, int>>> placed; // per label set: (node position, pods)
    std::uint64_t generation = 1; // bumped whenever node positions change (a node is removed)
    std::int64_t podsWithAffinity = 0;             // placed pods with pod (anti-)affinity
    std::int64_t podsWithRequiredAntiAffinity = 0; // placed pods with required anti-affinity
    // Placed pods with terms InterPodAffinity's Score reads on existing pods (required affinity,
    // preferred affinity or anti-affinity; required anti-affinity is not scored).
    std::int64_t podsWithScoredAffinity = 0;
    // Every change to a node's state, in order (NodeInfo::addPod, removePod, setUnschedulable):
    // the incremental caches (Framework's per-spec verdicts and scores, PodTopologySpread's
    // counts) catch up from here and recompute only what these touched.
    struct Change
    {
        int position = -1;
        int labelSet = -1; // the pod's PodInfo::labelSetId; -1 when no pod came or went
        int delta = 0;     // +1 added, -1 removed, 0 no pod
    };
    std::vector<Change> changed;

    void add(const PodInfo &pod, int position, int delta);
};

class NodeInfo;

// A topology key over a node list: each node's domain (its value; a node without the key gets
// the domain of "", as Go's map lookup gives) and whether it has the key.
struct KeyDomains
{
    std::vector<int> domain;
    std::vector<char> has;
    QHash<QString, int> ids; // value -> domain
    int count = 0;
};
KeyDomains keyDomains(std::span<const NodeInfo> nodes, const QString &key);

class NodeInfo
{
public:
    QString name;
    model::Labels labels;
    std::vector<Taint> taints;
    bool unschedulable = false;
    Resource allocatable;
    Resource requested;        // sum of the pods' PodRequests
    Resource nonZeroRequested; // the same with the scheduler's defaults for empty requests
    std::vector<const PodInfo *> pods;
    std::vector<const PodInfo *> podsWithAffinity;             // pod affinity or anti-affinity set
    std::vector<const PodInfo *> podsWithRequiredAntiAffinity; // required anti-affinity terms
    std::vector<HostPort> usedPorts;
    int position = -1;          // index in the cluster's node list
    PodIndex *index = nullptr;  // the cluster's, kept up to date by addPod and removePod

    void addPod(const PodInfo &pod);
    void removePod(const PodInfo &pod);
    // kubectl cordon / uncordon (logged as a change of this node).
    void setUnschedulable(bool value);
};

} // namespace kstudio::sim::sched
