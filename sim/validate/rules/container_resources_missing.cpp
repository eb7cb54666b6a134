// SPDX-License-Identifier: GPL-3.0-or-later
// container-resources-missing: a container without CPU or memory requests.
// The scheduler places pods by their requests (pkg/scheduler/framework/plugins/noderesources),
// and a pod whose containers request nothing is BestEffort, evicted first under node pressure
// (pkg/apis/core/v1/helper/qos). A limit without a request defaults the request to the limit
// (pkg/apis/core/v1/defaults.go SetDefaults_Pod), so that counts as a request.
// kube-linter's unset-cpu-requirements and unset-memory-requirements check the same.
#include "rules.h"
#include "support.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

bool has(const model::Node *resources, const char *group, const char *resource)
{
    const model::Node *map = resources ? resources->get(group) : nullptr;
    return map && map->isMapping() && map->get(resource);
}

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    for (const ContainerAt &container : containersAt(*pod)) {
        const model::Node *resources = container.node->get("resources");
        QStringList missing;
        for (const char *resource : {"cpu", "memory"}) {
            if (!has(resources, "requests", resource) && !has(resources, "limits", resource))
                missing.append(QLatin1StringView(resource));
        }
        if (missing.isEmpty())
            continue;
        sink.report(container.path.child("resources"),
                    u"container %1 has no %2 for %3"_s.arg(
                        quoted(textOf(container.node->get("name"))),
                        missing.size() > 1 ? u"requests"_s : u"request"_s,
                        missing.join(u" and "_s)));
    }
}

} // namespace

const Rule containerResourcesMissing{
    "container-resources-missing",
    Severity::Warning,
    Family::Practice,
    "@workload",
    "A container requests no CPU or no memory",
    "Requests are what the scheduler reserves on a node. Without them pods pile onto nodes that "
    "cannot sustain them, the HorizontalPodAutoscaler cannot compute utilisation, and the pod's "
    "QoS class drops to BestEffort, the first to be evicted.",
    "Set resources.requests.cpu and resources.requests.memory on every container to what it needs "
    "at steady state (and limits where appropriate).",
    "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
    &check,
};

} // namespace kstudio::sim::validate::rules
