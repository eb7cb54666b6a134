// SPDX-License-Identifier: GPL-3.0-or-later
// The scheduler's contract strings, copied verbatim from kube-scheduler at the pinned release.
#pragma once

#include <QLatin1StringView>

namespace kstudio::sim::sched {

// The Kubernetes release whose scheduler this engine mirrors. Every file under sim/sched/ that
// carries semantics names the upstream file it mirrors at this tag.
inline constexpr QLatin1StringView pinnedRelease{"v1.33"};

namespace reasons {

// pkg/scheduler/framework/types.go: NoNodeAvailableMsg ("0/%v nodes are available"); FitError.Error
// appends ":", then " <reasons>." and " <postfilter message>".
inline constexpr QLatin1StringView noNodeAvailable{"0/%1 nodes are available"};
// pkg/scheduler/schedule_one.go: ErrNoNodesAvailable, returned before any plugin runs when the
// snapshot has no node at all.
inline constexpr QLatin1StringView noNodesToSchedule{"no nodes available to schedule pods"};

// plugins/nodeunschedulable/node_unschedulable.go: ErrReasonUnschedulable.
inline constexpr QLatin1StringView nodeUnschedulable{"node(s) were unschedulable"};
// plugins/nodename/node_name.go: ErrReason.
inline constexpr QLatin1StringView nodeName{"node(s) didn't match the requested node name"};
// plugins/tainttoleration/taint_toleration.go: Filter's "node(s) had untolerated taint {%s: %s}".
inline constexpr QLatin1StringView untoleratedTaint{"node(s) had untolerated taint {%1: %2}"};
// plugins/nodeaffinity/node_affinity.go: ErrReasonPod and errReasonConflict.
inline constexpr QLatin1StringView nodeAffinity{"node(s) didn't match Pod's node affinity/selector"};
inline constexpr QLatin1StringView nodeAffinityConflict{"pod affinity terms conflict"};
// plugins/nodeports/node_ports.go: ErrReason.
inline constexpr QLatin1StringView nodePorts{"node(s) didn't have free ports for the requested pod ports"};
// plugins/noderesources/fit.go: fitsRequest.
inline constexpr QLatin1StringView tooManyPods{"Too many pods"};
inline constexpr QLatin1StringView insufficient{"Insufficient %1"}; // %1: resource name
// plugins/podtopologyspread/plugin.go: ErrReasonConstraintsNotMatch and ErrReasonNodeLabelNotMatch.
inline constexpr QLatin1StringView topologySpread{"node(s) didn't match pod topology spread constraints"};
inline constexpr QLatin1StringView topologySpreadMissingLabel{
    "node(s) didn't match pod topology spread constraints (missing required label)"};

// plugins/interpodaffinity/filtering.go: ErrReasonAffinityRulesNotMatch,
// ErrReasonAntiAffinityRulesNotMatch and ErrReasonExistingAntiAffinityRulesNotMatch (checked at
// v1.33 and unchanged through v1.35).
inline constexpr QLatin1StringView podAffinityRules{"node(s) didn't match pod affinity rules"};
inline constexpr QLatin1StringView podAntiAffinityRules{"node(s) didn't match pod anti-affinity rules"};
inline constexpr QLatin1StringView existingPodsAntiAffinityRules{
    "node(s) didn't satisfy existing pods anti-affinity rules"};

// pkg/scheduler/schedule_one.go findNodesThatFitPod: nodes a PreFilterResult left out.
inline constexpr QLatin1StringView didNotSatisfyPlugins{"node(s) didn't satisfy plugin(s) %1"}; // %1: "[A B]"
// pkg/scheduler/framework/runtime/framework.go RunPreFilterPlugins: PreFilterResults that
// intersect to no node.
inline constexpr QLatin1StringView didNotSatisfyPlugin{"node(s) didn't satisfy plugin %1"};
inline constexpr QLatin1StringView didNotSatisfyPluginsSimultaneously{
    "node(s) didn't satisfy plugin(s) %1 simultaneously"};

// plugins/defaultpreemption/default_preemption.go PostFilter prefixes its evaluator's message.
inline constexpr QLatin1StringView preemptionPrefix{"preemption: "};
// pkg/scheduler/framework/preemption/preemption.go: nodes where preemption cannot help.
inline constexpr QLatin1StringView preemptionNotHelpful{"Preemption is not helpful for scheduling"};
// default_preemption.go SelectVictimsOnNode: no lower-priority pod on the node.
inline constexpr QLatin1StringView noPreemptionVictims{"No preemption victims found for incoming pod"};
// default_preemption.go PodEligibleToPreemptOthers.
inline constexpr QLatin1StringView preemptionPolicyNever{"not eligible due to preemptionPolicy=Never."};

} // namespace reasons
} // namespace kstudio::sim::sched
