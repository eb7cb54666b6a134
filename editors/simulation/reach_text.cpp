// SPDX-License-Identifier: GPL-3.0-or-later
#include "reach_text.h"

#include <sim/reach/reach.h>

#include <QObject>

namespace kstudio::editors {

// One NetworkPolicyPeer in words (network-policies.md "Behavior of to and from selectors").
static QString describePeer(const sim::reach::NetworkPolicy &policy, const sim::reach::PolicyPeer &peer)
{
    if (peer.ipBlock)
        return QStringLiteral("ipBlock ") + peer.ipBlock->toString();
    const auto selector = [](const model::Selection &selection) {
        return selection.selectsEverything() ? QStringLiteral("all") : QStringLiteral("{") + selection.toString() + QLatin1Char('}');
    };
    if (peer.podSelector.isSpecified() && peer.namespaceSelector.isSpecified())
        return QStringLiteral("pods %1 in namespaces %2").arg(selector(peer.podSelector), selector(peer.namespaceSelector));
    if (peer.namespaceSelector.isSpecified())
        return QStringLiteral("every pod in namespaces %1").arg(selector(peer.namespaceSelector));
    return QStringLiteral("pods %1 in %2").arg(selector(peer.podSelector), policy.ns);
}

static QString describePort(const sim::reach::PolicyPort &port)
{
    const QString protocol = sim::reach::protocolName(port.protocol);
    switch (port.kind) {
    case sim::reach::PolicyPort::Kind::AnyPort:
        return QStringLiteral("every %1 port").arg(protocol);
    case sim::reach::PolicyPort::Kind::Number:
        return port.endPort != port.port ? QStringLiteral("%1-%2/%3").arg(port.port).arg(port.endPort).arg(protocol)
                                         : QStringLiteral("%1/%2").arg(port.port).arg(protocol);
    case sim::reach::PolicyPort::Kind::Name:
        return QStringLiteral("%1/%2 (named)").arg(port.name, protocol);
    }
    return {};
}

// "ingress[1]: from every pod in namespaces {ns=x}; ports: every port".
QString describeRule(const sim::reach::NetworkPolicy &policy, sim::reach::Direction direction, int index)
{
    const sim::reach::PolicyRule &rule = policy.rules(direction).at(index);
    const bool ingress = direction == sim::reach::Direction::Ingress;
    QStringList peers;
    for (const sim::reach::PolicyPeer &peer : rule.peers)
        peers << describePeer(policy, peer);
    QStringList ports;
    for (const sim::reach::PolicyPort &port : rule.ports)
        ports << describePort(port);
    return QStringLiteral("%1 %2[%3]: %4 %5; ports: %6")
        .arg(policy.qualifiedName(), sim::reach::ruleFieldName(direction))
        .arg(index)
        .arg(ingress ? QStringLiteral("from") : QStringLiteral("to"),
             peers.isEmpty() ? (ingress ? QStringLiteral("every source") : QStringLiteral("every destination")) : peers.join(QStringLiteral(" or ")),
             ports.isEmpty() ? QStringLiteral("every port") : ports.join(QStringLiteral(", ")));
}

// A decision with the rules that admit, or the policies that isolate, spelled out.
QStringList decisionLines(const sim::reach::Network &network, const sim::reach::DirectionDecision &decision)
{
    QStringList lines{decision.text};
    for (const auto &[policy, rule] : decision.allowingRules)
        lines << QStringLiteral("    ") + describeRule(network.policies()[std::size_t(policy)], decision.direction, rule);
    if (!decision.allowed) {
        for (int policy : decision.isolating) {
            const sim::reach::NetworkPolicy &p = network.policies()[std::size_t(policy)];
            const int rules = int(p.rules(decision.direction).size());
            lines << QObject::tr("    %1 selects %2 for %3 with %n %4 rule(s), none admitting this", nullptr, rules)
                         .arg(p.qualifiedName(), decision.subject, sim::reach::directionName(decision.direction),
                              sim::reach::ruleFieldName(decision.direction));
        }
    }
    return lines;
}

// Who decides, in one line: the admitting rules, the isolating policies, or nobody.
QString decidingText(const sim::reach::Network &network, const sim::reach::DirectionDecision &egress,
                     const sim::reach::DirectionDecision &ingress)
{
    const auto rules = [&network](const sim::reach::DirectionDecision &decision) {
        QStringList names;
        for (const auto &[policy, rule] : decision.allowingRules)
            names << QStringLiteral("%1 %2[%3]")
                         .arg(network.policies()[std::size_t(policy)].qualifiedName(), sim::reach::ruleFieldName(decision.direction))
                         .arg(rule);
        return names;
    };
    const auto isolating = [&network](const sim::reach::DirectionDecision &decision) {
        QStringList names;
        for (int policy : decision.isolating)
            names << network.policies()[std::size_t(policy)].qualifiedName();
        return names.join(QStringLiteral(", "));
    };
    for (const sim::reach::DirectionDecision *decision : {&egress, &ingress}) {
        if (!decision->allowed)
            return QObject::tr("denied by %1 (%2 isolated for %3, no rule admits)")
                .arg(isolating(*decision), decision->subject, sim::reach::directionName(decision->direction));
    }
    QStringList deciding = rules(egress) + rules(ingress);
    if (!deciding.isEmpty())
        return QObject::tr("allowed by %1").arg(deciding.join(QStringLiteral(", ")));
    if (!egress.podSubject || !ingress.podSubject)
        return QObject::tr("no NetworkPolicy isolates %1: allowed").arg(egress.podSubject ? egress.subject : ingress.subject);
    return QObject::tr("no NetworkPolicy isolates %1 (egress) or %2 (ingress): allowed").arg(egress.subject, ingress.subject);
}

} // namespace kstudio::editors
