// SPDX-License-Identifier: GPL-3.0-or-later
// configmap-reference-missing: a pod template refers to a ConfigMap the design does not contain.
// Mirrors: kubernetes/kubernetes v1.33 pkg/kubelet/kubelet_pods.go (makeEnvironmentVariables,
// volume setup): a missing non-optional ConfigMap keeps the container from starting
// (CreateContainerConfigError, or the pod stuck in ContainerCreating); `optional: true`
// references are skipped, as the kubelet skips them.
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
    for (const PodRef &ref : podRefs(*pod)) {
        if (ref.kind != RefKind::ConfigMap || ref.optional)
            continue;
        // kube-root-ca.crt is published into every namespace by kube-controller-manager.
        if (ref.name == u"kube-root-ca.crt"_s)
            continue;
        if (context.index.contains(u"ConfigMap"_s, ns, ref.name))
            continue;
        const QString message
            = u"ConfigMap %1 is not part of the design (namespace %2)"_s.arg(quoted(ref.name), ns);
        reportMissingReference(sink, context.index, ns, ref.name, ref.path, message);
    }
}

} // namespace

const Rule configmapReferenceMissing{
    "configmap-reference-missing",
    Severity::Error,
    Family::Reference,
    "@workload",
    "A pod template refers to a ConfigMap that the design does not contain",
    "The kubelet cannot start a container whose environment or volumes need a ConfigMap that does "
    "not exist: the pod waits in CreateContainerConfigError or ContainerCreating until it appears.",
    "Add the ConfigMap to the design in the pod's namespace, correct the name, or mark the "
    "reference optional: true when the pod can run without it.",
    "https://kubernetes.io/docs/concepts/configuration/configmap/#optional-configmaps",
    &check,
};

} // namespace kstudio::sim::validate::rules
