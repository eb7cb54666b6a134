// SPDX-License-Identifier: GPL-3.0-or-later
// secret-reference-missing: a pod template refers to a Secret the design does not contain.
// Mirrors: kubernetes/kubernetes v1.33 pkg/kubelet/kubelet_pods.go (makeEnvironmentVariables,
// volume setup): a missing non-optional Secret keeps the container from starting
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
        if (ref.kind != RefKind::Secret || ref.optional)
            continue;
        if (context.index.contains(u"Secret"_s, ns, ref.name))
            continue;
        const QString message
            = u"Secret %1 is not part of the design (namespace %2); it must exist in the cluster before the pods start"_s
                  .arg(quoted(ref.name), ns);
        reportMissingReference(sink, context.index, ns, ref.name, ref.path, message);
    }
}

} // namespace

const Rule secretReferenceMissing{
    "secret-reference-missing",
    Severity::Warning,
    Family::Reference,
    "@workload",
    "A pod template refers to a Secret that the design does not contain",
    "The kubelet cannot start a container whose environment or volumes need a Secret that does not "
    "exist. Secrets are often created outside the manifests (kubectl create secret, a kustomize "
    "secretGenerator, External Secrets, sealed-secrets), so the design may be right if the cluster "
    "has it: hence a warning.",
    "Add the Secret to the design in the pod's namespace, correct the name, or mark the reference "
    "optional: true when the pod can run without it.",
    "https://kubernetes.io/docs/concepts/configuration/secret/#restriction-secret-must-exist",
    &check,
};

} // namespace kstudio::sim::validate::rules
