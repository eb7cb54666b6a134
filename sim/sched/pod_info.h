// SPDX-License-Identifier: GPL-3.0-or-later
// PodInfo: a pod as the scheduler sees it, read once from its template (requests, affinity,
// tolerations, host ports, priority).
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/types.go (PodInfo) and
// staging/src/k8s.io/component-helpers/resource/helpers.go (PodRequests) at v1.33.
#pragma once

#include "resource.h"

#include <model/core/node.h>
#include <model/core/object.h>
#include <model/kinds/views.h>
#include <model/semantics/label_selector.h>

#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace kstudio::sim::sched {

enum class SelectorOp : std::uint8_t { In, NotIn, Exists, DoesNotExist, Gt, Lt };

// One v1.NodeSelectorRequirement (matchExpressions over labels, matchFields over metadata.name).
struct NodeSelectorRequirement
{
    QString key;
    SelectorOp op = SelectorOp::In;
    QStringList values;
    std::int64_t number = 0; // Gt/Lt: the single value as an integer
};

// A NodeSelectorTerm: its requirements are ANDed. A term that does not parse, or has no
// requirement at all, matches no node (nodeaffinity.NodeSelector semantics).
struct NodeSelectorTerm
{
    std::vector<NodeSelectorRequirement> matchExpressions;
    std::vector<NodeSelectorRequirement> matchFields;
    bool valid = true;
    bool matches(const model::Labels &labels, const QString &nodeName) const;
};

struct PreferredTerm
{
    std::int32_t weight = 0;
    NodeSelectorTerm term;
};

struct Toleration
{
    QString key;
    QString op; // "Equal" (or empty) / "Exists"
    QString value;
    QString effect; // empty: all effects
    bool tolerates(const QString &taintKey, const QString &taintValue, const QString &taintEffect) const;
};

struct HostPort
{
    QString ip = QStringLiteral("0.0.0.0");
    QString protocol = QStringLiteral("TCP");
    int port = 0;
    bool conflictsWith(const HostPort &other) const;
};

// One v1.TopologySpreadConstraint as written (defaults applied: minDomains 1,
// nodeAffinityPolicy Honor, nodeTaintsPolicy Ignore). The selector is merged with the pod's
// matchLabelKeys values by the PodTopologySpread plugin, which knows the pod's labels.
struct SpreadConstraint
{
    std::int32_t maxSkew = 1;
    QString topologyKey;
    bool doNotSchedule = true; // whenUnsatisfiable DoNotSchedule (else ScheduleAnyway)
    model::Selection selector; // SelectorUse::TopologySpread: null selects nothing
    QStringList matchLabelKeys;
    std::int32_t minDomains = 1;
    bool honorNodeAffinity = true;
    bool honorNodeTaints = false;
};

// One v1.PodAffinityTerm as the scheduler's framework.AffinityTerm holds it: the labelSelector
// with matchLabelKeys / mismatchLabelKeys merged in (as the API server does when the pod is
// created: key In / NotIn the pod's own value), the namespaces it names, and its
// namespaceSelector. A pod matches when it is in one of the namespaces (the owner's own
// namespace when neither namespaces nor namespaceSelector is given) or its namespace's labels
// match the namespaceSelector (null matches none, {} every namespace), and the selector
// matches its labels (a null selector matches no pod).
struct AffinityTerm
{
    model::Selection selector;
    QStringList namespaces;
    model::Selection namespaceSelector; // SelectorUse::AffinityTerm; default: nothing
    bool ownNamespace = false; // neither namespaces nor namespaceSelector: the owner's namespace
    QString topologyKey;
    std::int32_t weight = 0; // preferred terms only
    // Whether the term matches the pods of each PodInfo::labelSetId (-1: not computed yet).
    // Terms live in the spec shared by every pod of a workload (one namespace), so a verdict
    // holds for every incoming and existing pod with that label set.
    mutable std::vector<signed char> memo;
};

