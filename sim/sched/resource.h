// SPDX-License-Identifier: GPL-3.0-or-later
// Resource: a vector of resource amounts as the scheduler counts them (milli-CPU, bytes, counts).
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/types.go (Resource) at v1.33.
#pragma once

#include <QString>

#include <cstdint>
#include <utility>
#include <vector>

namespace kstudio::sim::sched {

struct Resource
{
    std::int64_t milliCpu = 0;
    std::int64_t memory = 0;
    std::int64_t ephemeralStorage = 0;
    std::int64_t allowedPodNumber = 0; // node allocatable "pods" only
    // Extended resources, hugepages-* and attachable-volumes-*: sorted by name, no duplicates.
    std::vector<std::pair<QString, std::int64_t>> scalar;

    std::int64_t scalarValue(const QString &name) const;
    void addScalar(const QString &name, std::int64_t value);
    void add(const Resource &other); // pods' requests; allowedPodNumber is not summed
    void subtract(const Resource &other);
    bool isZero() const { return milliCpu == 0 && memory == 0 && ephemeralStorage == 0 && scalar.empty(); }
};

// schedutil.IsScalarResourceName: extended (domain-qualified outside kubernetes.io), hugepages-*,
// attachable-volumes-*.
bool isScalarResourceName(const QString &name);

} // namespace kstudio::sim::sched
