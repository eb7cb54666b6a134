// SPDX-License-Identifier: GPL-3.0-or-later
// Document edits and their inverses.
#include "document.h"

#include <algorithm>

namespace kstudio::model {

void ChangeSet::merge(const ChangeSet &other)
{
    added += other.added;
    removed += other.removed;
    modified += other.modified;
    modifiedPaths += other.modifiedPaths;
    layoutChanged = layoutChanged || other.layoutChanged;
    nodePoolsChanged = nodePoolsChanged || other.nodePoolsChanged;
    reset = reset || other.reset;
}

Document::Document(QObject *parent)
    : QObject(parent)
{}

ObjectId Document::newId()
{
    return ObjectId{m_nextId++};
}

QList<ObjectId> Document::addObjects(std::vector<Object> objects)
{
    QList<ObjectId> ids;
    ids.reserve(static_cast<qsizetype>(objects.size()));
    ChangeSet changes;
    for (Object &object : objects) {
        object.id = newId();
        ids.append(object.id);
        m_snapshot.m_objects.insert(object.id, std::make_shared<const Object>(std::move(object)));
    }
    changes.added = ids;
    ++m_snapshot.m_revision;
    Q_EMIT changed(changes);
    return ids;
}

void Document::reset(Snapshot snapshot)
{
    m_snapshot = std::move(snapshot);
    quint64 maxId = 0;
    for (auto it = m_snapshot.m_objects.cbegin(); it != m_snapshot.m_objects.cend(); ++it)
        maxId = std::max(maxId, toInt(it.key()));
    m_nextId = maxId + 1;
    ++m_snapshot.m_revision;
    ChangeSet changes;
    changes.reset = true;
    Q_EMIT changed(changes);
}

void Document::setNotes(const QString &notes)
{
    m_snapshot.m_notes = notes;
}

bool setFieldInBody(Node &body, const FieldPath &path, const std::optional<Node> &value,
                    std::optional<Node> &previous)
{
    previous.reset();
    const auto &segments = path.segments();
    if (segments.empty()) {
        if (!value)
            return false;
        previous = body;
        body = *value;
        return true;
    }
    Node *node = &body;
    for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
        const PathSegment &segment = segments[i];
        if (segment.isIndex()) {
            if (!node->isSequence() || segment.index >= static_cast<int>(node->size()))
                return false;
            node = &node->children()[static_cast<std::size_t>(segment.index)];
            continue;
        }
        if (node->isNull())
            *node = Node::mapping();
        if (!node->isMapping())
            return false;
        Node *next = node->get(segment.key);
        if (!next) {
            if (!value)
                return true; // removing below an absent field: nothing to do
            next = &node->set(segment.key, segments[i + 1].isIndex() ? Node::sequence()
                                                                     : Node::mapping());
        }
        node = next;
    }
    const PathSegment &last = segments.back();
    if (last.isIndex()) {
        if (node->isNull() && value && last.index == 0)
            *node = Node::sequence();
        if (!node->isSequence())
            return false;
        const auto size = static_cast<int>(node->size());
        if (last.index < size) {
            auto &items = node->children();
            previous = items[static_cast<std::size_t>(last.index)];
            if (value)
                items[static_cast<std::size_t>(last.index)] = *value;
            else
                items.erase(items.begin() + last.index);
            return true;
        }
        if (last.index == size && value) {
            node->append(*value);
            return true;
        }
        return !value;
    }
    if (node->isNull() && value)
        *node = Node::mapping();
    if (!node->isMapping())
        return false;
    if (const Node *existing = node->get(last.key))
        previous = *existing;
    if (value)
        node->set(last.key, *value);
    else
        node->remove(last.key);
    return true;
}

std::optional<Edit> Document::apply(const Edit &edit)
{
    ChangeSet changes;
    const Snapshot saved = m_snapshot;
    std::optional<Edit> inverse = applyOne(edit, changes);
    if (!inverse) {
        m_snapshot = saved;
        return std::nullopt;
    }
    ++m_snapshot.m_revision;
    Q_EMIT changed(changes);
    return inverse;
}

