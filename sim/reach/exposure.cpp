// SPDX-License-Identifier: GPL-3.0-or-later
// Exposure paths: NodePort/LoadBalancer Services, Ingress and Gateway API routes to pods.
// Mirrors: kubernetes/kubernetes pkg/proxy/iptables/proxier.go (v1.33: source ranges filter the
// load balancer address only; externalTrafficPolicy Cluster masquerades), and
// kubernetes-sigs/gateway-api apis/v1/{gateway,httproute,shared}_types.go (v1.2: parentRef and
// backendRef defaults, allowedRoutes, ReferenceGrant). Shape only; no code copied.
#include "exposure.h"

#include <model/kinds/views.h>
#include <model/semantics/label_selector.h>

#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace kstudio::sim::reach {

namespace {

using model::FieldPath;
using model::Node;

QString text(const Node *node)
{
    return node && node->isScalar() ? node->qtext() : QString();
}

QString portText(int port, Protocol protocol)
{
    return QString::number(port) + QLatin1Char('/') + protocolName(protocol);
}

Peer externalPeer(const Cidr &address, const QString &name)
{
    Peer peer;
    peer.kind = PeerKind::External;
    peer.name = name;
    peer.workload = name;
    peer.address = address;
    return peer;
}

Cidr internet(bool v6)
{
    return *Cidr::parse(v6 ? u"::/0"_s : u"0.0.0.0/0"_s);
}

// The source the pods see for traffic from outside (see the model in exposure.h).
struct PolicySource
{
    QList<Peer> peers;
    QString description;
};

PolicySource policySource(const Network &network, const Peer &client, const ServiceInfo &service)
{
    if (service.localTraffic) {
        return {{client},
                u"externalTrafficPolicy Local: the pod sees the client address "_s
                    + client.address.toString()};
    }
    PolicySource source;
    QStringList nodes;
    for (const NodeAddress &node : network.nodeAddresses()) {
        if (node.address.v6 != client.address.v6)
            continue;
        source.peers << externalPeer(
            node.address, u"node "_s + node.node + u" ("_s + node.address.toString() + u")"_s);
        nodes << node.address.toString();
    }
    if (!source.peers.isEmpty()) {
        source.description = u"externalTrafficPolicy Cluster: the source is SNATed to a node "_s
                             u"address ("_s
                             + nodes.join(u", "_s) + u"), each of which must be admitted"_s;
        return source;
    }
    const Cidr unknown = internet(client.address.v6);
    source.peers << externalPeer(unknown, u"a node address (unknown)"_s);
    source.description
        = u"externalTrafficPolicy Cluster: the source is SNATed to a node address, "_s
          u"and the design declares no Node InternalIP, so only a rule admitting "_s
          u"all of "_s
          + unknown.toString() + u" admits it"_s;
    return source;
}

QString entryName(ServiceEntry entry)
{
    return entry == ServiceEntry::LoadBalancer ? u"LoadBalancer"_s : u"NodePort"_s;
}

bool inSourceRanges(const ServiceInfo &service, const Cidr &client)
{
    if (service.sourceRanges.isEmpty())
        return true;
    return std::any_of(service.sourceRanges.cbegin(),
                       service.sourceRanges.cend(),
                       [&client](const Cidr &range) { return range.contains(client); });
}

// The source a controller's traffic comes from: its first declared pod, or a stand-in.
struct ControllerSource
{
    Peer peer;
    QString description;
};

ControllerSource controllerSource(const Network &network,
                                  const ControllerSpec &spec,
                                  const QString &fallbackName,
                                  const QString &what)
{
    const auto selects = [&spec](const Peer &peer) {
        for (auto it = spec.labels.cbegin(); it != spec.labels.cend(); ++it) {
            if (peer.labels.value(it.key(), u"\n"_s) != it.value())
                return false;
        }
        return peer.isPod() && peer.ns == spec.ns;
    };
    int matching = 0;
    const Peer *first = nullptr;
    for (const Peer &peer : network.peers()) {
        if (selects(peer)) {
            ++matching;
            if (!first)
                first = &peer;
        }
    }
    if (first) {
        return {*first,
                what + u" "_s + spec.toString() + u" is pod "_s + first->name
                    + (matching > 1 ? u" (first of "_s + QString::number(matching) + u")"_s
                                    : QString())};
    }
    Peer peer;
    peer.kind = PeerKind::Pod;
    peer.ns = spec.ns;
    peer.name = spec.ns + QLatin1Char('/') + fallbackName;
    peer.workload = peer.name;
    peer.labels = spec.labels;
    return {peer,
            what + u" "_s + spec.toString() + u" (not declared in the design; "_s + peer.name
                + u" stands in)"_s};
}

const ServiceInfo *findService(const Network &network, const QString &ns, const QString &name)
{
    return network.findService(ns + QLatin1Char('/') + name);
}

// Service ports an Ingress or route backend names: by number, or by the Service port's name.
QList<model::ServicePort> servicePortsNamed(const ServiceInfo &service, const QString &port)
{
    QList<model::ServicePort> ports;
    bool numeric = false;
    const int number = port.toInt(&numeric);
    for (const model::ServicePort &candidate : service.view.ports) {
        if (numeric ? candidate.port == number : candidate.name == port)
            ports << candidate;
    }
    return ports;
}

// Connections from a controller pod through a Service to its backends.
void addControllerPaths(const Network &network,
                        const ControllerSource &controller,
                        const ServiceInfo &service,
                        const QString &servicePortText,
                        std::optional<Protocol> onlyProtocol,
                        const QString &exposure,
                        const QString &via,
                        const QString &route,
                        std::vector<Connection> &out)
{
    const QList<model::ServicePort> ports = servicePortsNamed(service, servicePortText);
    for (int backend : service.backends) {
        const Peer &pod = network.peers()[static_cast<std::size_t>(backend)];
        for (const model::ServicePort &servicePort : ports) {
            const auto protocol = parseProtocol(servicePort.protocol);
            if (!protocol || (onlyProtocol && *protocol != *onlyProtocol))
                continue;
            Connection connection;
            connection.to = backend;
            connection.fromName = controller.peer.name;
            connection.exposure = exposure;
            connection.via = via;
            connection.route = route;
            connection.protocol = *protocol;
            connection.service = service.qualifiedName();
            connection.servicePort = servicePort.port;
            const QString head = exposure + QLatin1Char(' ') + via + QLatin1Char(' ') + route
                                 + u" -> Service "_s + service.qualifiedName() + u" port "_s
                                 + portText(servicePort.port, *protocol) + u" -> targetPort "_s
                                 + servicePort.targetPort;
            const std::optional<int> target = targetPortOn(pod, servicePort);
            if (!target) {
                connection.port = servicePort.port;
                connection.reason = head + u": "_s + pod.name + u" declares no port named "_s
                                    + servicePort.targetPort + u"; "_s + controller.description;
                out.push_back(std::move(connection));
                continue;
            }
            connection.port = *target;
            connection.allowed
                = network.isAllowedFrom(controller.peer, backend, *protocol, *target);
            bool numeric = false;
            servicePort.targetPort.toInt(&numeric);
            connection.reason = head + (numeric ? QString() : u" = "_s + QString::number(*target))
                                + u" on "_s + pod.name + u"; "_s + controller.description + u"; "_s
                                + network.explainFrom(controller.peer, backend, *protocol, *target);
            out.push_back(std::move(connection));
        }
    }
}

void addServiceExposures(const Network &network,
                         const ServiceInfo &service,
                         std::vector<Connection> &out)
{
    struct Way
    {
        ServiceEntry entry;
        QList<Cidr> clients;
    };
    QList<Way> ways;
    QList<Cidr> everyone;
    if (service.ipv4)
        everyone << internet(false);
    if (service.ipv6)
        everyone << internet(true);
    if (service.isLoadBalancer())
        ways << Way{ServiceEntry::LoadBalancer,
                    service.sourceRanges.isEmpty() ? everyone : service.sourceRanges};
    if (service.isNodePort())
        ways << Way{ServiceEntry::NodePort, everyone};
    for (const Way &way : ways) {
        for (const Cidr &client : way.clients) {
            const Peer clientPeer = externalPeer(client, u"ip:"_s + client.toString());
            for (int backend : service.backends) {
                const Peer &pod = network.peers()[static_cast<std::size_t>(backend)];
                for (const model::ServicePort &servicePort : service.view.ports) {
                    const auto protocol = parseProtocol(servicePort.protocol);
                    if (!protocol)
                        continue;
                    const int entryPort = way.entry == ServiceEntry::LoadBalancer
                                              ? servicePort.port
                                              : servicePort.nodePort;
                    Connection connection;
                    connection.to = backend;
                    connection.fromName = clientPeer.name;
                    connection.exposure = entryName(way.entry);
                    connection.via = service.qualifiedName();
                    connection.route
                        = way.entry == ServiceEntry::LoadBalancer
                              ? u"load balancer port "_s + portText(servicePort.port, *protocol)
                              : u"node port "_s
                                    + (entryPort > 0 ? portText(entryPort, *protocol)
                                                     : u"(allocated)/"_s + protocolName(*protocol));
                    connection.protocol = *protocol;
                    connection.service = service.qualifiedName();
                    connection.servicePort = servicePort.port;
                    const std::optional<int> target = targetPortOn(pod, servicePort);
                    if (!target) {
                        connection.port = servicePort.port;
                        connection.reason = pod.name + u" declares no port named "_s
                                            + servicePort.targetPort
                                            + u", so it is not an endpoint of this port"_s;
                        out.push_back(std::move(connection));
                        continue;
                    }
                    connection.port = *target;
                    const Arrival arrival = arriveFromOutside(
                        network, clientPeer, service, way.entry, backend, *protocol, *target);
                    connection.allowed = arrival.allowed;
                    connection.reason = arrival.reason;
                    out.push_back(std::move(connection));
                }
            }
        }
    }
}

void addIngressExposures(const Network &network,
                         const model::Object &ingress,
                         const ControllerSource &controller,
                         std::vector<Connection> &out)
{
    const QString ns = ingress.effectiveNamespace();
    for (const model::IngressBackend &backend : model::ingressBackends(ingress)) {
        if (backend.service.isEmpty())
            continue; // a resource backend: not a Service
        const bool isDefault = backend.host.isEmpty() && backend.path.isEmpty();
        const QString route
            = (isDefault && backend.pathType.isEmpty()
                   ? u"default backend"_s
                   : (backend.host.isEmpty() ? u"*"_s : backend.host)
                         + (backend.path.isEmpty() ? u"/"_s : backend.path)
                         + (backend.pathType.isEmpty() ? QString()
                                                       : u" ("_s + backend.pathType + u")"_s));
        const ServiceInfo *service = findService(network, ns, backend.service);
        if (!service)
            continue; // the validation rule ingress-backend-service-missing reports it
        addControllerPaths(network,
                           controller,
                           *service,
                           backend.port,
                           Protocol::TCP,
                           u"Ingress"_s,
                           ingress.qualifiedName(),
                           route,
                           out);
    }
}

// --- Gateway API --------------------------------------------------------------------------------

const QString gatewayGroup = u"gateway.networking.k8s.io"_s;

bool isGatewayApi(const model::Object &object)
{
    return object.apiVersion().startsWith(gatewayGroup + QLatin1Char('/'));
}

struct Listener
{
    QString name;
    int port = 0;
    QString protocol;
    QString from = u"Same"_s; // allowedRoutes.namespaces.from
    model::Selection selector;
};

// The route kinds a listener protocol accepts by default (GatewaySpec listeners docs).
bool protocolAccepts(const QString &protocol, const QString &routeKind)
{
    if (protocol == u"HTTP"_s || protocol == u"HTTPS"_s)
        return routeKind == u"HTTPRoute"_s || routeKind == u"GRPCRoute"_s;
    if (protocol == u"TLS"_s)
        return routeKind == u"TLSRoute"_s;
    if (protocol == u"TCP"_s)
        return routeKind == u"TCPRoute"_s;
    if (protocol == u"UDP"_s)
        return routeKind == u"UDPRoute"_s;
    return false;
}

bool isRouteKind(const QString &kind)
{
    return kind == u"HTTPRoute"_s || kind == u"GRPCRoute"_s || kind == u"TLSRoute"_s
           || kind == u"TCPRoute"_s || kind == u"UDPRoute"_s;
}

QList<Listener> listenersOf(const model::Object &gateway)
{
    QList<Listener> listeners;
    const Node *list = gateway.body.at(FieldPath{{"spec"}, {"listeners"}});
    if (!list || !list->isSequence())
        return listeners;
    for (const Node &item : list->children()) {
        Listener listener;
        listener.name = text(item.get("name"));
        listener.port
            = item.get("port") ? static_cast<int>(item.get("port")->toInt().value_or(0)) : 0;
        listener.protocol = text(item.get("protocol"));
        const Node *namespaces = item.at(FieldPath{{"allowedRoutes"}, {"namespaces"}});
        if (namespaces) {
            if (const QString from = text(namespaces->get("from")); !from.isEmpty())
                listener.from = from;
            listener.selector = model::parseSelector(namespaces->get("selector"),
                                                     model::SelectorUse::NetworkPolicyPeer);
        }
        listeners << listener;
    }
    return listeners;
}

bool listenerAdmitsNamespace(const Network &network,
                             const Listener &listener,
                             const QString &gatewayNs,
                             const QString &routeNs)
{
    if (listener.from == u"All"_s)
        return true;
    if (listener.from == u"Selector"_s)
        return listener.selector.isSpecified()
               && listener.selector.matches(network.namespaceLabelsOf(routeNs));
    return routeNs == gatewayNs;
}

// A ReferenceGrant in toNs lets routeKind objects of fromNs refer to Service name.
bool referenceGranted(const model::Snapshot &snapshot,
                      const QString &routeKind,
                      const QString &fromNs,
                      const QString &toNs,
                      const QString &name)
{
    for (const auto &object : snapshot.objects()) {
        if (object->kind() != u"ReferenceGrant"_s || !isGatewayApi(*object)
            || object->effectiveNamespace() != toNs)
            continue;
        bool fromMatches = false;
        if (const Node *from = object->body.at(FieldPath{{"spec"}, {"from"}});
            from && from->isSequence()) {
            for (const Node &entry : from->children()) {
                fromMatches = fromMatches
                              || (text(entry.get("group")) == gatewayGroup
                                  && text(entry.get("kind")) == routeKind
                                  && text(entry.get("namespace")) == fromNs);
            }
        }
        if (!fromMatches)
            continue;
        if (const Node *to = object->body.at(FieldPath{{"spec"}, {"to"}}); to && to->isSequence()) {
            for (const Node &entry : to->children()) {
                const QString toName = text(entry.get("name"));
                if (text(entry.get("group")).isEmpty() && text(entry.get("kind")) == u"Service"_s
                    && (toName.isEmpty() || toName == name))
                    return true;
            }
        }
    }
    return false;
}

void addRouteExposures(const Network &network,
                       const model::Snapshot &snapshot,
                       const model::Object &route,
                       const ExposureOptions &options,
                       std::vector<Connection> &out)
{
    const QString routeNs = route.effectiveNamespace();
    const QString routeKind = route.kind();
    const Node *parents = route.body.at(FieldPath{{"spec"}, {"parentRefs"}});
    const Node *rules = route.body.at(FieldPath{{"spec"}, {"rules"}});
    if (!parents || !parents->isSequence() || !rules || !rules->isSequence())
        return;
    for (const Node &parent : parents->children()) {
        const QString group = parent.get("group") ? text(parent.get("group")) : gatewayGroup;
        const QString kind = parent.get("kind") ? text(parent.get("kind")) : u"Gateway"_s;
        if (group != gatewayGroup || kind != u"Gateway"_s)
            continue;
        const QString gatewayNs = parent.get("namespace") ? text(parent.get("namespace")) : routeNs;
        const QString gatewayName = text(parent.get("name"));
        const QString sectionName = text(parent.get("sectionName"));
        const int parentPort
            = parent.get("port") ? static_cast<int>(parent.get("port")->toInt().value_or(0)) : 0;
        const model::Object *gateway = nullptr;
        for (const auto &object : snapshot.objects()) {
            if (object->kind() == u"Gateway"_s && isGatewayApi(*object)
                && object->effectiveNamespace() == gatewayNs && object->name() == gatewayName)
                gateway = object.get();
        }
        if (!gateway)
            continue;
        const ControllerSpec spec = options.gatewayController.value_or(ControllerSpec{
            gatewayNs, {{u"gateway.networking.k8s.io/gateway-name"_s, gatewayName}}});
        const ControllerSource proxy
            = controllerSource(network, spec, gatewayName + u"-proxy"_s, u"Gateway proxy"_s);
        for (const Listener &listener : listenersOf(*gateway)) {
            if ((!sectionName.isEmpty() && listener.name != sectionName)
                || (parentPort != 0 && listener.port != parentPort)
                || !protocolAccepts(listener.protocol, routeKind)
                || !listenerAdmitsNamespace(network, listener, gatewayNs, routeNs))
                continue;
            const Protocol backendProtocol
                = listener.protocol == u"UDP"_s ? Protocol::UDP : Protocol::TCP;
            int ruleIndex = 0;
            for (const Node &rule : rules->children()) {
                const Node *backends = rule.get("backendRefs");
                if (backends && backends->isSequence()) {
                    for (const Node &backend : backends->children()) {
                        const QString backendGroup = text(backend.get("group"));
                        const QString backendKind
                            = backend.get("kind") ? text(backend.get("kind")) : u"Service"_s;
                        if (!backendGroup.isEmpty() || backendKind != u"Service"_s)
                            continue;
                        const QString name = text(backend.get("name"));
                        const QString backendNs
                            = backend.get("namespace") ? text(backend.get("namespace")) : routeNs;
                        if (backendNs != routeNs
                            && !referenceGranted(snapshot, routeKind, routeNs, backendNs, name))
                            continue; // ResolvedRefs=False, RefNotPermitted: no traffic
                        const ServiceInfo *service = findService(network, backendNs, name);
                        if (!service)
                            continue;
                        const QString routeText
                            = u"listener "_s + listener.name + u" ("_s + listener.protocol + u" "_s
                              + QString::number(listener.port) + u") -> "_s + routeKind + u" "_s
                              + route.qualifiedName() + u" rule "_s + QString::number(ruleIndex);
                        const std::size_t first = out.size();
                        addControllerPaths(network,
                                           proxy,
                                           *service,
                                           text(backend.get("port")),
                                           backendProtocol,
                                           u"Gateway"_s,
                                           gateway->qualifiedName(),
                                           routeText,
                                           out);
                        for (std::size_t k = first; k < out.size(); ++k) {
                            out[k].routeKind = routeKind;
                            out[k].routeName = route.qualifiedName();
                        }
                    }
                }
                ++ruleIndex;
            }
        }
    }
}

} // namespace

