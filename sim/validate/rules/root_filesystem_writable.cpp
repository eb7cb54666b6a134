// SPDX-License-Identifier: GPL-3.0-or-later
// root-filesystem-writable: a long-running container without securityContext.
// readOnlyRootFilesystem: true (kube-linter "no-read-only-root-fs", Polaris
// "notReadOnlyRootFilesystem"). Advice: a writable root lets an intruder change binaries.
#include "pod_security.h"
#include "rules.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    for (const ContainerAt &container : containersAt(*pod)) {
        if (!isLongRunning(container))
            continue;
        if (isTrueNode(container.node->at(
                model::FieldPath{{"securityContext"}, {"readOnlyRootFilesystem"}})))
            continue;
        sink.report(container.path.child("securityContext").child("readOnlyRootFilesystem"),
                    u"container %1 can write to its root filesystem: set "
                    "securityContext.readOnlyRootFilesystem: true (and mount an emptyDir where it "
                    "writes)"_s.arg(quoted(textOf(container.node->get("name")))));
    }
}

} // namespace

const Rule rootFilesystemWritable{
    "root-filesystem-writable",
    Severity::Info,
    Family::Practice,
    "@workload",
    "A container's root filesystem is writable",
    "A read-only root filesystem stops a compromised process from replacing binaries or "
    "libraries and makes the container's state explicit: everything it writes goes to a "
    "declared volume.",
    "Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes at the paths "
    "the program writes to (/tmp, caches).",
    "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
    &check,
};

} // namespace kstudio::sim::validate::rules
