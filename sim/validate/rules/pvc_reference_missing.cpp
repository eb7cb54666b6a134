// SPDX-License-Identifier: GPL-3.0-or-later
// pvc-reference-missing: a pod template refers to a PersistentVolumeClaim the design does not
// contain. Mirrors: kubernetes/kubernetes v1.33 pkg/kubelet/kubelet_pods.go
// (makeEnvironmentVariables, volume setup): a missing non-optional PersistentVolumeClaim keeps the
// container from starting (the pod stays Pending: "persistentvolumeclaim not found"); PVC
// references cannot be optional. Scheduler: pkg/scheduler/framework/plugins/volumebinding.
#include "references.h"
#include "rules.h"

#include <sim/validate/index.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    const QString ns = object.effectiveNamespace();
    // A StatefulSet volume named like one of its volumeClaimTemplates is replaced by that
    // template's per-pod claim (pkg/controller/statefulset/stateful_set_utils.go updateStorage).
    QStringList templates;
    const model::Node *claims
        = object.body.at(model::FieldPath{{"spec"}, {"volumeClaimTemplates"}});
    if (claims && claims->isSequence() && object.kind() == u"StatefulSet"_s) {
        for (const model::Node &claim : claims->children())
            templates.append(textOf(claim.at(model::FieldPath{{"metadata"}, {"name"}})));
    }
    for (const PodRef &ref : podRefs(*pod)) {
        if (!ref.volume.isEmpty() && templates.contains(ref.volume))
            continue;
        if (ref.kind != RefKind::PersistentVolumeClaim || ref.optional)
            continue;
        if (context.index.contains(u"PersistentVolumeClaim"_s, ns, ref.name))
            continue;
        const QString message
            = u"PersistentVolumeClaim %1 is not part of the design (namespace %2)"_s.arg(
                quoted(ref.name), ns);
        reportMissingReference(sink, context.index, ns, ref.name, ref.path, message);
    }
}

} // namespace

const Rule pvcReferenceMissing{
    "pvc-reference-missing",
    Severity::Error,
    Family::Reference,
    "@workload",
    "A pod template refers to a PersistentVolumeClaim that the design does not contain",
    "A pod whose volume names a PersistentVolumeClaim that does not exist is never scheduled: it "
    "stays Pending with 'persistentvolumeclaim not found'.",
    "Add the PersistentVolumeClaim to the design in the pod's namespace, correct the name. A "
    "StatefulSet that needs one claim per pod should use volumeClaimTemplates instead.",
    "https://kubernetes.io/docs/concepts/storage/persistent-volumes/#claims-as-volumes",
    &check,
};

} // namespace kstudio::sim::validate::rules
