// SPDX-License-Identifier: GPL-3.0-or-later
// Relations: the links Kubernetes itself derives between the objects of a design (a Service
// selects pods, an Ingress routes to a Service, a pod mounts a ConfigMap, an HPA scales a
// workload, a NetworkPolicy selects pods), for the canvas' edges and the delete warning.
#pragma once

#include <model/core/snapshot.h>

#include <QList>
#include <QString>

namespace kstudio::sim::relations {

enum class RelationKind : quint8 {
    Selects,   // Service spec.selector -> workloads whose pod template it matches
    Routes,    // Ingress backend / HTTPRoute backendRef -> Service
    Uses,      // workload -> ConfigMap, Secret, PVC, ServiceAccount it references
    Scales,    // HPA spec.scaleTargetRef -> workload
    Protects,  // PodDisruptionBudget spec.selector -> workloads
    Isolates,  // NetworkPolicy spec.podSelector -> workloads (drawn dashed)
    Binds,     // RoleBinding/ClusterRoleBinding -> Role/ClusterRole and subjects' ServiceAccounts
};

struct Relation
{
    model::ObjectId from;
    model::ObjectId to;
    RelationKind kind;
    QString label; // what makes the link: "app=web", "port 80", "envFrom", "/api"
    QString path;  // the field of `from` that makes it (FieldPath text), for "focus the field"
    friend bool operator==(const Relation &, const Relation &) = default;
};

// Every relation of the design, sorted by (from, to, kind, label). Selectors are read with
// the semantics of their field (model/semantics/label_selector.h): an empty Service selector
// selects nothing, an empty NetworkPolicy podSelector every pod of its namespace.
QList<Relation> deriveRelations(const model::Snapshot &snapshot);

// The relations that point at id (what still refers to it: shown before it is deleted).
QList<Relation> referencesTo(const QList<Relation> &relations, model::ObjectId id);

QString kindName(RelationKind kind);

} // namespace kstudio::sim::relations
