// SPDX-License-Identifier: GPL-3.0-or-later
// prestop-hook-missing: a Service-backed workload whose serving containers have no preStop
// hook. When a pod terminates, endpoint removal and SIGTERM happen concurrently
// (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination); a short
// preStop sleep keeps the pod serving until load balancers and kube-proxy stop sending it
// traffic, otherwise rollouts drop requests.
#include "practices.h"
#include "rules.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    if (runsToCompletion(object) || object.kind() == u"Pod"_s)
        return;
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    const QList<const model::Object *> services = servicesSelecting(object, context.index);
    if (services.isEmpty())
        return;
    for (const ContainerAt &container : containersAt(*pod)) {
        if (container.init)
            continue;
        const model::Node *ports = container.node->get("ports");
        if (!ports || !ports->isSequence() || ports->size() == 0)
            continue; // not a serving container
        if (container.node->at(model::FieldPath{{"lifecycle"}, {"preStop"}}))
            continue;
        sink.report(container.path.child("lifecycle"),
                    u"container %1 serves Service %2 but has no preStop hook: it may get "
                    "requests after SIGTERM while endpoints are being removed"_s.arg(
                        quoted(textOf(container.node->get("name"))),
                        quoted(services.front()->name())));
    }
}

} // namespace

const Rule prestopHookMissing{
    "prestop-hook-missing",
    Severity::Info,
    Family::Practice,
    "Deployment,StatefulSet,DaemonSet,ReplicaSet,ReplicationController",
    "A Service-backed container has no preStop hook",
    "A terminating pod is removed from the Service's endpoints at the same time as it gets "
    "SIGTERM. Proxies and load balancers take a moment to notice, so a container that exits at "
    "once drops the requests still routed to it during every rollout.",
    "Add lifecycle.preStop with a short sleep (preStop: {sleep: {seconds: 5}}), and keep "
    "terminationGracePeriodSeconds longer than the sleep plus shutdown time.",
    "https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/",
    &check,
};

} // namespace kstudio::sim::validate::rules
