// SPDX-License-Identifier: GPL-3.0-or-later
// priority-class-missing: a pod template names a PriorityClass the design does not contain.
// Mirrors: kubernetes/kubernetes v1.33 plugin/pkg/admission/priority/admission.go: a pod
// whose priorityClassName does not resolve is refused ("no PriorityClass with name ... was
// found"); system-cluster-critical and system-node-critical are built in
// (pkg/apis/scheduling/types.go SystemPriorityClasses).
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
    const QString name = textOf(pod->spec->get("priorityClassName"));
    if (name.isEmpty() || name == u"system-cluster-critical"_s || name == u"system-node-critical"_s)
        return;
    if (context.index.contains(u"PriorityClass"_s, QString(), name))
        return;
    sink.report(
        pod->path.child("priorityClassName"),
        u"no PriorityClass with name %1 is part of the design: pods are refused until it exists"_s
            .arg(quoted(name)));
}

} // namespace

const Rule priorityClassMissing{
    "priority-class-missing",
    Severity::Error,
    Family::Reference,
    "@workload",
    "A pod template names a PriorityClass that the design does not contain",
    "The Priority admission plugin refuses a pod whose priorityClassName names no existing "
    "PriorityClass.",
    "Add the PriorityClass (cluster-scoped) to the design, or use one of the built-in classes "
    "system-cluster-critical and system-node-critical.",
    "https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/"
    "#priorityclass",
    &check,
};

} // namespace kstudio::sim::validate::rules
