// SPDX-License-Identifier: GPL-3.0-or-later
// container-name-invalid: a container without a name, with a name that is not a DNS-1123
// label, or with the name of another container of the same pod.
// Mirrors kubernetes/kubernetes v1.33 pkg/apis/core/validation/validation.go
// validateContainerCommon / validateInitContainers (names are DNS-1123 labels, unique across
// initContainers, containers and ephemeralContainers: "Duplicate value").
#include "names.h"
#include "rules.h"
#include "support.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    QSet<QString> names;
    for (const ContainerAt &container : containersAt(*pod)) {
        const model::FieldPath path = container.path.child("name");
        const QString name = textOf(container.node->get("name"));
        if (name.isEmpty()) {
            sink.report(path, u"%1: Required value"_s.arg(pathText(path)));
            continue;
        }
        for (const QString &error : dns1123LabelErrors(name))
            sink.report(path,
                        u"%1: Invalid value: %2: %3"_s.arg(pathText(path), quoted(name), error));
        if (names.contains(name))
            sink.report(path, u"%1: Duplicate value: %2"_s.arg(pathText(path), quoted(name)));
        names.insert(name);
    }
}

} // namespace

const Rule containerNameInvalid{
    "container-name-invalid",
    Severity::Error,
    Family::Schema,
    "@workload",
    "A container has no name, a name that is not a DNS-1123 label, or the name of another "
    "container",
    "Container names identify containers in logs, exec, metrics and status; they must be DNS-1123 "
    "labels and unique across the pod's init and regular containers. The API server refuses "
    "duplicates.",
    "Give every container (init containers included) its own lower-case name.",
    "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container",
    &check,
};

} // namespace kstudio::sim::validate::rules
