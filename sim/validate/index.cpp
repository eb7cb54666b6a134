// SPDX-License-Identifier: GPL-3.0-or-later
// Index construction and selector queries.
#include "index.h"

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
        const model::Node *podTemplate = model::podTemplate(object);
        if (!podTemplate)
            continue;
        NamespaceTemplates &templates = m_templates[object.effectiveNamespace()];
        const int index = static_cast<int>(templates.entries.size());
        templates.entries.push_back({&object, model::labelsOf(*podTemplate)});
        const model::Labels &labels = templates.entries.back().labels;
        for (auto it = labels.cbegin(); it != labels.cend(); ++it)
            templates.byLabel[labelKey(it.key(), it.value())].append(index);
    }
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