std::optional<ControllerSpec> ControllerSpec::parse(const QString &value, QString *error)
{
    ControllerSpec spec;
    const qsizetype colon = value.indexOf(QLatin1Char(':'));
    spec.ns = colon < 0 ? value : value.left(colon);
    if (spec.ns.isEmpty()) {
        *error = u"expected NS or NS:KEY=VALUE[,KEY=VALUE]..."_s;
        return std::nullopt;
    }
    if (colon < 0)
        return spec;
    for (const QString &pair : value.mid(colon + 1).split(QLatin1Char(','))) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            *error = u"label '"_s + pair + u"' is not KEY=VALUE"_s;
            return std::nullopt;
        }
        spec.labels.insert(pair.left(equals), pair.mid(equals + 1));
    }
    return spec;
}

QString ControllerSpec::toString() const
{
    QStringList pairs;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        pairs << it.key() + QLatin1Char('=') + it.value();
    return pairs.isEmpty() ? ns : ns + QLatin1Char(':') + pairs.join(QLatin1Char(','));
}

Arrival arriveFromOutside(const Network &network,
                          const Peer &client,
                          const ServiceInfo &service,
                          ServiceEntry entry,
                          int backend,
                          Protocol protocol,
                          int targetPort)
{
    const Peer &pod = network.peers()[static_cast<std::size_t>(backend)];
    const QString head = u"from "_s + client.name + u" through "_s + entryName(entry)
                         + u" of Service "_s + service.qualifiedName() + u" to "_s + pod.name
                         + u" on "_s + portText(targetPort, protocol);
    if (entry == ServiceEntry::LoadBalancer && !inSourceRanges(service, client.address)) {
        QStringList ranges;
        for (const Cidr &range : service.sourceRanges)
            ranges << range.toString();
        return {false,
                head + u": denied: "_s + client.address.toString()
                    + u" is not within loadBalancerSourceRanges ("_s + ranges.join(u", "_s)
                    + u")"_s};
    }
    const PolicySource source = policySource(network, client, service);
    QString reason = head + u"; "_s + source.description;
    bool allowed = true;
    // Every address the pod may see must be admitted; the reason shows the first one that is
    // not, or the first one's admission.
    for (const Peer &seen : source.peers) {
        if (!network.isAllowedFrom(seen, backend, protocol, targetPort)) {
            allowed = false;
            reason += u"; "_s + network.explainFrom(seen, backend, protocol, targetPort);
            break;
        }
    }
    if (allowed) {
        reason
            += u"; "_s + network.explainFrom(source.peers.front(), backend, protocol, targetPort);
    }
    return {allowed, reason};
}

