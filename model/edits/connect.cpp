// SPDX-License-Identifier: GPL-3.0-or-later
#include "connect.h"

#include <model/kinds/kind_registry.h>
#include <model/kinds/views.h>

namespace kstudio::model {

namespace {

// a + b by append: GCC 12 at -O3 reports a false -Wrestrict on operator+(const char *, string).
std::string joined(std::string_view a, std::string_view b)
{
    std::string out;
    out.reserve(a.size() + b.size());
    out.append(a);
    out.append(b);
    return out;
}

bool isWorkload(const Object &object)
{
    const KindSpec *spec = findKind(object.kind());
    return spec && spec->isWorkload();
}

// The path of the pod template inside the object: "" for a Pod.
FieldPath templatePath(const Object &object)
{
    const KindSpec *spec = findKind(object.kind());
    return FieldPath::parse(spec && spec->podTemplatePath ? spec->podTemplatePath : "");
}

FieldPath join(const FieldPath &base, std::string_view rest)
{
    FieldPath path = base;
    const FieldPath tail = FieldPath::parse(rest);
    for (const PathSegment &segment : tail.segments())
        path = segment.isIndex() ? path.child(segment.index) : path.child(segment.key);
    return path;
}

Node labelNode(const Labels &labels)
{
    Node map = Node::mapping();
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        map.set(it.key().toStdString(), Node::string(it.value().toStdString()));
    return map;
}

// The labels that identify a workload's pods: its selector's matchLabels when it has one (the
// stable part), else the template's labels. When the template has none, app: <name> is added
// (by extra edits) so that something can select it.
Labels identityLabels(const Object &workload, std::vector<Edit> &edits)
{
    const Node *selector = workload.body.at(FieldPath::parse("spec.selector.matchLabels"));
    Labels labels = stringMap(selector);
    if (!labels.isEmpty())
        return labels;
    if (const Node *tmpl = podTemplate(workload))
        labels = labelsOf(*tmpl);
    if (!labels.isEmpty())
        return labels;
    labels.insert(QStringLiteral("app"), workload.name());
    const FieldPath base = templatePath(workload);
    edits.push_back(Edit(SetField{workload.id, join(base, "metadata.labels"), labelNode(labels)}));
    const KindSpec *spec = findKind(workload.kind());
    if (spec && spec->selectorStyle == SelectorStyle::LabelSelector)
        edits.push_back(Edit(SetField{workload.id, FieldPath::parse("spec.selector.matchLabels"), labelNode(labels)}));
    return labels;
}

QString describeLabels(const Labels &labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.join(QLatin1Char(','));
}

std::size_t sequenceSize(const Node &body, const FieldPath &path)
{
    const Node *node = body.at(path);
    return node && node->isSequence() ? node->size() : 0;
}

ConnectResult fail(const QString &why)
{
    return {std::nullopt, why};
}

ConnectResult done(std::vector<Edit> edits, const QString &text)
{
    return {Edit(Compound{text, std::move(edits)}), QString()};
}

ConnectResult selectWorkload(const Object &selector, const Object &workload, const char *path,
                             bool labelMapStyle, const QString &verb)
{
    std::vector<Edit> edits;
    const Labels labels = identityLabels(workload, edits);
    Node value = labelNode(labels);
    if (!labelMapStyle) {
        Node wrapped = Node::mapping();
        wrapped.set("matchLabels", std::move(value));
        value = std::move(wrapped);
    }
    edits.push_back(Edit(SetField{selector.id, FieldPath::parse(path), std::move(value)}));
    return done(std::move(edits), QStringLiteral("%1 %2 %3 (%4)")
                                      .arg(selector.displayName(), verb, workload.displayName(),
                                           describeLabels(labels)));
}

ConnectResult serviceToWorkload(const Object &service, const Object &workload)
{
    ConnectResult result = selectWorkload(service, workload, "spec.selector", true,
                                          QStringLiteral("selects"));
    // A Service without ports gets the workload's first container port.
    const auto view = serviceView(service);
    if (view && view->ports.isEmpty()) {
        for (const ContainerView &container : containers(workload)) {
            if (container.init || container.ports.isEmpty())
                continue;
            Node port = Node::mapping();
            port.set("port", Node::integer(container.ports.first().containerPort));
            port.set("targetPort", Node::integer(container.ports.first().containerPort));
            Node ports = Node::sequence();
            ports.append(std::move(port));
            std::get<Compound>(result.edit->change).edits.push_back(
                Edit(SetField{service.id, FieldPath::parse("spec.ports"), std::move(ports)}));
            break;
        }
    }
    return result;
}

ConnectResult ingressToService(const Object &ingress, const Object &service)
{
    const auto view = serviceView(service);
    Node backendPort = Node::mapping();
    if (view && !view->ports.isEmpty())
        backendPort.set("number", Node::integer(view->ports.first().port));
    else
        backendPort.set("number", Node::integer(80));
    Node backendService = Node::mapping();
    backendService.set("name", Node::string(service.name().toStdString()));
    backendService.set("port", std::move(backendPort));
    Node backend = Node::mapping();
    backend.set("service", std::move(backendService));
    Node path = Node::mapping();
    path.set("path", Node::string("/"));
    path.set("pathType", Node::string("Prefix"));
    path.set("backend", std::move(backend));

    std::vector<Edit> edits;
    const FieldPath rules = FieldPath::parse("spec.rules");
    if (sequenceSize(ingress.body, rules) == 0) {
        Node rule = Node::mapping();
        edits.push_back(Edit(SetField{ingress.id, rules.child(0), std::move(rule)}));
    }
    const FieldPath paths = FieldPath::parse("spec.rules[0].http.paths");
    const Node *existing = ingress.body.at(paths);
    const int next = existing && existing->isSequence() ? static_cast<int>(existing->size()) : 0;
    if (next > 0) {
        // A second backend gets its own path so that the rule stays valid.
        path.set("path", Node::string(joined("/", service.name().toStdString())));
    }
    edits.push_back(Edit(SetField{ingress.id, paths.child(next), std::move(path)}));
    return done(std::move(edits),
                QStringLiteral("%1 routes to %2").arg(ingress.displayName(), service.displayName()));
}

ConnectResult workloadUses(const Object &workload, const Object &target, ConnectMode mode)
{
    const QString kind = target.kind();
    const FieldPath base = templatePath(workload);
    const FieldPath spec = join(base, "spec");
    const std::string name = target.name().toStdString();
    std::vector<Edit> edits;
    if (kind == QLatin1String("ServiceAccount")) {
        edits.push_back(Edit(SetField{workload.id, spec.child("serviceAccountName"), Node::string(name)}));
        return done(std::move(edits), QStringLiteral("%1 runs as %2").arg(workload.displayName(), target.displayName()));
    }
    if (sequenceSize(workload.body, spec.child("containers")) == 0)
        return fail(QStringLiteral("%1 has no containers").arg(workload.displayName()));
    const FieldPath container = spec.child("containers").child(0);
    const bool isConfig = kind == QLatin1String("ConfigMap") || kind == QLatin1String("Secret");
    if (isConfig && mode != ConnectMode::Volume) {
        Node ref = Node::mapping();
        ref.set("name", Node::string(name));
        Node source = Node::mapping();
        source.set(kind == QLatin1String("ConfigMap") ? "configMapRef" : "secretRef", std::move(ref));
        const int next = static_cast<int>(sequenceSize(workload.body, container.child("envFrom")));
        edits.push_back(Edit(SetField{workload.id, container.child("envFrom").child(next), std::move(source)}));
        return done(std::move(edits), QStringLiteral("%1 takes the environment of %2")
                                          .arg(workload.displayName(), target.displayName()));
    }
    // A volume named after the object (made unique), mounted in the first container.
    const FieldPath volumes = spec.child("volumes");
    const Node *existing = workload.body.at(volumes);
    std::string volumeName = name;
    for (int n = 2; existing && existing->isSequence(); ++n) {
        bool taken = false;
        for (const Node &volume : existing->children()) {
            const Node *volumeNameNode = volume.get("name");
            taken = taken || (volumeNameNode && volumeNameNode->text() == volumeName);
        }
        if (!taken)
            break;
        volumeName = joined(joined(name, "-"), std::to_string(n));
    }
    Node volume = Node::mapping();
    volume.set("name", Node::string(volumeName));
    Node source = Node::mapping();
    std::string mountPath;
    if (kind == QLatin1String("ConfigMap")) {
        source.set("name", Node::string(name));
        volume.set("configMap", std::move(source));
        mountPath = joined("/etc/", name);
    } else if (kind == QLatin1String("Secret")) {
        source.set("secretName", Node::string(name));
        volume.set("secret", std::move(source));
        mountPath = joined("/etc/secrets/", name);
    } else {
        source.set("claimName", Node::string(name));
        volume.set("persistentVolumeClaim", std::move(source));
        mountPath = joined("/data/", name);
    }
    edits.push_back(Edit(SetField{workload.id, volumes.child(static_cast<int>(sequenceSize(workload.body, volumes))),
                                  std::move(volume)}));
    Node mount = Node::mapping();
    mount.set("name", Node::string(volumeName));
    mount.set("mountPath", Node::string(mountPath));
    if (kind != QLatin1String("PersistentVolumeClaim"))
        mount.set("readOnly", Node::boolean(true));
    const FieldPath mounts = container.child("volumeMounts");
    edits.push_back(Edit(SetField{workload.id, mounts.child(static_cast<int>(sequenceSize(workload.body, mounts))),
                                  std::move(mount)}));
    return done(std::move(edits), QStringLiteral("%1 mounts %2 at %3")
                                      .arg(workload.displayName(), target.displayName(),
                                           QString::fromStdString(mountPath)));
}

ConnectResult hpaToWorkload(const Object &hpa, const Object &workload)
{
    const KindSpec *spec = findKind(workload.kind());
    const QString kind = workload.kind();
    if (kind != QLatin1String("Deployment") && kind != QLatin1String("StatefulSet")
        && kind != QLatin1String("ReplicaSet") && kind != QLatin1String("ReplicationController"))
        return fail(QStringLiteral("a HorizontalPodAutoscaler cannot scale a %1").arg(kind));
    Node target = Node::mapping();
    const QString group = QString::fromLatin1(spec->group);
    const QString apiVersion = group.isEmpty() ? QString::fromLatin1(spec->version)
                                               : group + QLatin1Char('/') + QString::fromLatin1(spec->version);
    target.set("apiVersion", Node::string(apiVersion.toStdString()));
    target.set("kind", Node::string(kind.toStdString()));
    target.set("name", Node::string(workload.name().toStdString()));
    std::vector<Edit> edits;
    edits.push_back(Edit(SetField{hpa.id, FieldPath::parse("spec.scaleTargetRef"), std::move(target)}));
    return done(std::move(edits), QStringLiteral("%1 scales %2").arg(hpa.displayName(), workload.displayName()));
}

ConnectResult bindingTo(const Object &binding, const Object &target)
{
    std::vector<Edit> edits;
    const QString kind = target.kind();
    if (kind == QLatin1String("ServiceAccount")) {
        Node subject = Node::mapping();
        subject.set("kind", Node::string("ServiceAccount"));
        subject.set("name", Node::string(target.name().toStdString()));
        subject.set("namespace", Node::string(target.effectiveNamespace().toStdString()));
        const FieldPath subjects = FieldPath::parse("subjects");
        edits.push_back(Edit(SetField{binding.id, subjects.child(static_cast<int>(sequenceSize(binding.body, subjects))),
                                      std::move(subject)}));
    } else {
        if (binding.kind() == QLatin1String("ClusterRoleBinding") && kind == QLatin1String("Role"))
            return fail(QStringLiteral("a ClusterRoleBinding can only refer to a ClusterRole"));
        Node roleRef = Node::mapping();
        roleRef.set("apiGroup", Node::string("rbac.authorization.k8s.io"));
        roleRef.set("kind", Node::string(kind.toStdString()));
        roleRef.set("name", Node::string(target.name().toStdString()));
        edits.push_back(Edit(SetField{binding.id, FieldPath::parse("roleRef"), std::move(roleRef)}));
    }
    return done(std::move(edits), QStringLiteral("%1 binds %2").arg(binding.displayName(), target.displayName()));
}

bool isOneOf(const QString &kind, std::initializer_list<const char *> kinds)
{
    for (const char *k : kinds) {
        if (kind == QLatin1String(k))
            return true;
    }
    return false;
}

ConnectResult connectOrdered(const Object &a, const Object &b, ConnectMode mode)
{
    const QString ak = a.kind();
    const QString bk = b.kind();
    if (ak == QLatin1String("Service") && isWorkload(b))
        return serviceToWorkload(a, b);
    if (ak == QLatin1String("Ingress") && bk == QLatin1String("Service"))
        return ingressToService(a, b);
    if (isWorkload(a) && isOneOf(bk, {"ConfigMap", "Secret", "PersistentVolumeClaim", "ServiceAccount"}))
        return workloadUses(a, b, mode);
    if (ak == QLatin1String("HorizontalPodAutoscaler") && isWorkload(b))
        return hpaToWorkload(a, b);
    if (ak == QLatin1String("PodDisruptionBudget") && isWorkload(b))
        return selectWorkload(a, b, "spec.selector", false, QStringLiteral("protects"));
    if (ak == QLatin1String("NetworkPolicy") && isWorkload(b))
        return selectWorkload(a, b, "spec.podSelector", false, QStringLiteral("applies to"));
    if (isOneOf(ak, {"RoleBinding", "ClusterRoleBinding"}) && isOneOf(bk, {"Role", "ClusterRole", "ServiceAccount"}))
        return bindingTo(a, b);
    return fail(QStringLiteral("Kubernetes has no relation from a %1 to a %2").arg(ak, bk));
}

} // namespace

QList<ConnectMode> connectModes(const Snapshot &snapshot, ObjectId from, ObjectId to)
{
    const Object *a = snapshot.object(from);
    const Object *b = snapshot.object(to);
    if (!a || !b)
        return {};
    if (isWorkload(*b))
        std::swap(a, b);
    if (isWorkload(*a) && isOneOf(b->kind(), {"ConfigMap", "Secret"}))
        return {ConnectMode::EnvFrom, ConnectMode::Volume};
    return {};
}

ConnectResult connectEdit(const Snapshot &snapshot, ObjectId from, ObjectId to, ConnectMode mode)
{
    const Object *a = snapshot.object(from);
    const Object *b = snapshot.object(to);
    if (!a || !b || from == to)
        return fail(QStringLiteral("nothing to connect"));
    const bool sameNamespace = a->effectiveNamespace() == b->effectiveNamespace() || !a->isNamespaced()
                               || !b->isNamespaced();
    if (!sameNamespace)
        return fail(QStringLiteral("%1 and %2 are in different namespaces").arg(a->displayName(), b->displayName()));
    ConnectResult result = connectOrdered(*a, *b, mode);
    if (result.edit)
        return result;
    ConnectResult reversed = connectOrdered(*b, *a, mode);
    return reversed.edit ? reversed : result;
}

} // namespace kstudio::model
