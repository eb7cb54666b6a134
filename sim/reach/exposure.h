// SPDX-License-Identifier: GPL-3.0-or-later
// What the design exposes outside the cluster and through which path: NodePort and
// LoadBalancer Services, Ingress rules and Gateway API routes, each down to the backend pods and
// the NetworkPolicies that decide whether the traffic arrives.
// Semantics: kubernetes/website content/en/docs/concepts/services-networking/service.md
// ("Publishing Services", NodePort, LoadBalancer, loadBalancerSourceRanges),
// .../service-traffic-policy.md and docs/tasks/access-application-cluster/create-external-load-
// balancer.md ("Preserving the client source IP": externalTrafficPolicy Cluster SNATs to a node
// address, Local keeps the client's), .../ingress.md (rules, host, path, defaultBackend) and
// gateway-api.sigs.k8s.io/reference/spec (Gateway listeners, HTTPRoute parentRefs/backendRefs,
// ReferenceGrant).
//
// The model, stated once (network-policies.md says rewriting of source addresses before or after
// policy evaluation "is not defined" and varies by plugin; this is the common kube-proxy case):
// - Nodes are reachable from anywhere, so a node port is exposed to the internet (0.0.0.0/0, and
//   ::/0 for IPv6 Services) whatever loadBalancerSourceRanges says (kube-proxy filters only the
//   load balancer's address).
// - A LoadBalancer admits the internet, or only its loadBalancerSourceRanges.
// - externalTrafficPolicy Local: the pod sees the client's address, so ipBlock rules apply to it.
//   Cluster (the default): the pod sees the InternalIP of a node (status.addresses of the
//   design's Nodes; every node must be admitted, since any node may forward). With no node
//   address declared, the address is unknown: only a rule admitting all of 0.0.0.0/0 (::/0), or
//   every source, admits it.
// - An Ingress or Gateway route reaches its Service's pods from the controller's (proxy's) pods,
//   so the pods' ingress policies must admit the controller's pods, and the controller's egress
//   policies must let it out. The controller is a namespace plus labels (configurable).
#pragma once

#include "reach.h"

#include <model/core/snapshot.h>

#include <QString>

#include <optional>
#include <vector>

namespace kstudio::sim::reach {

// The pods that proxy Ingress or Gateway traffic: a namespace and the labels they carry. When the
// design declares pods that match, the first (by name) is the source; otherwise a pod
// "<namespace>/<fallbackName>" with those labels stands in.
struct ControllerSpec
{
    QString ns;
    model::Labels labels;

    // "NS" or "NS:KEY=VALUE[,KEY=VALUE]..."; nullopt and *error on anything else.
    static std::optional<ControllerSpec> parse(const QString &text, QString *error);
    QString toString() const;
};

struct ExposureOptions
{
    // ingress-nginx's own chart: namespace ingress-nginx, app.kubernetes.io/name=ingress-nginx.
    ControllerSpec ingressController{
        QStringLiteral("ingress-nginx"),
        {{QStringLiteral("app.kubernetes.io/name"), QStringLiteral("ingress-nginx")}}};
    // Absent: each Gateway's proxies run in the Gateway's namespace labelled
    // gateway.networking.k8s.io/gateway-name=<gateway> (GEP-1762 in-cluster deployment).
    std::optional<ControllerSpec> gatewayController;
};

// How traffic from an outside client reaches a Service's backend pod on targetPort, entering
// through the Service's load balancer or a node port.
enum class ServiceEntry : unsigned char { LoadBalancer, NodePort };
struct Arrival
{
    bool allowed = false;
    QString reason;
};
Arrival arriveFromOutside(const Network &network,
                          const Peer &client,
                          const ServiceInfo &service,
                          ServiceEntry entry,
                          int backend,
                          Protocol protocol,
                          int targetPort);

// Every way in, one Connection per (path, source, backend pod, target port): `fromName` is the
// source (ip:0.0.0.0/0, a client range, or the controller's pod), `exposure` the kind of path,
// `via` the object. Sorted by exposure, via, from, to, port, protocol.
std::vector<Connection> exposures(const Network &network,
                                  const model::Snapshot &snapshot,
                                  const ExposureOptions &options = {});

} // namespace kstudio::sim::reach
