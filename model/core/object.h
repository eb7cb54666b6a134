// SPDX-License-Identifier: GPL-3.0-or-later
// Object: one Kubernetes object of any kind (known, CRD or unknown) with a stable id.
#pragma once

#include "node.h"

#include <QString>
#include <QHashFunctions>
#include <QtGlobal>

namespace kstudio::model {

// Ids are counters, not names: names are editable, ids are not. 0 is "no object".
enum class ObjectId : quint64 {};
inline constexpr ObjectId noObject{0};
inline quint64 toInt(ObjectId id)
{
    return static_cast<quint64>(id);
}
inline size_t qHash(ObjectId id, size_t seed = 0)
{
    return ::qHash(static_cast<quint64>(id), seed);
}

// Where an object was read from, for diagnostics.
struct SourceMark
{
    QString file;
    Mark mark;
};

// The whole manifest is the body, kept field for field; kind, namespace and name are read from
// it on demand so that an edit of the body can never leave them stale.
struct Object
{
    ObjectId id = noObject;
    Node body;
    SourceMark origin;

    QString apiVersion() const;
    QString kind() const;
    QString name() const;          // metadata.name, or metadata.generateName when there is none
    QString rawNamespace() const;  // metadata.namespace as written (may be empty)
    // The namespace the object lives in: as written, "default" for a namespaced object without
    // one, empty for cluster-scoped kinds.
    QString effectiveNamespace() const;
    bool isNamespaced() const;
    // "namespace/name" for namespaced objects, "name" for cluster-scoped ones.
    QString qualifiedName() const;
    // "Kind namespace/name" for messages.
    QString displayName() const;
};

} // namespace kstudio::model
