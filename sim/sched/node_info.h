// SPDX-License-Identifier: GPL-3.0-or-later
// NodeInfo: a node and what is placed on it (requested resources, pods, used host ports).
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/types.go (NodeInfo) at v1.33.
#pragma once

#include "pod_info.h"
#include "resource.h"

#include <model/kinds/views.h>

#include <QString>

#include <vector>

namespace kstudio::sim::sched {

struct Taint
{
    QString key;
    QString value;
    QString effect;
};

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

    void addPod(const PodInfo &pod);
    void removePod(const PodInfo &pod);
};

} // namespace kstudio::sim::sched