std::vector<Connection>
exposures(const Network &network, const model::Snapshot &snapshot, const ExposureOptions &options)
{
    std::vector<Connection> out;
    for (const ServiceInfo &service : network.services()) {
        if (!service.isExternalName())
            addServiceExposures(network, service, out);
    }
    const ControllerSource ingressController = controllerSource(
        network, options.ingressController, u"ingress-controller"_s, u"ingress controller"_s);
    for (const auto &object : snapshot.objects()) {
        if (object->kind() == u"Ingress"_s)
            addIngressExposures(network, *object, ingressController, out);
        else if (isRouteKind(object->kind()) && isGatewayApi(*object))
            addRouteExposures(network, snapshot, *object, options, out);
    }
    const std::vector<Peer> &peers = network.peers();
    std::stable_sort(out.begin(), out.end(), [&peers](const Connection &a, const Connection &b) {
        if (a.exposure != b.exposure)
            return a.exposure < b.exposure;
        if (a.via != b.via)
            return a.via < b.via;
        if (a.route != b.route)
            return a.route < b.route;
        if (a.fromName != b.fromName)
            return a.fromName < b.fromName;
        const QString &aTo = peers[static_cast<std::size_t>(a.to)].name;
        const QString &bTo = peers[static_cast<std::size_t>(b.to)].name;
        if (aTo != bTo)
            return aTo < bTo;
        if (a.port != b.port)
            return a.port < b.port;
        if (a.protocol != b.protocol)
            return protocolName(a.protocol) < protocolName(b.protocol);
        return a.servicePort < b.servicePort;
    });
    return out;
}

} // namespace kstudio::sim::reach
