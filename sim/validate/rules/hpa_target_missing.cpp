// SPDX-License-Identifier: GPL-3.0-or-later
// hpa-target-missing: a HorizontalPodAutoscaler scales a workload the design does not contain.
// Mirrors: kubernetes/kubernetes v1.33 pkg/controller/podautoscaler/horizontal.go: the target
// is read through the scale subresource of scaleTargetRef {kind, name} in the HPA's namespace;
// when it is missing the HPA reports AbleToScale=False (FailedGetScale) and never scales.
// Only the built-in scalable kinds are checked: a custom resource may come from elsewhere.
#include "rules.h"
#include "support.h"

#include <sim/validate/index.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

bool isBuiltInScalable(const QString &kind)
{
    return kind == u"Deployment"_s || kind == u"StatefulSet"_s || kind == u"ReplicaSet"_s
           || kind == u"ReplicationController"_s;
}

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const std::optional<model::ObjectRef> target = model::scaleTarget(object);
    if (!target || target->name.isEmpty() || !isBuiltInScalable(target->kind))
        return;
    const QString ns = object.effectiveNamespace();
    if (context.index.contains(target->kind, ns, target->name))
        return;
    sink.report(
        model::FieldPath{{"spec"}, {"scaleTargetRef"}, {"name"}},
        u"scale target %1 %2 is not part of the design (namespace %3): the autoscaler cannot scale it"_s
            .arg(target->kind, quoted(target->name), ns));
}

} // namespace

const Rule hpaTargetMissing{
    "hpa-target-missing",
    Severity::Error,
    Family::Reference,
    "HorizontalPodAutoscaler",
    "A HorizontalPodAutoscaler's scaleTargetRef names a workload the design does not contain",
    "The autoscaler reads and writes replicas through the target's scale subresource. When the "
    "target does not exist it reports FailedGetScale and does nothing.",
    "Point spec.scaleTargetRef (kind and name) at a Deployment, StatefulSet or ReplicaSet in the "
    "HPA's namespace.",
    "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/",
    &check,
};

} // namespace kstudio::sim::validate::rules
