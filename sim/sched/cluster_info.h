// SPDX-License-Identifier: GPL-3.0-or-later
// ClusterInfo: what plugins read about the cluster besides nodes and pods (the framework
// handle's listers): namespace labels (namespaceSelector of pod affinity terms) and
// PodDisruptionBudgets (preemption, drain).
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/plugin.go
// (GetNamespaceLabelsSnapshot) and pkg/controller/disruption/disruption.go at v1.33.
#pragma once

#include "node_info.h"

#include <model/kinds/views.h>
#include <model/semantics/label_selector.h>

#include <QString>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace kstudio::sim::sched {


// A PodDisruptionBudget and how many disruptions it allows now. The design has no status, so
// disruptionsAllowed is computed as the disruption controller does: healthy pods (matching pods
// bound to a node) minus desiredHealthy (minAvailable, or expected pods minus maxUnavailable;
// percentages of the expected pods, rounded up), never below 0.
struct PdbInfo
{
    QString ns;
    QString name;
    model::Selection selector; // SelectorUse::PodDisruptionBudget
    std::optional<QString> minAvailable;
    std::optional<QString> maxUnavailable;
    int expected = 0; // pods of the design it selects (the controllers' scale)

    bool selects(const PodInfo &pod) const;
    QString qualifiedName() const { return ns + QLatin1Char('/') + name; }
};

// disruption.go: healthy pods (selected pods on nodes) minus desiredHealthy, never below 0.
int disruptionsAllowed(const PdbInfo &pdb, std::span<const NodeInfo> nodes);

// A Service with a selector: the EndpointSlice controller gives it the selected pods as
// endpoints (pkg/controller/endpointslice/endpointslice_controller.go at v1.33). An empty
// selector is none: the API server drops it (omitempty), and the controller skips a Service
// without a selector.
struct ServiceInfo
{
    QString ns;
    QString name;
    model::Selection selector; // SelectorUse::ServiceSelector

    bool selects(const PodInfo &pod) const;
    QString qualifiedName() const { return ns + QLatin1Char('/') + name; }
};

struct ClusterInfo
{
    std::map<QString, model::Labels> namespaceLabels; // from Namespace objects

    // The namespace's labels with kubernetes.io/metadata.name, which the API server sets.
    const model::Labels &labelsOf(const QString &ns) const;

    std::vector<PdbInfo> pdbs;
    std::vector<ServiceInfo> services; // with a non-empty selector, in input order
    std::shared_ptr<PodIndex> podIndex = std::make_shared<PodIndex>();

private:
    mutable std::map<QString, model::Labels> m_implicit;
};

} // namespace kstudio::sim::sched
