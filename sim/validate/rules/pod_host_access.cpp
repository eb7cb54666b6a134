// SPDX-License-Identifier: GPL-3.0-or-later
// pod-host-access: a pod template that shares the node's namespaces (hostNetwork, hostPID,
// hostIPC), mounts hostPath volumes, or runs privileged containers. The baseline Pod Security
// Standard forbids each of these
// (https://kubernetes.io/docs/concepts/security/pod-security-standards/ "Host Namespaces",
// "Privileged Containers", "HostPath Volumes"; kubernetes/pod-security-admission
// policy/check_hostNamespaces.go, check_privileged.go, check_hostPathVolumes.go).
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

bool isTrue(const model::Node *node)
{
    return node && node->toBool().value_or(false);
}

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    for (const char *field : {"hostNetwork", "hostPID", "hostIPC"}) {
        if (isTrue(pod->spec->get(field)))
            sink.report(pod->path.child(field),
                        u"%1: true shares the node's namespace with the pod"_s.arg(
                            QLatin1StringView(field)));
    }
    if (const model::Node *volumes = pod->spec->get("volumes"); volumes && volumes->isSequence()) {
        for (int i = 0; i < int(volumes->size()); ++i) {
            const model::Node &volume = volumes->children()[std::size_t(i)];
            if (const model::Node *hostPath = volume.get("hostPath"))
                sink.report(
                    pod->path.child("volumes").child(i).child("hostPath"),
                    u"volume %1 mounts the node's path %2"_s.arg(
                        quoted(textOf(volume.get("name"))), quoted(textOf(hostPath->get("path")))));
        }
    }
    for (const ContainerAt &container : containersAt(*pod)) {
        if (isTrue(container.node->at(model::FieldPath{{"securityContext"}, {"privileged"}})))
            sink.report(
                container.path.child("securityContext").child("privileged"),
                u"container %1 is privileged: it has every capability and access to the node's devices"_s
                    .arg(quoted(textOf(container.node->get("name")))));
    }
}

} // namespace

const Rule podHostAccess{
    "pod-host-access",
    Severity::Warning,
    Family::Practice,
    "@workload",
    "A pod shares host namespaces, mounts hostPath volumes, or runs privileged containers",
    "Host namespaces, hostPath mounts and privileged mode let a compromised container reach the "
    "node and every other pod on it. The baseline Pod Security Standard forbids them; namespaces "
    "that enforce it refuse such pods.",
    "Remove hostNetwork/hostPID/hostIPC, replace hostPath with a PersistentVolumeClaim, ConfigMap "
    "or emptyDir, and drop privileged: true (add only the capabilities needed). Node agents that "
    "need host access belong in a namespace labelled for the privileged standard.",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
    &check,
};

} // namespace kstudio::sim::validate::rules
