// SPDX-License-Identifier: GPL-3.0-or-later
// statefulset-service-invalid: a StatefulSet's serviceName names no Service of the design, or a
// Service that is not headless. The governing Service gives each pod its stable DNS name
// <pod>.<service>.<namespace>.svc; it must exist and be headless (clusterIP: None) for those
// per-pod records
// (https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id, and
// kubernetes/dns specification: per-pod A records only for headless Services).
#include "rules.h"
#include "support.h"

#include <sim/validate/index.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const model::FieldPath path{{"spec"}, {"serviceName"}};
    const QString name = textOf(object.body.at(path));
    if (name.isEmpty())
        return;
    const QString ns = object.effectiveNamespace();
    const model::Object *service = context.index.find(u"Service"_s, ns, name);
    if (!service) {
        sink.report(
            path,
            u"governing Service %1 is not part of the design (namespace %2): pods get no stable DNS names"_s
                .arg(quoted(name), ns));
        return;
    }
    const std::optional<model::ServiceView> view = model::serviceView(*service);
    if (view && !view->headless)
        sink.report(
            path,
            u"governing Service %1 is not headless (clusterIP: None): pods get no per-pod DNS records"_s
                .arg(quoted(name)));
}

} // namespace

const Rule statefulsetServiceInvalid{
    "statefulset-service-invalid",
    Severity::Warning,
    Family::Reference,
    "StatefulSet",
    "A StatefulSet's serviceName names a missing or non-headless Service",
    "A StatefulSet's pods find each other through stable DNS names provided by its governing "
    "headless Service. Without it, or with a ClusterIP Service, peers cannot address pod-0, pod-1 "
    "... individually.",
    "Add a Service with clusterIP: None, the StatefulSet's selector and its ports, and name it in "
    "spec.serviceName.",
    "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id",
    &check,
};

} // namespace kstudio::sim::validate::rules
