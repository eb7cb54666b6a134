// SPDX-License-Identifier: GPL-3.0-or-later
// labels-recommended-missing: a workload or Service without the recommended label
// app.kubernetes.io/name (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/).
// Tools (dashboards, kubectl -l, Helm, the studio's own grouping) rely on it to tell which
// application an object belongs to.
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const model::Node *labels = object.body.at(model::FieldPath{{"metadata"}, {"labels"}});
    if (labels && labels->isMapping() && labels->get("app.kubernetes.io/name"))
        return;
    sink.report(model::FieldPath{{"metadata"}, {"labels"}},
                u"%1 %2 has no app.kubernetes.io/name label (the recommended labels also include "
                "app.kubernetes.io/instance, version, component, part-of and managed-by)"_s.arg(
                    object.kind(), quoted(object.name())));
}

} // namespace

const Rule labelsRecommendedMissing{
    "labels-recommended-missing",
    Severity::Info,
    Family::Practice,
    "Deployment,StatefulSet,DaemonSet,Job,CronJob,Service",
    "A workload or Service lacks the recommended app.kubernetes.io/name label",
    "The recommended labels (app.kubernetes.io/name, instance, version, component, part-of, "
    "managed-by) let kubectl, dashboards and other tools query and group objects by "
    "application in a common way.",
    "Add metadata.labels app.kubernetes.io/name (and the other recommended labels that apply).",
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/",
    &check,
};

} // namespace kstudio::sim::validate::rules
