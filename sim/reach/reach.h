// SPDX-License-Identifier: GPL-3.0-or-later
// The reachability engine: the design's pods, external endpoints, namespaces, Services and
// NetworkPolicies, and the queries over them (every pair, or --from/--to/--port).
// Semantics: kubernetes/website content/en/docs/concepts/services-networking/network-policies.md
// ("Isolated and Non-isolated Pods": a connection needs the source's egress and the
// destination's ingress to allow it; "a pod cannot block access to itself").
// Mirrors: np-guard/netpol-analyzer pkg/netpol/eval/check.go (v1.3, shape only).
#pragma once

#include "connection_set.h"
#include "peer.h"
#include "policy_eval.h"

#include <model/core/snapshot.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace kstudio::sim::reach {

// A namespace as NetworkPolicy's namespaceSelector sees it: a Namespace object's labels plus the
// kubernetes.io/metadata.name label the control plane sets (namespaces referenced but not
// declared exist with that label only).
struct NamespaceInfo
{
    QString name;
    model::Labels labels;
};

// A Service of the design, resolved to the pods its selector picks, with what decides how it is
// reached from outside the cluster (Services concept page, "Publishing Services (ServiceTypes)";
// "Virtual IPs and Service Proxies", traffic policies).
struct ServiceInfo
{
    QString ns;
    QString name;
    model::ServiceView view;
    std::vector<int> backends; // peer indices, sorted by name
    // spec.loadBalancerSourceRanges, else the service.beta.kubernetes.io/
    // load-balancer-source-ranges annotation; empty: any client.
    QList<Cidr> sourceRanges;
    QStringList invalidSourceRanges;
    bool localTraffic = false;     // externalTrafficPolicy: Local (default Cluster)
    bool allocateNodePorts = true; // spec.allocateLoadBalancerNodePorts (default true)
    bool ipv4 = true;              // spec.ipFamilies (default: the cluster's primary, IPv4)
    bool ipv6 = false;

    QString qualifiedName() const { return ns + QLatin1Char('/') + name; }
    bool isExternalName() const
    {
        return view.type == QLatin1String("ExternalName") || !view.externalName.isEmpty();
    }
    bool isNodePort() const // NodePort, and LoadBalancer unless node ports are not allocated
    {
        return view.type == QLatin1String("NodePort")
               || (view.type == QLatin1String("LoadBalancer") && allocateNodePorts);
    }
    bool isLoadBalancer() const { return view.type == QLatin1String("LoadBalancer"); }
};

// A Node's address as NetworkPolicy would see it after SNAT (status.addresses, InternalIP).
struct NodeAddress
{
    QString node;
    Cidr address;
};

// The port a Service port sends to on pod: a number, or the pod's own containerPort of that
// name and protocol (Services concept page: targetPort "can be different in each backend Pod").
std::optional<int> targetPortOn(const Peer &pod, const model::ServicePort &servicePort);

// One direction's verdict as data: the subject (the source for Egress, the destination for
// Ingress) is outside the cluster, not isolated, or isolated by `isolating` and admitted by the
// rules in `allowingRules` (policy index, rule index into Network::policies()). `text` is the
// sentence explain() gives for this direction.
struct DirectionDecision
{
    Direction direction = Direction::Ingress;
    bool allowed = true;
    bool podSubject = true;
    QString subject; // the subject's peer name
    std::vector<int> isolating;
    std::vector<std::pair<int, int>> allowingRules;
    QString text;
};

// Everything a query needs, built once from a snapshot. Peers are sorted by name (pods and
// ip: externals together), so iterating indices gives CLI.md's order.
class Network
{
public:
    static Network build(const model::Snapshot &snapshot, const QList<Cidr> &externals = {});

    const std::vector<Peer> &peers() const { return m_peers; }
    const std::vector<NamespaceInfo> &namespaces() const { return m_namespaces; }
    const std::vector<NetworkPolicy> &policies() const { return m_policies; }
    const std::vector<ServiceInfo> &services() const { return m_services; }
    const std::vector<NodeAddress> &nodeAddresses() const { return m_nodeAddresses; }
    // Policies the API server would reject, DaemonSets without nodes: one line each.
    const QStringList &warnings() const { return m_warnings; }

    std::optional<int> findPeer(const QString &name) const;
    const ServiceInfo *findService(const QString &qualifiedName) const;
    const model::Labels &namespaceLabels(const Peer &peer) const;
    // A namespace's labels, also for one the design does not declare (its name label only).
    model::Labels namespaceLabelsOf(const QString &ns) const;

    // Equivalence classes of peers: pods with the same namespace, labels and container ports
    // (every policy treats them alike); each external alone. Members are sorted peer indices,
    // classes are numbered by their first member.
    std::size_t classCount() const { return m_classes.size(); }
    int classOf(int peer) const { return m_classOf[static_cast<std::size_t>(peer)]; }
    const std::vector<int> &classMembers(int cls) const
    {
        return m_classes[static_cast<std::size_t>(cls)];
    }
    // isAllowed() between two different pods of these classes (the same class included: two
    // replicas are distinct pods), without the "a pod cannot block access to itself" exception.
    bool classAllows(int sourceClass, int destinationClass, Protocol protocol, int port) const;

    // Indices of the policies that select peer for direction (empty: not isolated).
    const std::vector<int> &isolatingPolicies(int peer, Direction direction) const;
    // Rule `rule` of policy `policy` selects peer `other` as a source/destination.
    bool ruleSelects(int policy, Direction direction, int rule, int other) const;

