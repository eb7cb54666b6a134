// SPDX-License-Identifier: GPL-3.0-or-later
// Snapshot lookups.
#include "snapshot.h"

namespace kstudio::model {

const Object *Snapshot::object(ObjectId id) const
{
    const auto it = m_objects.constFind(id);
    return it == m_objects.cend() ? nullptr : it.value().get();
}

const Object *Snapshot::find(const QString &kind, const QString &ns, const QString &name) const
{
    for (const auto &object : m_objects) {
        if (object->kind() == kind && object->name() == name && object->effectiveNamespace() == ns)
            return object.get();
    }
    return nullptr;
}

std::vector<const Object *> Snapshot::inOrder() const
{
    std::vector<const Object *> out;
    out.reserve(static_cast<std::size_t>(m_objects.size()));
    for (const auto &object : m_objects)
        out.push_back(object.get());
    return out;
}

} // namespace kstudio::model
