// SPDX-License-Identifier: GPL-3.0-or-later
// service-account-missing: a pod template runs as a ServiceAccount the design does not contain.
// Mirrors: kubernetes/kubernetes v1.33 plugin/pkg/admission/serviceaccount/admission.go: the
// ServiceAccount admission plugin refuses a pod whose service account does not exist
// ("error looking up service account ns/name"); "default" is created in every namespace by
// the service account controller. spec.serviceAccount is the deprecated alias.
#include "rules.h"
#include "support.h"

#include <sim/validate/index.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    const char *field = "serviceAccountName";
    QString name = textOf(pod->spec->get(field));
    if (name.isEmpty()) {
        field = "serviceAccount";
        name = textOf(pod->spec->get(field));
    }
    if (name.isEmpty() || name == u"default"_s)
        return;
    const QString ns = object.effectiveNamespace();
    if (context.index.contains(u"ServiceAccount"_s, ns, name))
        return;
    const QString message
        = u"ServiceAccount %1 is not part of the design (namespace %2): pods are refused until it exists"_s
              .arg(quoted(name), ns);
    if (isPlaceholder(name))
        sink.reportUncertain(pod->path.child(field), message + placeholderNote(name));
    else
        sink.report(pod->path.child(field), message);
}

} // namespace

const Rule serviceAccountMissing{
    "service-account-missing",
    Severity::Error,
    Family::Reference,
    "@workload",
    "A pod template runs as a ServiceAccount that the design does not contain",
    "The ServiceAccount admission plugin refuses to create a pod whose service account does not "
    "exist, so the workload's controller keeps failing to create pods.",
    "Add the ServiceAccount to the pod's namespace in the design, or correct serviceAccountName.",
    "https://kubernetes.io/docs/concepts/security/service-accounts/",
    &check,
};

} // namespace kstudio::sim::validate::rules
