// SPDX-License-Identifier: GPL-3.0-or-later
// Capacity planning: the fewest nodes of one shape on which the real scheduling simulation
// leaves nothing Pending, and the fewest that still leave nothing Pending after any one zone is
// lost (the --fail-zone what-if run for each zone). Each count is answered by a full
// simulation (schedule()); nothing here estimates placement.
#pragma once

#include "framework.h"

#include <model/core/snapshot.h>

#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>
#include <vector>

namespace kstudio::sim::sched {

struct CapacityOptions
{
    // The node shape (cpu, memory, pods, labels, taints; count is ignored). nullopt: the
    // design's first node pool, else its largest Node (CPU, then memory, then name).
    std::optional<model::NodePool> shape;
    // The zones the nodes are spread over, round-robin. nullopt: the shape's pool zones, else
    // the zones (topology.kubernetes.io/zone) of the design's Nodes.
    std::optional<QStringList> zones;
    HpaMode hpa = HpaMode::Min;
    int maxNodes = 5000; // Kubernetes' published scalability limit
    // Set by another thread to stop the search before its next scheduling run (the GUI's
    // dialog closing); the plan then says cancelled.
    const std::atomic<bool> *cancel = nullptr;
};

struct CapacityPlan
{
    model::NodePool shape;    // as simulated (name: the node name prefix; zones)
    QString shapeSource;      // "node pool NAME", "node NAME", "--node-shape"
    QString error;            // no shape could be found (no pool, no Node, no --node-shape)
    int lowerBound = 0;       // from the summed requests of the pods the scheduler places
    std::optional<int> nodes; // fewest nodes with nothing Pending; nullopt: none up to maxNodes
    // Fewest nodes that leave nothing Pending after the loss of any one zone; nullopt with
    // fewer than two zones, or when no count up to maxNodes survives.
    std::optional<int> nodesZoneFailure;
    QString zoneFailureNote;  // why nodesZoneFailure is null
    // Pods still Pending at the largest count tried when no count fits: "ns/name: reason".
    QStringList unplaceable;
    int simulations = 0;      // scheduling runs the search took
    bool cancelled = false;   // options.cancel was set: the counts are not answers
};

// Galloping search from the lower bound (doubling until a count fits, then bisecting back to
// the fewest), each probe a full scheduling run. Pods bound by spec.nodeName are left out
// (they name nodes of the design). The search stops early when doubling the nodes twice leaves
// as many pods Pending: more nodes of this shape cannot help those.
CapacityPlan planCapacity(const model::Snapshot &snapshot, const CapacityOptions &options = {});

// "cpu=4,memory=16Gi,pods=110" (any subset; the rest keep NodePool's defaults). Empty
// optional and a message in error on a bad key or quantity.
std::optional<model::NodePool> parseNodeShape(const QString &text, QString *error);

} // namespace kstudio::sim::sched
