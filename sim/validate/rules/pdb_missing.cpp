// SPDX-License-Identifier: GPL-3.0-or-later
// pdb-missing: a workload with more than one replica (or an HPA) that no PodDisruptionBudget
// protects. Polaris "missingPodDisruptionBudget", kube-linter "no-pod-disruption-budget"... in
// spirit; the selection is policy/v1's (an empty selector selects every pod of the namespace).
#include "practices.h"
#include "rules.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    if (!isReplicated(object))
        return;
    const long long replicas = model::replicaCount(object).value_or(1);
    const model::Object *hpa = hpaFor(object, context.index);
    if (replicas < 2 && !hpa)
        return;
    if (!pdbsSelecting(object, context.index).isEmpty())
        return;
    sink.report(model::FieldPath{{"metadata"}, {"name"}},
                u"%1 %2 runs %3 replicas but no PodDisruptionBudget selects its pods: a node "
                "drain may evict them all at once"_s.arg(object.kind(), quoted(object.name()),
                                                         hpa ? u"several"_s
                                                             : QString::number(replicas)));
}

} // namespace

const Rule pdbMissing{
    "pdb-missing",
    Severity::Info,
    Family::Practice,
    "Deployment,StatefulSet,ReplicaSet,ReplicationController",
    "A replicated workload has no PodDisruptionBudget",
    "Node drains, upgrades and autoscaler scale-downs evict pods through the eviction API, which "
    "respects PodDisruptionBudgets. Without one, every replica of a service may be evicted at "
    "the same time.",
    "Add a policy/v1 PodDisruptionBudget selecting the pods, with maxUnavailable: 1 (or a "
    "minAvailable below the replica count).",
    "https://kubernetes.io/docs/tasks/run-application/configure-pdb/",
    &check,
};

} // namespace kstudio::sim::validate::rules
