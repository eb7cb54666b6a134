// SPDX-License-Identifier: GPL-3.0-or-later
// network-policy-selects-nothing: a NetworkPolicy whose podSelector matches no pod template of
// its namespace, so it isolates nothing (networking.k8s.io/v1 NetworkPolicySpec.podSelector:
// "an empty podSelector selects all pods in this namespace"; absent reads as empty).
#include "rules.h"
#include "support.h"

#include <sim/validate/index.h>

#include <model/semantics/label_selector.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const model::FieldPath path{{"spec"}, {"podSelector"}};
    const model::Selection selection = model::parseSelector(
        object.body.at(path), model::SelectorUse::NetworkPolicyPodSelector, path);
    if (!selection.isValid())
        return;
    const QString ns = object.effectiveNamespace();
    if (context.index.selectsAnyTemplate(ns, selection))
        return;
    if (selection.selectsEverything())
        sink.report(
            path,
            u"the empty podSelector selects every pod of namespace %1, and the design has none there"_s
                .arg(ns));
    else
        sink.report(
            path,
            u"podSelector %1 matches no pod template in namespace %2: the policy isolates nothing"_s
                .arg(selection.toString(), ns));
}

} // namespace

const Rule networkPolicySelectsNothing{
    "network-policy-selects-nothing",
    Severity::Warning,
    Family::Reference,
    "NetworkPolicy",
    "A NetworkPolicy's podSelector matches no pod template in its namespace",
    "A NetworkPolicy only affects the pods its podSelector selects in its own namespace. One that "
    "selects nothing, usually through a label typo or the wrong namespace, leaves the pods it was "
    "meant for unprotected.",
    "Make spec.podSelector match the pod template labels of the workloads to isolate, in the "
    "policy's namespace.",
    "https://kubernetes.io/docs/concepts/services-networking/network-policies/"
    "#networkpolicy-resource",
    &check,
};

} // namespace kstudio::sim::validate::rules
