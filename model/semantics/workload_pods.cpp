// SPDX-License-Identifier: GPL-3.0-or-later
// Workload expansion. Counts follow the API reference defaults (DeploymentSpec.replicas,
// JobSpec.parallelism and .completions default to 1).
#include "workload_pods.h"

#include <algorithm>

namespace kstudio::model {

namespace {

std::optional<long long> intAt(const Node &body, const char *path)
{
    const Node *node = body.at(FieldPath::parse(path));
    return node ? node->toInt() : std::nullopt;
}

PodInstance instance(const Object &object, const QString &name, int ordinal)
{
    PodInstance pod;
    pod.ns = object.effectiveNamespace();
    pod.name = name;
    pod.owner = object.id;
    pod.ownerKind = object.kind();
    pod.podTemplate = podTemplate(object);
    if (pod.podTemplate)
        pod.labels = labelsOf(*pod.podTemplate);
    pod.ordinal = ordinal;
    return pod;
}

} // namespace

PodInstance replicaPod(const Object &workload, int ordinal)
{
    return instance(workload, workload.name() + QLatin1Char('-') + QString::number(ordinal), ordinal);
}

int podCount(const Object &workload)
{
    const QString kind = workload.kind();
    if (kind == QLatin1String("Pod"))
        return 1;
    if (kind == QLatin1String("DaemonSet") || !podTemplate(workload))
        return 0;
    const char *prefix = kind == QLatin1String("CronJob") ? "spec.jobTemplate.spec." : "spec.";
    if (kind == QLatin1String("Job") || kind == QLatin1String("CronJob")) {
        const long long parallelism = intAt(workload.body, (std::string(prefix) + "parallelism").c_str()).value_or(1);
        const auto completions = intAt(workload.body, (std::string(prefix) + "completions").c_str());
        const long long count = completions ? std::min(parallelism, *completions) : parallelism;
        return static_cast<int>(std::clamp<long long>(count, 0, 100000));
    }
    return static_cast<int>(std::clamp<long long>(replicaCount(workload).value_or(1), 0, 100000));
}

bool isControlledWithin(const Object &object, const Snapshot &snapshot)
{
    const Node *owners = object.body.at(FieldPath{{"metadata"}, {"ownerReferences"}});
    if (!owners || !owners->isSequence())
        return false;
    for (const Node &owner : owners->children()) {
        const Node *controller = owner.get("controller");
        if (!controller || !controller->toBool().value_or(false))
            continue;
        const Node *kind = owner.get("kind");
        const Node *name = owner.get("name");
        if (kind && name && snapshot.find(kind->qtext(), object.effectiveNamespace(), name->qtext()))
            return true;
    }
    return false;
}

std::vector<PodInstance> expandPods(const Snapshot &snapshot)
{
    std::vector<PodInstance> pods;
    for (const auto &object : snapshot.objects()) {
        const int count = podCount(*object);
        if (count == 0 || isControlledWithin(*object, snapshot))
            continue;
        if (object->kind() == QLatin1String("Pod")) {
            pods.push_back(instance(*object, object->name(), 0));
            continue;
        }
        for (int i = 0; i < count; ++i)
            pods.push_back(replicaPod(*object, i));
    }
    return pods;
}

PodInstance daemonSetPod(const Object &daemonSet, const QString &nodeName)
{
    return instance(daemonSet, daemonSet.name() + QLatin1Char('-') + nodeName, 0);
}

} // namespace kstudio::model
