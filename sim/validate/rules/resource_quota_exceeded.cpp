// SPDX-License-Identifier: GPL-3.0-or-later
// resource-quota-exceeded: a ResourceQuota whose hard limits the namespace's design exceeds:
// the sum over its workloads of pod requests/limits x replicas (after LimitRange defaults, see
// resources.h), the pod count, and object counts (count/<resource>, services, configmaps ...);
// pods without a request or limit the quota tracks (refused: "must specify"); and, as a
// warning, the totals once every HPA scales its target to maxReplicas.
// Mirrors kubernetes v1.33 pkg/quota/v1/evaluator/core/pods.go (requests.cpu = cpu,
// limits.*, pods, the "must specify" check) and services.go / the object-count evaluators.
// A DaemonSet counts one pod per Node of the design (at least one). Quotas with scopes or a
// scopeSelector are not evaluated (they count a subset of pods the design cannot always tell).
#include "resources.h"
#include "rules.h"

#include <model/kinds/views.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

struct Workload
{
    const model::Object *object;
    long long replicas;
    long long maxReplicas; // with its HPA's maxReplicas, else replicas
    Amounts requests, limits;
    QStringList missingRequests, missingLimits; // resources without a value in some container
};

// The quota's name for a pod resource: requests.cpu and cpu are the same.
QString podResource(const QString &hard, bool *isLimit)
{
    *isLimit = false;
    if (hard.startsWith(u"requests."_s))
        return hard.mid(9);
    if (hard.startsWith(u"limits."_s)) {
        *isLimit = true;
        return hard.mid(7);
    }
    if (hard == u"cpu"_s || hard == u"memory"_s || hard == u"ephemeral-storage"_s
        || hard.startsWith(u"hugepages-"_s))
        return hard;
    return {};
}

// count/<resource>[.<group>] and the legacy names, to kinds.
QString countedKind(const QString &hard)
{
    static const QHash<QString, QString> kinds{
        {u"services"_s, u"Service"_s},
        {u"configmaps"_s, u"ConfigMap"_s},
        {u"secrets"_s, u"Secret"_s},
        {u"persistentvolumeclaims"_s, u"PersistentVolumeClaim"_s},
        {u"replicationcontrollers"_s, u"ReplicationController"_s},
        {u"resourcequotas"_s, u"ResourceQuota"_s},
        {u"count/services"_s, u"Service"_s},
        {u"count/configmaps"_s, u"ConfigMap"_s},
        {u"count/secrets"_s, u"Secret"_s},
        {u"count/persistentvolumeclaims"_s, u"PersistentVolumeClaim"_s},
        {u"count/serviceaccounts"_s, u"ServiceAccount"_s},
        {u"count/deployments.apps"_s, u"Deployment"_s},
        {u"count/statefulsets.apps"_s, u"StatefulSet"_s},
        {u"count/daemonsets.apps"_s, u"DaemonSet"_s},
        {u"count/replicasets.apps"_s, u"ReplicaSet"_s},
        {u"count/jobs.batch"_s, u"Job"_s},
        {u"count/cronjobs.batch"_s, u"CronJob"_s},
        {u"count/ingresses.networking.k8s.io"_s, u"Ingress"_s},
        {u"count/networkpolicies.networking.k8s.io"_s, u"NetworkPolicy"_s},
        {u"count/horizontalpodautoscalers.autoscaling"_s, u"HorizontalPodAutoscaler"_s},
        {u"count/poddisruptionbudgets.policy"_s, u"PodDisruptionBudget"_s},
        {u"count/roles.rbac.authorization.k8s.io"_s, u"Role"_s},
        {u"count/rolebindings.rbac.authorization.k8s.io"_s, u"RoleBinding"_s},
    };
    return kinds.value(hard);
}

long long hpaMax(const Index &index, const model::Object &workload, long long replicas)
{
    for (const model::Object *hpa :
         index.objectsOfKind(workload.effectiveNamespace(), u"HorizontalPodAutoscaler"_s)) {
        const model::Node *target = hpa->body.at(model::FieldPath{{"spec"}, {"scaleTargetRef"}});
        if (!target || textOf(target->get("kind")) != workload.kind()
            || textOf(target->get("name")) != workload.name())
            continue;
        const model::Node *max = hpa->body.at(model::FieldPath{{"spec"}, {"maxReplicas"}});
        if (max && max->toInt())
            return std::max(replicas, *max->toInt());
    }
    return replicas;
}

std::vector<Workload> workloadsOf(const RuleContext &context, const QString &ns)
{
    const std::vector<LimitItem> items = limitItems(context.index, ns);
    const long long nodes = std::max<long long>(
        1, context.index.objectsOfKind(QString(), u"Node"_s).size());
    std::vector<Workload> out;
    for (const PodTemplateEntry &entry : context.index.templatesIn(ns)) {
        const model::Object &object = *entry.owner;
        const std::optional<PodSpecAt> pod = podSpecAt(object);
        if (!pod)
            continue;
        const std::optional<long long> count = model::replicaCount(object);
        Workload workload{&object, count.value_or(nodes), 0, {}, {}, {}, {}};
        if (object.kind() == u"DaemonSet"_s)
            workload.replicas = nodes;
        workload.maxReplicas = hpaMax(context.index, object, workload.replicas);
        const std::vector<EffectiveContainer> containers = effectiveContainers(*pod, items);
        workload.requests = podTotal(containers, false);
        workload.limits = podTotal(containers, true);
        for (const char *resource : {"cpu", "memory"}) {
            for (const EffectiveContainer &container : containers) {
                if (!container.requests.contains(QLatin1String(resource))
                    && !workload.missingRequests.contains(QLatin1String(resource)))
                    workload.missingRequests.append(QLatin1String(resource));
                if (!container.limits.contains(QLatin1String(resource))
                    && !workload.missingLimits.contains(QLatin1String(resource)))
                    workload.missingLimits.append(QLatin1String(resource));
            }
        }
        out.push_back(std::move(workload));
    }
    return out;
}

