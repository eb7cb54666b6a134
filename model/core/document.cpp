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
    notesChanged = notesChanged || other.notesChanged;
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

std::optional<Edit> Document::setNotes(const QString &notes)
{
    return apply(Edit(SetNotes{notes}));
}

std::optional<FieldRestore> setFieldInBody(Node &body, const SetField &edit)
{
    const auto &segments = edit.path.segments();
    const std::optional<Node> &value = edit.value;
    if (segments.empty()) {
        if (!value)
            return std::nullopt;
        FieldRestore restore{edit.path, body, -1};
        body = *value;
        return restore;
    }
    // The first mapping created on the way (its path is what the inverse removes).
    std::optional<std::size_t> createdAt;
    Node *node = &body;
    for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
        const PathSegment &segment = segments[i];
        if (segment.isIndex()) {
            if (!node->isSequence() || segment.index >= static_cast<int>(node->size()))
                return std::nullopt;
            node = &node->children()[static_cast<std::size_t>(segment.index)];
            continue;
        }
        if (!node->isMapping())
            return std::nullopt;
        Node *next = node->get(segment.key);
        if (!next) {
            if (!value)
                return FieldRestore{edit.path, std::nullopt, -1}; // nothing to remove
            if (segments[i + 1].isIndex() && segments[i + 1].index != 0)
                return std::nullopt;
            next = &node->set(segment.key, segments[i + 1].isIndex() ? Node::sequence() : Node::mapping());
            if (!createdAt)
                createdAt = i;
        }
        node = next;
    }
    auto restorePath = [&](std::size_t length) {
        FieldPath path;
        for (std::size_t i = 0; i < length; ++i)
            path = segments[i].isIndex() ? path.child(segments[i].index) : path.child(segments[i].key);
        return path;
    };
    const PathSegment &last = segments.back();
    if (last.isIndex()) {
        if (!node->isSequence())
            return std::nullopt;
        auto &items = node->children();
        const auto size = static_cast<int>(items.size());
        const auto at = static_cast<std::size_t>(last.index);
        if (edit.insertAt >= 0 || last.index == size) {
            if (!value || last.index > size)
                return std::nullopt;
            items.insert(items.begin() + last.index, *value);
            if (createdAt)
                return FieldRestore{restorePath(*createdAt + 1), std::nullopt, -1};
            return FieldRestore{edit.path, std::nullopt, -1};
        }
        if (last.index > size)
            return std::nullopt;
        FieldRestore restore{edit.path, items[at], -1};
        if (value) {
            items[at] = *value;
        } else {
            items.erase(items.begin() + last.index);
            restore.insertAt = last.index;
        }
        return restore;
    }
    if (!node->isMapping())
        return std::nullopt;
    auto &children = node->children();
    const auto found = std::find_if(children.begin(), children.end(), [&](const Node &child) {
        return child.key() == last.key;
    });
    if (found == children.end()) {
        if (!value)
            return FieldRestore{edit.path, std::nullopt, -1};
        Node added = *value;
        added.setKey(last.key);
        const auto position = edit.insertAt >= 0 && edit.insertAt <= static_cast<int>(children.size())
                                  ? children.begin() + edit.insertAt
                                  : children.end();
        children.insert(position, std::move(added));
        if (createdAt)
            return FieldRestore{restorePath(*createdAt + 1), std::nullopt, -1};
        return FieldRestore{edit.path, std::nullopt, -1};
    }
    FieldRestore restore{edit.path, *found, -1};
    if (value) {
        node->set(last.key, *value);
    } else {
        restore.insertAt = static_cast<int>(found - children.begin());
        children.erase(found);
    }
    return restore;
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
                std::optional<FieldRestore> restore = setFieldInBody(updated.body, e);
                if (!restore)
                    return std::nullopt;
                s.m_objects.insert(e.id, std::make_shared<const Object>(std::move(updated)));
                changes.modified.append(e.id);
                changes.modifiedPaths.append(e.path);
                return Edit(SetField{e.id, std::move(restore->path), std::move(restore->value), restore->insertAt});
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
                QList<ObjectId> moved; // items without a position are not on the canvas
                for (ObjectId id : e.ids) {
                    const auto it = s.m_layout.items.find(id);
                    if (it == s.m_layout.items.end())
                        continue;
                    it->position += e.delta;
                    moved.append(id);
                }
                changes.layoutChanged = !moved.isEmpty();
                return Edit(MoveItems{moved, -e.delta});
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
            } else if constexpr (std::is_same_v<T, SetNotes>) {
                QString previous = s.m_notes;
                s.m_notes = e.notes;
                changes.notesChanged = true;
                return Edit(SetNotes{std::move(previous)});
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
            else if constexpr (std::is_same_v<T, SetNotes>)
                return QStringLiteral("Edit notes");
            else
                return e.text.isEmpty() ? QStringLiteral("%1 changes").arg(e.edits.size()) : e.text;
        },
        change);
}

} // namespace kstudio::model