std::optional<Edit> Document::applyOne(const Edit &edit, ChangeSet &changes)
{
    Snapshot &s = m_snapshot;
    return std::visit(
        [&](const auto &e) -> std::optional<Edit> {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, AddObject>) {
                if (e.object.id == noObject || s.m_objects.contains(e.object.id))
                    return std::nullopt;
                s.m_objects.insert(e.object.id, std::make_shared<const Object>(e.object));
                m_nextId = std::max(m_nextId, toInt(e.object.id) + 1);
                changes.added.append(e.object.id);
                return Edit(RemoveObject{e.object.id});
            } else if constexpr (std::is_same_v<T, RemoveObject>) {
                const auto it = s.m_objects.constFind(e.id);
                if (it == s.m_objects.cend())
                    return std::nullopt;
                Object removed = *it.value();
                s.m_objects.remove(e.id);
                changes.removed.append(e.id);
                std::vector<Edit> undo;
                undo.push_back(Edit(AddObject{std::move(removed)}));
                if (s.m_layout.items.contains(e.id)) {
                    undo.push_back(Edit(SetItemLayout{e.id, s.m_layout.items.value(e.id)}));
                    s.m_layout.items.remove(e.id);
                    changes.layoutChanged = true;
                }
                if (undo.size() == 1)
                    return std::move(undo.front());
                return Edit(Compound{QString(), std::move(undo)});
            } else if constexpr (std::is_same_v<T, SetField>) {
                const auto it = s.m_objects.constFind(e.id);
                if (it == s.m_objects.cend())
                    return std::nullopt;
                Object updated = *it.value();
                std::optional<Node> previous;
                if (!setFieldInBody(updated.body, e.path, e.value, previous))
                    return std::nullopt;
                s.m_objects.insert(e.id, std::make_shared<const Object>(std::move(updated)));
                changes.modified.append(e.id);
                changes.modifiedPaths.append(e.path);
                return Edit(SetField{e.id, e.path, std::move(previous)});
            } else if constexpr (std::is_same_v<T, ReplaceBody>) {
                const auto it = s.m_objects.constFind(e.id);
                if (it == s.m_objects.cend())
                    return std::nullopt;
                Object updated = *it.value();
                Node previous = std::move(updated.body);
                updated.body = e.body;
                s.m_objects.insert(e.id, std::make_shared<const Object>(std::move(updated)));
                changes.modified.append(e.id);
                changes.modifiedPaths.append(FieldPath());
                return Edit(ReplaceBody{e.id, std::move(previous)});
            } else if constexpr (std::is_same_v<T, MoveItems>) {
                for (ObjectId id : e.ids) {
                    ItemLayout &item = s.m_layout.items[id];
                    item.position += e.delta;
                }
                changes.layoutChanged = true;
                return Edit(MoveItems{e.ids, -e.delta});
            } else if constexpr (std::is_same_v<T, SetItemLayout>) {
                std::optional<ItemLayout> previous;
                if (s.m_layout.items.contains(e.id))
                    previous = s.m_layout.items.value(e.id);
                if (e.layout)
                    s.m_layout.items.insert(e.id, *e.layout);
                else
                    s.m_layout.items.remove(e.id);
                changes.layoutChanged = true;
                return Edit(SetItemLayout{e.id, previous});
            } else if constexpr (std::is_same_v<T, SetFrameLayout>) {
                std::optional<ItemLayout> previous;
                if (s.m_layout.frames.contains(e.ns))
                    previous = s.m_layout.frames.value(e.ns);
                if (e.layout)
                    s.m_layout.frames.insert(e.ns, *e.layout);
                else
                    s.m_layout.frames.remove(e.ns);
                changes.layoutChanged = true;
                return Edit(SetFrameLayout{e.ns, previous});
            } else if constexpr (std::is_same_v<T, SetNodePools>) {
                QList<NodePool> previous = s.m_nodePools;
                s.m_nodePools = e.pools;
                changes.nodePoolsChanged = true;
                return Edit(SetNodePools{std::move(previous)});
            } else {
                static_assert(std::is_same_v<T, Compound>);
                std::vector<Edit> inverses;
                inverses.reserve(e.edits.size());
                for (const Edit &part : e.edits) {
                    std::optional<Edit> undo = applyOne(part, changes);
                    if (!undo)
                        return std::nullopt;
                    inverses.push_back(std::move(*undo));
                }
                std::reverse(inverses.begin(), inverses.end());
                return Edit(Compound{e.text, std::move(inverses)});
            }
        },
        edit.change);
}

QString Edit::describe(const Snapshot &before) const
{
    auto objectName = [&](ObjectId id) {
        const Object *object = before.object(id);
        return object ? object->displayName() : QStringLiteral("object");
    };
    return std::visit(
        [&](const auto &e) -> QString {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, AddObject>)
                return QStringLiteral("Add ") + e.object.displayName();
            else if constexpr (std::is_same_v<T, RemoveObject>)
                return QStringLiteral("Delete ") + objectName(e.id);
            else if constexpr (std::is_same_v<T, SetField>)
                return (e.value ? QStringLiteral("Set ") : QStringLiteral("Remove "))
                       + QString::fromStdString(e.path.toString()) + QStringLiteral(" on ")
                       + objectName(e.id);
            else if constexpr (std::is_same_v<T, ReplaceBody>)
                return QStringLiteral("Edit YAML of ") + objectName(e.id);
            else if constexpr (std::is_same_v<T, MoveItems>)
                return e.ids.size() == 1 ? QStringLiteral("Move ") + objectName(e.ids.front())
                                         : QStringLiteral("Move %1 items").arg(e.ids.size());
            else if constexpr (std::is_same_v<T, SetItemLayout>)
                return QStringLiteral("Lay out ") + objectName(e.id);
            else if constexpr (std::is_same_v<T, SetFrameLayout>)
                return QStringLiteral("Lay out namespace ") + e.ns;
            else if constexpr (std::is_same_v<T, SetNodePools>)
                return QStringLiteral("Change node pools");
            else
                return e.text.isEmpty() ? QStringLiteral("%1 changes").arg(e.edits.size()) : e.text;
        },
        change);
}

} // namespace kstudio::model
