// SPDX-License-Identifier: GPL-3.0-or-later
// Index construction and selector queries.
#include "index.h"

#include <model/kinds/kind_registry.h>

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate {

namespace {

QString labelKey(const QString &key, const QString &value)
{
    return key + u'=' + value;
}

} // namespace

QString Index::objectKey(const QString &kind, const QString &ns, const QString &name)
{
    return kind + u'\x1f' + ns + u'\x1f' + name;
}

Index::Index(const model::Snapshot &snapshot)
{
    m_objects.reserve(snapshot.size());
    for (const auto &entry : snapshot.objects()) {
        const model::Object &object = *entry;
        const QString key = objectKey(object.kind(), object.effectiveNamespace(), object.name());
        if (!m_objects.contains(key))
            m_objects.insert(key, &object);
        m_byNamespace[object.effectiveNamespace()].append(object.id);
    }
    for (auto it = m_byNamespace.cbegin(); it != m_byNamespace.cend(); ++it)
        indexTemplates(it.key(), snapshot);
    const QList<QString> namespaces = m_byNamespace.keys();
    indexOperators(snapshot, QSet<QString>(namespaces.cbegin(), namespaces.cend()));
}

// Custom resources per namespace, and the CRD groups (cluster-scoped, so "" re-reads them).
void Index::indexOperators(const model::Snapshot &snapshot, const QSet<QString> &namespaces)
{
    for (const QString &ns : namespaces) {
        if (ns.isEmpty()) {
            m_crdGroups.clear();
            for (const model::ObjectId id : m_byNamespace.value(ns)) {
                const model::Object *object = snapshot.object(id);
                if (object && object->kind() == u"CustomResourceDefinition"_s) {
                    if (const model::Node *group
                        = object->body.at(model::FieldPath{{"spec"}, {"group"}}))
                        m_crdGroups.insert(group->qtext());
                }
            }
            continue;
        }
        QStringList marks;
        for (const model::ObjectId id : m_byNamespace.value(ns)) {
            const model::Object *object = snapshot.object(id);
            if (!object || model::findKind(object->kind()))
                continue;
            for (const QString &mark : {object->name(), object->kind().toLower()}) {
                if (mark.size() >= 3 && !marks.contains(mark))
                    marks.append(mark);
            }
        }
        if (marks.isEmpty())
            m_customResources.remove(ns);
        else
            m_customResources.insert(ns, marks);
    }
}

bool Index::mayBeOperatorManaged(const QString &ns, const QStringList &texts) const
{
    const QStringList marks = m_customResources.value(ns);
    for (const QString &text : texts) {
        const qsizetype slash = text.indexOf(u'/');
        if (slash > 0 && m_crdGroups.contains(text.left(slash)))
            return true;
        for (const QString &mark : marks) {
            if (text.contains(mark, Qt::CaseInsensitive))
                return true;
        }
    }
    return false;
}

// Rebuilds the pod templates of one namespace from its objects, in id order.
void Index::indexTemplates(const QString &ns, const model::Snapshot &snapshot)
{
    NamespaceTemplates templates;
    QHash<QString, QList<const model::Object *>> byKind;
    for (const model::ObjectId id : m_byNamespace.value(ns)) {
        const model::Object *object = snapshot.object(id);
        if (object)
            byKind[object->kind()].append(object);
        const model::Node *podTemplate = object ? model::podTemplate(*object) : nullptr;
        if (!podTemplate)
            continue;
        const int index = static_cast<int>(templates.entries.size());
        templates.entries.push_back({object, model::labelsOf(*podTemplate)});
        const model::Labels &labels = templates.entries.back().labels;
        for (auto it = labels.cbegin(); it != labels.cend(); ++it)
            templates.byLabel[labelKey(it.key(), it.value())].append(index);
    }
    SelectorList services;
    for (const model::Object *service : byKind.value(u"Service"_s))
        services.emplace_back(service,
                              model::parseLabelMapSelector(
                                  service->body.at(model::FieldPath{{"spec"}, {"selector"}})));
    SelectorList pdbs;
    for (const model::Object *pdb : byKind.value(u"PodDisruptionBudget"_s))
        pdbs.emplace_back(pdb,
                          model::parseSelector(pdb->body.at(model::FieldPath{{"spec"}, {"selector"}}),
                                               model::SelectorUse::PodDisruptionBudget));
    if (services.empty())
        m_serviceSelectors.remove(ns);
    else
        m_serviceSelectors.insert(ns, std::move(services));
    if (pdbs.empty())
        m_pdbSelectors.remove(ns);
    else
        m_pdbSelectors.insert(ns, std::move(pdbs));
    if (byKind.isEmpty())
        m_byKind.remove(ns);
    else
        m_byKind.insert(ns, std::move(byKind));
    if (templates.entries.empty())
        m_templates.remove(ns);
    else
        m_templates.insert(ns, std::move(templates));
}

// The first object (by id) of that kind, namespace and name, as the constructor picks it.
void Index::reindexName(const QString &kind,
                        const QString &ns,
                        const QString &name,
                        const model::Snapshot &snapshot)
{
    const QString key = objectKey(kind, ns, name);
    for (const model::ObjectId id : m_byNamespace.value(ns)) {
        const model::Object *object = snapshot.object(id);
        if (object && object->kind() == kind && object->name() == name) {
            m_objects.insert(key, object);
            return;
        }
    }
    m_objects.remove(key);
}

void Index::update(const model::Snapshot &before,
                   const model::Snapshot &after,
                   const QList<model::ObjectId> &changed)
{
    struct Name
    {
        QString kind;
        QString ns;
        QString name;
    };
    QList<Name> names;
    QSet<QString> namespaces;
    for (const model::ObjectId id : changed) {
        if (const model::Object *old = before.object(id)) {
            const QString ns = old->effectiveNamespace();
            names.append({old->kind(), ns, old->name()});
            namespaces.insert(ns);
            m_byNamespace[ns].removeOne(id);
            if (m_byNamespace[ns].isEmpty())
                m_byNamespace.remove(ns);
        }
        if (const model::Object *now = after.object(id)) {
            const QString ns = now->effectiveNamespace();
            names.append({now->kind(), ns, now->name()});
            namespaces.insert(ns);
            QList<model::ObjectId> &ids = m_byNamespace[ns];
            ids.insert(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin(), id);
        }
    }
    // Unchanged objects are shared between the snapshots, so their pointers stay valid; the
    // changed ones are re-pointed here.
    for (const Name &name : std::as_const(names))
        reindexName(name.kind, name.ns, name.name, after);
    for (const QString &ns : std::as_const(namespaces))
        indexTemplates(ns, after);
    indexOperators(after, namespaces);
}

const std::vector<PodTemplateEntry> &Index::templatesIn(const QString &ns) const
{
    static const std::vector<PodTemplateEntry> none;
    const auto found = m_templates.constFind(ns);
    return found == m_templates.cend() ? none : found->entries;
}

namespace {

QList<const model::Object *> matching(const std::vector<std::pair<const model::Object *,
                                                                    model::Selection>> *list,
                                      const model::Labels &labels)
{
    QList<const model::Object *> out;
    if (!list)
        return out;
    for (const auto &[object, selection] : *list) {
        if (selection.matches(labels))
            out.append(object);
    }
    return out;
}

} // namespace

QList<const model::Object *> Index::servicesSelecting(const QString &ns,
                                                      const model::Labels &labels) const
{
    if (labels.isEmpty())
        return {};
    const auto found = m_serviceSelectors.constFind(ns);
    return matching(found == m_serviceSelectors.cend() ? nullptr : &found.value(), labels);
}

QList<const model::Object *> Index::pdbsSelecting(const QString &ns,
                                                  const model::Labels &labels) const
{
    const auto found = m_pdbSelectors.constFind(ns);
    return matching(found == m_pdbSelectors.cend() ? nullptr : &found.value(), labels);
}

const model::Object *Index::find(const QString &kind, const QString &ns, const QString &name) const
{
    return m_objects.value(objectKey(kind, ns, name), nullptr);
}

QList<const PodTemplateEntry *>
Index::templatesSelectedBy(const QString &ns, const model::Selection &selection, int limit) const
{
    QList<const PodTemplateEntry *> out;
    const auto found = m_templates.constFind(ns);
    if (found == m_templates.cend() || selection.selectsNothing())
        return out;
    const NamespaceTemplates &templates = found.value();
    auto consider = [&](int index) {
        const PodTemplateEntry &entry = templates.entries[std::size_t(index)];
        if (selection.matches(entry.labels))
            out.append(&entry);
        return limit > 0 && out.size() >= limit;
    };

    // The smallest posting list among the equality requirements bounds the candidates.
    const QList<int> *candidates = nullptr;
    for (const model::LabelRequirement &requirement : selection.requirements()) {
        if (requirement.op != model::SelectorOperator::Equals || requirement.values.size() != 1)
            continue;
        const auto posting
            = templates.byLabel.constFind(labelKey(requirement.key, requirement.values.front()));
        if (posting == templates.byLabel.cend())
            return out; // no template carries this label: nothing can match
        if (!candidates || posting->size() < candidates->size())
            candidates = &posting.value();
    }
    if (candidates) {
        for (const int index : *candidates) {
            if (consider(index))
                break;
        }
        return out;
    }
    for (int index = 0; index < static_cast<int>(templates.entries.size()); ++index) {
        if (consider(index))
            break;
    }
    return out;
}

} // namespace kstudio::sim::validate
