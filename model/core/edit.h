// SPDX-License-Identifier: GPL-3.0-or-later
// Edit: every change to a design as a small value. Document::apply() performs one and returns
// its inverse, so undo/redo (GUI) and scripted edits (CLI, tests) share one path.
#pragma once

#include "snapshot.h"

#include <QList>
#include <QPointF>

#include <optional>
#include <variant>
#include <vector>

namespace kstudio::model {

struct Edit;

struct AddObject
{
    Object object; // its id must be unused (Document::newId())
};

struct RemoveObject
{
    ObjectId id;
};

// Sets (value) or removes (nullopt) one field; missing parent mappings are created.
// insertAt >= 0 inserts instead of replacing: a new mapping key goes to that position (not the
// end), a sequence item is inserted before path's index. Inverses use it to restore order.
struct SetField
{
    ObjectId id;
    FieldPath path;
    std::optional<Node> value;
    int insertAt = -1;
};

// Replaces a whole manifest (the YAML view's edit).
struct ReplaceBody
{
    ObjectId id;
    Node body;
};

struct MoveItems
{
    QList<ObjectId> ids;
    QPointF delta;
};

struct SetItemLayout
{
    ObjectId id;
    std::optional<ItemLayout> layout;
};

struct SetFrameLayout
{
    QString ns;
    std::optional<ItemLayout> layout;
};

struct SetNodePools
{
    QList<NodePool> pools;
};

// The design's notes (a lesson text, a description).
struct SetNotes
{
    QString notes;
};

struct Compound
{
    QString text;
    std::vector<Edit> edits;
};

struct Edit
{
    using Variant = std::variant<AddObject, RemoveObject, SetField, ReplaceBody, MoveItems,
                                 SetItemLayout, SetFrameLayout, SetNodePools, SetNotes, Compound>;
    Variant change;

    Edit(Variant v)
        : change(std::move(v))
    {}
    // A short text for the undo history ("Set spec.replicas on Deployment web/api").
    QString describe(const Snapshot &before) const;
};

// What an applied edit changed, so that views and engines can update only that.
struct ChangeSet
{
    QList<ObjectId> added;
    QList<ObjectId> removed;
    QList<ObjectId> modified;        // body changed
    QList<FieldPath> modifiedPaths;  // parallel to modified; empty path = whole body
    bool layoutChanged = false;
    bool nodePoolsChanged = false;
    bool notesChanged = false;
    bool reset = false;              // everything may have changed

    bool isEmpty() const
    {
        return added.isEmpty() && removed.isEmpty() && modified.isEmpty() && !layoutChanged
               && !nodePoolsChanged && !notesChanged && !reset;
    }
    void merge(const ChangeSet &other);
};

} // namespace kstudio::model
