// SPDX-License-Identifier: GPL-3.0-or-later
// Relations derived the way the controllers derive them: the endpoints controller (Service
// selector over pod labels, k8s.io/kubernetes pkg/controller/endpointslice), the HPA's
// scaleTargetRef, the disruption controller's PDB selector, NetworkPolicy podSelector
// (https://kubernetes.io/docs/concepts/services-networking/network-policies/), and names a
// pod spec refers to (volumes, env, envFrom, imagePullSecrets, serviceAccountName).
#include "relations.h"

#include <model/kinds/kind_registry.h>
#include <model/kinds/views.h>
#include <model/semantics/label_selector.h>

#include <QHash>

#include <algorithm>

namespace kstudio::sim::relations {

using model::FieldPath;
using model::Node;
using model::Object;
using model::ObjectId;

namespace {

struct Workload
{
    const Object *object;
    model::Labels labels; // pod template labels
};

QString key(const QString &kind, const QString &ns, const QString &name)
{
    return kind + QLatin1Char('\n') + ns + QLatin1Char('\n') + name;
}

QString selectorLabel(const model::Selection &selection)
{
    const QString text = selection.toString();
    return text.isEmpty() ? QStringLiteral("all pods") : text;
}

class Deriver
{
public:
    explicit Deriver(const model::Snapshot &snapshot)
    {
        // Kind, namespace and name are read once per object: each read walks the manifest.
        struct Named
        {
            const Object *object;
            QString kind;
            QString ns;
        };
        std::vector<Named> named;
        named.reserve(std::size_t(snapshot.size()));
        m_byName.reserve(snapshot.size());
        for (const auto &entry : snapshot.objects()) {
            const Object &object = *entry;
            QString kind = object.kind();
            QString ns = object.effectiveNamespace();
            m_byName.insert(key(kind, ns, object.name()), object.id);
            const model::KindSpec *spec = model::findKind(kind);
            if (spec && spec->isWorkload()) {
                if (const Node *tmpl = model::podTemplate(object))
                    m_workloads[ns].append({&object, model::labelsOf(*tmpl)});
            }
            named.push_back({&object, std::move(kind), std::move(ns)});
        }
        for (const Named &entry : named)
            derive(*entry.object, entry.kind, entry.ns);
        std::sort(m_out.begin(), m_out.end(), [](const Relation &a, const Relation &b) {
            return std::tie(a.from, a.to, a.kind, a.label) < std::tie(b.from, b.to, b.kind, b.label);
        });
    }

    QList<Relation> take() { return std::move(m_out); }

private:
    ObjectId find(const QString &kind, const QString &ns, const QString &name) const
    {
        return m_byName.value(key(kind, ns, name), model::noObject);
    }

    void add(ObjectId from, ObjectId to, RelationKind kind, const QString &label, const QString &path)
    {
        if (to != model::noObject && to != from)
            m_out.append({from, to, kind, label, path});
    }

    void selectWorkloads(const Object &object, const QString &ns, const model::Selection &selection,
                         RelationKind kind, const QString &path)
    {
        if (!selection.isValid() || selection.selectsNothing())
            return;
        const auto workloads = m_workloads.constFind(ns);
        if (workloads == m_workloads.cend())
            return;
        const QString label = selectorLabel(selection);
        for (const Workload &workload : *workloads) {
            if (selection.matches(workload.labels))
                add(object.id, workload.object->id, kind, label, path);
        }
    }

    void derive(const Object &object, const QString &kind, const QString &ns)
    {
        static const FieldPath specSelector = FieldPath::parse("spec.selector");
        static const FieldPath specPodSelector = FieldPath::parse("spec.podSelector");
        if (kind == QLatin1String("Service")) {
            const Node *selector = object.body.at(specSelector);
            selectWorkloads(object, ns, model::parseLabelMapSelector(selector), RelationKind::Selects,
                            QStringLiteral("spec.selector"));
        } else if (kind == QLatin1String("Ingress")) {
            for (const model::IngressBackend &backend : model::ingressBackends(object)) {
                if (backend.service.isEmpty())
                    continue;
                QString label = backend.host + backend.path;
                if (label.isEmpty())
                    label = QStringLiteral("default");
                add(object.id, find(QStringLiteral("Service"), ns, backend.service), RelationKind::Routes,
                    label, QStringLiteral("spec.rules"));
            }
        } else if (kind == QLatin1String("HTTPRoute")) {
            deriveHttpRoute(object, ns);
        } else if (kind == QLatin1String("HorizontalPodAutoscaler")) {
            if (const auto target = model::scaleTarget(object))
                add(object.id, find(target->kind, ns, target->name), RelationKind::Scales,
                    QStringLiteral("scales"), QStringLiteral("spec.scaleTargetRef"));
        } else if (kind == QLatin1String("PodDisruptionBudget")) {
            const Node *selector = object.body.at(specSelector);
            selectWorkloads(object, ns, model::parseSelector(selector, model::SelectorUse::PodDisruptionBudget),
                            RelationKind::Protects, QStringLiteral("spec.selector"));
        } else if (kind == QLatin1String("NetworkPolicy")) {
            const Node *selector = object.body.at(specPodSelector);
            selectWorkloads(object, ns,
                            model::parseSelector(selector, model::SelectorUse::NetworkPolicyPodSelector),
                            RelationKind::Isolates, QStringLiteral("spec.podSelector"));
        } else if (kind == QLatin1String("RoleBinding") || kind == QLatin1String("ClusterRoleBinding")) {
            deriveBinding(object, ns);
        }
        if (const model::KindSpec *spec = model::findKind(kind); spec && spec->isWorkload())
            deriveUses(object, ns);
    }