// What a pod template says, shared by all pods of a workload.
struct PodSpecInfo
{
    Resource requests;        // PodRequests: what NodeResourcesFit's Filter checks
    Resource nonZeroRequests; // with 100m CPU / 200Mi memory for containers that request none
    QString nodeName;
    std::vector<std::pair<QString, QString>> nodeSelector;
    std::optional<std::vector<NodeSelectorTerm>> requiredTerms; // nullopt: no required affinity
    std::vector<PreferredTerm> preferredTerms;
    std::vector<Toleration> tolerations;
    std::vector<HostPort> hostPorts; // containers' ports with hostPort > 0
    QString priorityClassName;
    std::optional<std::int32_t> priority;    // spec.priority as written
    std::optional<QString> preemptionPolicy; // spec.preemptionPolicy as written
    bool hostNetwork = false;
    std::vector<SpreadConstraint> topologySpreadConstraints;
    // spec.affinity.podAffinity / podAntiAffinity.
    std::vector<AffinityTerm> requiredAffinity;
    std::vector<AffinityTerm> requiredAntiAffinity;
    std::vector<AffinityTerm> preferredAffinity;
    std::vector<AffinityTerm> preferredAntiAffinity;
    bool hasPodAffinity = false; // podAffinity or podAntiAffinity is set (NodeInfo.PodsWithAffinity)

    bool toleratesAll(const QString &key, const QString &value, const QString &effect) const;
};

// A LimitRange item of type Container: what the LimitRanger admission plugin fills into
// containers that leave a resource out (default -> limits, defaultRequest -> requests;
// defaultRequest defaults to default, default to max, as the API server defaults the item).
struct ContainerDefaults
{
    std::map<QString, QString> defaultLimits;
    std::map<QString, QString> defaultRequests;
};

// Reads a pod template (metadata + spec). limitRanges: the Container items of the LimitRanges
// of the pod's namespace, applied as LimitRanger does before the scheduler sees the pod.
std::shared_ptr<const PodSpecInfo> readPodSpec(const model::Node &podTemplate,
                                               const std::vector<ContainerDefaults> &limitRanges = {});

// The DaemonSet controller's changes to a pod it creates for node: the required node affinity
// becomes a single matchFields metadata.name term (ReplaceDaemonSetPodNodeNameNodeAffinity) and
// the default tolerations are added (AddOrUpdateDaemonPodTolerations).
std::shared_ptr<const PodSpecInfo> daemonSetPodSpec(const PodSpecInfo &spec, const QString &nodeName);

struct PodInfo
{
    QString ns;
    QString name;
    model::Labels labels;
    std::shared_ptr<const PodSpecInfo> spec;
    std::int32_t priority = 0;
    bool preemptNever = false;
    int index = 0; // input order: the queue's arrival order
    // When the pod was placed (a counter): stands for status.startTime, which preemption's
    // tie-break reads (latest start time of the victims is preferred).
    mutable std::int64_t startedAt = 0;
    bool daemonSet = false; // created by a DaemonSet (kubectl drain --ignore-daemonsets skips it)
    bool controlled = false; // has a controller (kubectl drain refuses to delete a bare pod)
    bool absent = false;     // not created yet: a --scale what-if's controller creates it
    int ordinal = -1;        // the replica's number in its workload (name-ordinal)
    QString ownerKind;
    QString ownerName;
    model::ObjectId owner = model::noObject; // the design's object the pod comes from
    // Pods with the same namespace and labels share an id (given in cluster.cpp; -1 when not
    // given), so that a selector's verdict is computed once per label set, not once per pod.
    int labelSetId = -1;
    // helper.DefaultSelector: the selectors of the Services that select the pod merged with its
    // controller's (ReplicaSet, StatefulSet, ReplicationController); empty when there is none,
    // and then the system default spread constraints do not apply.
    QList<model::LabelRequirement> defaultSpreadSelector;

    QString qualifiedName() const { return ns + QLatin1Char('/') + name; }
};

} // namespace kstudio::sim::sched
