// SPDX-License-Identifier: GPL-3.0-or-later
// service-load-balancer-open: a Service of type LoadBalancer without
// spec.loadBalancerSourceRanges: the cloud load balancer accepts clients from any address.
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const model::Node *spec = object.body.get("spec");
    if (!spec || !spec->isMapping() || textOf(spec->get("type")) != u"LoadBalancer"_s)
        return;
    const model::Node *ranges = spec->get("loadBalancerSourceRanges");
    if (ranges && ranges->isSequence() && ranges->size() > 0)
        return;
    sink.report(model::FieldPath{{"spec"}, {"type"}},
                u"LoadBalancer Service %1 has no loadBalancerSourceRanges: it is open to every "
                "address"_s.arg(quoted(object.name())));
}

} // namespace

const Rule serviceLoadBalancerOpen{
    "service-load-balancer-open",
    Severity::Info,
    Family::Practice,
    "Service",
    "A LoadBalancer Service accepts traffic from any address",
    "A LoadBalancer Service gets a cloud load balancer with a public address. Without "
    "loadBalancerSourceRanges, anyone on the internet can reach the pods behind it.",
    "List the client CIDRs in spec.loadBalancerSourceRanges, or put the Service behind an "
    "Ingress or Gateway that controls access. Ignore this for services meant to be public.",
    "https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer",
    &check,
};

} // namespace kstudio::sim::validate::rules