QString objectLabel(const model::Object &object)
{
    return object.kind() + u'/' + object.name();
}

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const model::Node *spec = object.body.get("spec");
    if (!spec || !spec->isMapping() || spec->get("scopes") || spec->get("scopeSelector"))
        return;
    const Amounts hard = amountsOf(spec->get("hard"));
    if (hard.isEmpty())
        return;
    const QString ns = object.effectiveNamespace();
    const std::vector<Workload> workloads = workloadsOf(context, ns);
    const model::FieldPath hardPath{{"spec"}, {"hard"}};
    const QString quotaName = quoted(object.name());
    // Manifests without metadata.namespace go wherever `kubectl apply -n` puts them: whether
    // the quota and the workloads meet is then uncertain.
    bool uncertain = object.rawNamespace().isEmpty();
    for (const Workload &workload : workloads)
        uncertain = uncertain || workload.object->rawNamespace().isEmpty();
    const auto report = [&](const model::FieldPath &path, const QString &message) {
        if (uncertain)
            sink.reportUncertain(path,
                                 message
                                     + u" (some of these objects have no metadata.namespace: "
                                       "they meet only when applied to the same namespace)"_s);
        else
            sink.report(path, message);
    };
    for (auto it = hard.cbegin(); it != hard.cend(); ++it) {
        const QString &name = it.key();
        const model::FieldPath at = hardPath.child(name.toStdString());
        bool isLimit = false;
        const QString resource = podResource(name, &isLimit);
        if (!resource.isEmpty()) {
            qint64 total = 0;
            qint64 scaled = 0;
            QStringList parts;
            for (const Workload &workload : workloads) {
                const Amounts &amounts = isLimit ? workload.limits : workload.requests;
                const QStringList &missing
                    = isLimit ? workload.missingLimits : workload.missingRequests;
                if (missing.contains(resource))
                    report(at,
                                u"%1 has a container without %2.%3: with quota %4 tracking %5, its "
                                "pods are refused (must specify %5)"_s.arg(
                                    objectLabel(*workload.object),
                                    isLimit ? u"limits"_s : u"requests"_s, resource, quotaName,
                                    name));
                const qint64 each = amounts.value(resource);
                if (each == 0)
                    continue;
                total += each * workload.replicas;
                scaled += each * workload.maxReplicas;
                parts.append(u"%1 %2 x %3"_s.arg(objectLabel(*workload.object))
                                 .arg(workload.replicas)
                                 .arg(formatAmount(resource, each)));
            }
            if (total > it.value())
                report(at,
                            u"the pods of namespace %1 need %2 %3 in total (%4), above quota %5's "
                            "%6: pods beyond it are refused"_s.arg(
                                ns, formatAmount(resource, total), name, parts.join(u", "_s),
                                quotaName, formatAmount(resource, it.value())));
            else if (scaled > it.value())
                sink.reportUncertain(
                    at,
                    u"at their HPAs' maxReplicas the pods of namespace %1 need %2 %3, above quota "
                    "%4's %5: scaling up stops there"_s.arg(ns, formatAmount(resource, scaled), name,
                                                           quotaName,
                                                           formatAmount(resource, it.value())));
            continue;
        }
        if (name == u"pods"_s || name == u"count/pods"_s) {
            long long pods = 0;
            long long scaledPods = 0;
            for (const Workload &workload : workloads) {
                pods += workload.replicas;
                scaledPods += workload.maxReplicas;
            }
            if (pods * 1000 > it.value())
                report(at,
                            u"the workloads of namespace %1 run %2 pods, above quota %3's %4"_s.arg(
                                ns, QString::number(pods), quotaName,
                                formatAmount(name, it.value())));
            else if (scaledPods * 1000 > it.value())
                sink.reportUncertain(at,
                                     u"at their HPAs' maxReplicas the workloads of namespace %1 run "
                                     "%2 pods, above quota %3's %4"_s.arg(
                                         ns, QString::number(scaledPods), quotaName,
                                         formatAmount(name, it.value())));
            continue;
        }
        const QString kind = countedKind(name);
        if (kind.isEmpty())
            continue;
        const qint64 count = context.index.objectsOfKind(ns, kind).size();
        if (count * 1000 > it.value())
            report(at,
                        u"namespace %1 holds %2 %3 objects, above quota %4's %5"_s.arg(
                            ns, QString::number(count), kind, quotaName,
                            formatAmount(name, it.value())));
    }
}

} // namespace

const Rule resourceQuotaExceeded{
    "resource-quota-exceeded",
    Severity::Error,
    Family::Reference,
    "ResourceQuota",
    "The namespace's workloads need more than its ResourceQuota allows",
    "A ResourceQuota caps the sum of requests and limits, the number of pods and the number of "
    "objects in a namespace. The quota admission plugin refuses whatever would go beyond it, so "
    "some replicas are never created; when the quota tracks cpu or memory, pods that do not "
    "state them are refused outright. HPAs scaling up stop at the quota too (a warning).",
    "Raise the quota, lower the replicas or per-pod requests, or give every container the "
    "requests and limits the quota tracks (a LimitRange can default them).",
    "https://kubernetes.io/docs/concepts/policy/resource-quotas/",
    &check,
};

} // namespace kstudio::sim::validate::rules
