// SPDX-License-Identifier: GPL-3.0-or-later
// NetworkPolicy reading (with the API server's defaulting and the validation that decides whether
// a policy exists at all) and the per-rule predicates.
// Mirrors: np-guard/netpol-analyzer pkg/netpol/eval/internal/k8s/netpol.go (v1.3);
// defaulting: kubernetes/kubernetes pkg/apis/networking/v1/defaults.go (v1.30);
// validation: pkg/apis/networking/validation/validation.go (v1.30, ValidateNetworkPolicySpec).
#include "policy_eval.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace kstudio::sim::reach {

namespace {

using model::FieldPath;
using model::Node;

bool isAbsent(const Node *node)
{
    return !node || node->isNull()
           || (node->isScalar() && node->scalarKind() == model::ScalarKind::Null);
}

QString at(const FieldPath &path)
{
    return QString::fromStdString(path.toString());
}

// IANA_SVC_NAME, as a named port must be: 1-15 of [a-z0-9-], a letter, no "--", no edge "-".
bool isPortName(const QString &name)
{
    static const QRegularExpression pattern(u"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"_s);
    return name.size() <= 15 && pattern.match(name).hasMatch() && !name.contains(u"--"_s)
           && name.contains(QRegularExpression(u"[a-z]"_s));
}

std::optional<PolicyPort> readPort(const Node &node, const FieldPath &path, QStringList &errors)
{
    PolicyPort port;
    if (!node.isMapping()) {
        errors << at(path) + u": must be an object"_s;
        return std::nullopt;
    }
    const Node *protocol = node.get("protocol");
    if (!isAbsent(protocol)) {
        const auto parsed = parseProtocol(protocol->qtext());
        if (!parsed) {
            errors << at(path.child("protocol")) + u": Unsupported value: \""_s + protocol->qtext()
                          + u"\": supported values: \"SCTP\", \"TCP\", \"UDP\""_s;
            return std::nullopt;
        }
        port.protocol = *parsed;
    }
    const Node *number = node.get("port");
    const Node *endPort = node.get("endPort");
    if (isAbsent(number)) {
        if (!isAbsent(endPort)) {
            errors << at(path.child("endPort"))
                          + u": may not be specified when `port` is not specified"_s;
            return std::nullopt;
        }
        return port;
    }
    if (const auto value = number->toInt()) {
        if (*value < minPort || *value > maxPort) {
            errors << at(path.child("port")) + u": must be between 1 and 65535, inclusive"_s;
            return std::nullopt;
        }
        port.kind = PolicyPort::Kind::Number;
        port.port = static_cast<int>(*value);
        port.endPort = port.port;
    } else {
        port.kind = PolicyPort::Kind::Name;
        port.name = number->qtext();
        if (!isPortName(port.name)) {
            errors << at(path.child("port")) + u": Invalid value: \""_s + port.name
                          + u"\": must be a port number or an IANA_SVC_NAME"_s;
            return std::nullopt;
        }
    }
    if (!isAbsent(endPort)) {
        const auto value = endPort->toInt();
        if (port.kind == PolicyPort::Kind::Name) {
            errors << at(path.child("endPort"))
                          + u": may not be specified when `port` is non-numeric"_s;
            return std::nullopt;
        }
        if (!value || *value < port.port || *value > maxPort) {
            errors << at(path.child("endPort")) + u": must be greater than or equal to `port`"_s;
            return std::nullopt;
        }
        port.endPort = static_cast<int>(*value);
    }
    return port;
}

std::optional<IpBlock> readIpBlock(const Node &node, const FieldPath &path, QStringList &errors)
{
    if (!node.isMapping()) {
        errors << at(path) + u": must be an object"_s;
        return std::nullopt;
    }
    const Node *cidrNode = node.get("cidr");
    const auto cidr = isAbsent(cidrNode) ? std::nullopt : Cidr::parse(cidrNode->qtext());
    if (!cidr) {
        errors << at(path.child("cidr")) + u": Invalid value: must be a valid CIDR"_s;
        return std::nullopt;
    }
    IpBlock block{*cidr, {}};
    const Node *except = node.get("except");
    if (isAbsent(except))
        return block;
    int index = 0;
    for (const Node &item : except->children()) {
        const FieldPath itemPath = path.child("except").child(index++);
        const auto hole = Cidr::parse(item.qtext());
        if (!hole) {
            errors << at(itemPath) + u": Invalid value: must be a valid CIDR"_s;
            return std::nullopt;
        }
        if (!cidr->contains(*hole) || hole->prefix <= cidr->prefix) {
            errors << at(itemPath) + u": Invalid value: \""_s + item.qtext()
                          + u"\": must be a strict subset of `cidr`"_s;
            return std::nullopt;
        }
        block.except << *hole;
    }
    return block;
}

std::optional<PolicyPeer> readPeer(const Node &node, const FieldPath &path, QStringList &errors)
{
    if (!node.isMapping()) {
        errors << at(path) + u": must be an object"_s;
        return std::nullopt;
    }
    PolicyPeer peer;
    const FieldPath podPath = path.child("podSelector");
    const FieldPath nsPath = path.child("namespaceSelector");
    peer.podSelector = model::parseSelector(
        node.get("podSelector"), model::SelectorUse::NetworkPolicyPeer, podPath);
    peer.namespaceSelector = model::parseSelector(
        node.get("namespaceSelector"), model::SelectorUse::NetworkPolicyPeer, nsPath);
    for (const model::Selection *selection : {&peer.podSelector, &peer.namespaceSelector}) {
        if (!selection->isValid()) {
            errors << selection->errors();
            return std::nullopt;
        }
    }
    const Node *ipBlock = node.get("ipBlock");
    const bool hasSelector = peer.podSelector.isSpecified() || peer.namespaceSelector.isSpecified();
    if (!isAbsent(ipBlock)) {
        if (hasSelector) {
            errors << at(path) + u": Forbidden: may not specify more than 1 peer type"_s;
            return std::nullopt;
        }
        peer.ipBlock = readIpBlock(*ipBlock, path.child("ipBlock"), errors);
        if (!peer.ipBlock)
            return std::nullopt;
    } else if (!hasSelector) {
        errors << at(path) + u": Required value: must specify a peer"_s;
        return std::nullopt;
    }
    return peer;
}

std::optional<PolicyRule>
readRule(const Node &node, const FieldPath &path, const char *peersKey, QStringList &errors)
{
    PolicyRule rule;
    if (isAbsent(&node))
        return rule; // "- {}" and "- " alike: every peer, every port
    if (!node.isMapping()) {
        errors << at(path) + u": must be an object"_s;
        return std::nullopt;
    }
    const Node *peers = node.get(peersKey);
    if (!isAbsent(peers)) {
        int index = 0;
        for (const Node &item : peers->children()) {
            auto peer = readPeer(item, path.child(peersKey).child(index++), errors);
            if (!peer)
                return std::nullopt;
            rule.peers << std::move(*peer);
        }
    }
    const Node *ports = node.get("ports");
    if (!isAbsent(ports)) {
        int index = 0;
        for (const Node &item : ports->children()) {
            auto port = readPort(item, path.child("ports").child(index++), errors);
            if (!port)
                return std::nullopt;
            rule.ports << *port;
        }
    }
    return rule;
}

bool readRules(const Node *list,
               const FieldPath &path,
               const char *peersKey,
               QList<PolicyRule> &rules,
               QStringList &errors)
{
    if (isAbsent(list))
        return true;
    if (!list->isSequence()) {
        errors << at(path) + u": must be a list"_s;
        return false;
    }
    int index = 0;
    for (const Node &item : list->children()) {
        auto rule = readRule(item, path.child(index++), peersKey, errors);
        if (!rule)
            return false;
        rules << std::move(*rule);
    }
    return true;
}

} // namespace

