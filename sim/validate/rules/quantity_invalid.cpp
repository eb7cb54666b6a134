// SPDX-License-Identifier: GPL-3.0-or-later
// quantity-invalid: a resource quantity the API server cannot parse, a negative request or
// limit, or a request above its limit.
// Mirrors (kubernetes/kubernetes v1.33): k8s.io/apimachinery pkg/api/resource/quantity.go
// (ParseQuantity; its errors verbatim through model::Quantity), pkg/apis/core/validation/
// validation.go ValidateResourceRequirements ("must be less than or equal to %s limit of %s",
// ValidateNonnegativeQuantity "must be greater than or equal to 0"). Checked: container
// resources, PersistentVolumeClaim spec.resources, ResourceQuota spec.hard, LimitRange limits.
#include "rules.h"
#include "support.h"

#include <model/semantics/quantity.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

// Parses every entry of a resource map, reporting what does not parse; returns the parsed ones.
QMap<QString, model::Quantity>
checkMap(const model::Node *map, const model::FieldPath &path, FindingSink &sink)
{
    QMap<QString, model::Quantity> out;
    if (!map || !map->isMapping())
        return out;
    for (const model::Node &entry : map->children()) {
        const model::FieldPath at = path.child(entry.key());
        if (!entry.isScalar() || entry.scalarKind() == model::ScalarKind::Null
            || entry.scalarKind() == model::ScalarKind::Bool) {
            sink.report(at,
                        u"%1: Invalid value: %2: must be a quantity such as 500m, 1.5, 128Mi"_s.arg(
                            pathText(at), entry.isScalar() ? entry.qtext() : u"{...}"_s));
            continue;
        }
        model::QuantityError error = model::QuantityError::FormatWrong;
        const std::optional<model::Quantity> quantity
            = model::Quantity::parseField(entry.text(), &error);
        if (!quantity) {
            const QString message = u"%1: Invalid value: %2: %3"_s.arg(
                pathText(at), quoted(entry.qtext()), model::Quantity::errorMessage(error));
            if (isPlaceholder(entry.qtext()))
                sink.reportUncertain(at, message + placeholderNote(entry.qtext()));
            else
                sink.report(at, message);
            continue;
        }
        if (quantity->sign() < 0) {
            sink.report(at,
                        u"%1: Invalid value: %2: must be greater than or equal to 0"_s.arg(
                            pathText(at), quoted(entry.qtext())));
            continue;
        }
        out.insert(QString::fromStdString(entry.key()), *quantity);
    }
    return out;
}

void checkRequirements(const model::Node *resources,
                       const model::FieldPath &path,
                       FindingSink &sink)
{
    if (!resources || !resources->isMapping())
        return;
    const QMap<QString, model::Quantity> limits
        = checkMap(resources->get("limits"), path.child("limits"), sink);
    const QMap<QString, model::Quantity> requests
        = checkMap(resources->get("requests"), path.child("requests"), sink);
    for (auto it = requests.cbegin(); it != requests.cend(); ++it) {
        const auto limit = limits.constFind(it.key());
        if (limit == limits.cend() || !(it.value() > limit.value()))
            continue;
        const model::FieldPath at = path.child("requests").child(it.key().toStdString());
        sink.report(
            at,
            u"%1: Invalid value: %2: must be less than or equal to %3 limit of %4"_s.arg(
                pathText(at), quoted(it.value().apiString()), it.key(), limit.value().apiString()));
    }
}

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const QString kind = object.kind();
    if (const std::optional<PodSpecAt> pod = podSpecAt(object)) {
        for (const ContainerAt &container : containersAt(*pod))
            checkRequirements(
                container.node->get("resources"), container.path.child("resources"), sink);
        return;
    }
    if (kind == u"PersistentVolumeClaim"_s) {
        const model::FieldPath path{{"spec"}, {"resources"}};
        checkRequirements(object.body.at(path), path, sink);
    } else if (kind == u"ResourceQuota"_s) {
        const model::FieldPath path{{"spec"}, {"hard"}};
        checkMap(object.body.at(path), path, sink);
    } else if (kind == u"LimitRange"_s) {
        const model::FieldPath path{{"spec"}, {"limits"}};
        const model::Node *limits = object.body.at(path);
        if (!limits || !limits->isSequence())
            return;
        for (int i = 0; i < int(limits->size()); ++i) {
            for (const char *field :
                 {"max", "min", "default", "defaultRequest", "maxLimitRequestRatio"})
                checkMap(limits->children()[std::size_t(i)].get(field),
                         path.child(i).child(field),
                         sink);
        }
    }
}

} // namespace

const Rule quantityInvalid{
    "quantity-invalid",
    Severity::Error,
    Family::Schema,
    "*",
    "A resource quantity does not parse, is negative, or a request exceeds its limit",
    "CPU, memory and storage amounts are Kubernetes quantities: a number with an optional suffix "
    "(m, k, M, G, Ki, Mi, Gi, e3 ...). The API server refuses anything else, negative amounts, and "
    "a container whose request is above its limit.",
    "Write the amount as a quantity, for example cpu: 500m, memory: 256Mi, storage: 10Gi, and keep "
    "each request at or below its limit.",
    "https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/",
    &check,
};

} // namespace kstudio::sim::validate::rules