    void deriveUses(const Object &object, const QString &ns)
    {
        const model::PodReferences refs = model::podReferences(object);
        for (const QString &name : refs.configMaps)
            add(object.id, find(QStringLiteral("ConfigMap"), ns, name), RelationKind::Uses,
                QStringLiteral("ConfigMap"), QString());
        for (const QString &name : refs.secrets)
            add(object.id, find(QStringLiteral("Secret"), ns, name), RelationKind::Uses,
                QStringLiteral("Secret"), QString());
        for (const QString &name : refs.persistentVolumeClaims)
            add(object.id, find(QStringLiteral("PersistentVolumeClaim"), ns, name), RelationKind::Uses,
                QStringLiteral("volume"), QString());
        // The "default" ServiceAccount is implicit; draw it only when the design declares it.
        add(object.id, find(QStringLiteral("ServiceAccount"), ns, refs.serviceAccount), RelationKind::Uses,
            QStringLiteral("serviceAccount"), QString());
    }

    void deriveBinding(const Object &object, const QString &ns)
    {
        const Node *roleRef = object.body.get("roleRef");
        if (roleRef && roleRef->isMapping()) {
            const Node *kindNode = roleRef->get("kind");
            const Node *nameNode = roleRef->get("name");
            if (kindNode && nameNode) {
                const QString roleKind = kindNode->qtext();
                add(object.id,
                    find(roleKind, roleKind == QLatin1String("ClusterRole") ? QString() : ns, nameNode->qtext()),
                    RelationKind::Binds, QStringLiteral("roleRef"), QStringLiteral("roleRef"));
            }
        }
        const Node *subjects = object.body.get("subjects");
        if (!subjects || !subjects->isSequence())
            return;
        for (const Node &subject : subjects->children()) {
            const Node *kindNode = subject.get("kind");
            const Node *nameNode = subject.get("name");
            if (!kindNode || !nameNode || kindNode->text() != "ServiceAccount")
                continue;
            const Node *nsNode = subject.get("namespace");
            add(object.id,
                find(QStringLiteral("ServiceAccount"), nsNode ? nsNode->qtext() : ns, nameNode->qtext()),
                RelationKind::Binds, QStringLiteral("subject"), QStringLiteral("subjects"));
        }
    }

    // gateway.networking.k8s.io HTTPRoute spec.rules[].backendRefs[] (kind Service by default).
    void deriveHttpRoute(const Object &object, const QString &ns)
    {
        static const FieldPath specRules = FieldPath::parse("spec.rules");
        const Node *rules = object.body.at(specRules);
        if (!rules || !rules->isSequence())
            return;
        for (const Node &rule : rules->children()) {
            const Node *refs = rule.get("backendRefs");
            if (!refs || !refs->isSequence())
                continue;
            for (const Node &ref : refs->children()) {
                const Node *name = ref.get("name");
                const Node *refKind = ref.get("kind");
                if (!name || (refKind && refKind->text() != "Service"))
                    continue;
                const Node *refNs = ref.get("namespace");
                add(object.id,
                    find(QStringLiteral("Service"), refNs ? refNs->qtext() : ns,
                         name->qtext()),
                    RelationKind::Routes, QStringLiteral("backendRef"), QStringLiteral("spec.rules"));
            }
        }
    }

    QHash<QString, ObjectId> m_byName;
    QHash<QString, QList<Workload>> m_workloads;
    QList<Relation> m_out;
};

} // namespace

QList<Relation> deriveRelations(const model::Snapshot &snapshot)
{
    return Deriver(snapshot).take();
}

QList<Relation> referencesTo(const QList<Relation> &relations, model::ObjectId id)
{
    QList<Relation> out;
    for (const Relation &relation : relations) {
        if (relation.to == id)
            out.append(relation);
    }
    return out;
}

QString kindName(RelationKind kind)
{
    switch (kind) {
    case RelationKind::Selects:
        return QStringLiteral("selects");
    case RelationKind::Routes:
        return QStringLiteral("routes to");
    case RelationKind::Uses:
        return QStringLiteral("uses");
    case RelationKind::Scales:
        return QStringLiteral("scales");
    case RelationKind::Protects:
        return QStringLiteral("protects");
    case RelationKind::Isolates:
        return QStringLiteral("applies to");
    case RelationKind::Binds:
        return QStringLiteral("binds");
    }
    return QString();
}

} // namespace kstudio::sim::relations
