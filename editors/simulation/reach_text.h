// SPDX-License-Identifier: GPL-3.0-or-later
// sim/reach's decisions in words, for the Reachability dock and the classroom stepper: a
// NetworkPolicy rule spelled out, a direction's decision with its admitting rules or isolating
// policies, and who decides a connection in one line. Wording follows
// kubernetes.io/docs/concepts/services-networking/network-policies/.
#pragma once

#include <sim/reach/policy_eval.h>

#include <QString>
#include <QStringList>

namespace kstudio::sim::reach {
class Network;
struct DirectionDecision;
} // namespace kstudio::sim::reach

namespace kstudio::editors {

// "ns/name ingress[1]: from every pod in namespaces {ns=x}; ports: every port".
QString describeRule(const sim::reach::NetworkPolicy &policy, sim::reach::Direction direction, int index);
// The decision's sentence, then the admitting rules, or the isolating policies that admit nothing.
QStringList decisionLines(const sim::reach::Network &network, const sim::reach::DirectionDecision &decision);
// "allowed by ns/p ingress[0]", "denied by ns/deny (ns/pod isolated for Ingress, no rule
// admits)", or "no NetworkPolicy isolates a (egress) or b (ingress): allowed".
QString decidingText(const sim::reach::Network &network,
                     const sim::reach::DirectionDecision &egress,
                     const sim::reach::DirectionDecision &ingress);

} // namespace kstudio::editors
