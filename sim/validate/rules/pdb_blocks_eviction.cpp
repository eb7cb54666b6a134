// SPDX-License-Identifier: GPL-3.0-or-later
// pdb-blocks-eviction: a PodDisruptionBudget that forbids every voluntary disruption:
// maxUnavailable 0 (or 0%), or minAvailable at or above the replicas of the workloads it
// selects (100%). The eviction API then refuses every eviction and `kubectl drain` never ends
// (https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions,
// kubernetes pkg/controller/disruption: disruptionsAllowed = currentHealthy - desiredHealthy).
#include "practices.h"
#include "rules.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const model::Node *spec = object.body.get("spec");
    if (!spec || !spec->isMapping())
        return;
    if (const model::Node *max = spec->get("maxUnavailable"); max && max->isScalar()) {
        const QString text = max->qtext();
        if (text == u"0"_s || text == u"0%"_s)
            sink.report(model::FieldPath{{"spec"}, {"maxUnavailable"}},
                        u"maxUnavailable: %1 allows no voluntary eviction: node drains block on "
                        "these pods"_s.arg(text));
        return;
    }
    const model::Node *min = spec->get("minAvailable");
    if (!min || !min->isScalar())
        return;
    const model::FieldPath path{{"spec"}, {"minAvailable"}};
    const model::Selection selection = model::parseSelector(
        spec->get("selector"), model::SelectorUse::PodDisruptionBudget);
    const QString ns = object.effectiveNamespace();
    long long replicas = 0;
    int workloads = 0;
    for (const PodTemplateEntry *entry : context.index.templatesSelectedBy(ns, selection)) {
        if (!isReplicated(*entry->owner))
            continue;
        ++workloads;
        const model::Object *hpa = hpaFor(*entry->owner, context.index);
        if (hpa)
            return; // the replica count moves; a fixed minAvailable may be fine at the top
        replicas += model::replicaCount(*entry->owner).value_or(1);
    }
    if (workloads == 0)
        return;
    const QString text = min->qtext();
    if (text == u"100%"_s)
        sink.report(path, u"minAvailable: 100% allows no voluntary eviction"_s);
    else if (const std::optional<long long> value = min->toInt(); value && *value >= replicas)
        sink.report(path,
                    u"minAvailable: %1 with %2 selected replicas allows no voluntary eviction: "
                    "node drains block on these pods"_s.arg(text).arg(replicas));
}

} // namespace

const Rule pdbBlocksEviction{
    "pdb-blocks-eviction",
    Severity::Warning,
    Family::Reference,
    "PodDisruptionBudget",
    "A PodDisruptionBudget allows no voluntary disruption at all",
    "With maxUnavailable 0, or minAvailable equal to (or above) the number of replicas, the "
    "eviction API refuses every eviction of the selected pods: kubectl drain, cluster upgrades "
    "and the cluster autoscaler wait forever on their nodes.",
    "Allow at least one disruption: maxUnavailable: 1, or a minAvailable below the replica "
    "count (and more replicas if the service cannot lose one).",
    "https://kubernetes.io/docs/tasks/run-application/configure-pdb/",
    &check,
};

} // namespace kstudio::sim::validate::rules
