// SPDX-License-Identifier: GPL-3.0-or-later
// Typed views. Defaults follow the API reference (k8s.io/api core/v1, apps/v1, batch/v1 types).
#include "views.h"

namespace kstudio::model {

namespace {

QString text(const Node *node)
{
    return node && node->isScalar() ? node->qtext() : QString();
}

int intOr(const Node *node, int fallback)
{
    if (!node)
        return fallback;
    if (const auto value = node->toInt())
        return static_cast<int>(*value);
    return fallback;
}

QList<ContainerPort> portsOf(const Node &container)
{
    QList<ContainerPort> out;
    const Node *ports = container.get("ports");
    if (!ports || !ports->isSequence())
        return out;
    for (const Node &port : ports->children()) {
        ContainerPort p;
        p.name = text(port.get("name"));
        p.containerPort = intOr(port.get("containerPort"), 0);
        if (const QString protocol = text(port.get("protocol")); !protocol.isEmpty())
            p.protocol = protocol;
        p.hostPort = intOr(port.get("hostPort"), 0);
        out.append(p);
    }
    return out;
}

} // namespace

Labels stringMap(const Node *node)
{
    Labels out;
    if (!node || !node->isMapping())
        return out;
    for (const Node &child : node->children())
        out.insert(QString::fromStdString(child.key()), child.qtext());
    return out;
}

Labels labelsOf(const Node &metadataOwner)
{
    return stringMap(metadataOwner.at(FieldPath{{"metadata"}, {"labels"}}));
}

const Node *podTemplate(const Object &object)
{
    const KindSpec *spec = findKind(object.kind());
    if (!spec || !spec->isWorkload())
        return nullptr;
    if (spec->podTemplatePath[0] == '\0')
        return &object.body;
    const Node *node = object.body.at(FieldPath::parse(spec->podTemplatePath));
    return node && node->isMapping() ? node : nullptr;
}

const Node *podSpec(const Object &object)
{
    const Node *tpl = podTemplate(object);
    if (!tpl)
        return nullptr;
    const Node *spec = tpl->get("spec");
    return spec && spec->isMapping() ? spec : nullptr;
}

std::optional<long long> replicaCount(const Object &object)
{
    const KindSpec *spec = findKind(object.kind());
    if (!spec || !spec->isWorkload())
        return std::nullopt;
    if (!spec->replicasPath)
        return spec->podTemplatePath[0] == '\0' ? std::optional<long long>(1) : std::nullopt;
    const Node *node = object.body.at(FieldPath::parse(spec->replicasPath));
    if (node) {
        if (const auto value = node->toInt())
            return *value;
    }
    return 1;
}

QList<ContainerView> containers(const Object &object)
{
    QList<ContainerView> out;
    const Node *spec = podSpec(object);
    if (!spec)
        return out;
    for (const char *field : {"initContainers", "containers"}) {
        const Node *list = spec->get(field);
        if (!list || !list->isSequence())
            continue;
        for (const Node &container : list->children()) {
            ContainerView view;
            view.name = text(container.get("name"));
            view.image = text(container.get("image"));
            view.init = std::string_view(field) == "initContainers";
            view.restartableSidecar = view.init && text(container.get("restartPolicy")) == QLatin1String("Always");
            view.ports = portsOf(container);
            view.node = &container;
            out.append(view);
        }
    }
    return out;
}

std::optional<ServiceView> serviceView(const Object &object)
{
    if (object.kind() != QLatin1String("Service"))
        return std::nullopt;
    ServiceView view;
    const Node *spec = object.body.get("spec");
    if (!spec)
        return view;
    if (const QString type = text(spec->get("type")); !type.isEmpty())
        view.type = type;
    view.selector = stringMap(spec->get("selector"));
    view.hasSelector = !view.selector.isEmpty();
    view.headless = text(spec->get("clusterIP")) == QLatin1String("None");
    view.externalName = text(spec->get("externalName"));
    if (const Node *ports = spec->get("ports"); ports && ports->isSequence()) {
        for (const Node &port : ports->children()) {
            ServicePort p;
            p.name = text(port.get("name"));
            if (const QString protocol = text(port.get("protocol")); !protocol.isEmpty())
                p.protocol = protocol;
            p.port = intOr(port.get("port"), 0);
            p.targetPort = text(port.get("targetPort"));
            if (p.targetPort.isEmpty())
                p.targetPort = QString::number(p.port);
            p.nodePort = intOr(port.get("nodePort"), 0);
            view.ports.append(p);
        }
    }
    return view;
}

} // namespace kstudio::model

