// SPDX-License-Identifier: GPL-3.0-or-later
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/types.go and pkg/apis/core/v1/helper
// (IsExtendedResourceName, IsHugePageResourceName, IsAttachableVolumeResourceName) at v1.33.
#include "resource.h"

#include <algorithm>

namespace kstudio::sim::sched {

namespace {

auto findScalar(std::vector<std::pair<QString, std::int64_t>> &scalar, const QString &name)
{
    return std::lower_bound(scalar.begin(), scalar.end(), name,
                            [](const auto &entry, const QString &key) { return entry.first < key; });
}

} // namespace

std::int64_t Resource::scalarValue(const QString &name) const
{
    const auto it = std::lower_bound(scalar.begin(), scalar.end(), name,
                                     [](const auto &entry, const QString &key) { return entry.first < key; });
    return it != scalar.end() && it->first == name ? it->second : 0;
}

void Resource::addScalar(const QString &name, std::int64_t value)
{
    const auto it = findScalar(scalar, name);
    if (it != scalar.end() && it->first == name)
        it->second += value;
    else
        scalar.insert(it, {name, value});
}

void Resource::add(const Resource &other)
{
    milliCpu += other.milliCpu;
    memory += other.memory;
    ephemeralStorage += other.ephemeralStorage;
    for (const auto &[name, value] : other.scalar)
        addScalar(name, value);
}

void Resource::subtract(const Resource &other)
{
    milliCpu -= other.milliCpu;
    memory -= other.memory;
    ephemeralStorage -= other.ephemeralStorage;
    for (const auto &[name, value] : other.scalar)
        addScalar(name, -value);
}

bool isScalarResourceName(const QString &name)
{
    if (name.startsWith(QLatin1String("hugepages-")) || name.startsWith(QLatin1String("attachable-volumes-")))
        return true;
    // IsExtendedResourceName: not native (native = no domain, or a kubernetes.io domain) and not
    // a quota "requests." name.
    const bool native = !name.contains(QLatin1Char('/')) || name.contains(QLatin1String("kubernetes.io/"));
    return !native && !name.startsWith(QLatin1String("requests."));
}

} // namespace kstudio::sim::sched
