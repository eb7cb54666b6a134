// SPDX-License-Identifier: GPL-3.0-or-later
// Container and pod resources as the admission chain sees them, shared by
// limit-range-violation and resource-quota-exceeded. Amounts are int64 milli-units
// (Quantity::milliValue: 1 CPU = 1000, 1Mi = 1048576000), enough for 9 PB.
//  - API defaulting (pkg/apis/core/v1/defaults.go SetDefaults_LimitRangeItem): a LimitRange
//    item of type Container defaults `default` from max, `defaultRequest` from default, then
//    from min.
//  - Pod defaulting: a request absent but with a limit takes the limit (SetDefaults_Pod).
//  - LimitRanger admission (plugin/pkg/admission/limitranger/admission.go): a container
//    without a limit gets the namespace's default, without a request its defaultRequest.
//  - Pod totals: the sum over regular and sidecar containers, or the largest init container
//    when that is larger (the effective request of resource management for pods).
#pragma once

#include "support.h"

#include <model/semantics/quantity.h>

#include <QMap>
#include <QString>

namespace kstudio::sim::validate::rules {

using Amounts = QMap<QString, qint64>; // resource name -> milli-units

inline Amounts amountsOf(const model::Node *map)
{
    Amounts out;
    if (!map || !map->isMapping())
        return out;
    for (const model::Node &entry : map->children()) {
        if (!entry.isScalar())
            continue;
        const std::optional<model::Quantity> quantity = model::Quantity::parseField(entry.text());
        if (!quantity)
            continue;
        if (const std::optional<std::int64_t> milli = quantity->milliValue())
            out.insert(QString::fromStdString(entry.key()), *milli);
    }
    return out;
}

inline QString formatAmount(const QString &resource, qint64 milli)
{
    // Bytes read best in binary units (2688Mi), CPU and counts in decimal (2500m, 3).
    const bool bytes = resource.contains(QLatin1String("memory"))
                       || resource.contains(QLatin1String("storage"))
                       || resource.contains(QLatin1String("hugepages"));
    return model::Quantity::fromMilli(milli,
                                      bytes ? model::QuantityFormat::BinarySI
                                            : model::QuantityFormat::DecimalSI)
        .toString();
}

// One LimitRange item of type Container or Pod, defaulted as the API server stores it.
struct LimitItem
{
    const model::Object *owner = nullptr;
    model::FieldPath path; // spec.limits[i]
    QString type;          // Container, Pod
    Amounts min, max, defaults, defaultRequest, ratio;
};

inline std::vector<LimitItem> limitItems(const Index &index, const QString &ns)
{
    std::vector<LimitItem> out;
    for (const model::Object *range : index.objectsOfKind(ns, QStringLiteral("LimitRange"))) {
        const model::Node *limits = range->body.at(model::FieldPath{{"spec"}, {"limits"}});
        if (!limits || !limits->isSequence())
            continue;
        for (int i = 0; i < int(limits->size()); ++i) {
            const model::Node &node = limits->children()[std::size_t(i)];
            LimitItem item;
            item.owner = range;
            item.path = model::FieldPath{{"spec"}, {"limits"}}.child(i);
            item.type = textOf(node.get("type"));
            item.min = amountsOf(node.get("min"));
            item.max = amountsOf(node.get("max"));
            item.defaults = amountsOf(node.get("default"));
            item.defaultRequest = amountsOf(node.get("defaultRequest"));
            item.ratio = amountsOf(node.get("maxLimitRequestRatio"));
            if (item.type == QLatin1String("Container")) {
                for (auto it = item.max.cbegin(); it != item.max.cend(); ++it)
                    item.defaults.insert(it.key(), item.defaults.value(it.key(), it.value()));
                for (auto it = item.defaults.cbegin(); it != item.defaults.cend(); ++it)
                    item.defaultRequest.insert(it.key(),
                                               item.defaultRequest.value(it.key(), it.value()));
                for (auto it = item.min.cbegin(); it != item.min.cend(); ++it)
                    item.defaultRequest.insert(it.key(),
                                               item.defaultRequest.value(it.key(), it.value()));
            }
            out.push_back(std::move(item));
        }
    }
    return out;
}

struct EffectiveContainer
{
    ContainerAt at;
    QString name;
    Amounts requests, limits;
    bool sidecar = false;
};

// The containers of a pod spec with their requests and limits after defaulting.
inline std::vector<EffectiveContainer> effectiveContainers(const PodSpecAt &pod,
                                                           const std::vector<LimitItem> &items)
{
    std::vector<EffectiveContainer> out;
    for (const ContainerAt &container : containersAt(pod)) {
        EffectiveContainer effective;
        effective.at = container;
        effective.name = textOf(container.node->get("name"));
        effective.sidecar = container.init && isLongRunning(container);
        const model::Node *resources = container.node->get("resources");
        if (resources && resources->isMapping()) {
            effective.limits = amountsOf(resources->get("limits"));
            effective.requests = amountsOf(resources->get("requests"));
        }
        for (auto it = effective.limits.cbegin(); it != effective.limits.cend(); ++it) {
            if (!effective.requests.contains(it.key()))
                effective.requests.insert(it.key(), it.value());
        }
        for (const LimitItem &item : items) {
            if (item.type != QLatin1String("Container"))
                continue;
            for (auto it = item.defaults.cbegin(); it != item.defaults.cend(); ++it) {
                if (!effective.limits.contains(it.key()))
                    effective.limits.insert(it.key(), it.value());
            }
            for (auto it = item.defaultRequest.cbegin(); it != item.defaultRequest.cend(); ++it) {
                if (!effective.requests.contains(it.key()))
                    effective.requests.insert(it.key(), it.value());
            }
        }
        out.push_back(std::move(effective));
    }
    return out;
}

// The pod's total of one kind (requests or limits) over its containers.
inline Amounts podTotal(const std::vector<EffectiveContainer> &containers, bool limits)
{
    Amounts sum;
    Amounts initMax;
    for (const EffectiveContainer &container : containers) {
        const Amounts &amounts = limits ? container.limits : container.requests;
        for (auto it = amounts.cbegin(); it != amounts.cend(); ++it) {
            if (container.at.init && !container.sidecar)
                initMax[it.key()] = std::max(initMax.value(it.key()), it.value());
            else
                sum[it.key()] += it.value();
        }
    }
    for (auto it = initMax.cbegin(); it != initMax.cend(); ++it)
        sum[it.key()] = std::max(sum.value(it.key()), it.value());
    return sum;
}

} // namespace kstudio::sim::validate::rules
