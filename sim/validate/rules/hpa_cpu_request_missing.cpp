// SPDX-License-Identifier: GPL-3.0-or-later
// hpa-cpu-request-missing: an HPA with a Utilization target on cpu or memory (autoscaling/v2
// Resource metric, or autoscaling/v1 targetCPUUtilizationPercentage) whose target workload
// has a container without that resource's request. Utilization is a percentage of the
// request, so the HPA controller cannot compute it ("failed to get cpu utilization: missing
// request for cpu", kubernetes pkg/controller/podautoscaler/replica_calculator.go) and does not
// scale.
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const model::Node *spec = object.body.get("spec");
    if (!spec || !spec->isMapping())
        return;
    QList<QPair<QString, model::FieldPath>> resources; // resource, path of its target
    if (spec->get("targetCPUUtilizationPercentage"))
        resources.append({u"cpu"_s, model::FieldPath{{"spec"}, {"targetCPUUtilizationPercentage"}}});
    if (const model::Node *metrics = spec->get("metrics"); metrics && metrics->isSequence()) {
        for (int i = 0; i < int(metrics->size()); ++i) {
            const model::Node &metric = metrics->children()[std::size_t(i)];
            const model::Node *resource = metric.get("resource");
            if (textOf(metric.get("type")) != u"Resource"_s || !resource)
                continue;
            if (textOf(resource->at(model::FieldPath{{"target"}, {"type"}})) != u"Utilization"_s)
                continue;
            resources.append({textOf(resource->get("name")),
                              model::FieldPath{{"spec"}, {"metrics"}}.child(i).child("resource")});
        }
    }
    if (resources.isEmpty())
        return;
    const model::Node *target = spec->get("scaleTargetRef");
    if (!target)
        return;
    const model::Object *workload = context.index.find(
        textOf(target->get("kind")), object.effectiveNamespace(), textOf(target->get("name")));
    if (!workload)
        return; // hpa-target-missing's
    const std::optional<PodSpecAt> pod = podSpecAt(*workload);
    if (!pod)
        return;
    for (const auto &[resource, path] : resources) {
        for (const ContainerAt &container : containersAt(*pod)) {
            if (!isLongRunning(container))
                continue;
            const model::Node *requests
                = container.node->at(model::FieldPath{{"resources"}, {"requests"}});
            const model::Node *limits
                = container.node->at(model::FieldPath{{"resources"}, {"limits"}});
            // A limit alone defaults the request to it.
            if ((requests && requests->isMapping() && requests->get(resource.toStdString()))
                || (limits && limits->isMapping() && limits->get(resource.toStdString())))
                continue;
            sink.report(path,
                        u"scales %1 %2 on %3 utilization, but its container %4 has no %3 "
                        "request: the HPA cannot compute utilization and does not scale"_s.arg(
                            workload->kind(), quoted(workload->name()), resource,
                            quoted(textOf(container.node->get("name")))));
        }
    }
}

} // namespace

const Rule hpaCpuRequestMissing{
    "hpa-cpu-request-missing",
    Severity::Warning,
    Family::Reference,
    "HorizontalPodAutoscaler",
    "An HPA scales on CPU or memory utilization of pods that do not request that resource",
    "Utilization is usage divided by the container's request. When a container of the target "
    "has no request for the resource, the HPA reports \"missing request for cpu\" and never "
    "scales.",
    "Give every container of the target a request for the resource (resources.requests.cpu), or "
    "scale on an AverageValue target instead.",
    "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/",
    &check,
};

} // namespace kstudio::sim::validate::rules
