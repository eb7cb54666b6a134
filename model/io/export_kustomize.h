// SPDX-License-Identifier: GPL-3.0-or-later
// Kustomize export: base/ holds every object of the design (one file each, numbered in install
// order; of an object the design holds twice, the last, as `kubectl apply` would leave it) and
// its kustomization.yaml; overlays/{dev,staging,production} each take the base and
// patch, per workload, replicas, the main container's image and its resources (strategic
// merge patches, kustomize's `patches:`). The overlays set replicas as overlayReplicas() says
// and restate the design's image and resources, the fields an environment usually changes.
#pragma once

#include <model/core/snapshot.h>
#include <model/io/export_helm.h>

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace kstudio::model {

// The overlays written, in order.
QStringList kustomizeOverlays();

// Replicas an overlay gives a workload whose design has `design` replicas (nullopt: not set):
// dev 1; staging the design's (nullopt: not patched); production at least 2.
std::optional<long long> overlayReplicas(const QString &overlay, std::optional<long long> design);

// Whether the overlays patch this object (apps/v1 Deployment, StatefulSet, DaemonSet,
// ReplicaSet and v1 ReplicationController: kinds kustomize merges containers of by name), and
// whether they patch its replicas (not for DaemonSets, nor under a HorizontalPodAutoscaler).
bool kustomizePatches(const Object &object);
bool kustomizePatchesReplicas(const Snapshot &snapshot, const Object &object);

// The id kustomize keys objects by: group, kind, namespace and name (resid.ResId).
QString kustomizeId(const Object &object);

struct Kustomization
{
    std::vector<ChartFile> files; // paths relative to the output directory
    QStringList notes;            // duplicates left out of the base, objects kustomize refuses
    bool refused = false;         // kustomize will refuse the base (an object without a name)
};

Kustomization buildKustomization(const Snapshot &snapshot);

} // namespace kstudio::model