QString directionName(Direction direction)
{
    return direction == Direction::Ingress ? u"Ingress"_s : u"Egress"_s;
}

QString ruleFieldName(Direction direction)
{
    return direction == Direction::Ingress ? u"ingress"_s : u"egress"_s;
}

PolicyReadResult readPolicy(const model::Object &object)
{
    PolicyReadResult result;
    NetworkPolicy policy;
    policy.ns = object.effectiveNamespace();
    policy.name = object.name();
    const Node *spec = object.body.get("spec");
    const FieldPath specPath{{"spec"}};
    if (!isAbsent(spec) && !spec->isMapping()) {
        result.errors << u"spec: must be an object"_s;
        return result;
    }
    const auto field = [spec](const char *key) -> const Node * {
        return isAbsent(spec) ? nullptr : spec->get(key);
    };
    policy.podSelector = model::parseSelector(field("podSelector"),
                                              model::SelectorUse::NetworkPolicyPodSelector,
                                              specPath.child("podSelector"));
    if (!policy.podSelector.isValid()) {
        result.errors << policy.podSelector.errors();
        return result;
    }
    if (!readRules(
            field("ingress"), specPath.child("ingress"), "from", policy.ingress, result.errors)
        || !readRules(
            field("egress"), specPath.child("egress"), "to", policy.egress, result.errors)) {
        return result;
    }
    // policyTypes: when empty, Ingress always, and Egress when there are egress rules
    // (SetDefaults_NetworkPolicy; the concept page's "policyTypes" paragraph).
    const Node *types = field("policyTypes");
    if (isAbsent(types) || types->size() == 0) {
        policy.affectsIngress = true;
        policy.affectsEgress = !policy.egress.isEmpty();
    } else {
        int index = 0;
        for (const Node &type : types->children()) {
            if (type.text() == "Ingress") {
                policy.affectsIngress = true;
            } else if (type.text() == "Egress") {
                policy.affectsEgress = true;
            } else {
                result.errors << at(specPath.child("policyTypes").child(index))
                                     + u": Unsupported value: \""_s + type.qtext()
                                     + u"\": supported values: \"Egress\", \"Ingress\""_s;
                return result;
            }
            ++index;
        }
    }
    result.policy = std::move(policy);
    return result;
}

