// SPDX-License-Identifier: GPL-3.0-or-later
// Mirrors: kubernetes/kubernetes staging/src/k8s.io/component-helpers/resource/helpers.go
// (PodRequests: containers summed, init containers as a maximum, restartable sidecars added and
// carried into later init containers, overhead added), staging/src/k8s.io/component-helpers/
// scheduling/corev1/nodeaffinity/nodeaffinity.go (NodeSelector terms), pkg/apis/core/v1/
// toleration.go (ToleratesTaint), pkg/scheduler/framework/types.go (HostPortInfo conflicts),
// pkg/controller/daemon/util/daemonset_util.go (DaemonSet pod affinity and tolerations), all at
// v1.33. Scoring defaults are pkg/scheduler/util/pod_resources.go (DefaultMilliCPURequest 100,
// DefaultMemoryRequest 200Mi).
#include "pod_info.h"

#include <model/semantics/quantity.h>
#include <model/kinds/views.h>

#include <map>

namespace kstudio::sim::sched {

namespace {

using model::Node;
using model::Quantity;
using ResourceList = std::map<QString, Quantity>;

constexpr std::int64_t defaultMilliCpuRequest = 100;
constexpr std::int64_t defaultMemoryRequest = 200LL * 1024 * 1024;

QString text(const Node *node)
{
    if (!node || !node->isScalar())
        return {};
    return QString::fromStdString(node->toString(true).value_or(std::string()));
}

ResourceList readResourceList(const Node *node)
{
    ResourceList list;
    if (!node || !node->isMapping())
        return list;
    for (const Node &entry : node->children()) {
        if (std::optional<Quantity> quantity = Quantity::parseField(entry.toString(true).value_or(std::string())))
            list[QString::fromStdString(entry.key())] = *quantity;
    }
    return list;
}

void addInto(ResourceList &sum, const ResourceList &add)
{
    for (const auto &[name, quantity] : add) {
        auto it = sum.find(name);
        if (it == sum.end()) {
            sum.emplace(name, quantity);
            continue;
        }
        if (std::optional<Quantity> total = it->second.plus(quantity))
            it->second = *total;
    }
}

void maxInto(ResourceList &max, const ResourceList &other)
{
    for (const auto &[name, quantity] : other) {
        auto it = max.find(name);
        if (it == max.end())
            max.emplace(name, quantity);
        else if (quantity > it->second)
            it->second = quantity;
    }
}

// One container's requests as the scheduler sees them: what it writes; then, as the API server's
// defaulting does (pkg/apis/core/v1/defaults.go SetDefaults_Pod), a limit without a request
// requests the limit; then LimitRanger's defaults (plugin/pkg/admission/limitranger/admission.go
// defaultContainerResourceRequirements) for what is still missing.
ResourceList containerRequests(const Node &container, const std::vector<ContainerDefaults> &limitRanges)
{
    const Node *resources = container.get("resources");
    ResourceList list = readResourceList(resources ? resources->get("requests") : nullptr);
    const ResourceList limits = readResourceList(resources ? resources->get("limits") : nullptr);
    for (const auto &[name, quantity] : limits)
        list.try_emplace(name, quantity);
    for (const ContainerDefaults &range : limitRanges) {
        for (const auto &[name, text] : range.defaultRequests) {
            if (list.count(name))
                continue;
            if (std::optional<Quantity> quantity = Quantity::parseField(text.toStdString()))
                list.emplace(name, *quantity);
        }
    }
    return list;
}

// PodRequests with NonMissingContainerRequests when defaults is true.
ResourceList podRequests(const Node &spec, bool defaults, const std::vector<ContainerDefaults> &limitRanges)
{
    const auto requestsOf = [defaults, &limitRanges](const Node &container) {
        ResourceList list = containerRequests(container, limitRanges);
        if (defaults) {
            list.try_emplace(QStringLiteral("cpu"), Quantity::fromMilli(defaultMilliCpuRequest));
            list.try_emplace(QStringLiteral("memory"), Quantity::fromInt(defaultMemoryRequest));
        }
        return list;
    };
    ResourceList requests;
    if (const Node *containers = spec.get("containers"); containers && containers->isSequence()) {
        for (const Node &container : containers->children())
            addInto(requests, requestsOf(container));
    }
    ResourceList restartable;
    ResourceList initRequests;
    if (const Node *containers = spec.get("initContainers"); containers && containers->isSequence()) {
        for (const Node &container : containers->children()) {
            ResourceList own = requestsOf(container);
            if (text(container.get("restartPolicy")) == QLatin1String("Always")) {
                addInto(requests, own);
                addInto(restartable, own);
                maxInto(initRequests, restartable);
            } else {
                addInto(own, restartable);
                maxInto(initRequests, own);
            }
        }
    }
    maxInto(requests, initRequests);
    addInto(requests, readResourceList(spec.get("overhead")));
    return requests;
}

// A v1.PodAffinityTerm (framework.newAffinityTerm), with matchLabelKeys and mismatchLabelKeys
// merged into the selector as pkg/registry/core/pod/strategy.go does at admission (only when
// there is a labelSelector; keys the pod has no label for are left out).
AffinityTerm readAffinityTerm(const Node &node, const model::Labels &podLabels)
{
    AffinityTerm term;
    const Node *labelSelector = node.get("labelSelector");
    term.selector = model::parseSelector(labelSelector, model::SelectorUse::AffinityTerm);
    if (labelSelector && labelSelector->isMapping() && term.selector.isValid()) {
        QList<model::LabelRequirement> extra;
        const auto addKeys = [&](const char *field, model::SelectorOperator op) {
            const Node *keys = node.get(field);
            if (!keys || !keys->isSequence())
                return;
            for (const Node &key : keys->children()) {
                const QString name = text(&key);
                const auto it = podLabels.constFind(name);
                if (it != podLabels.constEnd())
                    extra.append({name, op, {it.value()}});
            }
        };
        addKeys("matchLabelKeys", model::SelectorOperator::In);
        addKeys("mismatchLabelKeys", model::SelectorOperator::NotIn);
        if (!extra.isEmpty()) {
            if (term.selector.scope() == model::Selection::Scope::Requirements)
                extra = term.selector.requirements() + extra;
            term.selector = model::Selection::of(std::move(extra));
        }
    }
    if (!term.selector.isValid())
        term.selector = model::Selection::nothing();
    if (const Node *namespaces = node.get("namespaces"); namespaces && namespaces->isSequence()) {
        for (const Node &ns : namespaces->children())
            term.namespaces.append(text(&ns));
    }
    term.ownNamespace = term.namespaces.isEmpty() && !node.get("namespaceSelector");
    term.namespaceSelector = model::parseSelector(node.get("namespaceSelector"), model::SelectorUse::AffinityTerm);
    if (!term.namespaceSelector.isValid())
        term.namespaceSelector = model::Selection::nothing();
    term.topologyKey = text(node.get("topologyKey"));
    return term;
}

void readAffinityTerms(const Node *owner, bool anti, const model::Labels &podLabels, PodSpecInfo &info)
{
    if (!owner || !owner->isMapping())
        return;
    info.hasPodAffinity = true;
    std::vector<AffinityTerm> &required = anti ? info.requiredAntiAffinity : info.requiredAffinity;
    std::vector<AffinityTerm> &preferred = anti ? info.preferredAntiAffinity : info.preferredAffinity;
    if (const Node *list = owner->get("requiredDuringSchedulingIgnoredDuringExecution"); list && list->isSequence()) {
        for (const Node &item : list->children())
            required.push_back(readAffinityTerm(item, podLabels));
    }
    if (const Node *list = owner->get("preferredDuringSchedulingIgnoredDuringExecution"); list && list->isSequence()) {
        for (const Node &item : list->children()) {
            const Node *termNode = item.get("podAffinityTerm");
            if (!termNode)
                continue;
            AffinityTerm term = readAffinityTerm(*termNode, podLabels);
            term.weight = static_cast<std::int32_t>(item.get("weight") ? item.get("weight")->toInt().value_or(0) : 0);
            preferred.push_back(std::move(term));
        }
    }
}

Resource toResource(const ResourceList &list)
{
    Resource resource;
    for (const auto &[name, quantity] : list) {
        if (name == QLatin1String("cpu"))
            resource.milliCpu = quantity.milliValue().value_or(0);
        else if (name == QLatin1String("memory"))
            resource.memory = quantity.value().value_or(0);
        else if (name == QLatin1String("ephemeral-storage"))
            resource.ephemeralStorage = quantity.value().value_or(0);
        else if (isScalarResourceName(name)) {
            const std::int64_t value = quantity.value().value_or(0);
            if (value != 0)
                resource.addScalar(name, value);
        }
    }
    return resource;
}

std::optional<SelectorOp> selectorOp(const QString &op)
{
    if (op == QLatin1String("In"))
        return SelectorOp::In;
    if (op == QLatin1String("NotIn"))
        return SelectorOp::NotIn;
    if (op == QLatin1String("Exists"))
        return SelectorOp::Exists;
    if (op == QLatin1String("DoesNotExist"))
        return SelectorOp::DoesNotExist;
    if (op == QLatin1String("Gt"))
        return SelectorOp::Gt;
    if (op == QLatin1String("Lt"))
        return SelectorOp::Lt;
    return std::nullopt;
}

// Reads requirements as nodeaffinity's parser does: an invalid one makes the term invalid.
bool readRequirements(const Node *list, bool fields, std::vector<NodeSelectorRequirement> &out)
{
    if (!list)
        return true;
    if (!list->isSequence())
        return false;
    for (const Node &item : list->children()) {
        NodeSelectorRequirement requirement;
        requirement.key = text(item.get("key"));
        const std::optional<SelectorOp> op = selectorOp(text(item.get("operator")));
        if (!op)
            return false;
        requirement.op = *op;
        if (const Node *values = item.get("values"); values && values->isSequence()) {
            for (const Node &value : values->children())
                requirement.values.append(text(&value));
        }
        if (fields) {
            // nodeFieldSelectorKeys: only metadata.name, only In/NotIn with one value.
            if (requirement.key != QLatin1String("metadata.name") || requirement.values.size() != 1
                || (requirement.op != SelectorOp::In && requirement.op != SelectorOp::NotIn))
                return false;
        } else {
            switch (requirement.op) {
            case SelectorOp::In:
            case SelectorOp::NotIn:
                if (requirement.values.isEmpty())
                    return false;
                break;
            case SelectorOp::Exists:
            case SelectorOp::DoesNotExist:
                if (!requirement.values.isEmpty())
                    return false;
                break;
            case SelectorOp::Gt:
            case SelectorOp::Lt: {
                bool ok = false;
                if (requirement.values.size() == 1)
                    requirement.number = requirement.values.first().toLongLong(&ok, 10);
                if (!ok)
                    return false;
                break;
            }
            }
        }
        out.push_back(std::move(requirement));
    }
    return true;
}

NodeSelectorTerm readTerm(const Node &node)
{
    NodeSelectorTerm term;
    term.valid = readRequirements(node.get("matchExpressions"), false, term.matchExpressions)
                 && readRequirements(node.get("matchFields"), true, term.matchFields);
    return term;
}

bool requirementMatches(const NodeSelectorRequirement &requirement, const QString *value)
{
    switch (requirement.op) {
    case SelectorOp::In:
        return value && requirement.values.contains(*value);
    case SelectorOp::NotIn:
        return !value || !requirement.values.contains(*value);
    case SelectorOp::Exists:
        return value != nullptr;
    case SelectorOp::DoesNotExist:
        return value == nullptr;
    case SelectorOp::Gt:
    case SelectorOp::Lt: {
        if (!value)
            return false;
        bool ok = false;
        const std::int64_t number = value->toLongLong(&ok, 10);
        if (!ok)
            return false;
        return requirement.op == SelectorOp::Gt ? number > requirement.number : number < requirement.number;
    }
    }
    return false;
}

} // namespace

bool NodeSelectorTerm::matches(const model::Labels &labels, const QString &nodeName) const
{
    if (!valid || (matchExpressions.empty() && matchFields.empty()))
        return false;
    for (const NodeSelectorRequirement &requirement : matchExpressions) {
        const auto it = labels.constFind(requirement.key);
        if (!requirementMatches(requirement, it == labels.constEnd() ? nullptr : &it.value()))
            return false;
    }
    for (const NodeSelectorRequirement &requirement : matchFields) {
        if (!requirementMatches(requirement, &nodeName))
            return false;
    }
    return true;
}

bool Toleration::tolerates(const QString &taintKey, const QString &taintValue, const QString &taintEffect) const
{
    if (!effect.isEmpty() && effect != taintEffect)
        return false;
    if (!key.isEmpty() && key != taintKey)
        return false;
    if (op.isEmpty() || op == QLatin1String("Equal"))
        return value == taintValue;
    return op == QLatin1String("Exists");
}

bool HostPort::conflictsWith(const HostPort &other) const
{
    if (port != other.port || protocol != other.protocol)
        return false;
    const QLatin1String any("0.0.0.0");
    return ip == any || other.ip == any || ip == other.ip;
}

bool PodSpecInfo::toleratesAll(const QString &key, const QString &value, const QString &effect) const
{
    for (const Toleration &toleration : tolerations) {
        if (toleration.tolerates(key, value, effect))
            return true;
    }
    return false;
}

std::shared_ptr<const PodSpecInfo> readPodSpec(const Node &podTemplate, const std::vector<ContainerDefaults> &limitRanges)
{
    auto info = std::make_shared<PodSpecInfo>();
    const Node *spec = podTemplate.get("spec");
    if (!spec || !spec->isMapping())
        return info;
    info->requests = toResource(podRequests(*spec, false, limitRanges));
    const Resource nonZero = toResource(podRequests(*spec, true, limitRanges));
    info->nonZeroRequests.milliCpu = nonZero.milliCpu;
    info->nonZeroRequests.memory = nonZero.memory;
    info->nodeName = text(spec->get("nodeName"));
    if (const Node *selector = spec->get("nodeSelector"); selector && selector->isMapping()) {
        for (const Node &entry : selector->children())
            info->nodeSelector.emplace_back(QString::fromStdString(entry.key()), text(&entry));
    }
    if (const Node *nodeAffinity = spec->at(model::FieldPath::parse("affinity.nodeAffinity"))) {
        if (const Node *required = nodeAffinity->get("requiredDuringSchedulingIgnoredDuringExecution");
            required && required->isMapping()) {
            std::vector<NodeSelectorTerm> terms;
            if (const Node *list = required->get("nodeSelectorTerms"); list && list->isSequence()) {
                for (const Node &term : list->children())
                    terms.push_back(readTerm(term));
            }
            info->requiredTerms = std::move(terms);
        }
        if (const Node *preferred = nodeAffinity->get("preferredDuringSchedulingIgnoredDuringExecution");
            preferred && preferred->isSequence()) {
            for (const Node &item : preferred->children()) {
                PreferredTerm term;
                term.weight = static_cast<std::int32_t>(item.get("weight") ? item.get("weight")->toInt().value_or(0) : 0);
                if (const Node *preference = item.get("preference"))
                    term.term = readTerm(*preference);
                else
                    term.term.valid = false;
                if (term.weight != 0)
                    info->preferredTerms.push_back(std::move(term));
            }
        }
    }
    const model::Labels templateLabels = model::labelsOf(podTemplate);
    readAffinityTerms(spec->at(model::FieldPath::parse("affinity.podAffinity")), false, templateLabels, *info);
    readAffinityTerms(spec->at(model::FieldPath::parse("affinity.podAntiAffinity")), true, templateLabels, *info);
    if (const Node *tolerations = spec->get("tolerations"); tolerations && tolerations->isSequence()) {
        for (const Node &item : tolerations->children()) {
            info->tolerations.push_back({text(item.get("key")), text(item.get("operator")),
                                         text(item.get("value")), text(item.get("effect"))});
        }
    }
    if (const Node *containers = spec->get("containers"); containers && containers->isSequence()) {
        for (const Node &container : containers->children()) {
            const Node *ports = container.get("ports");
            if (!ports || !ports->isSequence())
                continue;
            for (const Node &port : ports->children()) {
                const Node *hostPort = port.get("hostPort");
                const long long number = hostPort ? hostPort->toInt().value_or(0) : 0;
                if (number <= 0)
                    continue;
                HostPort used;
                used.port = static_cast<int>(number);
                if (const QString ip = text(port.get("hostIP")); !ip.isEmpty())
                    used.ip = ip;
                if (const QString protocol = text(port.get("protocol")); !protocol.isEmpty())
                    used.protocol = protocol;
                info->hostPorts.push_back(used);
            }
        }
    }
    info->priorityClassName = text(spec->get("priorityClassName"));
    if (const Node *priority = spec->get("priority"); priority && priority->toInt())
        info->priority = static_cast<std::int32_t>(*priority->toInt());
    if (const QString policy = text(spec->get("preemptionPolicy")); !policy.isEmpty())
        info->preemptionPolicy = policy;
    if (const Node *hostNetwork = spec->get("hostNetwork"))
        info->hostNetwork = hostNetwork->toBool().value_or(false);
    if (const Node *constraints = spec->get("topologySpreadConstraints"); constraints && constraints->isSequence()) {
        for (const Node &item : constraints->children()) {
            SpreadConstraint constraint;
            if (const Node *maxSkew = item.get("maxSkew"))
                constraint.maxSkew = static_cast<std::int32_t>(maxSkew->toInt().value_or(1));
            constraint.topologyKey = text(item.get("topologyKey"));
            constraint.doNotSchedule = text(item.get("whenUnsatisfiable")) != QLatin1String("ScheduleAnyway");
            constraint.selector = model::parseSelector(item.get("labelSelector"), model::SelectorUse::TopologySpread);
            if (const Node *keys = item.get("matchLabelKeys"); keys && keys->isSequence()) {
                for (const Node &key : keys->children())
                    constraint.matchLabelKeys.append(text(&key));
            }
            if (const Node *minDomains = item.get("minDomains"); minDomains && minDomains->toInt())
                constraint.minDomains = static_cast<std::int32_t>(*minDomains->toInt());
            constraint.honorNodeAffinity = text(item.get("nodeAffinityPolicy")) != QLatin1String("Ignore");
            constraint.honorNodeTaints = text(item.get("nodeTaintsPolicy")) == QLatin1String("Honor");
            info->topologySpreadConstraints.push_back(std::move(constraint));
        }
    }
    return info;
}

std::shared_ptr<const PodSpecInfo> daemonSetPodSpec(const PodSpecInfo &spec, const QString &nodeName)
{
    auto info = std::make_shared<PodSpecInfo>(spec);
    NodeSelectorTerm term;
    term.matchFields.push_back({QStringLiteral("metadata.name"), SelectorOp::In, {nodeName}, 0});
    info->requiredTerms = std::vector<NodeSelectorTerm>{term};
    const auto addToleration = [&info](const char *key, const char *effect) {
        const QString k = QLatin1String(key);
        const QString e = QLatin1String(effect);
        // AddOrUpdateTolerationInPodSpec: an identical toleration is kept once; others are added.
        for (const Toleration &toleration : info->tolerations) {
            if (toleration.key == k && toleration.op == QLatin1String("Exists") && toleration.value.isEmpty()
                && toleration.effect == e)
                return;
        }
        info->tolerations.push_back({k, QStringLiteral("Exists"), {}, e});
    };
    addToleration("node.kubernetes.io/not-ready", "NoExecute");
    addToleration("node.kubernetes.io/unreachable", "NoExecute");
    addToleration("node.kubernetes.io/disk-pressure", "NoSchedule");
    addToleration("node.kubernetes.io/memory-pressure", "NoSchedule");
    addToleration("node.kubernetes.io/pid-pressure", "NoSchedule");
    addToleration("node.kubernetes.io/unschedulable", "NoSchedule");
    if (spec.hostNetwork)
        addToleration("node.kubernetes.io/network-unavailable", "NoSchedule");
    return info;
}

} // namespace kstudio::sim::sched
