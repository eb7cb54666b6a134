// SPDX-License-Identifier: GPL-3.0-or-later
// namespace-default-used: a namespaced object placed in `default` (explicitly or by leaving
// metadata.namespace out) or in `kube-system`. Polaris/kube-linter's advice: application
// objects in their own namespace get their own RBAC, quotas, network policies and PSS labels.
// An object without metadata.namespace is reported only when the design declares Namespaces
// (otherwise the manifests are presumably applied with -n).
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const QString ns = object.effectiveNamespace();
    if (ns != u"default"_s && ns != u"kube-system"_s)
        return;
    // The default ServiceAccount and kube-root-ca.crt exist in every namespace, and a Service
    // named kubernetes in default is the API server's own.
    if (object.kind() == u"Namespace"_s)
        return;
    const bool written = !object.rawNamespace().isEmpty();
    // Manifests without metadata.namespace are usually applied with -n; only when the design
    // declares Namespaces is an object without one likely to have been forgotten.
    if (!written && context.index.objectsOfKind(QString(), u"Namespace"_s).isEmpty())
        return;
    sink.report(model::FieldPath{{"metadata"}, {"namespace"}},
                ns == u"kube-system"_s
                    ? u"%1 %2 is in kube-system, which belongs to the cluster's own components"_s
                          .arg(object.kind(), quoted(object.name()))
                    : u"%1 %2 is in the default namespace%3: give the application its own"_s.arg(
                          object.kind(), quoted(object.name()),
                          written ? QString() : u" (no metadata.namespace)"_s));
}

} // namespace

const Rule namespaceDefaultUsed{
    "namespace-default-used",
    Severity::Info,
    Family::Practice,
    "*",
    "An object is placed in the default or kube-system namespace",
    "A namespace per application is the unit of RBAC, ResourceQuota, LimitRange, NetworkPolicy "
    "and Pod Security labels. Objects in default share it with everything else that forgot a "
    "namespace; kube-system belongs to the cluster's own components.",
    "Create a Namespace for the application and set metadata.namespace (or apply with -n).",
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/",
    &check,
};

} // namespace kstudio::sim::validate::rules
