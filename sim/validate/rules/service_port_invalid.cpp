// SPDX-License-Identifier: GPL-3.0-or-later
// service-port-invalid: Service ports the API server refuses.
// Mirrors kubernetes/kubernetes v1.33 pkg/apis/core/validation/validation.go ValidateService
// and validateServicePort: ports required unless the Service is headless or ExternalName;
// each port 1-65535; names required when there are several ports, DNS-1123 labels, unique;
// targetPort a valid number or IANA port name (0 and "" default to port, SetDefaults_Service;
// a quoted number is a string, hence a port name, which needs a letter); nodePort 0 or 1-65535;
// protocol TCP, UDP or SCTP; no two ports with the same port and protocol.
#include "names.h"
#include "rules.h"
#include "support.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

QString invalid(const model::FieldPath &path, const QString &value, const QString &detail)
{
    return u"%1: Invalid value: %2: %3"_s.arg(pathText(path), value, detail);
}

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const model::FieldPath specPath{{"spec"}};
    const model::Node *spec = object.body.get("spec");
    if (!spec || !spec->isMapping())
        return;
    const QString type = textOf(spec->get("type"));
    const model::Node *ports = spec->get("ports");
    const model::FieldPath portsPath = specPath.child("ports");
    if (!ports || !ports->isSequence() || ports->size() == 0) {
        // Uncertain: an overlay patch (kustomize) often sets only the type and leaves the
        // ports to its base.
        if (type != u"ExternalName"_s && textOf(spec->get("clusterIP")) != u"None"_s)
            sink.reportUncertain(portsPath, u"spec.ports: Required value"_s);
        return;
    }
    const bool several = ports->size() > 1;
    QSet<QString> names;
    QSet<QString> portProtocols;
    for (int i = 0; i < int(ports->size()); ++i) {
        const model::Node &port = ports->children()[std::size_t(i)];
        const model::FieldPath path = portsPath.child(i);
        if (!port.isMapping())
            continue;
        const QString name = textOf(port.get("name"));
        if (name.isEmpty()) {
            if (several)
                sink.report(path.child("name"),
                            u"%1: Required value"_s.arg(pathText(path.child("name"))));
        } else {
            for (const QString &error : dns1123LabelErrors(name))
                sink.report(path.child("name"), invalid(path.child("name"), quoted(name), error));
            if (names.contains(name))
                sink.report(
                    path.child("name"),
                    u"%1: Duplicate value: %2"_s.arg(pathText(path.child("name")), quoted(name)));
            names.insert(name);
        }
        const model::Node *portNode = port.get("port");
        const QString portText = textOf(portNode);
        const bool numeric = portNode && portNode->toInt().has_value();
        const long long number = numeric ? *portNode->toInt() : 0;
        if (!numeric && isPlaceholder(portText))
            sink.reportUncertain(
                path.child("port"),
                invalid(path.child("port"), quoted(portText), u"must be an integer"_s)
                    + placeholderNote(portText));
        else if (!numeric)
            sink.report(path.child("port"),
                        portNode
                            ? invalid(path.child("port"), quoted(portText), u"must be an integer"_s)
                            : u"%1: Required value"_s.arg(pathText(path.child("port"))));
        else if (number < 1 || number > 65535)
            sink.report(path.child("port"),
                        invalid(path.child("port"), QString::number(number), portRangeError()));
        QString protocol = textOf(port.get("protocol"));
        if (protocol.isEmpty())
            protocol = u"TCP"_s;
        if (protocol != u"TCP"_s && protocol != u"UDP"_s && protocol != u"SCTP"_s)
            sink.report(
                path.child("protocol"),
                u"%1: Unsupported value: %2: supported values: \"SCTP\", \"TCP\", \"UDP\""_s.arg(
                    pathText(path.child("protocol")), quoted(protocol)));
        if (numeric) {
            const QString key = QString::number(number) + u'/' + protocol;
            if (portProtocols.contains(key))
                sink.report(
                    path,
                    u"%1: Duplicate value: port %2 is listed twice"_s.arg(pathText(path), key));
            portProtocols.insert(key);
        }
        if (const model::Node *target = port.get("targetPort"); target && target->isScalar()) {
            const model::FieldPath targetPath = path.child("targetPort");
            if (const std::optional<long long> value = target->toInt()) {
                // SetDefaults_Service: targetPort 0 (or "") defaults to port before validation.
                if (*value != 0 && (*value < 1 || *value > 65535))
                    sink.report(targetPath,
                                invalid(targetPath, QString::number(*value), portRangeError()));
            } else if (isPlaceholder(target->qtext())) {
                sink.reportUncertain(
                    targetPath,
                    invalid(targetPath, quoted(target->qtext()), u"not a port number or name"_s)
                        + placeholderNote(target->qtext()));
            } else if (!target->qtext().isEmpty()) {
                for (const QString &error : portNameErrors(target->qtext()))
                    sink.report(targetPath, invalid(targetPath, quoted(target->qtext()), error));
            }
        }
        if (const model::Node *nodePort = port.get("nodePort"); nodePort && nodePort->isScalar()) {
            const std::optional<long long> value = nodePort->toInt();
            if (value && *value != 0 && (*value < 1 || *value > 65535))
                sink.report(
                    path.child("nodePort"),
                    invalid(path.child("nodePort"), QString::number(*value), portRangeError()));
        }
    }
}

} // namespace

const Rule servicePortInvalid{
    "service-port-invalid",
    Severity::Error,
    Family::Schema,
    "Service",
    "A Service port is missing, out of range, unnamed among several, or duplicated",
    "A Service needs at least one port (unless headless or ExternalName); ports are 1-65535; when "
    "there are several, each needs a unique DNS-1123 name so that EndpointSlices and clients can "
    "tell them apart; targetPort is a number or a container port name. The API server refuses "
    "anything else.",
    "Fix the port numbers, name every port of a multi-port Service, and make targetPort a "
    "container port number or name.",
    "https://kubernetes.io/docs/concepts/services-networking/service/#multi-port-services",
    &check,
};

} // namespace kstudio::sim::validate::rules
