// SPDX-License-Identifier: GPL-3.0-or-later
// ingress-backend-service-missing: an Ingress routes to a Service (or Service port) that the
// design does not contain.
// Mirrors: the networking.k8s.io/v1 IngressBackend (k8s.io/api networking/v1 types.go:
// service.name in the Ingress's namespace, service.port.number or .name, which must name a
// port of that Service) and the legacy serviceName/servicePort shape of extensions/v1beta1.
// Controllers (ingress-nginx and others) answer 503 for a backend without endpoints.
#include "rules.h"
#include "support.h"

#include <sim/validate/index.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void checkBackend(const model::Node *backend,
                  const model::FieldPath &path,
                  const QString &ns,
                  const RuleContext &context,
                  FindingSink &sink)
{
    if (!backend || !backend->isMapping())
        return;
    model::FieldPath namePath = path.child("service").child("name");
    QString service = textOf(backend->at(model::FieldPath{{"service"}, {"name"}}));
    model::FieldPath portPath = path.child("service").child("port");
    QString port = textOf(backend->at(model::FieldPath{{"service"}, {"port"}, {"number"}}));
    if (port.isEmpty())
        port = textOf(backend->at(model::FieldPath{{"service"}, {"port"}, {"name"}}));
    if (service.isEmpty()) {
        namePath = path.child("serviceName");
        portPath = path.child("servicePort");
        service = textOf(backend->get("serviceName"));
        port = textOf(backend->get("servicePort"));
    }
    if (service.isEmpty())
        return; // a resource backend
    const model::Object *target = context.index.find(u"Service"_s, ns, service);
    if (!target) {
        const QString message
            = u"backend Service %1 is not part of the design (namespace %2)"_s.arg(quoted(service),
                                                                                   ns);
        // Uncertain when an operator of the namespace's custom resources may create the
        // Service (ECK's Kibana creates <name>-kb-http, for example), or for a placeholder.
        if (context.index.mayBeOperatorManaged(ns, {service}) || isPlaceholder(service))
            sink.reportUncertain(
                namePath,
                message + u" (an operator of the namespace's custom resources may create it)"_s);
        else
            sink.report(namePath, message);
        return;
    }
    const std::optional<model::ServiceView> view = model::serviceView(*target);
    if (!view || port.isEmpty())
        return;
    bool ok = false;
    const int number = port.toInt(&ok);
    for (const model::ServicePort &servicePort : view->ports) {
        if (ok ? servicePort.port == number : servicePort.name == port)
            return;
    }
    sink.report(portPath,
                u"Service %1 has no port %2"_s.arg(quoted(service), ok ? port : quoted(port)));
}

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const model::Node *spec = object.body.get("spec");
    if (!spec || !spec->isMapping())
        return;
    const QString ns = object.effectiveNamespace();
    const model::FieldPath specPath{{"spec"}};
    for (const char *field : {"defaultBackend", "backend"})
        checkBackend(spec->get(field), specPath.child(field), ns, context, sink);
    const model::Node *rules = spec->get("rules");
    if (!rules || !rules->isSequence())
        return;
    for (int r = 0; r < int(rules->size()); ++r) {
        const model::Node *paths
            = rules->children()[std::size_t(r)].at(model::FieldPath{{"http"}, {"paths"}});
        if (!paths || !paths->isSequence())
            continue;
        for (int p = 0; p < int(paths->size()); ++p) {
            const model::FieldPath backendPath
                = specPath.child("rules").child(r).child("http").child("paths").child(p).child(
                    "backend");
            checkBackend(
                paths->children()[std::size_t(p)].get("backend"), backendPath, ns, context, sink);
        }
    }
}

} // namespace

const Rule ingressBackendServiceMissing{
    "ingress-backend-service-missing",
    Severity::Error,
    Family::Reference,
    "Ingress",
    "An Ingress backend names a Service, or a port of it, that the design does not contain",
    "An Ingress only routes to Services in its own namespace. A backend whose Service or port does "
    "not exist has no endpoints, and the ingress controller answers 503 for its host and path.",
    "Correct the backend's service.name and service.port (number or name) to a Service port in the "
    "Ingress's namespace, or add that Service.",
    "https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource",
    &check,
};

} // namespace kstudio::sim::validate::rules
