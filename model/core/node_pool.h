// SPDX-License-Identifier: GPL-3.0-or-later
// A project's node pool as the Node objects it stands for: the one place that names and labels
// a pool's nodes. The scheduler reads pools through these manifests, and the Cluster panel
// exports them.
#pragma once

#include <model/core/node.h>
#include <model/core/snapshot.h>

#include <vector>

namespace kstudio::model {

// count Nodes spread round-robin over the zones, named pool-zone-i (pool-i without zones), with
// the pool's labels plus kubernetes.io/hostname, kubernetes.io/os and topology.kubernetes.io/zone
// (the well-known labels a kubelet sets), its taints ("key=value:Effect" or "key:Effect"), and
// cpu, memory and pods as both capacity and allocatable.
std::vector<Node> nodePoolManifests(const NodePool &pool);

} // namespace kstudio::model