namespace kstudio::model {

namespace {

void addUnique(QStringList &list, const QString &name)
{
    if (!name.isEmpty() && !list.contains(name))
        list.append(name);
}

QString textOf(const Node *node)
{
    return node && node->isScalar() ? node->qtext() : QString();
}

void collectFromContainer(const Node &container, PodReferences &refs)
{
    if (const Node *envFrom = container.get("envFrom"); envFrom && envFrom->isSequence()) {
        for (const Node &source : envFrom->children()) {
            addUnique(refs.configMaps, textOf(source.at(FieldPath{{"configMapRef"}, {"name"}})));
            addUnique(refs.secrets, textOf(source.at(FieldPath{{"secretRef"}, {"name"}})));
        }
    }
    if (const Node *env = container.get("env"); env && env->isSequence()) {
        for (const Node &variable : env->children()) {
            addUnique(refs.configMaps, textOf(variable.at(FieldPath{{"valueFrom"}, {"configMapKeyRef"}, {"name"}})));
            addUnique(refs.secrets, textOf(variable.at(FieldPath{{"valueFrom"}, {"secretKeyRef"}, {"name"}})));
        }
    }
}

} // namespace

PodReferences podReferences(const Object &object)
{
    PodReferences refs;
    const Node *spec = podSpec(object);
    if (!spec)
        return refs;
    refs.serviceAccount = textOf(spec->get("serviceAccountName"));
    if (refs.serviceAccount.isEmpty())
        refs.serviceAccount = textOf(spec->get("serviceAccount")); // deprecated alias
    if (refs.serviceAccount.isEmpty())
        refs.serviceAccount = QStringLiteral("default");
    refs.priorityClassName = textOf(spec->get("priorityClassName"));
    for (const char *field : {"initContainers", "containers", "ephemeralContainers"}) {
        if (const Node *list = spec->get(field); list && list->isSequence()) {
            for (const Node &container : list->children())
                collectFromContainer(container, refs);
        }
    }
    if (const Node *pullSecrets = spec->get("imagePullSecrets"); pullSecrets && pullSecrets->isSequence()) {
        for (const Node &secret : pullSecrets->children())
            addUnique(refs.secrets, textOf(secret.get("name")));
    }
    if (const Node *volumes = spec->get("volumes"); volumes && volumes->isSequence()) {
        for (const Node &volume : volumes->children()) {
            addUnique(refs.configMaps, textOf(volume.at(FieldPath{{"configMap"}, {"name"}})));
            addUnique(refs.secrets, textOf(volume.at(FieldPath{{"secret"}, {"secretName"}})));
            addUnique(refs.persistentVolumeClaims, textOf(volume.at(FieldPath{{"persistentVolumeClaim"}, {"claimName"}})));
            const Node *sources = volume.at(FieldPath{{"projected"}, {"sources"}});
            if (sources && sources->isSequence()) {
                for (const Node &source : sources->children()) {
                    addUnique(refs.configMaps, textOf(source.at(FieldPath{{"configMap"}, {"name"}})));
                    addUnique(refs.secrets, textOf(source.at(FieldPath{{"secret"}, {"name"}})));
                }
            }
        }
    }
    // StatefulSet volumeClaimTemplates create PVCs named <template>-<statefulset>-<ordinal>;
    // they are not references to existing claims.
    return refs;
}

QList<IngressBackend> ingressBackends(const Object &object)
{
    QList<IngressBackend> out;
    if (object.kind() != QLatin1String("Ingress"))
        return out;
    const Node *spec = object.body.get("spec");
    if (!spec)
        return out;
    auto backendOf = [](const Node *backend, IngressBackend &into) {
        if (!backend)
            return;
        into.service = textOf(backend->at(FieldPath{{"service"}, {"name"}}));
        into.port = textOf(backend->at(FieldPath{{"service"}, {"port"}, {"number"}}));
        if (into.port.isEmpty())
            into.port = textOf(backend->at(FieldPath{{"service"}, {"port"}, {"name"}}));
        if (into.service.isEmpty()) { // extensions/v1beta1 and networking.k8s.io/v1beta1 shape
            into.service = textOf(backend->get("serviceName"));
            into.port = textOf(backend->get("servicePort"));
        }
    };
    if (const Node *fallback = spec->get("defaultBackend") ? spec->get("defaultBackend") : spec->get("backend")) {
        IngressBackend backend;
        backendOf(fallback, backend);
        out.append(backend);
    }
    if (const Node *rules = spec->get("rules"); rules && rules->isSequence()) {
        for (const Node &rule : rules->children()) {
            const QString host = textOf(rule.get("host"));
            const Node *paths = rule.at(FieldPath{{"http"}, {"paths"}});
            if (!paths || !paths->isSequence())
                continue;
            for (const Node &path : paths->children()) {
                IngressBackend backend;
                backend.host = host;
                backend.path = textOf(path.get("path"));
                backend.pathType = textOf(path.get("pathType"));
                backendOf(path.get("backend"), backend);
                out.append(backend);
            }
        }
    }
    return out;
}

std::optional<ObjectRef> scaleTarget(const Object &hpa)
{
    const Node *ref = hpa.body.at(FieldPath{{"spec"}, {"scaleTargetRef"}});
    if (!ref || !ref->isMapping())
        return std::nullopt;
    return ObjectRef{textOf(ref->get("apiVersion")), textOf(ref->get("kind")), textOf(ref->get("name"))};
}

std::optional<NodeView> nodeView(const Object &object)
{
    if (object.kind() != QLatin1String("Node"))
        return std::nullopt;
    NodeView view;
    view.name = object.name();
    view.labels = labelsOf(object.body);
    view.unschedulable = object.body.at(FieldPath{{"spec"}, {"unschedulable"}})
                         && object.body.at(FieldPath{{"spec"}, {"unschedulable"}})->toBool().value_or(false);
    const Node *resources = object.body.at(FieldPath{{"status"}, {"allocatable"}});
    if (!resources)
        resources = object.body.at(FieldPath{{"status"}, {"capacity"}});
    view.allocatable = stringMap(resources);
    if (const Node *taints = object.body.at(FieldPath{{"spec"}, {"taints"}}); taints && taints->isSequence()) {
        for (const Node &taint : taints->children())
            view.taints.append({textOf(taint.get("key")), textOf(taint.get("value")), textOf(taint.get("effect"))});
    }
    return view;
}

} // namespace kstudio::model