    // What source's egress allows towards destination (All when not isolated or external).
    ConnectionSet egressAllowed(int source, int destination) const;
    // What destination's ingress allows from source.
    ConnectionSet ingressAllowed(int source, int destination) const;
    // Both: the traffic that flows. A pod to itself is always All.
    ConnectionSet allowed(int source, int destination) const;
    bool isAllowed(int source, int destination, Protocol protocol, int port) const;
    // The "why": the deciding policies by ns/name and rule index, for both directions.
    QString explain(int source, int destination, Protocol protocol, int port) const;
    // The same for one direction, as data (a pod to itself: allowed, nothing isolates).
    DirectionDecision
    decide(int source, int destination, Direction direction, Protocol protocol, int port) const;
    DirectionDecision decideFrom(const Peer &source,
                                 int destination,
                                 Direction direction,
                                 Protocol protocol,
                                 int port) const;

    // The same for a source that is not one of peers(): an ingress controller or Gateway proxy
    // the design does not declare, or the address traffic from outside arrives with (the
    // client's, or a node's after SNAT).
    bool isAllowedFrom(const Peer &source, int destination, Protocol protocol, int port) const;
    QString explainFrom(const Peer &source, int destination, Protocol protocol, int port) const;
    // And towards a destination that is not one of peers() (kube-dns the design leaves out).
    bool isAllowedTo(int source, const Peer &destination, Protocol protocol, int port) const;
    QString explainTo(int source, const Peer &destination, Protocol protocol, int port) const;

private:
    // One end: a peer of the network (index >= 0, cached selections) or an ad-hoc one.
    struct Side
    {
        const Peer *peer = nullptr;
        int index = -1;
    };
    Side side(int index) const { return {&m_peers[static_cast<std::size_t>(index)], index}; }
    std::vector<int> isolatingFor(const Side &subject, Direction direction) const;
    bool ruleSelectsSide(int policy, Direction direction, int rule, const Side &other) const;
    bool directionAllows(const Side &source,
                         const Side &destination,
                         Direction direction,
                         Protocol protocol,
                         int port) const;
    QString explainDirection(const Side &source,
                             const Side &destination,
                             Direction direction,
                             Protocol protocol,
                             int port) const;
    DirectionDecision decideDirection(const Side &source,
                                      const Side &destination,
                                      Direction direction,
                                      Protocol protocol,
                                      int port) const;

    std::vector<Peer> m_peers;
    std::vector<NamespaceInfo> m_namespaces;
    std::vector<NetworkPolicy> m_policies;
    std::vector<ServiceInfo> m_services;
    std::vector<NodeAddress> m_nodeAddresses;
    QStringList m_warnings;
    std::vector<int> m_classOf;                      // [peer] -> class
    std::vector<std::vector<int>> m_classes;         // [class] -> member peers
    std::vector<int> m_ruleBase[2];                  // [direction][policy] -> first rule slot
    std::vector<std::vector<bool>> m_ruleSelects[2]; // [direction][rule slot][class]
    std::vector<std::vector<int>> m_isolating[2];    // [direction][class] -> policies
};

// One answer: CLI.md's {"from","to","port","protocol","allowed","reason"}, plus the Service
// the question went through, when it did.
struct Connection
{
    int from = -1;
    int to = -1;
    int port = 0;
    Protocol protocol = Protocol::TCP;
    bool allowed = false;
    QString reason;
    QString service; // "ns/name" when --to named a Service
    int servicePort = 0;
    // Exposure answers (exposure.h): the source when it is not a peer of the network (the
    // internet, a client range, an undeclared controller), the way in and the object it uses.
    QString fromName;
    QString exposure; // "LoadBalancer", "NodePort", "Ingress", "Gateway"
    QString via;      // "ns/name" of the Service, Ingress or Gateway
    QString route;    // the way through it: "load balancer port 80/TCP", an Ingress host/path
    QString routeKind; // through a Gateway: the route object followed ("HTTPRoute", ...)
    QString routeName; // and its "ns/name"
};

struct Query
{
    QString from; // a pod, a workload ("ns/name"), or "ip:ADDRESS"
    QString to;   // the same, or a Service ("ns/name")
    std::optional<int> port;
    std::optional<Protocol> protocol; // with port: only this protocol
    bool withReasons = true;
};

struct QueryResult
{
    std::vector<Connection> connections; // sorted by from, to, port, protocol
    QString error;                       // a query that names nothing: usage error
};

QueryResult runQuery(const Network &network, const Query &query);

// The same answers, handed to sink one at a time in the same order without being kept (a full
// listing of 10,000 pods is 100 million entries). Returns the usage error, or an empty string.
using ConnectionSink = std::function<void(Connection &&)>;
QString streamQuery(const Network &network, const Query &query, const ConnectionSink &sink);

// Totals of the full listing (no from/to; a port filter is kept) per (source group, destination
// group), a group being a namespace or an external's name, without listing it: one verdict per
// pair of equivalence classes and port, weighted by the pairs of pods it stands for.
struct PairTotals
{
    qint64 allowed = 0;
    qint64 denied = 0;
};
using GroupTotals = std::map<std::pair<QString, QString>, PairTotals>;
GroupTotals summarize(const Network &network, const Query &query);

// The full listing grouped by (source workload, destination workload): the allowed ports of
// each pair that has connections (an empty set: none allowed), and each workload's group.
// workloadMatrix() computes it by equivalence classes without listing.
struct WorkloadMatrix
{
    std::map<std::pair<QString, QString>, ConnectionSet> cells;
    std::map<QString, QString> groupOf; // workload -> namespace, or the external's name
};
WorkloadMatrix workloadMatrix(const Network &network, const Query &query);

} // namespace kstudio::sim::reach
