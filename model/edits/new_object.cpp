// SPDX-License-Identifier: GPL-3.0-or-later
// Starter manifests. Shapes follow the API reference's minimal valid objects (k8s.io/api).
#include "new_object.h"

#include <model/core/node.h>

#include <QRegularExpression>

namespace kstudio::model {

namespace {

Node str(const QString &text)
{
    return Node::string(text.toStdString());
}

Node labelMap(const QString &name)
{
    Node labels = Node::mapping();
    labels.set("app", str(name));
    return labels;
}

Node container(const QString &name)
{
    Node c = Node::mapping();
    c.set("name", str(name));
    c.set("image", Node::string("nginx:1.27"));
    Node ports = Node::sequence();
    Node port = Node::mapping();
    port.set("containerPort", Node::integer(80));
    ports.append(std::move(port));
    c.set("ports", std::move(ports));
    Node resources = Node::mapping();
    Node requests = Node::mapping();
    requests.set("cpu", Node::string("100m"));
    requests.set("memory", Node::string("128Mi"));
    resources.set("requests", std::move(requests));
    Node limits = Node::mapping();
    limits.set("memory", Node::string("128Mi"));
    resources.set("limits", std::move(limits));
    c.set("resources", std::move(resources));
    return c;
}

Node podSpecFor(const QString &name, const char *restartPolicy)
{
    Node spec = Node::mapping();
    Node containers = Node::sequence();
    containers.append(container(name));
    spec.set("containers", std::move(containers));
    if (restartPolicy)
        spec.set("restartPolicy", Node::string(restartPolicy));
    return spec;
}

Node podTemplateFor(const QString &name, const char *restartPolicy = nullptr)
{
    Node tmpl = Node::mapping();
    Node meta = Node::mapping();
    meta.set("labels", labelMap(name));
    tmpl.set("metadata", std::move(meta));
    tmpl.set("spec", podSpecFor(name, restartPolicy));
    return tmpl;
}

Node matchLabels(const QString &name)
{
    Node selector = Node::mapping();
    selector.set("matchLabels", labelMap(name));
    return selector;
}

Node specFor(const QString &kind, const QString &name)
{
    Node spec = Node::mapping();
    if (kind == QLatin1String("Deployment") || kind == QLatin1String("ReplicaSet")) {
        spec.set("replicas", Node::integer(1));
        spec.set("selector", matchLabels(name));
        spec.set("template", podTemplateFor(name));
    } else if (kind == QLatin1String("StatefulSet")) {
        spec.set("serviceName", str(name));
        spec.set("replicas", Node::integer(1));
        spec.set("selector", matchLabels(name));
        spec.set("template", podTemplateFor(name));
    } else if (kind == QLatin1String("DaemonSet")) {
        spec.set("selector", matchLabels(name));
        spec.set("template", podTemplateFor(name));
    } else if (kind == QLatin1String("Job")) {
        spec.set("template", podTemplateFor(name, "Never"));
    } else if (kind == QLatin1String("CronJob")) {
        spec.set("schedule", Node::string("0 * * * *"));
        Node jobTemplate = Node::mapping();
        Node jobSpec = Node::mapping();
        jobSpec.set("template", podTemplateFor(name, "OnFailure"));
        jobTemplate.set("spec", std::move(jobSpec));
        spec.set("jobTemplate", std::move(jobTemplate));
    } else if (kind == QLatin1String("ReplicationController")) {
        spec.set("replicas", Node::integer(1));
        spec.set("selector", labelMap(name));
        spec.set("template", podTemplateFor(name));
    } else if (kind == QLatin1String("Service")) {
        spec.set("selector", labelMap(name));
        Node ports = Node::sequence();
        Node port = Node::mapping();
        port.set("port", Node::integer(80));
        port.set("targetPort", Node::integer(80));
        ports.append(std::move(port));
        spec.set("ports", std::move(ports));
    } else if (kind == QLatin1String("Ingress")) {
        Node rules = Node::sequence();
        Node rule = Node::mapping();
        rule.set("host", Node::string("example.local"));
        rules.append(std::move(rule));
        spec.set("rules", std::move(rules));
    } else if (kind == QLatin1String("PersistentVolumeClaim")) {
        Node modes = Node::sequence();
        modes.append(Node::string("ReadWriteOnce"));
        spec.set("accessModes", std::move(modes));
        Node resources = Node::mapping();
        Node requests = Node::mapping();
        requests.set("storage", Node::string("1Gi"));
        resources.set("requests", std::move(requests));
        spec.set("resources", std::move(resources));
    } else if (kind == QLatin1String("NetworkPolicy")) {
        spec.set("podSelector", matchLabels(name));
        Node types = Node::sequence();
        types.append(Node::string("Ingress"));
        spec.set("policyTypes", std::move(types));
    } else if (kind == QLatin1String("PodDisruptionBudget")) {
        spec.set("minAvailable", Node::integer(1));
        spec.set("selector", matchLabels(name));
    } else if (kind == QLatin1String("HorizontalPodAutoscaler")) {
        Node target = Node::mapping();
        target.set("apiVersion", Node::string("apps/v1"));
        target.set("kind", Node::string("Deployment"));
        target.set("name", str(name));
        spec.set("scaleTargetRef", std::move(target));
        spec.set("minReplicas", Node::integer(1));
        spec.set("maxReplicas", Node::integer(5));
    } else if (kind == QLatin1String("ResourceQuota")) {
        Node hard = Node::mapping();
        hard.set("requests.cpu", Node::string("4"));
        hard.set("requests.memory", Node::string("8Gi"));
        hard.set("pods", Node::string("20"));
        spec.set("hard", std::move(hard));
    } else if (kind == QLatin1String("LimitRange")) {
        Node limits = Node::sequence();
        Node item = Node::mapping();
        item.set("type", Node::string("Container"));
        Node request = Node::mapping();
        request.set("cpu", Node::string("100m"));
        request.set("memory", Node::string("128Mi"));
        item.set("defaultRequest", std::move(request));
        limits.append(std::move(item));
        spec.set("limits", std::move(limits));
    } else {
        return Node::null();
    }
    return spec;
}

} // namespace

Node starterBody(const KindSpec &spec, const QString &name, const QString &ns)
{
    const QString kind = QString::fromLatin1(spec.kind);
    Node body = Node::mapping();
    const QString group = QString::fromLatin1(spec.group);
    const QString apiVersion = group.isEmpty() ? QString::fromLatin1(spec.version)
                                               : group + QLatin1Char('/') + QString::fromLatin1(spec.version);
    body.set("apiVersion", str(apiVersion));
    body.set("kind", str(kind));
    Node meta = Node::mapping();
    meta.set("name", str(name));
    if (spec.namespaced && !ns.isEmpty())
        meta.set("namespace", str(ns));
    body.set("metadata", std::move(meta));
    if (kind == QLatin1String("Pod")) {
        body.at(FieldPath{{"metadata"}})->set("labels", labelMap(name));
        body.set("spec", podSpecFor(name, nullptr));
    } else if (kind == QLatin1String("ConfigMap")) {
        Node data = Node::mapping();
        data.set("key", Node::string("value"));
        body.set("data", std::move(data));
    } else if (kind == QLatin1String("Secret")) {
        body.set("type", Node::string("Opaque"));
        Node data = Node::mapping();
        data.set("password", Node::string("change-me"));
        body.set("stringData", std::move(data));
    } else if (kind == QLatin1String("PriorityClass")) {
        body.set("value", Node::integer(1000));
    } else if (kind == QLatin1String("Role") || kind == QLatin1String("ClusterRole")) {
        Node rules = Node::sequence();
        Node rule = Node::mapping();
        Node groups = Node::sequence();
        groups.append(Node::string(""));
        rule.set("apiGroups", std::move(groups));
        Node resources = Node::sequence();
        resources.append(Node::string("pods"));
        rule.set("resources", std::move(resources));
        Node verbs = Node::sequence();
        verbs.append(Node::string("get"));
        verbs.append(Node::string("list"));
        rule.set("verbs", std::move(verbs));
        rules.append(std::move(rule));
        body.set("rules", std::move(rules));
    } else if (kind == QLatin1String("RoleBinding") || kind == QLatin1String("ClusterRoleBinding")) {
        Node roleRef = Node::mapping();
        roleRef.set("apiGroup", Node::string("rbac.authorization.k8s.io"));
        roleRef.set("kind", Node::string(kind == QLatin1String("RoleBinding") ? "Role" : "ClusterRole"));
        roleRef.set("name", str(name));
        body.set("roleRef", std::move(roleRef));
        body.set("subjects", Node::sequence());
    } else {
        Node spec2 = specFor(kind, name);
        if (!spec2.isNull())
            body.set("spec", std::move(spec2));
    }
    return body;
}

QString freeName(const QString &stem, const std::function<bool(const QString &)> &taken)
{
    if (!taken(stem))
        return stem;
    static const QRegularExpression suffix(QStringLiteral("-\\d+$"));
    QString base = stem;
    base.remove(suffix);
    QString name;
    for (int n = 2;; ++n) {
        name = base + QLatin1Char('-') + QString::number(n);
        if (!taken(name))
            return name;
    }
}

QString uniqueName(const Snapshot &snapshot, const KindSpec &spec, const QString &ns, const QString &base)
{
    const QString kind = QString::fromLatin1(spec.kind);
    const QString scope = spec.namespaced ? (ns.isEmpty() ? QStringLiteral("default") : ns) : QString();
    return freeName(base.isEmpty() ? kind.toLower() : base,
                    [&](const QString &name) { return snapshot.find(kind, scope, name) != nullptr; });
}

Object starterObject(const Snapshot &snapshot, const KindSpec &spec, const QString &ns)
{
    Object object;
    object.body = starterBody(spec, uniqueName(snapshot, spec, ns), ns);
    return object;
}

} // namespace kstudio::model
