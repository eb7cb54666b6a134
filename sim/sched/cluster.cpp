// SPDX-License-Identifier: GPL-3.0-or-later
// From a design to the scheduler's cluster: nodes, pods and their priorities.
// Mirrors: kubernetes/kubernetes pkg/controller/daemon/daemon_controller.go (NodeShouldRunDaemonPod:
// node name, required node affinity and NoSchedule/NoExecute taints decide where a DaemonSet
// runs pods), plugin/pkg/admission/priority/admission.go (priority from the PriorityClass,
// else the globalDefault one, else 0) and pkg/scheduler/framework/plugins/helper/spread.go
// (DefaultSelector, GetPodServices), plugin/pkg/admission/limitranger/admission.go (LimitRange
// defaults) and pkg/controller/podautoscaler/horizontal.go (replicas within min and max) at v1.33.
#include "framework.h"

#include <model/core/node_pool.h>
#include <model/core/snapshot.h>
#include <model/kinds/views.h>
#include <model/semantics/label_selector.h>
#include <model/semantics/quantity.h>
#include <model/semantics/workload_pods.h>

#include <QHash>

#include <algorithm>
#include <iterator>
#include <map>

namespace kstudio::sim::sched {

namespace {

struct PriorityClass
{
    std::int32_t value = 0;
    bool globalDefault = false;
    QString preemptionPolicy;
};

Resource allocatableOf(const QMap<QString, QString> &list)
{
    Resource resource;
    for (auto it = list.constBegin(); it != list.constEnd(); ++it) {
        const std::optional<model::Quantity> quantity = model::Quantity::parseField(it.value().toStdString());
        if (!quantity)
            continue;
        const QString &name = it.key();
        if (name == QLatin1String("cpu"))
            resource.milliCpu = quantity->milliValue().value_or(0);
        else if (name == QLatin1String("memory"))
            resource.memory = quantity->value().value_or(0);
        else if (name == QLatin1String("ephemeral-storage"))
            resource.ephemeralStorage = quantity->value().value_or(0);
        else if (name == QLatin1String("pods"))
            resource.allowedPodNumber = quantity->value().value_or(0);
        else if (isScalarResourceName(name))
            resource.addScalar(name, quantity->value().value_or(0));
    }
    return resource;
}

NodeInfo nodeInfoOf(const model::NodeView &view)
{
    NodeInfo node;
    node.name = view.name;
    node.labels = view.labels;
    node.unschedulable = view.unschedulable;
    node.allocatable = allocatableOf(view.allocatable);
    for (const model::NodeView::Taint &taint : view.taints)
        node.taints.push_back({taint.key, taint.value, taint.effect});
    return node;
}

} // namespace

// Node pools: the Node objects model::nodePoolManifests makes of them, read as any Node is.
std::vector<NodeInfo> poolNodes(const model::NodePool &pool)
{
    std::vector<NodeInfo> nodes;
    model::Object object;
    for (model::Node &manifest : model::nodePoolManifests(pool)) {
        object.body = std::move(manifest);
        if (const std::optional<model::NodeView> view = model::nodeView(object))
            nodes.push_back(nodeInfoOf(*view));
    }
    return nodes;
}

namespace {

std::vector<NodeInfo> nodesOf(const model::Snapshot &snapshot)
{
    std::vector<NodeInfo> nodes;
    for (const auto &object : snapshot.objects()) {
        if (object->kind() != QLatin1String("Node"))
            continue;
        if (const std::optional<model::NodeView> view = model::nodeView(*object))
            nodes.push_back(nodeInfoOf(*view));
    }
    if (nodes.empty()) {
        for (const model::NodePool &pool : snapshot.nodePools()) {
            std::vector<NodeInfo> expanded = poolNodes(pool);
            std::move(expanded.begin(), expanded.end(), std::back_inserter(nodes));
        }
    }
    std::sort(nodes.begin(), nodes.end(), [](const NodeInfo &a, const NodeInfo &b) { return a.name < b.name; });
    return nodes;
}

std::map<QString, PriorityClass> priorityClasses(const model::Snapshot &snapshot)
{
    std::map<QString, PriorityClass> classes{
        {QStringLiteral("system-cluster-critical"), {2000000000, false, {}}},
        {QStringLiteral("system-node-critical"), {2000001000, false, {}}},
    };
    for (const auto &object : snapshot.objects()) {
        if (object->kind() != QLatin1String("PriorityClass"))
            continue;
        PriorityClass priorityClass;
        if (const model::Node *value = object->body.get("value"))
            priorityClass.value = static_cast<std::int32_t>(value->toInt().value_or(0));
        if (const model::Node *globalDefault = object->body.get("globalDefault"))
            priorityClass.globalDefault = globalDefault->toBool().value_or(false);
        if (const model::Node *policy = object->body.get("preemptionPolicy"))
            priorityClass.preemptionPolicy = policy->qtext();
        classes[object->name()] = priorityClass;
    }
    return classes;
}

// Admission: the named class, else the globalDefault class with the highest value, else 0.
void resolvePriority(PodInfo &pod, const std::map<QString, PriorityClass> &classes)
{
    const PriorityClass *chosen = nullptr;
    if (!pod.spec->priorityClassName.isEmpty()) {
        const auto it = classes.find(pod.spec->priorityClassName);
        if (it != classes.end())
            chosen = &it->second;
    } else {
        for (const auto &[name, priorityClass] : classes) {
            if (priorityClass.globalDefault && (!chosen || priorityClass.value > chosen->value))
                chosen = &priorityClass;
        }
    }
    if (chosen)
        pod.priority = chosen->value;
    else
        pod.priority = pod.spec->priority.value_or(0);
    QString policy = pod.spec->preemptionPolicy.value_or(QString());
    if (policy.isEmpty() && chosen)
        policy = chosen->preemptionPolicy;
    pod.preemptNever = policy == QLatin1String("Never");
}

// NodeShouldRunDaemonPod's predicates for the pod the controller would create on node.
bool daemonSetShouldRun(const PodSpecInfo &spec, const NodeInfo &node)
{
    if (!spec.nodeName.isEmpty() && spec.nodeName != node.name)
        return false;
    for (const auto &[key, value] : spec.nodeSelector) {
        const auto it = node.labels.constFind(key);
        if (it == node.labels.constEnd() || it.value() != value)
            return false;
    }
    if (spec.requiredTerms) {
        const bool any = std::any_of(spec.requiredTerms->begin(), spec.requiredTerms->end(),
                                     [&node](const NodeSelectorTerm &term) { return term.matches(node.labels, node.name); });
        if (!any)
            return false;
    }
    for (const Taint &taint : node.taints) {
        if (taint.effect != QLatin1String("NoSchedule") && taint.effect != QLatin1String("NoExecute"))
            continue;
        if (!spec.toleratesAll(taint.key, taint.value, taint.effect))
            return false;
    }
    return true;
}

// The Services of the design with a selector (GetPodServices skips a nil selector).
struct ServiceSelector
{
    QString ns;
    model::Selection selector;
    model::Labels labels; // spec.selector as written
};

std::vector<ServiceSelector> serviceSelectors(const model::Snapshot &snapshot)
{
    std::vector<ServiceSelector> services;
    for (const auto &object : snapshot.objects()) {
        if (object->kind() != QLatin1String("Service"))
            continue;
        const model::Node *selector = object->body.at(model::FieldPath::parse("spec.selector"));
        if (!selector || !selector->isMapping())
            continue;
        ServiceSelector service{object->effectiveNamespace(),
                                model::parseLabelMapSelector(selector, model::SelectorUse::ServiceSelector),
                                {}};
        for (const model::Node &entry : selector->children())
            service.labels.insert(QString::fromStdString(entry.key()), QString::fromStdString(entry.toString(true).value_or(std::string())));
        services.push_back(std::move(service));
    }
    return services;
}

// helper.DefaultSelector: the merged selectors of the pod's Services, as Equals requirements
// sorted by key, then the requirements of its controller's selector. The design has no
// ReplicaSet objects for a Deployment's pods: the Deployment's selector stands for its
// ReplicaSet's (upstream's also carries pod-template-hash, which every pod of a Deployment
// in one design shares). Jobs, DaemonSets and bare pods contribute no controller selector, as
// upstream only reads ReplicationControllers, ReplicaSets and StatefulSets.
QList<model::LabelRequirement> defaultSelector(const model::PodInstance &instance,
                                               const std::vector<ServiceSelector> &services,
                                               const model::Snapshot &snapshot)
{
    std::map<QString, QString> labelSet;
    for (const ServiceSelector &service : services) {
        if (service.ns != instance.ns || !service.selector.matches(instance.labels))
            continue;
        for (auto it = service.labels.constBegin(); it != service.labels.constEnd(); ++it)
            labelSet[it.key()] = it.value();
    }
    const auto requirementsOf = [](const std::map<QString, QString> &set) {
        QList<model::LabelRequirement> list;
        for (const auto &[key, value] : set)
            list.append({key, model::SelectorOperator::Equals, {value}});
        return list;
    };
    const QString &kind = instance.ownerKind;
    const model::Object *owner = snapshot.object(instance.owner);
    if (!owner)
        return requirementsOf(labelSet);
    const model::Node *selector = owner->body.at(model::FieldPath::parse("spec.selector"));
    if (kind == QLatin1String("ReplicationController")) {
        // An RC's selector is a label map merged into (and overriding) the Services' labels;
        // the API server defaults an absent one to the template's labels.
        const model::Labels templateLabels = instance.podTemplate ? model::labelsOf(*instance.podTemplate)
                                                                  : model::Labels();
        if (selector && selector->isMapping() && selector->size() > 0) {
            for (const model::Node &entry : selector->children())
                labelSet[QString::fromStdString(entry.key())] =
                    QString::fromStdString(entry.toString(true).value_or(std::string()));
        } else {
            for (auto it = templateLabels.constBegin(); it != templateLabels.constEnd(); ++it)
                labelSet[it.key()] = it.value();
        }
        return requirementsOf(labelSet);
    }
    QList<model::LabelRequirement> requirements = requirementsOf(labelSet);
    if (kind != QLatin1String("Deployment") && kind != QLatin1String("ReplicaSet")
        && kind != QLatin1String("StatefulSet"))
        return requirements;
    // ReplicaSet and StatefulSet selectors are ANDed on as requirements.
    const model::Selection selection = model::parseSelector(selector, model::SelectorUse::WorkloadSelector, {}, kind);
    if (selection.scope() == model::Selection::Scope::Requirements)
        requirements.append(selection.requirements());
    return requirements;
}

bool hasController(const model::Object &object)
{
    const model::Node *owners = object.body.at(model::FieldPath::parse("metadata.ownerReferences"));
    if (!owners || !owners->isSequence())
        return false;
    for (const model::Node &owner : owners->children()) {
        if (const model::Node *controller = owner.get("controller"); controller && controller->toBool().value_or(false))
            return true;
    }
    return false;
}

// Namespace labels and PodDisruptionBudgets.
ClusterInfo clusterInfo(const model::Snapshot &snapshot)
{
    ClusterInfo info;
    for (const auto &object : snapshot.objects()) {
        if (object->kind() == QLatin1String("Namespace")) {
            model::Labels labels = model::labelsOf(object->body);
            labels.insert(QStringLiteral("kubernetes.io/metadata.name"), object->name());
            info.namespaceLabels[object->name()] = std::move(labels);
        } else if (object->kind() == QLatin1String("PodDisruptionBudget")) {
            PdbInfo pdb;
            pdb.ns = object->effectiveNamespace();
            pdb.name = object->name();
            pdb.selector = model::parseSelector(object->body.at(model::FieldPath::parse("spec.selector")),
                                                model::SelectorUse::PodDisruptionBudget);
            if (const model::Node *value = object->body.at(model::FieldPath::parse("spec.minAvailable")))
                pdb.minAvailable = value->qtext();
            if (const model::Node *value = object->body.at(model::FieldPath::parse("spec.maxUnavailable")))
                pdb.maxUnavailable = value->qtext();
            info.pdbs.push_back(std::move(pdb));
        } else if (object->kind() == QLatin1String("Service")) {
            const model::Node *selector = object->body.at(model::FieldPath::parse("spec.selector"));
            if (!selector || !selector->isMapping() || selector->children().empty())
                continue;
            info.services.push_back({object->effectiveNamespace(), object->name(),
                                     model::parseLabelMapSelector(selector, model::SelectorUse::ServiceSelector)});
        }
    }
    return info;
}

// LimitRange items of type Container per namespace, with the API server's defaults for the
// item (pkg/apis/core/v1/defaults.go SetDefaults_LimitRangeItem: default from max,
// defaultRequest from default).
std::map<QString, std::vector<ContainerDefaults>> limitRangeDefaults(const model::Snapshot &snapshot)
{
    std::map<QString, std::vector<ContainerDefaults>> result;
    const auto read = [](const model::Node *map) {
        std::map<QString, QString> list;
        if (map && map->isMapping()) {
            for (const model::Node &entry : map->children())
                list[QString::fromStdString(entry.key())] = entry.qtext();
        }
        return list;
    };
    for (const auto &object : snapshot.objects()) {
        if (object->kind() != QLatin1String("LimitRange"))
            continue;
        const model::Node *limits = object->body.at(model::FieldPath::parse("spec.limits"));
        if (!limits || !limits->isSequence())
            continue;
        for (const model::Node &item : limits->children()) {
            const model::Node *type = item.get("type");
            if (!type || type->qtext() != QLatin1String("Container"))
                continue;
            ContainerDefaults defaults;
            defaults.defaultLimits = read(item.get("default"));
            for (const auto &[name, value] : read(item.get("max")))
                defaults.defaultLimits.try_emplace(name, value);
            defaults.defaultRequests = read(item.get("defaultRequest"));
            for (const auto &[name, value] : defaults.defaultLimits)
                defaults.defaultRequests.try_emplace(name, value);
            result[object->effectiveNamespace()].push_back(std::move(defaults));
        }
    }
    return result;
}

// HorizontalPodAutoscalers: the target's pods become minReplicas (default 1) or maxReplicas
// of them, named as expandPods names replicas (name-0..N-1).
std::vector<model::PodInstance> scaledByHpa(const model::Snapshot &snapshot,
                                            std::vector<model::PodInstance> instances,
                                            HpaMode mode)
{
    std::map<std::pair<QString, QString>, int> replicas; // (namespace, kind/name) -> count
    for (const auto &object : snapshot.objects()) {
        if (object->kind() != QLatin1String("HorizontalPodAutoscaler"))
            continue;
        const std::optional<model::ObjectRef> target = model::scaleTarget(*object);
        if (!target)
            continue;
        const model::Node *min = object->body.at(model::FieldPath::parse("spec.minReplicas"));
        const model::Node *max = object->body.at(model::FieldPath::parse("spec.maxReplicas"));
        const int count = mode == HpaMode::Max && max ? static_cast<int>(max->toInt().value_or(1))
                                                      : static_cast<int>(min ? min->toInt().value_or(1) : 1);
        replicas[{object->effectiveNamespace(), target->kind + QLatin1Char('/') + target->name}] = std::max(0, count);
    }
    if (replicas.empty())
        return instances;
    std::vector<model::PodInstance> result;
    std::map<model::ObjectId, int> seen;
    const auto targetOf = [&](const model::Object &owner) {
        const auto it = replicas.find({owner.effectiveNamespace(), owner.kind() + QLatin1Char('/') + owner.name()});
        return it == replicas.end() ? -1 : it->second;
    };
    const auto appendMissing = [&](const model::Object &owner, int have, int want) {
        for (int i = have; i < want && model::podTemplate(owner); ++i)
            result.push_back(model::replicaPod(owner, i));
    };
    // Instances come grouped by owner in object order.
    for (std::size_t i = 0; i < instances.size(); ++i) {
        model::PodInstance &instance = instances[i];
        const model::Object *owner = snapshot.object(instance.owner);
        const int want = owner ? targetOf(*owner) : -1;
        if (want < 0) {
            result.push_back(std::move(instance));
            continue;
        }
        const int have = seen[instance.owner]++;
        if (have < want)
            result.push_back(std::move(instance));
        const bool last = i + 1 == instances.size() || instances[i + 1].owner != instances[i].owner;
        if (last)
            appendMissing(*owner, have + 1, want);
    }
    // Targets scaled to zero in the design have no instance to follow: add theirs.
    for (const auto &object : snapshot.objects()) {
        const int want = targetOf(*object);
        if (want > 0 && !seen.count(object->id) && model::podTemplate(*object)
            && !model::isControlledWithin(*object, snapshot) && object->kind() != QLatin1String("HorizontalPodAutoscaler"))
            appendMissing(*object, 0, want);
    }
    return result;
}

} // namespace

namespace {

// The workload a --scale names and the replicas it asks for.
struct ScaleTarget
{
    const model::Object *owner = nullptr;
    int replicas = 0;
};

Cluster buildClusterWith(const model::Snapshot &snapshot, HpaMode hpa, std::vector<NodeInfo> nodes,
                         const ScaleTarget *scale);

} // namespace

Cluster buildCluster(const model::Snapshot &snapshot, HpaMode hpa)
{
    return buildClusterWith(snapshot, hpa, nodesOf(snapshot), nullptr);
}

Cluster buildCluster(const model::Snapshot &snapshot, HpaMode hpa, std::vector<NodeInfo> nodes)
{
    return buildClusterWith(snapshot, hpa, std::move(nodes), nullptr);
}

// kubectl scale's targets with a pod template: Deployment, ReplicaSet, StatefulSet,
// ReplicationController (the scale subresource of apps/v1 and core/v1).
Cluster buildCluster(const model::Snapshot &snapshot, HpaMode hpa, const Scale &scale, QString *error)
{
    const qsizetype slash = scale.workload.indexOf(QLatin1Char('/'));
    const QString ns = slash < 0 ? QStringLiteral("default") : scale.workload.left(slash);
    const QString name = slash < 0 ? scale.workload : scale.workload.mid(slash + 1);
    static const QStringList kinds = {QStringLiteral("Deployment"), QStringLiteral("ReplicaSet"),
                                      QStringLiteral("StatefulSet"), QStringLiteral("ReplicationController")};
    std::vector<const model::Object *> found;
    for (const auto &object : snapshot.objects()) {
        if (kinds.contains(object->kind()) && object->effectiveNamespace() == ns && object->name() == name
            && model::podTemplate(*object) && !model::isControlledWithin(*object, snapshot))
            found.push_back(object.get());
    }
    if (found.size() != 1) {
        if (error)
            *error = found.empty() ? QStringLiteral("no Deployment, ReplicaSet, StatefulSet or ReplicationController %1/%2 in the design")
                                         .arg(ns, name)
                                   : QStringLiteral("%1/%2 names more than one workload (%3 and %4)")
                                         .arg(ns, name, found[0]->kind(), found[1]->kind());
        return {};
    }
    if (scale.replicas < 0) {
        if (error)
            *error = QStringLiteral("replicas must not be negative (%1)").arg(scale.replicas);
        return {};
    }
    const ScaleTarget target{found.front(), scale.replicas};
    return buildClusterWith(snapshot, hpa, nodesOf(snapshot), &target);
}

namespace {

Cluster buildClusterWith(const model::Snapshot &snapshot, HpaMode hpa, std::vector<NodeInfo> nodes,
                         const ScaleTarget *scale)
{
    Cluster cluster;
    std::sort(nodes.begin(), nodes.end(), [](const NodeInfo &a, const NodeInfo &b) { return a.name < b.name; });
    cluster.nodes = std::move(nodes);
    cluster.info = clusterInfo(snapshot);
    PodIndex &podIndex = *cluster.info.podIndex;
    for (std::size_t i = 0; i < cluster.nodes.size(); ++i) {
        cluster.nodes[i].position = static_cast<int>(i);
        cluster.nodes[i].index = &podIndex;
    }
    const std::map<QString, PriorityClass> classes = priorityClasses(snapshot);
    const std::vector<ServiceSelector> services = serviceSelectors(snapshot);
    const std::map<QString, std::vector<ContainerDefaults>> limitRanges = limitRangeDefaults(snapshot);
    std::map<const model::Node *, std::shared_ptr<const PodSpecInfo>> specs;
    const auto specOf = [&specs, &limitRanges](const model::Node *podTemplate, const QString &ns) {
        auto &spec = specs[podTemplate];
        if (!spec) {
            const auto ranges = limitRanges.find(ns);
            spec = podTemplate ? readPodSpec(*podTemplate, ranges == limitRanges.end() ? std::vector<ContainerDefaults>()
                                                                                       : ranges->second)
                               : std::make_shared<PodSpecInfo>();
        }
        return spec;
    };
    QHash<QString, int> labelSets;
    const auto labelSetOf = [&labelSets](const QString &ns, const model::Labels &labels) {
        QString key = ns;
        for (auto it = labels.cbegin(); it != labels.cend(); ++it)
            key += QLatin1Char('\n') + it.key() + QLatin1Char('=') + it.value();
        const auto found = labelSets.constFind(key);
        if (found != labelSets.cend())
            return found.value();
        const int id = static_cast<int>(labelSets.size());
        labelSets.insert(key, id);
        return id;
    };
    const auto add = [&](const model::PodInstance &instance, std::shared_ptr<const PodSpecInfo> spec) {
        PodInfo pod;
        pod.ns = instance.ns;
        pod.name = instance.name;
        pod.ownerKind = instance.ownerKind;
        pod.owner = instance.owner;
        pod.daemonSet = instance.ownerKind == QLatin1String("DaemonSet");
        if (const model::Object *owner = snapshot.object(instance.owner)) {
            pod.ownerName = owner->name();
            pod.controlled = instance.ownerKind != QLatin1String("Pod") || hasController(*owner);
        }
        pod.labels = instance.labels;
        pod.labelSetId = labelSetOf(pod.ns, pod.labels);
        const auto id = static_cast<std::size_t>(pod.labelSetId);
        if (id >= podIndex.labelSets.size()) {
            podIndex.labelSets.resize(id + 1, nullptr);
            podIndex.placed.resize(id + 1);
        }
        pod.spec = std::move(spec);
        pod.defaultSpreadSelector = defaultSelector(instance, services, snapshot);
        pod.index = static_cast<int>(cluster.pods.size());
        pod.ordinal = instance.ordinal;
        resolvePriority(pod, classes);
        cluster.pods.push_back(std::move(pod));
        if (!podIndex.labelSets[id])
            podIndex.labelSets[id] = &cluster.pods.back();
    };
    // expandPods lists pods in object order; DaemonSet pods are inserted at their object's place.
    const std::vector<model::PodInstance> instances = scaledByHpa(snapshot, model::expandPods(snapshot), hpa);
    std::size_t next = 0;
    const auto addUpTo = [&](model::ObjectId id) {
        for (; next < instances.size() && (id == model::noObject || instances[next].owner < id); ++next)
            add(instances[next], specOf(instances[next].podTemplate, instances[next].ns));
    };
    for (const auto &object : snapshot.objects()) {
        if (object->kind() != QLatin1String("DaemonSet") || model::isControlledWithin(*object, snapshot))
            continue;
        const model::Node *podTemplate = model::podTemplate(*object);
        if (!podTemplate)
            continue;
        addUpTo(object->id);
        const std::shared_ptr<const PodSpecInfo> base = specOf(podTemplate, object->effectiveNamespace());
        for (const NodeInfo &node : cluster.nodes) {
            std::shared_ptr<const PodSpecInfo> spec = daemonSetPodSpec(*base, node.name);
            // The controller checks the template with the node's name set, before it replaces
            // the affinity; the created pod carries the default tolerations either way.
            PodSpecInfo check = *base;
            check.tolerations = spec->tolerations;
            if (daemonSetShouldRun(check, node))
                add(model::daemonSetPod(*object, node.name), std::move(spec));
        }
    }
    addUpTo(model::noObject);
    for (PdbInfo &pdb : cluster.info.pdbs) {
        for (const PodInfo &pod : cluster.pods) {
            if (pdb.selects(pod))
                ++pdb.expected;
        }
    }
    // A scale-up's pods, created after every other pod (the latest arrivals), named as the
    // controller's replicas are (name-ordinal).
    if (scale) {
        const model::Object &owner = *scale->owner;
        int have = 0;
        for (const model::PodInstance &instance : instances)
            have += instance.owner == owner.id ? 1 : 0;
        for (int i = have; i < scale->replicas && model::podTemplate(owner); ++i) {
            const model::PodInstance instance = model::replicaPod(owner, i);
            add(instance, specOf(instance.podTemplate, instance.ns));
            cluster.pods.back().absent = true;
        }
    }
    return cluster;
}

} // namespace

} // namespace kstudio::sim::sched
