// SPDX-License-Identifier: GPL-3.0-or-later
// The reachability engine: builds the network from a snapshot and answers queries.
// Mirrors: np-guard/netpol-analyzer pkg/netpol/eval/check.go (v1.3, shape only).
#include "reach.h"

#include "exposure.h"

#include <model/kinds/views.h>
#include <model/semantics/label_selector.h>
#include <model/semantics/workload_pods.h>

#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <set>

using namespace Qt::StringLiterals;

namespace kstudio::sim::reach {

namespace {

const QString metadataNameLabel = u"kubernetes.io/metadata.name"_s;

std::size_t slot(Direction direction)
{
    return direction == Direction::Ingress ? 0 : 1;
}

QList<model::ContainerPort> servingPorts(const model::Object *owner)
{
    QList<model::ContainerPort> ports;
    if (!owner)
        return ports;
    for (const model::ContainerView &container : model::containers(*owner)) {
        if (container.init && !container.restartableSidecar)
            continue; // init containers have exited before the pod serves
        ports << container.ports;
    }
    return ports;
}

Peer podPeer(const model::PodInstance &pod, const model::Snapshot &snapshot)
{
    Peer peer;
    peer.kind = PeerKind::Pod;
    peer.name = pod.qualifiedName();
    peer.ns = pod.ns;
    peer.labels = pod.labels;
    const model::Object *owner = snapshot.object(pod.owner);
    peer.workload
        = owner ? owner->effectiveNamespace() + QLatin1Char('/') + owner->name() : peer.name;
    peer.workloadKind = pod.ownerKind;
    peer.ports = servingPorts(owner);
    return peer;
}

QString portText(int port, Protocol protocol)
{
    return QString::number(port) + QLatin1Char('/') + protocolName(protocol);
}

QString joinPolicyNames(const Network &network, const std::vector<int> &indices)
{
    QStringList names;
    for (int index : indices)
        names << network.policies()[static_cast<std::size_t>(index)].qualifiedName();
    return names.join(u", "_s);
}

// What makes two pods indistinguishable to NetworkPolicy: namespace, labels, serving ports.
QString classKey(const Peer &peer)
{
    QString key = peer.ns;
    for (auto it = peer.labels.cbegin(); it != peer.labels.cend(); ++it)
        key += u"\n"_s + it.key() + u"="_s + it.value();
    key += u"\n#"_s;
    for (const model::ContainerPort &port : peer.ports) {
        key += u"\n"_s + port.name + u":"_s + QString::number(port.containerPort) + u"/"_s
               + port.protocol;
    }
    return key;
}

QString scalarText(const model::Node *node)
{
    return node && node->isScalar() ? node->qtext() : QString();
}

// status.addresses entries of type InternalIP (the address kube-proxy SNATs to).
QList<Cidr> internalAddresses(const model::Object &node)
{
    QList<Cidr> addresses;
    const model::Node *list = node.body.at(model::FieldPath{{"status"}, {"addresses"}});
    if (!list || !list->isSequence())
        return addresses;
    for (const model::Node &entry : list->children()) {
        if (scalarText(entry.get("type")) != u"InternalIP"_s)
            continue;
        if (const auto address = Cidr::parse(scalarText(entry.get("address"))))
            addresses << *address;
    }
    return addresses;
}

// The fields that decide how a Service is reached from outside (core/v1 ServiceSpec):
// loadBalancerSourceRanges (or the legacy annotation), externalTrafficPolicy,
// allocateLoadBalancerNodePorts and ipFamilies.
void readServiceTraffic(const model::Object &object, ServiceInfo &service)
{
    const model::Node *spec = object.body.get("spec");
    if (!spec || !spec->isMapping())
        return;
    QStringList ranges;
    if (const model::Node *list = spec->get("loadBalancerSourceRanges");
        list && list->isSequence()) {
        for (const model::Node &item : list->children())
            ranges << scalarText(&item);
    } else {
        const QString annotation = scalarText(object.body.at(
            model::FieldPath{{"metadata"},
                             {"annotations"},
                             {"service.beta.kubernetes.io/load-balancer-source-ranges"}}));
        for (const QString &item : annotation.split(QLatin1Char(','), Qt::SkipEmptyParts))
            ranges << item.trimmed();
    }
    for (const QString &range : ranges) {
        if (const auto cidr = Cidr::parse(range); cidr && range.contains(QLatin1Char('/')))
            service.sourceRanges << *cidr;
        else
            service.invalidSourceRanges << range;
    }
    service.localTraffic = scalarText(spec->get("externalTrafficPolicy")) == u"Local"_s;
    if (const model::Node *allocate = spec->get("allocateLoadBalancerNodePorts"))
        service.allocateNodePorts = allocate->toBool().value_or(true);
    if (const model::Node *families = spec->get("ipFamilies");
        families && families->isSequence() && families->size() > 0) {
        service.ipv4 = false;
        for (const model::Node &family : families->children()) {
            service.ipv4 = service.ipv4 || scalarText(&family) == u"IPv4"_s;
            service.ipv6 = service.ipv6 || scalarText(&family) == u"IPv6"_s;
        }
    }
}

} // namespace

Network Network::build(const model::Snapshot &snapshot, const QList<Cidr> &externals)
{
    Network network;
    QMap<QString, model::Labels> namespaces;
    const auto noteNamespace = [&namespaces](const QString &ns) {
        if (!ns.isEmpty() && !namespaces.contains(ns))
            namespaces.insert(ns, {{metadataNameLabel, ns}});
    };
    QList<QString> nodeNames;
    for (const auto &object : snapshot.objects()) {
        const QString kind = object->kind();
        if (kind == u"Namespace"_s) {
            model::Labels labels = model::labelsOf(object->body);
            labels.insert(metadataNameLabel, object->name()); // set by the control plane
            namespaces.insert(object->name(), labels);
        } else if (kind == u"Node"_s) {
            nodeNames << object->name();
            for (const Cidr &address : internalAddresses(*object))
                network.m_nodeAddresses.push_back({object->name(), address});
        }
    }
    std::sort(nodeNames.begin(), nodeNames.end());
    std::stable_sort(network.m_nodeAddresses.begin(),
                     network.m_nodeAddresses.end(),
                     [](const NodeAddress &a, const NodeAddress &b) { return a.node < b.node; });

    for (const model::PodInstance &pod : model::expandPods(snapshot))
        network.m_peers.push_back(podPeer(pod, snapshot));
    for (const auto &object : snapshot.objects()) {
        if (object->kind() != u"DaemonSet"_s || model::isControlledWithin(*object, snapshot))
            continue;
        if (nodeNames.isEmpty()) {
            network.m_warnings << u"DaemonSet "_s + object->qualifiedName()
                                      + u" has no pods: the design declares no Node objects"_s;
        }
        for (const QString &node : nodeNames)
            network.m_peers.push_back(podPeer(model::daemonSetPod(*object, node), snapshot));
    }
    QSet<QString> externalNames;
    for (const Cidr &cidr : externals) {
        Peer peer;
        peer.kind = PeerKind::External;
        peer.name = u"ip:"_s + cidr.toString();
        peer.workload = peer.name;
        peer.address = cidr;
        if (externalNames.contains(peer.name))
            continue;
        externalNames.insert(peer.name);
        network.m_peers.push_back(std::move(peer));
    }
    std::stable_sort(network.m_peers.begin(),
                     network.m_peers.end(),
                     [](const Peer &a, const Peer &b) { return a.name < b.name; });

    for (const auto &object : snapshot.objects()) {
        if (object->kind() != u"NetworkPolicy"_s)
            continue;
        PolicyReadResult read = readPolicy(*object);
        if (!read.policy) {
            network.m_warnings << u"NetworkPolicy "_s + object->qualifiedName()
                                      + u" ignored (the API server would reject it): "_s
                                      + read.errors.join(u"; "_s);
            continue;
        }
        noteNamespace(read.policy->ns);
        network.m_policies.push_back(std::move(*read.policy));
    }
    std::stable_sort(network.m_policies.begin(),
                     network.m_policies.end(),
                     [](const NetworkPolicy &a, const NetworkPolicy &b) {
                         return a.qualifiedName() < b.qualifiedName();
                     });

    for (const Peer &peer : network.m_peers)
        noteNamespace(peer.ns);
    QHash<QString, int> namespaceIndex;
    for (auto it = namespaces.cbegin(); it != namespaces.cend(); ++it) {
        namespaceIndex.insert(it.key(), static_cast<int>(network.m_namespaces.size()));
        network.m_namespaces.push_back({it.key(), it.value()});
    }
    for (Peer &peer : network.m_peers)
        peer.namespaceIndex = peer.isPod() ? namespaceIndex.value(peer.ns, -1) : -1;

    const std::size_t peerCount = network.m_peers.size();
    // Equivalence classes: pods with the same namespace, labels and ports get the same verdicts
    // from every policy (selectors see only namespace and labels; named ports only ports). Each
    // external is its own class. Classes are numbered in peer order, so iteration stays sorted.
    QHash<QString, int> classIndex;
    network.m_classOf.assign(peerCount, 0);
    for (std::size_t i = 0; i < peerCount; ++i) {
        const Peer &peer = network.m_peers[i];
        const QString key = peer.isPod() ? classKey(peer) : u"ip\n"_s + peer.name;
        auto it = classIndex.constFind(key);
        if (it == classIndex.cend()) {
            it = classIndex.insert(key, static_cast<int>(network.m_classes.size()));
            network.m_classes.push_back({});
        }
        network.m_classOf[i] = it.value();
        network.m_classes[static_cast<std::size_t>(it.value())].push_back(static_cast<int>(i));
    }
    const std::size_t classCount = network.m_classes.size();
    for (Direction direction : {Direction::Ingress, Direction::Egress}) {
        const std::size_t d = slot(direction);
        network.m_isolating[d].assign(classCount, {});
        network.m_ruleBase[d].assign(network.m_policies.size(), 0);
        for (std::size_t p = 0; p < network.m_policies.size(); ++p) {
            const NetworkPolicy &policy = network.m_policies[p];
            network.m_ruleBase[d][p] = static_cast<int>(network.m_ruleSelects[d].size());
            for (const PolicyRule &rule : policy.rules(direction)) {
                std::vector<bool> selects(classCount, false);
                for (std::size_t c = 0; c < classCount; ++c) {
                    const Peer &other
                        = network.m_peers[static_cast<std::size_t>(network.m_classes[c].front())];
                    selects[c]
                        = ruleSelectsPeer(policy, rule, other, network.namespaceLabels(other));
                }
                network.m_ruleSelects[d].push_back(std::move(selects));
            }
            if (!policy.affects(direction))
                continue;
            for (std::size_t c = 0; c < classCount; ++c) {
                const Peer &member
                    = network.m_peers[static_cast<std::size_t>(network.m_classes[c].front())];
                if (policySelectsPod(policy, member))
                    network.m_isolating[d][c].push_back(static_cast<int>(p));
            }
        }
    }

    for (const auto &object : snapshot.objects()) {
        if (object->kind() != u"Service"_s)
            continue;
        const auto view = model::serviceView(*object);
        if (!view)
            continue;
        ServiceInfo service;
        service.ns = object->effectiveNamespace();
        service.name = object->name();
        service.view = *view;
        readServiceTraffic(*object, service);
        for (const QString &range : std::as_const(service.invalidSourceRanges)) {
            network.m_warnings << u"Service "_s + service.qualifiedName()
                                      + u": loadBalancerSourceRanges entry '"_s + range
                                      + u"' is not a CIDR and is ignored"_s;
        }
        if (view->hasSelector) {
            const model::Selection selector = model::parseLabelMapSelector(
                object->body.at(model::FieldPath{{"spec"}, {"selector"}}));
            for (const std::vector<int> &members : network.m_classes) {
                const Peer &peer = network.m_peers[static_cast<std::size_t>(members.front())];
                if (peer.isPod() && peer.ns == service.ns && selector.matches(peer.labels))
                    service.backends.insert(
                        service.backends.end(), members.cbegin(), members.cend());
            }
            std::sort(service.backends.begin(), service.backends.end());
        }
        network.m_services.push_back(std::move(service));
    }
    std::stable_sort(network.m_services.begin(),
                     network.m_services.end(),
                     [](const ServiceInfo &a, const ServiceInfo &b) {
                         return a.qualifiedName() < b.qualifiedName();
                     });
    return network;
}

std::optional<int> Network::findPeer(const QString &name) const
{
    const auto it = std::lower_bound(
        m_peers.cbegin(), m_peers.cend(), name, [](const Peer &peer, const QString &value) {
            return peer.name < value;
        });
    if (it == m_peers.cend() || it->name != name)
        return std::nullopt;
    return static_cast<int>(it - m_peers.cbegin());
}

const ServiceInfo *Network::findService(const QString &qualifiedName) const
{
    for (const ServiceInfo &service : m_services) {
        if (service.qualifiedName() == qualifiedName)
            return &service;
    }
    return nullptr;
}

model::Labels Network::namespaceLabelsOf(const QString &ns) const
{
    const auto it = std::lower_bound(
        m_namespaces.cbegin(),
        m_namespaces.cend(),
        ns,
        [](const NamespaceInfo &info, const QString &value) { return info.name < value; });
    if (it != m_namespaces.cend() && it->name == ns)
        return it->labels;
    return {{metadataNameLabel, ns}};
}

const model::Labels &Network::namespaceLabels(const Peer &peer) const
{
    static const model::Labels none;
    if (peer.namespaceIndex < 0)
        return none;
    return m_namespaces[static_cast<std::size_t>(peer.namespaceIndex)].labels;
}

const std::vector<int> &Network::isolatingPolicies(int peer, Direction direction) const
{
    return m_isolating[slot(direction)][static_cast<std::size_t>(classOf(peer))];
}

bool Network::ruleSelects(int policy, Direction direction, int rule, int other) const
{
    const std::size_t d = slot(direction);
    const int base = m_ruleBase[d][static_cast<std::size_t>(policy)];
    return m_ruleSelects[d][static_cast<std::size_t>(base + rule)]
                        [static_cast<std::size_t>(classOf(other))];
}

ConnectionSet Network::egressAllowed(int source, int destination) const
{
    const std::vector<int> &isolating = isolatingPolicies(source, Direction::Egress);
    if (isolating.empty())
        return ConnectionSet::all();
    const Peer &target = m_peers[static_cast<std::size_t>(destination)];
    ConnectionSet set;
    for (int p : isolating) {
        const QList<PolicyRule> &rules = m_policies[static_cast<std::size_t>(p)].egress;
        for (int r = 0; r < rules.size(); ++r) {
            if (ruleSelects(p, Direction::Egress, r, destination))
                set = set.united(ruleConnections(rules.at(r), target));
        }
    }
    return set;
}

ConnectionSet Network::ingressAllowed(int source, int destination) const
{
    const std::vector<int> &isolating = isolatingPolicies(destination, Direction::Ingress);
    if (isolating.empty())
        return ConnectionSet::all();
    const Peer &target = m_peers[static_cast<std::size_t>(destination)];
    ConnectionSet set;
    for (int p : isolating) {
        const QList<PolicyRule> &rules = m_policies[static_cast<std::size_t>(p)].ingress;
        for (int r = 0; r < rules.size(); ++r) {
            if (ruleSelects(p, Direction::Ingress, r, source))
                set = set.united(ruleConnections(rules.at(r), target));
        }
    }
    return set;
}

ConnectionSet Network::allowed(int source, int destination) const
{
    if (source == destination)
        return ConnectionSet::all();
    return egressAllowed(source, destination).intersected(ingressAllowed(source, destination));
}

std::vector<int> Network::isolatingFor(const Side &subject, Direction direction) const
{
    std::vector<int> isolating;
    for (std::size_t p = 0; p < m_policies.size(); ++p) {
        if (m_policies[p].affects(direction) && policySelectsPod(m_policies[p], *subject.peer))
            isolating.push_back(static_cast<int>(p));
    }
    return isolating;
}

bool Network::ruleSelectsSide(int policy, Direction direction, int rule, const Side &other) const
{
    if (other.index >= 0)
        return ruleSelects(policy, direction, rule, other.index);
    const NetworkPolicy &owner = m_policies[static_cast<std::size_t>(policy)];
    return ruleSelectsPeer(
        owner, owner.rules(direction).at(rule), *other.peer, namespaceLabelsOf(other.peer->ns));
}

bool Network::directionAllows(const Side &source,
                              const Side &destination,
                              Direction direction,
                              Protocol protocol,
                              int port) const
{
    const Side &subject = direction == Direction::Ingress ? destination : source;
    const Side &other = direction == Direction::Ingress ? source : destination;
    if (!subject.peer->isPod())
        return true;
    std::vector<int> adHoc;
    if (subject.index < 0)
        adHoc = isolatingFor(subject, direction);
    const std::vector<int> &isolating
        = subject.index >= 0 ? isolatingPolicies(subject.index, direction) : adHoc;
    if (isolating.empty())
        return true;
    for (int p : isolating) {
        const QList<PolicyRule> &rules = m_policies[static_cast<std::size_t>(p)].rules(direction);
        for (int r = 0; r < rules.size(); ++r) {
            if (ruleSelectsSide(p, direction, r, other)
                && ruleAllows(rules.at(r), *destination.peer, protocol, port))
                return true;
        }
    }
    return false;
}

bool Network::isAllowed(int source, int destination, Protocol protocol, int port) const
{
    if (source == destination)
        return true;
    return directionAllows(side(source), side(destination), Direction::Egress, protocol, port)
           && directionAllows(side(source), side(destination), Direction::Ingress, protocol, port);
}

bool Network::classAllows(int sourceClass, int destinationClass, Protocol protocol, int port) const
{
    const Side source = side(m_classes[static_cast<std::size_t>(sourceClass)].front());
    const Side destination = side(m_classes[static_cast<std::size_t>(destinationClass)].front());
    return directionAllows(source, destination, Direction::Egress, protocol, port)
           && directionAllows(source, destination, Direction::Ingress, protocol, port);
}

bool Network::isAllowedFrom(const Peer &source, int destination, Protocol protocol, int port) const
{
    const Side from{&source, -1};
    return directionAllows(from, side(destination), Direction::Egress, protocol, port)
           && directionAllows(from, side(destination), Direction::Ingress, protocol, port);
}

QString Network::explainDirection(const Side &source,
                                  const Side &destination,
                                  Direction direction,
                                  Protocol protocol,
                                  int port) const
{
    return decideDirection(source, destination, direction, protocol, port).text;
}

DirectionDecision Network::decideDirection(const Side &source,
                                           const Side &destination,
                                           Direction direction,
                                           Protocol protocol,
                                           int port) const
{
    const Side &subject = direction == Direction::Ingress ? destination : source;
    const Side &other = direction == Direction::Ingress ? source : destination;
    const Peer &subjectPeer = *subject.peer;
    const Peer &otherPeer = *other.peer;
    DirectionDecision decision;
    decision.direction = direction;
    decision.subject = subjectPeer.name;
    decision.podSubject = subjectPeer.isPod();
    const QString head = ruleFieldName(direction)
                         + (direction == Direction::Ingress ? u" to "_s : u" from "_s)
                         + subjectPeer.name + u": "_s;
    if (!subjectPeer.isPod()) {
        decision.text = head + u"outside the cluster, no NetworkPolicy applies"_s;
        return decision;
    }
    decision.isolating = isolatingFor(subject, direction);
    if (decision.isolating.empty()) {
        decision.text = head + u"not isolated (no NetworkPolicy in "_s + subjectPeer.ns
                        + u" selects it for "_s + directionName(direction) + u")"_s;
        return decision;
    }
    QStringList allowing;
    for (int p : decision.isolating) {
        const NetworkPolicy &policy = m_policies[static_cast<std::size_t>(p)];
        const QList<PolicyRule> &rules = policy.rules(direction);
        for (int r = 0; r < rules.size(); ++r) {
            if (ruleSelectsSide(p, direction, r, other)
                && ruleAllows(rules.at(r), *destination.peer, protocol, port)) {
                decision.allowingRules.emplace_back(p, r);
                allowing << policy.qualifiedName() + QLatin1Char(' ') + ruleFieldName(direction)
                                + QLatin1Char('[') + QString::number(r) + QLatin1Char(']');
            }
        }
    }
    decision.allowed = !allowing.isEmpty();
    if (decision.allowed) {
        decision.text = head + u"allowed by "_s + allowing.join(u", "_s);
        return decision;
    }
    decision.text = head + u"denied: isolated by "_s + joinPolicyNames(*this, decision.isolating)
                    + u" and no "_s + ruleFieldName(direction) + u" rule allows "_s
                    + otherPeer.name + u" on "_s + portText(port, protocol);
    return decision;
}

DirectionDecision Network::decide(
    int source, int destination, Direction direction, Protocol protocol, int port) const
{
    if (source == destination) {
        DirectionDecision decision;
        decision.direction = direction;
        decision.subject = m_peers[static_cast<std::size_t>(source)].name;
        decision.text = decision.subject + u" to itself: a pod cannot block access to itself"_s;
        return decision;
    }
    return decideDirection(side(source), side(destination), direction, protocol, port);
}

DirectionDecision Network::decideFrom(
    const Peer &source, int destination, Direction direction, Protocol protocol, int port) const
{
    return decideDirection(Side{&source, -1}, side(destination), direction, protocol, port);
}

QString Network::explain(int source, int destination, Protocol protocol, int port) const
{
    if (source == destination) {
        return m_peers[static_cast<std::size_t>(source)].name
               + u" to itself: a pod cannot block access to itself"_s;
    }
    return explainDirection(side(source), side(destination), Direction::Egress, protocol, port)
           + u"; "_s
           + explainDirection(side(source), side(destination), Direction::Ingress, protocol, port);
}

QString Network::explainFrom(const Peer &source, int destination, Protocol protocol, int port) const
{
    const Side from{&source, -1};
    return explainDirection(from, side(destination), Direction::Egress, protocol, port) + u"; "_s
           + explainDirection(from, side(destination), Direction::Ingress, protocol, port);
}

bool Network::isAllowedTo(int source, const Peer &destination, Protocol protocol, int port) const
{
    const Side to{&destination, -1};
    return directionAllows(side(source), to, Direction::Egress, protocol, port)
           && directionAllows(side(source), to, Direction::Ingress, protocol, port);
}

QString Network::explainTo(int source, const Peer &destination, Protocol protocol, int port) const
{
    const Side to{&destination, -1};
    return explainDirection(side(source), to, Direction::Egress, protocol, port) + u"; "_s
           + explainDirection(side(source), to, Direction::Ingress, protocol, port);
}

std::optional<int> targetPortOn(const Peer &pod, const model::ServicePort &servicePort)
{
    bool numeric = false;
    const int number = servicePort.targetPort.toInt(&numeric);
    if (numeric)
        return number;
    return pod.namedPort(servicePort.targetPort, servicePort.protocol);
}

namespace {

struct PortKey
{
    int port;
    Protocol protocol;
    friend bool operator<(const PortKey &a, const PortKey &b)
    {
        if (a.port != b.port)
            return a.port < b.port;
        return protocolName(a.protocol) < protocolName(b.protocol);
    }
};

// The ports a destination is examined on without --port: its declared container ports; for an
// external, the numbered ports NetworkPolicy egress rules name (first port of a range).
std::vector<PortKey>
examinedPorts(const Network &network, const Peer &destination, const Query &query)
{
    std::set<PortKey> keys;
    if (query.port) {
        if (query.protocol) {
            keys.insert({*query.port, *query.protocol});
        } else {
            for (const model::ContainerPort &declared : destination.ports) {
                const auto protocol = parseProtocol(declared.protocol);
                if (declared.containerPort == *query.port && protocol)
                    keys.insert({*query.port, *protocol});
            }
            if (keys.empty())
                keys.insert({*query.port, Protocol::TCP});
        }
        return {keys.cbegin(), keys.cend()};
    }
    if (destination.isPod()) {
        for (const model::ContainerPort &declared : destination.ports) {
            const auto protocol = parseProtocol(declared.protocol);
            if (protocol && declared.containerPort >= minPort && declared.containerPort <= maxPort)
                keys.insert({declared.containerPort, *protocol});
        }
        return {keys.cbegin(), keys.cend()};
    }
    for (const NetworkPolicy &policy : network.policies()) {
        for (const PolicyRule &rule : policy.egress) {
            for (const PolicyPort &port : rule.ports) {
                if (port.kind == PolicyPort::Kind::Number)
                    keys.insert({port.port, port.protocol});
            }
        }
    }
    return {keys.cbegin(), keys.cend()};
}

struct Endpoints
{
    std::vector<int> peers;
    const ServiceInfo *service = nullptr;
    bool found = false;
};

Endpoints resolveEndpoints(const Network &network, const QString &name, bool allowService)
{
    Endpoints endpoints;
    if (name.isEmpty()) {
        for (std::size_t i = 0; i < network.peers().size(); ++i)
            endpoints.peers.push_back(static_cast<int>(i));
        endpoints.found = true;
        return endpoints;
    }
    if (const auto index = network.findPeer(name)) {
        endpoints.peers.push_back(*index);
        endpoints.found = true;
        return endpoints;
    }
    for (std::size_t i = 0; i < network.peers().size(); ++i) {
        if (network.peers()[i].workload == name)
            endpoints.peers.push_back(static_cast<int>(i));
    }
    if (!endpoints.peers.empty()) {
        endpoints.found = true;
        return endpoints;
    }
    if (allowService) {
        endpoints.service = network.findService(name);
        endpoints.found = endpoints.service != nullptr;
    }
    return endpoints;
}

void addServiceConnections(const Network &network,
                           int source,
                           const ServiceInfo &service,
                           const Query &query,
                           std::vector<Connection> &out)
{
    const QString kindText = service.view.headless
                                 ? u"headless Service "_s + service.qualifiedName()
                                       + u" (DNS returns the pod addresses)"_s
                                 : service.view.type + u" Service "_s + service.qualifiedName();
    for (int backend : service.backends) {
        if (backend == source)
            continue;
        const Peer &pod = network.peers()[static_cast<std::size_t>(backend)];
        for (const model::ServicePort &servicePort : service.view.ports) {
            const auto protocol = parseProtocol(servicePort.protocol);
            if (!protocol || (query.port && servicePort.port != *query.port)
                || (query.protocol && *protocol != *query.protocol)) {
                continue;
            }
            Connection connection;
            connection.from = source;
            connection.to = backend;
            connection.protocol = *protocol;
            connection.service = service.qualifiedName();
            connection.servicePort = servicePort.port;
            bool numeric = false;
            servicePort.targetPort.toInt(&numeric);
            const std::optional<int> target = targetPortOn(pod, servicePort);
            const QString via = u"via "_s + kindText + u" port "_s
                                + portText(servicePort.port, *protocol) + u" -> targetPort "_s
                                + servicePort.targetPort;
            if (!target) {
                connection.port = servicePort.port;
                connection.allowed = false;
                if (query.withReasons) {
                    connection.reason = via + u": "_s + pod.name + u" declares no "_s
                                        + servicePort.protocol + u" port named "_s
                                        + servicePort.targetPort
                                        + u", so it is not an endpoint of this port"_s;
                }
                out.push_back(std::move(connection));
                continue;
            }
            connection.port = *target;
            if (!network.peers()[static_cast<std::size_t>(source)].isPod()) {
                // From outside the cluster: only through a load balancer or a node port.
                const Peer &client = network.peers()[static_cast<std::size_t>(source)];
                if (!service.isLoadBalancer() && !service.isNodePort()) {
                    connection.allowed = false;
                    connection.reason = via + u": denied: "_s + client.name + u" is outside the "_s
                                        + u"cluster and a "_s + service.view.type
                                        + u" Service has no node port or load balancer"_s;
                } else {
                    const Arrival arrival
                        = arriveFromOutside(network,
                                            client,
                                            service,
                                            service.isLoadBalancer() ? ServiceEntry::LoadBalancer
                                                                     : ServiceEntry::NodePort,
                                            backend,
                                            *protocol,
                                            *target);
                    connection.allowed = arrival.allowed;
                    connection.reason
                        = via + (numeric ? QString() : u" = "_s + QString::number(*target))
                          + u"; "_s + arrival.reason;
                }
                if (!query.withReasons)
                    connection.reason.clear();
                out.push_back(std::move(connection));
                continue;
            }
            connection.allowed = network.isAllowed(source, backend, *protocol, *target);
            if (query.withReasons) {
                connection.reason
                    = via + (numeric ? QString() : u" = "_s + QString::number(*target)) + u" on "_s
                      + pod.name + u"; "_s + network.explain(source, backend, *protocol, *target);
            }
            out.push_back(std::move(connection));
        }
    }
}

} // namespace

QString streamQuery(const Network &network, const Query &query, const ConnectionSink &sink)
{
    const Endpoints sources = resolveEndpoints(network, query.from, false);
    if (!sources.found)
        return u"no pod, workload or external endpoint named '"_s + query.from + u"'"_s;
    const Endpoints destinations = resolveEndpoints(network, query.to, true);
    if (!destinations.found)
        return u"no pod, workload, Service or external endpoint named '"_s + query.to + u"'"_s;
    const bool pointQuery = !query.from.isEmpty() && !query.to.isEmpty();
    const std::vector<Peer> &peers = network.peers();
    if (destinations.service) {
        const ServiceInfo &service = *destinations.service;
        if (!service.view.externalName.isEmpty() || service.view.type == u"ExternalName"_s) {
            return u"Service "_s + service.qualifiedName() + u" is ExternalName ("_s
                   + service.view.externalName
                   + u"): it resolves outside the cluster; name that address with --external"_s;
        }
        if (!service.view.hasSelector) {
            return u"Service "_s + service.qualifiedName()
                   + u" has no selector: its endpoints are not derived from pods"_s;
        }
        std::vector<Connection> connections;
        for (int source : sources.peers)
            addServiceConnections(network, source, service, query, connections);
        std::stable_sort(connections.begin(),
                         connections.end(),
                         [&peers](const Connection &a, const Connection &b) {
                             if (a.from != b.from)
                                 return peers[static_cast<std::size_t>(a.from)].name
                                        < peers[static_cast<std::size_t>(b.from)].name;
                             if (a.to != b.to)
                                 return peers[static_cast<std::size_t>(a.to)].name
                                        < peers[static_cast<std::size_t>(b.to)].name;
                             if (a.port != b.port)
                                 return a.port < b.port;
                             if (a.protocol != b.protocol)
                                 return protocolName(a.protocol) < protocolName(b.protocol);
                             return a.servicePort < b.servicePort;
                         });
        for (Connection &connection : connections)
            sink(std::move(connection));
        return {};
    }
    // Peers are sorted by name and examinedPorts() by (port, protocol), so this emits in
    // CLI.md's order without sorting.
    std::optional<std::vector<PortKey>> externalPorts;
    std::size_t emitted = 0;
    for (int source : sources.peers) {
        const Peer &from = peers[static_cast<std::size_t>(source)];
        for (int destination : destinations.peers) {
            const Peer &to = peers[static_cast<std::size_t>(destination)];
            if (!from.isPod() && !to.isPod())
                continue; // no NetworkPolicy stands between two external endpoints
            if (source == destination && !pointQuery)
                continue;
            if (!to.isPod() && !externalPorts)
                externalPorts = examinedPorts(network, to, query);
            const std::vector<PortKey> podPorts
                = to.isPod() ? examinedPorts(network, to, query) : std::vector<PortKey>{};
            for (const PortKey &key : to.isPod() ? podPorts : *externalPorts) {
                Connection connection;
                connection.from = source;
                connection.to = destination;
                connection.port = key.port;
                connection.protocol = key.protocol;
                connection.allowed = network.isAllowed(source, destination, key.protocol, key.port);
                if (query.withReasons)
                    connection.reason
                        = network.explain(source, destination, key.protocol, key.port);
                sink(std::move(connection));
                ++emitted;
            }
        }
    }
    if (pointQuery && emitted == 0 && destinations.peers.size() == 1) {
        return peers[static_cast<std::size_t>(destinations.peers.front())].name
               + u" declares no ports to examine (externals: no egress rule names one); name one with --port"_s;
    }
    return {};
}

GroupTotals summarize(const Network &network, const Query &query)
{
    Q_ASSERT(query.from.isEmpty() && query.to.isEmpty());
    GroupTotals totals;
    const std::vector<Peer> &peers = network.peers();
    const auto groupOf = [](const Peer &peer) { return peer.isPod() ? peer.ns : peer.name; };
    std::optional<std::vector<PortKey>> externalPorts;
    const int classCount = static_cast<int>(network.classCount());
    for (int to = 0; to < classCount; ++to) {
        const std::vector<int> &destinations = network.classMembers(to);
        const Peer &destination = peers[static_cast<std::size_t>(destinations.front())];
        if (!destination.isPod() && !externalPorts)
            externalPorts = examinedPorts(network, destination, query);
        const std::vector<PortKey> podPorts = destination.isPod()
                                                  ? examinedPorts(network, destination, query)
                                                  : std::vector<PortKey>{};
        const std::vector<PortKey> &ports = destination.isPod() ? podPorts : *externalPorts;
        if (ports.empty())
            continue;
        const QString destinationGroup = groupOf(destination);
        for (int from = 0; from < classCount; ++from) {
            const std::vector<int> &sources = network.classMembers(from);
            const Peer &source = peers[static_cast<std::size_t>(sources.front())];
            if (!source.isPod() && !destination.isPod())
                continue;
            const qint64 pairs = from == to ? qint64(sources.size()) * qint64(sources.size() - 1)
                                            : qint64(sources.size()) * qint64(destinations.size());
            if (pairs == 0)
                continue;
            PairTotals &cell = totals[{groupOf(source), destinationGroup}];
            for (const PortKey &key : ports) {
                if (network.classAllows(from, to, key.protocol, key.port))
                    cell.allowed += pairs;
                else
                    cell.denied += pairs;
            }
        }
    }
    return totals;
}

WorkloadMatrix workloadMatrix(const Network &network, const Query &query)
{
    Q_ASSERT(query.from.isEmpty() && query.to.isEmpty());
    WorkloadMatrix matrix;
    const std::vector<Peer> &peers = network.peers();
    const int classCount = static_cast<int>(network.classCount());
    // Each class's workloads with how many of its members belong to each.
    std::vector<std::map<QString, int>> workloads(static_cast<std::size_t>(classCount));
    for (int c = 0; c < classCount; ++c) {
        for (int member : network.classMembers(c))
            ++workloads[static_cast<std::size_t>(c)]
                       [peers[static_cast<std::size_t>(member)].workload];
    }
    std::optional<std::vector<PortKey>> externalPorts;
    for (int to = 0; to < classCount; ++to) {
        const Peer &destination = peers[static_cast<std::size_t>(network.classMembers(to).front())];
        if (!destination.isPod() && !externalPorts)
            externalPorts = examinedPorts(network, destination, query);
        const std::vector<PortKey> podPorts = destination.isPod()
                                                  ? examinedPorts(network, destination, query)
                                                  : std::vector<PortKey>{};
        const std::vector<PortKey> &ports = destination.isPod() ? podPorts : *externalPorts;
        if (ports.empty())
            continue;
        for (int from = 0; from < classCount; ++from) {
            const Peer &source
                = peers[static_cast<std::size_t>(network.classMembers(from).front())];
            if (!source.isPod() && !destination.isPod())
                continue;
            if (from == to && network.classMembers(from).size() < 2)
                continue;
            ConnectionSet allowed;
            for (const PortKey &key : ports) {
                if (network.classAllows(from, to, key.protocol, key.port))
                    allowed.add(key.protocol, PortSet::range(key.port, key.port));
            }
            for (const auto &[sourceWorkload, sourceCount] :
                 workloads[static_cast<std::size_t>(from)]) {
                for (const auto &[destinationWorkload, destinationCount] :
                     workloads[static_cast<std::size_t>(to)]) {
                    // Within one class, a workload with one pod there has no pair but itself.
                    if (from == to && sourceWorkload == destinationWorkload && sourceCount < 2)
                        continue;
                    ConnectionSet &cell = matrix.cells[{sourceWorkload, destinationWorkload}];
                    cell = cell.united(allowed);
                    matrix.groupOf[sourceWorkload] = source.isPod() ? source.ns : source.name;
                    matrix.groupOf[destinationWorkload]
                        = destination.isPod() ? destination.ns : destination.name;
                }
            }
        }
    }
    return matrix;
}

QueryResult runQuery(const Network &network, const Query &query)
{
    QueryResult result;
    result.error = streamQuery(network, query, [&result](Connection &&connection) {
        result.connections.push_back(std::move(connection));
    });
    if (!result.error.isEmpty())
        result.connections.clear();
    return result;
}

} // namespace kstudio::sim::reach
