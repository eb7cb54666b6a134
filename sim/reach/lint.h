// SPDX-License-Identifier: GPL-3.0-or-later
// Lint-like findings of the reachability engine, for the validation panel: a NetworkPolicy that
// allows nothing new, pods isolated for egress that cannot resolve names (kube-dns on 53/UDP and
// 53/TCP), and a Service whose own clients cannot reach its backends.
// Semantics: kubernetes/website content/en/docs/concepts/services-networking/network-policies.md
// (rules of all selecting policies are unioned: a policy whose rules add nothing to the union
// changes no verdict), .../dns-pod-service.md (pods resolve through the kube-dns Service, whose
// CoreDNS pods in kube-system carry k8s-app=kube-dns and serve 53 on UDP and TCP).
#pragma once

#include "reach.h"

#include <model/core/snapshot.h>

#include <QString>

#include <vector>

namespace kstudio::sim::reach {

// Rule ids, stable (scripts and ignore annotations may name them).
inline constexpr const char *lintPolicyRedundant = "network-policy-allows-nothing-new";
inline constexpr const char *lintDnsEgressBlocked = "network-policy-blocks-dns";
inline constexpr const char *lintServiceUnreachable = "service-unreachable-from-clients";

// One finding on one object: a Service or a NetworkPolicy, with the field it is about.
struct LintFinding
{
    QString rule;
    QString kind; // "NetworkPolicy", "Service"
    QString ns;
    QString name;
    QString path; // "spec.ingress", "spec.ports[0]"
    QString message;

    QString qualifiedName() const { return ns + QLatin1Char('/') + name; }
};

// Every finding, sorted by (kind, namespace, name, rule, path, message).
std::vector<LintFinding> lint(const Network &network, const model::Snapshot &snapshot);

} // namespace kstudio::sim::reach
