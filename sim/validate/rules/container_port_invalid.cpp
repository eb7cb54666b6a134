// SPDX-License-Identifier: GPL-3.0-or-later
// container-port-invalid: a container port the API server refuses: number out of range, bad
// protocol, a name that is not an IANA service name, or a name used twice in one container.
// Mirrors kubernetes/kubernetes v1.33 pkg/apis/core/validation/validation.go
// validateContainerPorts (containerPort required and IsValidPortNum, hostPort 0 or valid,
// name IsValidPortName and unique per container, protocol TCP, UDP or SCTP).
#include "names.h"
#include "rules.h"
#include "support.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void checkNumber(const model::Node *node,
                 const model::FieldPath &path,
                 bool required,
                 FindingSink &sink)
{
    if (!node || node->isNull()
        || (node->isScalar() && node->scalarKind() == model::ScalarKind::Null)) {
        if (required)
            sink.report(path, u"%1: Required value"_s.arg(pathText(path)));
        return;
    }
    const std::optional<long long> value = node->toInt();
    if (!value) {
        const QString message = u"%1: Invalid value: %2: must be an integer"_s.arg(
            pathText(path), node->isScalar() ? quoted(node->qtext()) : u"{...}"_s);
        if (node->isScalar() && isPlaceholder(node->qtext()))
            sink.reportUncertain(path, message + placeholderNote(node->qtext()));
        else
            sink.report(path, message);
        return;
    }
    if (!required && *value == 0)
        return;
    if (*value < 1 || *value > 65535)
        sink.report(
            path,
            u"%1: Invalid value: %2: %3"_s.arg(pathText(path)).arg(*value).arg(portRangeError()));
}

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    for (const ContainerAt &container : containersAt(*pod)) {
        const model::Node *ports = container.node->get("ports");
        if (!ports || !ports->isSequence())
            continue;
        QSet<QString> names;
        for (int i = 0; i < int(ports->size()); ++i) {
            const model::Node &port = ports->children()[std::size_t(i)];
            const model::FieldPath path = container.path.child("ports").child(i);
            if (!port.isMapping())
                continue;
            checkNumber(port.get("containerPort"), path.child("containerPort"), true, sink);
            checkNumber(port.get("hostPort"), path.child("hostPort"), false, sink);
            if (const model::Node *protocol = port.get("protocol");
                protocol && protocol->isScalar()) {
                const QString text = protocol->qtext();
                if (text != u"TCP"_s && text != u"UDP"_s && text != u"SCTP"_s)
                    sink.report(
                        path.child("protocol"),
                        u"%1: Unsupported value: %2: supported values: \"SCTP\", \"TCP\", \"UDP\""_s
                            .arg(pathText(path.child("protocol")), quoted(text)));
            }
            const QString name = textOf(port.get("name"));
            if (name.isEmpty())
                continue;
            const model::FieldPath namePath = path.child("name");
            for (const QString &error : portNameErrors(name))
                sink.report(
                    namePath,
                    u"%1: Invalid value: %2: %3"_s.arg(pathText(namePath), quoted(name), error));
            if (names.contains(name))
                sink.report(namePath,
                            u"%1: Duplicate value: %2"_s.arg(pathText(namePath), quoted(name)));
            names.insert(name);
        }
    }
}

} // namespace

const Rule containerPortInvalid{
    "container-port-invalid",
    Severity::Error,
    Family::Schema,
    "@workload",
    "A container port is out of range, has an unknown protocol, or a bad or duplicate name",
    "containerPort must be 1-65535 (hostPort 0 or 1-65535), protocol TCP, UDP or SCTP, and a port "
    "name an IANA service name (at most 15 lower-case letters, digits and single hyphens, with at "
    "least one letter), unique within the container: Services and probes refer to ports by that "
    "name. The API server refuses anything else.",
    "Fix the number, protocol or name; give each port of a container its own name.",
    "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports",
    &check,
};

} // namespace kstudio::sim::validate::rules
