// SPDX-License-Identifier: GPL-3.0-or-later
// NetworkPolicy semantics per direction: which pods a policy isolates, which peers and ports a
// rule allows. Semantics: kubernetes/website content/en/docs/concepts/services-networking/
// network-policies.md and k8s.io/api networking/v1/types.go (v1.30 wording).
// Mirrors: np-guard/netpol-analyzer pkg/netpol/eval/internal/k8s/netpol.go (v1.3, shape only).
#pragma once

#include "connection_set.h"
#include "peer.h"

#include <model/core/object.h>
#include <model/semantics/label_selector.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace kstudio::sim::reach {

enum class Direction : unsigned char { Ingress, Egress };
QString directionName(Direction direction); // "Ingress" / "Egress"
QString ruleFieldName(Direction direction); // "ingress" / "egress"

// One NetworkPolicyPeer. Absent selectors are Selection::notSpecified().
struct PolicyPeer
{
    model::Selection podSelector;
    model::Selection namespaceSelector;
    std::optional<IpBlock> ipBlock;
};

// One NetworkPolicyPort: protocol (default TCP) and a number, a number range (endPort) or a
// named port; no port at all matches every port of the protocol.
struct PolicyPort
{
    enum class Kind : unsigned char { AnyPort, Number, Name };
    Protocol protocol = Protocol::TCP;
    Kind kind = Kind::AnyPort;
    int port = 0;
    int endPort = 0; // == port unless endPort was given
    QString name;
};

// One ingress or egress rule. Empty peers: every source/destination ("from"/"to" empty or
// missing). Empty ports: every port.
struct PolicyRule
{
    QList<PolicyPeer> peers;
    QList<PolicyPort> ports;
};

// A NetworkPolicy as the API server stores it (policyTypes defaulted).
struct NetworkPolicy
{
    QString ns;
    QString name;
    model::Selection podSelector;
    bool affectsIngress = false;
    bool affectsEgress = false;
    QList<PolicyRule> ingress;
    QList<PolicyRule> egress;

    QString qualifiedName() const { return ns + QLatin1Char('/') + name; }
    bool affects(Direction direction) const
    {
        return direction == Direction::Ingress ? affectsIngress : affectsEgress;
    }
    const QList<PolicyRule> &rules(Direction direction) const
    {
        return direction == Direction::Ingress ? ingress : egress;
    }
};

// Reads a NetworkPolicy object. Returns the errors the API server would reject it with (the
// policy then never exists, so callers ignore it) or the policy.
struct PolicyReadResult
{
    std::optional<NetworkPolicy> policy;
    QStringList errors;
};
PolicyReadResult readPolicy(const model::Object &object);

// The policy selects pod for its direction(s): same namespace and podSelector matches.
bool policySelectsPod(const NetworkPolicy &policy, const Peer &pod);

// The peer entry selects other (the remote end): podSelector alone = pods of the policy's
// namespace; namespaceSelector alone = all pods of the selected namespaces; both = AND;
// ipBlock = externals wholly inside cidr minus except. Pod addresses are not modelled, so
// ipBlock never selects a pod, and selectors never select an external.
bool peerSelects(const NetworkPolicy &policy,
                 const PolicyPeer &peer,
                 const Peer &other,
                 const model::Labels &otherNamespaceLabels);

bool ruleSelectsPeer(const NetworkPolicy &policy,
                     const PolicyRule &rule,
                     const Peer &other,
                     const model::Labels &otherNamespaceLabels);

// The ports the rule allows towards destination; named ports resolve against destination's
// own container ports (same name and protocol), and match nothing when it has none.
ConnectionSet ruleConnections(const PolicyRule &rule, const Peer &destination);
// ruleConnections(rule, destination).contains(protocol, port), without building the set.
bool ruleAllows(const PolicyRule &rule, const Peer &destination, Protocol protocol, int port);

} // namespace kstudio::sim::reach
