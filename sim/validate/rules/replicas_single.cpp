// SPDX-License-Identifier: GPL-3.0-or-later
// replicas-single: a Deployment or StatefulSet behind a Service that runs one replica (and no
// HPA that scales it above one): each rollout, eviction or node failure takes the service down.
// kube-linter's "minimum-replicas" / Polaris' "deploymentMissingReplicas" in spirit.
#include "practices.h"
#include "rules.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    if (model::replicaCount(object).value_or(1) != 1)
        return;
    if (const model::Object *hpa = hpaFor(object, context.index)) {
        const model::Node *min = hpa->body.at(model::FieldPath{{"spec"}, {"minReplicas"}});
        if (!min || min->toInt().value_or(1) > 1)
            return;
    }
    const QList<const model::Object *> services = servicesSelecting(object, context.index);
    if (services.isEmpty())
        return;
    const model::FieldPath path{{"spec"}, {"replicas"}};
    sink.report(path,
                u"%1 %2 runs a single replica behind Service %3: a rollout, eviction or node "
                "failure interrupts it"_s.arg(object.kind(), quoted(object.name()),
                                              quoted(services.front()->name())));
}

} // namespace

const Rule replicasSingle{
    "replicas-single",
    Severity::Info,
    Family::Practice,
    "Deployment,StatefulSet",
    "A Service-backed workload runs a single replica",
    "One replica is one point of failure: while it restarts, is evicted for a drain, or its node "
    "fails, the Service has no endpoint.",
    "Run at least two replicas (spec.replicas, or an HPA with minReplicas >= 2), spread across "
    "nodes, with a PodDisruptionBudget.",
    "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#replicas",
    &check,
};

} // namespace kstudio::sim::validate::rules
