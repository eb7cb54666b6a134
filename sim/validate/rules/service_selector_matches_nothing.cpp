// SPDX-License-Identifier: GPL-3.0-or-later
// service-selector-matches-nothing: a Service's selector selects no pod template of its
// namespace, so the Service has no endpoints and every connection to it fails.
// Mirrors: kubernetes/kubernetes v1.33 pkg/controller/endpointslice (pods selected by
// labels.Set(service.Spec.Selector).AsSelectorPreValidated() in the Service's namespace).
// A Service without a selector (absent or {}) has hand-managed endpoints and is not checked;
// nor is an ExternalName Service.
#include "rules.h"
#include "support.h"

#include <sim/validate/index.h>

#include <model/semantics/label_selector.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const model::FieldPath path{{"spec"}, {"selector"}};
    if (textOf(object.body.at(model::FieldPath{{"spec"}, {"type"}})) == u"ExternalName"_s)
        return;
    const model::Selection selection = model::parseLabelMapSelector(
        object.body.at(path), model::SelectorUse::ServiceSelector, path);
    if (selection.scope() != model::Selection::Scope::Requirements)
        return; // no selector, or an invalid one (label-syntax-invalid reports that)
    const QString ns = object.effectiveNamespace();
    if (context.index.selectsAnyTemplate(ns, selection))
        return;
    const QString message
        = u"selector %1 matches no pod template in namespace %2: the Service has no endpoints"_s
              .arg(selection.toString(), ns);
    QStringList keys;
    for (const model::LabelRequirement &requirement : selection.requirements())
        keys << requirement.key << requirement.values;
    // Uncertain when an operator may run the pods: custom resources in the namespace
    // (Prometheus, Alertmanager, RedisFailover ...) or a selector key in a CRD's API group.
    if (context.index.mayBeOperatorManaged(ns, keys))
        sink.reportUncertain(
            path,
            message + u" (unless an operator of the design's custom resources creates them)"_s);
    else
        sink.report(path, message);
}

} // namespace

const Rule serviceSelectorMatchesNothing{
    "service-selector-matches-nothing",
    Severity::Error,
    Family::Reference,
    "Service",
    "A Service's selector matches no pod template in its namespace",
    "Traffic to a Service goes to the ready pods its selector matches. When no workload's pod "
    "template carries all the selector's labels, the Service has no endpoints and clients get "
    "connection refused or time out.",
    "Make spec.selector a subset of the pod template labels of the workload that should serve the "
    "Service (same namespace), or fix the labels of that template.",
    "https://kubernetes.io/docs/concepts/services-networking/service/#services-in-kubernetes",
    &check,
};

} // namespace kstudio::sim::validate::rules
