// SPDX-License-Identifier: GPL-3.0-or-later
// namespace-missing: a namespaced object in a namespace that the design does not declare.
// Creating an object in a namespace that does not exist fails ("namespaces \"x\" not found",
// the NamespaceLifecycle admission plugin, kubernetes/kubernetes v1.33
// plugin/pkg/admission/namespace/lifecycle). default, kube-system, kube-public and
// kube-node-lease always exist. A warning: the namespace may be created outside the design
// (kubectl create namespace, helm --create-namespace).
#include "rules.h"
#include "support.h"

#include <sim/validate/index.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    if (!object.isNamespaced() || object.kind() == u"Namespace"_s)
        return;
    const QString ns = object.rawNamespace();
    if (ns.isEmpty() || ns == u"default"_s || ns == u"kube-system"_s || ns == u"kube-public"_s
        || ns == u"kube-node-lease"_s || isPlaceholder(ns))
        return;
    if (context.index.contains(u"Namespace"_s, QString(), ns))
        return;
    sink.report(model::FieldPath{{"metadata"}, {"namespace"}},
                u"namespace %1 is not declared in the design: create it before this object"_s.arg(
                    quoted(ns)));
}

} // namespace

const Rule namespaceMissing{
    "namespace-missing",
    Severity::Warning,
    Family::Reference,
    "*",
    "A namespaced object lives in a namespace the design does not declare",
    "The API server refuses to create objects in a namespace that does not exist. A design that "
    "does not declare its namespaces depends on someone creating them first.",
    "Add a Namespace object to the design (it is applied first), or create the namespace as part "
    "of the deployment (helm --create-namespace).",
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/",
    &check,
};

} // namespace kstudio::sim::validate::rules
