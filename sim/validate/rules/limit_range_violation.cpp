// SPDX-License-Identifier: GPL-3.0-or-later
// limit-range-violation: a pod template that the LimitRanger admission plugin would refuse in
// its namespace: a container (or the pod's total, for items of type Pod) below a LimitRange
// min, above its max, without the request or limit a min or max needs, or above
// maxLimitRequestRatio, after the LimitRange defaults are applied (see resources.h).
// Mirrors kubernetes v1.33 plugin/pkg/admission/limitranger/admission.go (minConstraint,
// maxConstraint, limitRequestRatioConstraint; their messages, lightly reworded).
#include "resources.h"
#include "rules.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void checkAgainst(const LimitItem &item,
                  const QString &scope, // "Container" or "Pod"
                  const QString &who,
                  const Amounts &requests,
                  const Amounts &limits,
                  const model::FieldPath &at,
                  bool uncertain,
                  FindingSink &sink)
{
    const auto report = [&](const model::FieldPath &path, const QString &message) {
        if (uncertain)
            sink.reportUncertain(path,
                                 message
                                     + u" (the LimitRange or the workload has no "
                                       "metadata.namespace: they meet only when applied to the "
                                       "same namespace)"_s);
        else
            sink.report(path, message);
    };
    const QString where = u"LimitRange %1 (%2)"_s.arg(quoted(item.owner->name()),
                                                      pathText(item.path));
    for (auto it = item.min.cbegin(); it != item.min.cend(); ++it) {
        const QString &resource = it.key();
        const QString minimum = formatAmount(resource, it.value());
        if (!requests.contains(resource))
            report(at,
                        u"%1: minimum %2 usage per %3 is %4, but no request is specified [%5]"_s
                            .arg(who, resource, scope, minimum, where));
        else if (requests[resource] < it.value())
            report(at,
                        u"%1: minimum %2 usage per %3 is %4, but request is %5 [%6]"_s.arg(
                            who, resource, scope, minimum,
                            formatAmount(resource, requests[resource]), where));
        if (limits.contains(resource) && limits[resource] < it.value())
            report(at,
                        u"%1: minimum %2 usage per %3 is %4, but limit is %5 [%6]"_s.arg(
                            who, resource, scope, minimum,
                            formatAmount(resource, limits[resource]), where));
    }
    for (auto it = item.max.cbegin(); it != item.max.cend(); ++it) {
        const QString &resource = it.key();
        const QString maximum = formatAmount(resource, it.value());
        if (!limits.contains(resource))
            report(at,
                        u"%1: maximum %2 usage per %3 is %4, but no limit is specified [%5]"_s
                            .arg(who, resource, scope, maximum, where));
        else if (limits[resource] > it.value())
            report(at,
                        u"%1: maximum %2 usage per %3 is %4, but limit is %5 [%6]"_s.arg(
                            who, resource, scope, maximum,
                            formatAmount(resource, limits[resource]), where));
        if (requests.contains(resource) && requests[resource] > it.value())
            report(at,
                        u"%1: maximum %2 usage per %3 is %4, but request is %5 [%6]"_s.arg(
                            who, resource, scope, maximum,
                            formatAmount(resource, requests[resource]), where));
    }
    for (auto it = item.ratio.cbegin(); it != item.ratio.cend(); ++it) {
        const QString &resource = it.key();
        const qint64 request = requests.value(resource);
        if (!limits.contains(resource) || request <= 0)
            continue;
        const double ratio = double(limits[resource]) / double(request);
        if (ratio * 1000.0 > double(it.value()) + 1e-9)
            report(at,
                        u"%1: %2 max limit to request ratio per %3 is %4, but provided ratio is "
                        "%5 [%6]"_s.arg(who, resource, scope, formatAmount(resource, it.value()),
                                        QString::number(ratio, 'f', 6), where));
    }
}

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    const std::vector<LimitItem> items = limitItems(context.index, object.effectiveNamespace());
    if (items.empty())
        return;
    const std::vector<EffectiveContainer> containers = effectiveContainers(*pod, items);
    // Manifests without metadata.namespace go wherever `kubectl apply -n` puts them.
    const auto uncertain = [&](const LimitItem &item) {
        return object.rawNamespace().isEmpty() || item.owner->rawNamespace().isEmpty();
    };
    for (const LimitItem &item : items) {
        if (item.type == u"Container"_s) {
            for (const EffectiveContainer &container : containers)
                checkAgainst(item,
                             u"Container"_s,
                             u"container %1"_s.arg(quoted(container.name)),
                             container.requests,
                             container.limits,
                             container.at.path.child("resources"),
                             uncertain(item),
                             sink);
        } else if (item.type == u"Pod"_s) {
            checkAgainst(item,
                         u"Pod"_s,
                         u"the pod's containers together"_s,
                         podTotal(containers, false),
                         podTotal(containers, true),
                         pod->path,
                         uncertain(item),
                         sink);
        }
    }
}

} // namespace

const Rule limitRangeViolation{
    "limit-range-violation",
    Severity::Error,
    Family::Reference,
    "@workload",
    "A pod's requests or limits break a LimitRange of its namespace",
    "A LimitRange sets per-container and per-pod minimums, maximums, defaults and a maximum "
    "limit-to-request ratio. The LimitRanger admission plugin fills in the defaults, then "
    "refuses a pod outside the bounds, so the workload's pods are never created (the "
    "Deployment itself is accepted and reports FailedCreate).",
    "Set requests and limits inside the LimitRange's min and max (and within its ratio), or "
    "change the LimitRange. A min needs a request and a max needs a limit, unless the "
    "LimitRange's defaults supply them.",
    "https://kubernetes.io/docs/concepts/policy/limit-range/",
    &check,
};

} // namespace kstudio::sim::validate::rules