bool policySelectsPod(const NetworkPolicy &policy, const Peer &pod)
{
    return pod.isPod() && pod.ns == policy.ns && policy.podSelector.matches(pod.labels);
}

bool peerSelects(const NetworkPolicy &policy,
                 const PolicyPeer &peer,
                 const Peer &other,
                 const model::Labels &otherNamespaceLabels)
{
    if (peer.ipBlock)
        return !other.isPod() && peer.ipBlock->containsWhole(other.address);
    if (!other.isPod())
        return false;
    const bool namespaceMatches = peer.namespaceSelector.isSpecified()
                                      ? peer.namespaceSelector.matches(otherNamespaceLabels)
                                      : other.ns == policy.ns;
    if (!namespaceMatches)
        return false;
    return !peer.podSelector.isSpecified() || peer.podSelector.matches(other.labels);
}

bool ruleSelectsPeer(const NetworkPolicy &policy,
                     const PolicyRule &rule,
                     const Peer &other,
                     const model::Labels &otherNamespaceLabels)
{
    if (rule.peers.isEmpty())
        return true;
    for (const PolicyPeer &peer : rule.peers) {
        if (peerSelects(policy, peer, other, otherNamespaceLabels))
            return true;
    }
    return false;
}

ConnectionSet ruleConnections(const PolicyRule &rule, const Peer &destination)
{
    if (rule.ports.isEmpty())
        return ConnectionSet::all();
    ConnectionSet set;
    for (const PolicyPort &port : rule.ports) {
        switch (port.kind) {
        case PolicyPort::Kind::AnyPort:
            set.addAll(port.protocol);
            break;
        case PolicyPort::Kind::Number:
            set.add(port.protocol, PortSet::range(port.port, port.endPort));
            break;
        case PolicyPort::Kind::Name:
            if (const auto number = destination.namedPort(port.name, protocolName(port.protocol)))
                set.add(port.protocol, PortSet::range(*number, *number));
            break;
        }
    }
    return set;
}

bool ruleAllows(const PolicyRule &rule, const Peer &destination, Protocol protocol, int port)
{
    if (rule.ports.isEmpty())
        return true;
    for (const PolicyPort &allowed : rule.ports) {
        if (allowed.protocol != protocol)
            continue;
        switch (allowed.kind) {
        case PolicyPort::Kind::AnyPort:
            return true;
        case PolicyPort::Kind::Number:
            if (port >= allowed.port && port <= allowed.endPort)
                return true;
            break;
        case PolicyPort::Kind::Name:
            if (destination.namedPort(allowed.name, protocolName(protocol)) == port)
                return true;
            break;
        }
    }
    return false;
}

} // namespace kstudio::sim::reach
