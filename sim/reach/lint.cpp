// SPDX-License-Identifier: GPL-3.0-or-later
// Reachability findings: redundant NetworkPolicies, blocked DNS, Services their clients cannot
// reach. Mirrors: np-guard/netpol-analyzer pkg/netpol/eval (v1.3, connectivity per pair, shape
// only); the DNS names a pod may use: kubernetes/website content/en/docs/concepts/
// services-networking/dns-pod-service.md ("my-svc", "my-svc.my-namespace",
// "my-svc.my-namespace.svc.cluster-domain.example").
#include "lint.h"

#include "exposure.h"

#include <model/kinds/views.h>

#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace kstudio::sim::reach {

namespace {

QString portText(int port, Protocol protocol)
{
    return QString::number(port) + QLatin1Char('/') + protocolName(protocol);
}

const Peer &peerAt(const Network &network, int index)
{
    return network.peers()[static_cast<std::size_t>(index)];
}

QString pluralPods(std::size_t count)
{
    return QString::number(count) + (count == 1 ? u" pod"_s : u" pods"_s);
}

// --- a policy that allows nothing new ------------------------------------------------------------

// What policy's rules in direction allow between subject pod and other (whose traffic the rules
// name), or, for the other policies isolating subject, what they allow together.
ConnectionSet
policyAllows(const Network &network, int policy, Direction direction, int subject, int other)
{
    const QList<PolicyRule> &rules
        = network.policies()[static_cast<std::size_t>(policy)].rules(direction);
    const Peer &destination = peerAt(network, direction == Direction::Ingress ? subject : other);
    ConnectionSet set;
    for (int r = 0; r < rules.size(); ++r) {
        if (network.ruleSelects(policy, direction, r, other))
            set = set.united(ruleConnections(rules.at(r), destination));
    }
    return set;
}

// The address ranges a policy's rules name (ipBlock cidrs; everyone for a rule without peers):
// traffic from addresses the design does not list as externals.
struct NamedRange
{
    int rule;
    Cidr range;
};

QList<NamedRange> namedRanges(const NetworkPolicy &policy, Direction direction)
{
    QList<NamedRange> ranges;
    const QList<PolicyRule> &rules = policy.rules(direction);
    for (int r = 0; r < rules.size(); ++r) {
        if (rules.at(r).peers.isEmpty()) {
            ranges << NamedRange{r, *Cidr::parse(u"0.0.0.0/0"_s)}
                   << NamedRange{r, *Cidr::parse(u"::/0"_s)};
        }
        for (const PolicyPeer &peer : rules.at(r).peers) {
            if (peer.ipBlock)
                ranges << NamedRange{r, peer.ipBlock->cidr};
        }
    }
    return ranges;
}

// Whether policy adds something in direction for subject beyond the other isolating policies.
// Conservative for address ranges: the policy's own range is taken whole (except ignored), and
// the others must admit all of it.
bool addsSomething(const Network &network,
                   int policy,
                   Direction direction,
                   int subject,
                   const std::vector<int> &others)
{
    const NetworkPolicy &self = network.policies()[static_cast<std::size_t>(policy)];
    // A selector peer that matches no pod of the design names pods the design leaves out (the
    // cluster's kube-dns, another team's namespace): what it allows cannot be compared.
    for (const PolicyRule &rule : self.rules(direction)) {
        for (const PolicyPeer &peer : rule.peers) {
            if (peer.ipBlock)
                continue;
            bool matchesSome = false;
            for (std::size_t c = 0; c < network.classCount() && !matchesSome; ++c) {
                const Peer &member
                    = peerAt(network, network.classMembers(static_cast<int>(c)).front());
                matchesSome = peerSelects(self, peer, member, network.namespaceLabels(member));
            }
            if (!matchesSome)
                return true;
        }
    }
    // One peer per equivalence class stands for all (the verdicts are the same); in the
    // subject's own class another member, since a pod cannot block access to itself.
    const int subjectClass = network.classOf(subject);
    for (std::size_t c = 0; c < network.classCount(); ++c) {
        const std::vector<int> &members = network.classMembers(static_cast<int>(c));
        int other = members.front();
        if (other == subject || static_cast<int>(c) == subjectClass) {
            if (members.size() < 2)
                continue;
            other = members.front() == subject ? members[1] : members.front();
        }
        const ConnectionSet mine = policyAllows(network, policy, direction, subject, other);
        if (mine.isEmpty())
            continue;
        ConnectionSet theirs;
        for (int q : others)
            theirs = theirs.united(policyAllows(network, q, direction, subject, other));
        if (!mine.subtracted(theirs).isEmpty())
            return true;
    }
    const NetworkPolicy &owner = network.policies()[static_cast<std::size_t>(policy)];
    const Peer &subjectPeer = peerAt(network, subject);
    for (const NamedRange &named : namedRanges(owner, direction)) {
        Peer range;
        range.kind = PeerKind::External;
        range.name = u"ip:"_s + named.range.toString();
        range.address = named.range;
        const Peer &destination = direction == Direction::Ingress ? subjectPeer : range;
        const ConnectionSet mine
            = ruleConnections(owner.rules(direction).at(named.rule), destination);
        ConnectionSet theirs;
        for (int q : others) {
            const NetworkPolicy &otherPolicy = network.policies()[static_cast<std::size_t>(q)];
            for (const PolicyRule &rule : otherPolicy.rules(direction)) {
                if (ruleSelectsPeer(otherPolicy, rule, range, {}))
                    theirs = theirs.united(ruleConnections(rule, destination));
            }
        }
        if (!mine.subtracted(theirs).isEmpty())
            return true;
    }
    return false;
}

// Policies are examined in name order, and one already reported no longer counts as covering
// the next: of two identical policies only the first is reported, so removing every reported
// policy together still changes no verdict.
void lintRedundantPolicies(const Network &network, std::vector<LintFinding> &out)
{
    std::vector<bool> reported(network.policies().size(), false);
    for (std::size_t p = 0; p < network.policies().size(); ++p) {
        const NetworkPolicy &policy = network.policies()[p];
        const int index = static_cast<int>(p);
        bool hasRules = false;
        bool matters = false;
        bool selectsAny = false;
        QSet<int> covering;
        QStringList directions;
        for (Direction direction : {Direction::Ingress, Direction::Egress}) {
            if (!policy.affects(direction))
                continue;
            const bool withRules = !policy.rules(direction).isEmpty();
            hasRules = hasRules || withRules;
            if (withRules)
                directions << ruleFieldName(direction);
            for (std::size_t c = 0; c < network.classCount() && !matters; ++c) {
                const int i = network.classMembers(static_cast<int>(c)).front();
                const std::vector<int> &isolating = network.isolatingPolicies(i, direction);
                if (std::find(isolating.cbegin(), isolating.cend(), index) == isolating.cend())
                    continue;
                selectsAny = true;
                std::vector<int> others;
                for (int q : isolating) {
                    if (q != index && !reported[static_cast<std::size_t>(q)])
                        others.push_back(q);
                }
                // The only policy isolating this pod: removing it would open the pod.
                if (others.empty()
                    || (withRules && addsSomething(network, index, direction, i, others))) {
                    matters = true;
                    break;
                }
                for (int q : others) {
                    if (!network.policies()[static_cast<std::size_t>(q)].rules(direction).isEmpty())
                        covering.insert(q);
                }
            }
        }
        if (!hasRules || matters || !selectsAny)
            continue; // a pure default-deny isolates; a policy that selects nothing is another rule
        reported[p] = true;
        QList<int> sorted = covering.values();
        std::sort(sorted.begin(), sorted.end());
        QStringList names;
        for (int q : sorted)
            names << network.policies()[static_cast<std::size_t>(q)].qualifiedName();
        out.push_back({QString::fromLatin1(lintPolicyRedundant),
                       u"NetworkPolicy"_s,
                       policy.ns,
                       policy.name,
                       u"spec."_s + directions.front(),
                       u"allows nothing new: every connection its "_s + directions.join(u" and "_s)
                           + u" rules allow to the pods it selects is already allowed by the "_s
                             u"other policies isolating them ("_s
                           + names.join(u", "_s) + u"); removing it changes no verdict"_s});
    }
}

// --- DNS --------------------------------------------------------------------------------------

void lintDns(const Network &network, std::vector<LintFinding> &out)
{
    std::vector<int> dnsPods;
    for (std::size_t i = 0; i < network.peers().size(); ++i) {
        const Peer &peer = network.peers()[i];
        if (peer.isPod() && peer.ns == u"kube-system"_s
            && peer.labels.value(u"k8s-app"_s) == u"kube-dns"_s)
            dnsPods.push_back(static_cast<int>(i));
    }
    Peer standIn; // the cluster's CoreDNS, when the design leaves it out
    standIn.kind = PeerKind::Pod;
    standIn.ns = u"kube-system"_s;
    standIn.name = u"kube-system/kube-dns"_s;
    standIn.workload = standIn.name;
    standIn.labels = {{u"k8s-app"_s, u"kube-dns"_s}};
    standIn.ports = {{u"dns"_s, 53, u"UDP"_s, 0}, {u"dns-tcp"_s, 53, u"TCP"_s, 0}};

    struct Blocked
    {
        QList<int> classes;
        std::size_t pods = 0;
        QString firstPod;
        QStringList protocols;
        QString reason;
        QString policy;
    };
    QMap<QString, Blocked> byNamespace;
    for (std::size_t c = 0; c < network.classCount(); ++c) {
        // The first member that is not a DNS pod stands for its class.
        const std::vector<int> &members = network.classMembers(static_cast<int>(c));
        const auto isDns = [&dnsPods](int peer) {
            return std::find(dnsPods.cbegin(), dnsPods.cend(), peer) != dnsPods.cend();
        };
        const auto first = std::find_if_not(members.cbegin(), members.cend(), isDns);
        if (first == members.cend())
            continue;
        const int source = *first;
        const Peer &pod = peerAt(network, source);
        const std::vector<int> &isolating = network.isolatingPolicies(source, Direction::Egress);
        if (!pod.isPod() || isolating.empty())
            continue;
        for (Protocol protocol : {Protocol::UDP, Protocol::TCP}) {
            bool reaches = false;
            QString reason;
            if (dnsPods.empty()) {
                reaches = network.isAllowedTo(source, standIn, protocol, 53);
                reason = network.explainTo(source, standIn, protocol, 53);
            }
            for (int dns : dnsPods) {
                reaches = reaches || network.isAllowed(source, dns, protocol, 53);
                if (reason.isEmpty())
                    reason = network.explain(source, dns, protocol, 53);
            }
            if (reaches)
                continue;
            Blocked &blocked = byNamespace[pod.ns];
            if (blocked.classes.isEmpty() || blocked.classes.back() != static_cast<int>(c)) {
                blocked.classes << static_cast<int>(c);
                blocked.pods += static_cast<std::size_t>(
                    std::count_if(members.cbegin(), members.cend(), [&isDns](int member) {
                        return !isDns(member);
                    }));
                if (blocked.firstPod.isEmpty())
                    blocked.firstPod = pod.name;
            }
            if (!blocked.protocols.contains(portText(53, protocol)))
                blocked.protocols << portText(53, protocol);
            if (blocked.reason.isEmpty()) {
                blocked.reason = reason;
                blocked.policy
                    = network.policies()[static_cast<std::size_t>(isolating.front())].name;
            }
        }
    }
    const QString target = dnsPods.empty()
                               ? u"kube-dns (kube-system, k8s-app=kube-dns; not in the design)"_s
                               : u"kube-dns ("_s + peerAt(network, dnsPods.front()).name
                                     + (dnsPods.size() > 1 ? u" and others)"_s : u")"_s);
    for (auto it = byNamespace.cbegin(); it != byNamespace.cend(); ++it) {
        const Blocked &blocked = it.value();
        out.push_back({QString::fromLatin1(lintDnsEgressBlocked),
                       u"NetworkPolicy"_s,
                       it.key(),
                       blocked.policy,
                       u"spec.egress"_s,
                       pluralPods(blocked.pods) + u" of "_s + it.key() + u" ("_s + blocked.firstPod
                           + (blocked.pods > 1 ? u", ..."_s : QString()) + u") cannot reach "_s
                           + target + u" on "_s + blocked.protocols.join(u" and "_s)
                           + u", so they cannot resolve names; allow egress to it on 53/UDP "_s
                             u"and 53/TCP: "_s
                           + blocked.reason});
    }
}

// --- a Service its clients cannot reach ---------------------------------------------------------

// Every string a pod template hands its containers: env values, command and args.
QStringList containerStrings(const model::Object &owner)
{
    QStringList strings;
    for (const model::ContainerView &container : model::containers(owner)) {
        if (!container.node)
            continue;
        for (const char *key : {"command", "args"}) {
            const model::Node *list = container.node->get(key);
            if (!list || !list->isSequence())
                continue;
            for (const model::Node &item : list->children()) {
                if (item.isScalar())
                    strings << item.qtext();
            }
        }
        const model::Node *env = container.node->get("env");
        if (!env || !env->isSequence())
            continue;
        for (const model::Node &variable : env->children()) {
            const model::Node *value = variable.get("value");
            if (value && value->isScalar())
                strings << value->qtext();
        }
    }
    return strings;
}

// The DNS names by which a pod in clientNs reaches Service ns/name (dns-pod-service.md): the
// short name from its own namespace, name.ns[.svc[.domain]] from anywhere.
QRegularExpression serviceNamePattern(const QString &name, const QString &ns, bool sameNamespace)
{
    const QString qualified = QRegularExpression::escape(name) + u"\\."_s
                              + QRegularExpression::escape(ns) + u"(\\.svc(\\.[a-z0-9.-]+)?)?"_s;
    const QString names = sameNamespace ? QRegularExpression::escape(name) + u"(\\."_s
                                              + QRegularExpression::escape(ns)
                                              + u"(\\.svc(\\.[a-z0-9.-]+)?)?)?"_s
                                        : qualified;
    return QRegularExpression(u"(?<![A-Za-z0-9.-])"_s + names + u"(?![A-Za-z0-9-]|\\.[A-Za-z])"_s);
}

// Some rule of the pod's ingress policies admits part of the exposure's client range on its
// port: a rule without peers, or an ipBlock overlapping the range.
bool admitsPartOf(const Network &network, const Connection &path)
{
    const auto client = Cidr::parse(QStringView(path.fromName).mid(3));
    if (!client || !path.fromName.startsWith(u"ip:"_s))
        return false;
    const Peer &pod = peerAt(network, path.to);
    for (int p : network.isolatingPolicies(path.to, Direction::Ingress)) {
        for (const PolicyRule &rule : network.policies()[static_cast<std::size_t>(p)].ingress) {
            if (!ruleAllows(rule, pod, path.protocol, path.port))
                continue;
            if (rule.peers.isEmpty())
                return true;
            for (const PolicyPeer &peer : rule.peers) {
                if (peer.ipBlock && peer.ipBlock->cidr.overlaps(*client))
                    return true;
            }
        }
    }
    return false;
}

void lintServiceClients(const Network &network,
                        const model::Snapshot &snapshot,
                        std::vector<LintFinding> &out)
{
    // Each workload's first pod stands for all of them (same namespace, labels and ports).
    QMap<QString, int> firstPod;
    for (std::size_t i = 0; i < network.peers().size(); ++i) {
        const Peer &peer = network.peers()[i];
        if (peer.isPod() && !firstPod.contains(peer.workload))
            firstPod.insert(peer.workload, static_cast<int>(i));
    }
    QMap<QString, QStringList> strings; // workload -> its containers' strings
    for (const auto &object : snapshot.objects()) {
        const QString workload = object->effectiveNamespace() + QLatin1Char('/') + object->name();
        if (firstPod.contains(workload) && !strings.contains(workload))
            strings.insert(workload, containerStrings(*object));
    }
    for (const ServiceInfo &service : network.services()) {
        if (service.isExternalName() || service.backends.empty())
            continue;
        for (auto it = firstPod.cbegin(); it != firstPod.cend(); ++it) {
            const int client = it.value();
            const Peer &clientPeer = peerAt(network, client);
            if (std::find(service.backends.cbegin(), service.backends.cend(), client)
                != service.backends.cend())
                continue;
            const QRegularExpression pattern
                = serviceNamePattern(service.name, service.ns, clientPeer.ns == service.ns);
            const QStringList &texts = strings.value(it.key());
            const bool names = std::any_of(texts.cbegin(), texts.cend(), [&](const QString &t) {
                return pattern.match(t).hasMatch();
            });
            if (!names)
                continue;
            for (int p = 0; p < service.view.ports.size(); ++p) {
                const model::ServicePort &servicePort = service.view.ports.at(p);
                const auto protocol = parseProtocol(servicePort.protocol);
                if (!protocol)
                    continue;
                int denied = 0;
                int examined = 0;
                QString reason;
                for (int backend : service.backends) {
                    const std::optional<int> target
                        = targetPortOn(peerAt(network, backend), servicePort);
                    if (!target)
                        continue; // service-target-port-missing reports it
                    ++examined;
                    if (network.isAllowed(client, backend, *protocol, *target))
                        continue;
                    ++denied;
                    if (reason.isEmpty())
                        reason = network.explain(client, backend, *protocol, *target);
                }
                if (denied == 0)
                    continue;
                out.push_back({QString::fromLatin1(lintServiceUnreachable),
                               u"Service"_s,
                               service.ns,
                               service.name,
                               u"spec.ports["_s + QString::number(p) + u"]"_s,
                               it.key() + u" names this Service in its containers but "_s
                                   + clientPeer.name + u" cannot reach "_s + QString::number(denied)
                                   + u" of "_s + QString::number(examined) + u" backends on port "_s
                                   + portText(servicePort.port, *protocol) + u": "_s + reason});
            }
        }
    }
    // The controllers in front of Ingress and Gateway routes are clients too, and so are the
    // outside clients of a LoadBalancer or NodePort Service (its node ports are reported only
    // when it is a NodePort Service: a LoadBalancer's are a side door).
    QSet<QString> reported;
    for (const Connection &path : exposures(network, snapshot)) {
        const ServiceInfo *target = network.findService(path.service);
        const bool wayIn
            = path.exposure == u"Ingress"_s || path.exposure == u"Gateway"_s
              || path.exposure == u"LoadBalancer"_s
              || (path.exposure == u"NodePort"_s && target && target->view.type == u"NodePort"_s);
        if (path.allowed || !wayIn)
            continue;
        // A client range the pods see as it is (externalTrafficPolicy Local) and partly admit
        // is a restriction, not a dead end: report only when none of it gets through.
        if ((path.exposure == u"LoadBalancer"_s || path.exposure == u"NodePort"_s) && target
            && target->localTraffic && admitsPartOf(network, path))
            continue;
        const QString key = path.service + QLatin1Char('\n') + path.via + QLatin1Char('\n')
                            + QString::number(path.servicePort);
        if (reported.contains(key))
            continue;
        reported.insert(key);
        const ServiceInfo *service = network.findService(path.service);
        int portIndex = 0;
        for (int p = 0; service && p < service->view.ports.size(); ++p) {
            if (service->view.ports.at(p).port == path.servicePort)
                portIndex = p;
        }
        const qsizetype slash = path.service.indexOf(QLatin1Char('/'));
        out.push_back({QString::fromLatin1(lintServiceUnreachable),
                       u"Service"_s,
                       path.service.left(slash),
                       path.service.mid(slash + 1),
                       u"spec.ports["_s + QString::number(portIndex) + u"]"_s,
                       path.exposure + QLatin1Char(' ') + path.via + u" ("_s + path.route
                           + u") leads to this Service but "_s + path.fromName + u" cannot reach "_s
                           + peerAt(network, path.to).name + u" on "_s
                           + portText(path.port, path.protocol) + u": "_s + path.reason});
    }
}

} // namespace

std::vector<LintFinding> lint(const Network &network, const model::Snapshot &snapshot)
{
    std::vector<LintFinding> out;
    lintRedundantPolicies(network, out);
    lintDns(network, out);
    lintServiceClients(network, snapshot, out);
    std::sort(out.begin(), out.end(), [](const LintFinding &a, const LintFinding &b) {
        return std::tie(a.kind, a.ns, a.name, a.rule, a.path, a.message)
               < std::tie(b.kind, b.ns, b.name, b.rule, b.path, b.message);
    });
    return out;
}

} // namespace kstudio::sim::reach
