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
