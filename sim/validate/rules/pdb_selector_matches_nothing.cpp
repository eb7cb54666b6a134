// SPDX-License-Identifier: GPL-3.0-or-later
// pdb-selector-matches-nothing: a PodDisruptionBudget protects no pod of the design.
// Mirrors: kubernetes/kubernetes v1.33 pkg/controller/disruption/disruption.go (getPodsForPdb:
// metav1.LabelSelectorAsSelector in the PDB's namespace). For policy/v1 a null selector selects
// no pods and an empty one selects every pod of the namespace (k8s.io/api policy/v1 types.go).
#include "rules.h"
#include "support.h"

#include <sim/validate/index.h>

#include <model/semantics/label_selector.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const model::FieldPath path{{"spec"}, {"selector"}};
    const model::Node *node = object.body.at(path);
    const model::Selection selection
        = model::parseSelector(node, model::SelectorUse::PodDisruptionBudget, path);
    const QString ns = object.effectiveNamespace();
    switch (selection.scope()) {
    case model::Selection::Scope::Nothing:
    case model::Selection::Scope::NotSpecified:
        sink.report(
            path,
            u"spec.selector is not set: a policy/v1 PodDisruptionBudget without a selector protects no pods"_s);
        return;
    case model::Selection::Scope::Invalid:
        return; // the API server refuses it; workload-selector rules do not cover PDBs yet
    case model::Selection::Scope::Everything:
        if (!context.index.selectsAnyTemplate(ns, selection))
            sink.report(
                path,
                u"the empty selector selects every pod of namespace %1, and it has none"_s.arg(ns));
        return;
    case model::Selection::Scope::Requirements:
        if (!context.index.selectsAnyTemplate(ns, selection))
            sink.report(
                path,
                u"selector %1 matches no pod template in namespace %2: the budget protects nothing"_s
                    .arg(selection.toString(), ns));
        return;
    }
}

} // namespace

const Rule pdbSelectorMatchesNothing{
    "pdb-selector-matches-nothing",
    Severity::Warning,
    Family::Reference,
    "PodDisruptionBudget",
    "A PodDisruptionBudget's selector matches no pod template in its namespace",
    "A PodDisruptionBudget limits voluntary disruptions (node drains, evictions) only for the pods "
    "it selects. One that selects nothing gives no protection, usually because of a label typo.",
    "Make spec.selector match the pod template labels of the workload to protect, in the same "
    "namespace.",
    "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets",
    &check,
};

} // namespace kstudio::sim::validate::rules
