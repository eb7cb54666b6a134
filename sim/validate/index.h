// SPDX-License-Identifier: GPL-3.0-or-later
// Index: the lookups cross-object rules need (names -> objects, label selectors -> pod
// templates), built once per snapshot so a run stays linear in the size of the design.
#pragma once

#include <model/core/snapshot.h>
#include <model/kinds/views.h>
#include <model/semantics/label_selector.h>

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <vector>

namespace kstudio::sim::validate {

// One pod template of the design: what a selector in its namespace can select.
struct PodTemplateEntry
{
    const model::Object *owner = nullptr;
    model::Labels labels;
};

// Read-only after construction; safe to share between threads. Pointers point into the
// snapshot, which must outlive the index.
class Index
{
public:
    explicit Index(const model::Snapshot &snapshot);

    // Brings the index from before to after, where only the objects `changed` (added, edited
    // or removed) differ: their names, and the pod templates of the namespaces they were or
    // are in, are re-indexed. Afterwards the index points into after, which must outlive it.
    void update(const model::Snapshot &before,
                const model::Snapshot &after,
                const QList<model::ObjectId> &changed);

    // By kind, effective namespace ("" for cluster-scoped kinds) and name; the first object
    // read wins when a design holds duplicates.
    const model::Object *find(const QString &kind, const QString &ns, const QString &name) const;
    bool contains(const QString &kind, const QString &ns, const QString &name) const
    {
        return find(kind, ns, name) != nullptr;
    }

    // The pod templates of namespace ns that selection selects, in object order; at most
    // limit of them when limit > 0. Uses an inverted key=value index for equality requirements.
    QList<const PodTemplateEntry *>
    templatesSelectedBy(const QString &ns, const model::Selection &selection, int limit = 0) const;
    bool selectsAnyTemplate(const QString &ns, const model::Selection &selection) const
    {
        return !templatesSelectedBy(ns, selection, 1).isEmpty();
    }

    // True when something the design cannot show, an operator, may create what texts name or
    // select in namespace ns: one of texts (an object name, selector keys and values) contains
    // the name or the lower-cased kind of a custom resource of ns (Alertmanager "main" ->
    // "alertmanager", CephCluster "rook-ceph" -> "rook-ceph-mon-endpoints"), or is a label key
    // in the API group of a CustomResourceDefinition of the design (longhorn.io/...).
    bool mayBeOperatorManaged(const QString &ns, const QStringList &texts) const;

    // The pod templates (workloads) of namespace ns, in object order.
    const std::vector<PodTemplateEntry> &templatesIn(const QString &ns) const;

    // The Services (plain label-map selectors) and PodDisruptionBudgets (metav1.LabelSelector) of
    // namespace ns whose selector matches labels, in object order; selectors parsed once per
    // index, not per query.
    QList<const model::Object *> servicesSelecting(const QString &ns,
                                                   const model::Labels &labels) const;
    QList<const model::Object *> pdbsSelecting(const QString &ns, const model::Labels &labels) const;

    // The objects of one kind in namespace ns, in id order (LimitRanges, ResourceQuotas, PDBs
    // and HPAs of a namespace without a scan of all its objects).
    QList<const model::Object *> objectsOfKind(const QString &ns, const QString &kind) const
    {
        return m_byKind.value(ns).value(kind);
    }

    // The objects of namespace ns ("" for cluster-scoped objects), in id order.
    QList<model::ObjectId> objectsIn(const QString &ns) const { return m_byNamespace.value(ns); }

private:
    struct NamespaceTemplates
    {
        std::vector<PodTemplateEntry> entries;
        QHash<QString, QList<int>> byLabel; // "key=value" -> entry indexes, ascending
    };

    static QString objectKey(const QString &kind, const QString &ns, const QString &name);
    void indexTemplates(const QString &ns, const model::Snapshot &snapshot);
    void indexOperators(const model::Snapshot &snapshot, const QSet<QString> &namespaces);
    void reindexName(const QString &kind,
                     const QString &ns,
                     const QString &name,
                     const model::Snapshot &snapshot);

    QHash<QString, const model::Object *> m_objects;
    QHash<QString, NamespaceTemplates> m_templates;
    QHash<QString, QHash<QString, QList<const model::Object *>>> m_byKind; // ns -> kind -> objects
    using SelectorList = std::vector<std::pair<const model::Object *, model::Selection>>;
    QHash<QString, SelectorList> m_serviceSelectors; // ns -> Services with their selection
    QHash<QString, SelectorList> m_pdbSelectors;     // ns -> PDBs with their selection
    QHash<QString, QList<model::ObjectId>> m_byNamespace;
    QHash<QString, QStringList> m_customResources; // ns -> names and lower-cased kinds
    QSet<QString> m_crdGroups;
};

} // namespace kstudio::sim::validate
