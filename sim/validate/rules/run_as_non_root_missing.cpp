// SPDX-License-Identifier: GPL-3.0-or-later
// run-as-non-root-missing: a container that may run as root.
// The container's securityContext overrides the pod's (k8s.io/api core/v1 types.go
// SecurityContext: "takes precedence"); runAsNonRoot: true, or a non-zero runAsUser, keeps it
// from running as UID 0. The restricted Pod Security Standard requires runAsNonRoot
// (https://kubernetes.io/docs/concepts/security/pod-security-standards/). kube-linter's
// run-as-non-root checks the same.
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

// true/false when the context decides, nullopt when it says nothing.
std::optional<bool> nonRoot(const model::Node *context)
{
    if (!context || !context->isMapping())
        return std::nullopt;
    if (const model::Node *user = context->get("runAsUser"); user && user->toInt())
        return *user->toInt() != 0;
    if (const model::Node *flag = context->get("runAsNonRoot"); flag && flag->toBool())
        return *flag->toBool();
    return std::nullopt;
}

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    const std::optional<bool> podLevel = nonRoot(pod->spec->get("securityContext"));
    for (const ContainerAt &container : containersAt(*pod)) {
        const std::optional<bool> own = nonRoot(container.node->get("securityContext"));
        if (own.value_or(podLevel.value_or(false)))
            continue;
        sink.report(
            container.path.child("securityContext"),
            u"container %1 may run as root: set runAsNonRoot: true (or a non-zero runAsUser)"_s.arg(
                quoted(textOf(container.node->get("name")))));
    }
}

} // namespace

const Rule runAsNonRootMissing{
    "run-as-non-root-missing",
    Severity::Info,
    Family::Practice,
    "@workload",
    "A container may run as root (no runAsNonRoot: true and no non-zero runAsUser)",
    "A process running as root inside a container is one kernel or runtime bug away from root on "
    "the node. The restricted Pod Security Standard requires runAsNonRoot.",
    "Set securityContext.runAsNonRoot: true in the pod (or each container) and use an image that "
    "runs as a non-root user, or set runAsUser to a non-zero UID.",
    "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
    &check,
};

} // namespace kstudio::sim::validate::rules
