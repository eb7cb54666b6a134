// SPDX-License-Identifier: GPL-3.0-or-later
// Document: the one source of truth of an open design. Owns the current Snapshot, applies
// Edits (returning their inverses) and says what changed.
#pragma once

#include "edit.h"
#include "snapshot.h"

#include <QObject>

#include <optional>

namespace kstudio::model {

class Document final : public QObject
{
    Q_OBJECT
public:
    explicit Document(QObject *parent = nullptr);

    const Snapshot &snapshot() const { return m_snapshot; }
    ObjectId newId();

    // Adds objects read from files, assigning ids in order. Returns the ids.
    QList<ObjectId> addObjects(std::vector<Object> objects);

    // Performs the edit and returns its inverse, or nullopt (and changes nothing) when the edit
    // does not apply (unknown id, id already in use, a path through a scalar).
    std::optional<Edit> apply(const Edit &edit);

    // Replaces everything (opening a project).
    void reset(Snapshot snapshot);
    // Sets the notes as an edit (SetNotes) and returns its inverse.
    std::optional<Edit> setNotes(const QString &notes);

Q_SIGNALS:
    void changed(const kstudio::model::ChangeSet &changes);

private:
    std::optional<Edit> applyOne(const Edit &edit, ChangeSet &changes);
    Snapshot m_snapshot;
    quint64 m_nextId = 1;
};

// The change that undoes a field edit: set path back to value (nullopt: remove it), inserting
// at insertAt when >= 0 (see SetField).
struct FieldRestore
{
    FieldPath path;
    std::optional<Node> value;
    int insertAt = -1;
};

// Sets or removes the field at path in body and returns what restores it exactly (mappings
// created on the way are removed again; a removed key or item goes back to its position).
// nullopt when the path cannot exist: it goes through a scalar, or indexes past the end of a
// sequence (one past the end appends).
std::optional<FieldRestore> setFieldInBody(Node &body, const SetField &edit);

} // namespace kstudio::model
