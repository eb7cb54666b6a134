// SPDX-License-Identifier: GPL-3.0-or-later
// workload-selector-mismatch: a controller's selector is missing, invalid, or does not select
// its own pod template, which the API server refuses.
// Mirrors kubernetes/kubernetes v1.33 pkg/apis/apps/validation/validation.go
// (ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateStatefulSetSpec,
// ValidateDaemonSetSpec: selector required, not empty, "`selector` does not match template
// `labels`") and pkg/apis/core/validation ValidateReplicationControllerSpec (an absent
// selector defaults to the template labels; so did apps/v1beta1's). Messages come from
// model/semantics/label_selector.
#include "rules.h"
#include "support.h"

#include <model/semantics/label_selector.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const model::Node *podTemplate = model::podTemplate(object);
    if (!podTemplate)
        return;
    const QString kind = object.kind();
    const model::FieldPath selectorPath{{"spec"}, {"selector"}};
    const model::FieldPath templatePath{{"spec"}, {"template"}};
    const model::Labels templateLabels = model::labelsOf(*podTemplate);
    // Before apps/v1 (extensions/v1beta1, apps/v1beta1/2) an absent selector defaulted to the
    // template labels; api-version-removed reports those versions.
    if (kind != u"ReplicationController"_s && object.apiVersion() != u"apps/v1"_s
        && !object.body.at(selectorPath))
        return;
    const model::Selection selection
        = kind == u"ReplicationController"_s
              ? model::parseLabelMapSelector(object.body.at(selectorPath),
                                             model::SelectorUse::ReplicationControllerSelector,
                                             selectorPath,
                                             templateLabels)
              : model::parseSelector(object.body.at(selectorPath),
                                     model::SelectorUse::WorkloadSelector,
                                     selectorPath,
                                     kind);
    if (!selection.isValid()) {
        // An absent selector is uncertain: kustomize patches of a Deployment leave it to the base.
        const bool absent = !object.body.at(selectorPath);
        for (const QString &error : selection.errors()) {
            if (absent)
                sink.reportUncertain(selectorPath,
                                     error + u" (if this is a patch, its base must set it)"_s);
            else
                sink.report(selectorPath, error);
        }
        return;
    }
    const QString error = model::templateLabelsError(selection, templateLabels, templatePath);
    if (!error.isEmpty())
        sink.report(templatePath.child("metadata").child("labels"), error);
}

} // namespace

const Rule workloadSelectorMismatch{
    "workload-selector-mismatch",
    Severity::Error,
    Family::Schema,
    "Deployment,ReplicaSet,StatefulSet,DaemonSet,ReplicationController",
    "A controller's selector is missing, invalid, or does not match its own pod template labels",
    "A Deployment, ReplicaSet, StatefulSet or DaemonSet owns the pods its selector matches; a "
    "selector that does not match the pods it creates would make it create pods forever, so the "
    "API server refuses it. apps/v1 also requires the selector and forbids an empty one.",
    "Make spec.selector.matchLabels a subset of spec.template.metadata.labels (and remember that "
    "the selector cannot be changed after creation).",
    "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector",
    &check,
};

} // namespace kstudio::sim::validate::rules
