// SPDX-License-Identifier: GPL-3.0-or-later
// Workloads expanded to the pods they run, named as ../shared/CLI.md fixes it.
#pragma once

#include <model/core/snapshot.h>
#include <model/kinds/views.h>

#include <QString>

#include <vector>

namespace kstudio::model {

// One pod of the design. template points into the owner's body (valid while the snapshot is).
struct PodInstance
{
    QString ns;
    QString name;          // "web-0" for replica 0 of web; a bare Pod keeps its name
    ObjectId owner = noObject;
    QString ownerKind;
    const Node *podTemplate = nullptr; // has metadata.labels and spec
    Labels labels;
    int ordinal = 0;

    QString qualifiedName() const { return ns + QLatin1Char('/') + name; }
};

// How many pods a workload runs: replicas for Deployment, ReplicaSet, StatefulSet and
// ReplicationController (default 1); min(parallelism, completions) for a Job and a CronJob's
// job (both default 1); 1 for a Pod. DaemonSets run one per eligible node: see daemonSetPod().
int podCount(const Object &workload);

// Every pod of the design except DaemonSet pods, in the order of the objects, then ordinal.
// An object controlled (ownerReferences, controller: true) by another object of the design is
// not expanded on its own: its owner's pods stand for it (a `kubectl get -o yaml` dump holds a
// Deployment, its ReplicaSet and their Pods; only the Deployment's pods count).
std::vector<PodInstance> expandPods(const Snapshot &snapshot);

// Replica ordinal of a workload: "namespace/name-<ordinal>" (CLI.md's pod naming), with the
// template's labels. The scheduler's scale what-if adds replicas through this too.
PodInstance replicaPod(const Object &workload, int ordinal);

// The pod a DaemonSet runs on a node: "namespace/name-<node>".
PodInstance daemonSetPod(const Object &daemonSet, const QString &nodeName);

// True when object names a controller that is part of the snapshot.
bool isControlledWithin(const Object &object, const Snapshot &snapshot);

} // namespace kstudio::model
