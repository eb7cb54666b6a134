// SPDX-License-Identifier: GPL-3.0-or-later
// DefaultPreemption (PostFilter). A pod with preemptionPolicy Never (its own or its
// PriorityClass's) does not preempt. Otherwise, on each node whose Filter status is
// Unschedulable (UnschedulableAndUnresolvable nodes cannot be helped), every pod of lower
// priority is taken off; if the pod then passes PreFilter and Filter, victims are reprieved one
// by one, PDB-violating pods first and then the others, each group from the most important
// (highest priority, then longest running): a pod whose return still lets the pod fit stays.
// Candidates are taken in node-name order until at least one does not violate a PDB and there
// are max(10% of the nodes, 100) of them (capped at the node count). The node is chosen by
// pickOneNodeForPreemption's criteria in order: fewest PDB violations, lowest highest-priority
// victim, smallest sum of priorities, fewest victims, latest start of the highest-priority
// victims; remaining ties go to the node whose name sorts first. Without a candidate the
// message is "preemption: " + a FitError over the dry run's statuses, with "Preemption is not
// helpful for scheduling" for the nodes it did not try.
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/plugins/defaultpreemption/
// default_preemption.go (PostFilter, SelectVictimsOnNode, PodEligibleToPreemptOthers,
// calculateNumCandidates, filterPodsWithPDBViolation), pkg/scheduler/framework/preemption/
// preemption.go (Preempt, findCandidates, DryRunPreemption, pickOneNodeForPreemption),
// pkg/scheduler/util/utils.go (MoreImportantPod) and pkg/scheduler/apis/config/v1/defaults.go
// (MinCandidateNodesPercentage 10, MinCandidateNodesAbsolute 100) at v1.33; kubernetes/website
// content/en/docs/concepts/scheduling-eviction/pod-priority-preemption.md. Differences by
// design: the dry run starts at the first node instead of a random offset, and nominated pods
// are not simulated (a preemptor is bound on its nominated node at once).
#include "plugins.h"

#include <sim/sched/cluster_info.h>
#include <sim/sched/framework.h>
#include <sim/sched/reasons.h>

#include <algorithm>
#include <limits>

namespace kstudio::sim::sched::plugins {

namespace {

// util.MoreImportantPod: higher priority; equal priority: started earlier.
bool moreImportant(const PodInfo *a, const PodInfo *b)
{
    if (a->priority != b->priority)
        return a->priority > b->priority;
    return a->startedAt < b->startedAt;
}

struct Candidate
{
    std::size_t node = 0;
    std::vector<const PodInfo *> victims; // most important first
    std::int64_t pdbViolations = 0;
};

class DefaultPreemption final : public BatchPlugin<DefaultPreemption>
{
public:
    const char *name() const override { return "DefaultPreemption"; }
    Points points() const override { return Points(Point::PostFilter); }

    PostFilterResult postFilter(PostFilterContext &context) const override
    {
        const PodInfo &pod = context.pod;
        if (pod.preemptNever)
            return rejected(QString(reasons::preemptionPolicyNever));
        std::vector<std::size_t> potential;
        for (std::size_t i = 0; i < context.nodes.size(); ++i) {
            if (context.statuses[i].code() == Code::Unschedulable)
                potential.push_back(i);
        }
        const Status notHelpful(Code::UnschedulableAndUnresolvable, QString(reasons::preemptionNotHelpful));
        const int allNodes = static_cast<int>(context.nodes.size());
        if (potential.empty())
            return rejected(fitErrorMessage(allNodes, {}, {}, notHelpful, {}));

        const auto count = static_cast<std::int64_t>(potential.size());
        const std::int64_t wanted = std::min(count, std::max<std::int64_t>(count * 10 / 100, 100));
        std::vector<int> allowance;
        for (const PdbInfo &pdb : context.cluster.pdbs)
            allowance.push_back(disruptionsAllowed(pdb, context.nodes));
        std::vector<Candidate> nonViolating;
        std::vector<Candidate> violating;
        std::vector<Status> statuses;
        statuses.reserve(potential.size());
        for (const std::size_t node : potential) {
            Candidate candidate;
            candidate.node = node;
            Status status = selectVictimsOnNode(context, allowance, candidate);
            if (status.isSuccess()) {
                (candidate.pdbViolations == 0 ? nonViolating : violating).push_back(std::move(candidate));
                if (!nonViolating.empty() && std::int64_t(nonViolating.size() + violating.size()) >= wanted)
                    break;
                continue;
            }
            statuses.push_back(std::move(status));
        }
        std::vector<Candidate> candidates = std::move(nonViolating);
        for (Candidate &candidate : violating)
            candidates.push_back(std::move(candidate));
        if (candidates.empty()) {
            std::vector<const Status *> explicitStatuses;
            for (const Status &status : statuses)
                explicitStatuses.push_back(&status);
            return rejected(fitErrorMessage(allNodes, {}, explicitStatuses, notHelpful, {}));
        }
        Candidate &best = pick(context, candidates);
        return {Status(), best.node, std::move(best.victims)};
    }

private:
    static PostFilterResult rejected(const QString &message)
    {
        return {Status(Code::Unschedulable, QString(reasons::preemptionPrefix) + message), std::nullopt, {}};
    }

    static Status selectVictimsOnNode(PostFilterContext &context, const std::vector<int> &allowance, Candidate &candidate)
    {
        NodeInfo &node = context.nodes[candidate.node];
        std::vector<const PodInfo *> potential;
        for (const PodInfo *other : node.pods) {
            if (other->priority < context.pod.priority)
                potential.push_back(other);
        }
        if (potential.empty())
            return Status(Code::UnschedulableAndUnresolvable, QString(reasons::noPreemptionVictims));
        // The node is changed through removePod/addPod (which keep the cluster's pod index
        // right) and given back as it was.
        for (const PodInfo *victim : potential)
            node.removePod(*victim);
        Status status = context.filter(candidate.node);
        if (!status.isSuccess()) {
            for (const PodInfo *victim : potential)
                node.addPod(*victim);
            return status;
        }
        std::sort(potential.begin(), potential.end(), moreImportant);
        // filterPodsWithPDBViolation: each PDB's allowance (its status as the dry run began) is
        // spent pod by pod in this order.
        std::vector<int> allowed = allowance;
        std::vector<const PodInfo *> violatingVictims;
        std::vector<const PodInfo *> nonViolatingVictims;
        for (const PodInfo *victim : potential) {
            bool violates = false;
            for (std::size_t p = 0; p < context.cluster.pdbs.size(); ++p) {
                if (!context.cluster.pdbs[p].selects(*victim))
                    continue;
                if (--allowed[p] < 0)
                    violates = true;
            }
            (violates ? violatingVictims : nonViolatingVictims).push_back(victim);
        }
        const auto reprieve = [&](const PodInfo *victim) {
            node.addPod(*victim);
            if (context.filter(candidate.node).isSuccess())
                return true;
            node.removePod(*victim);
            candidate.victims.push_back(victim);
            return false;
        };
        for (const PodInfo *victim : violatingVictims) {
            if (!reprieve(victim))
                ++candidate.pdbViolations;
        }
        for (const PodInfo *victim : nonViolatingVictims)
            reprieve(victim);
        if (!violatingVictims.empty() && !nonViolatingVictims.empty())
            std::sort(candidate.victims.begin(), candidate.victims.end(), moreImportant);
        for (const PodInfo *victim : candidate.victims)
            node.addPod(*victim);
        return {};
    }

    // pickOneNodeForPreemption with the default score functions.
    static Candidate &pick(const PostFilterContext &context, std::vector<Candidate> &candidates)
    {
        std::vector<Candidate *> remaining;
        for (Candidate &candidate : candidates)
            remaining.push_back(&candidate);
        // Name order for the final tie-break ("the first such node").
        std::sort(remaining.begin(), remaining.end(), [&context](const Candidate *a, const Candidate *b) {
            return context.nodes[a->node].name < context.nodes[b->node].name;
        });
        const std::vector<std::function<std::int64_t(const Candidate &)>> scores{
            [](const Candidate &c) { return -c.pdbViolations; },
            [](const Candidate &c) { return -std::int64_t(c.victims.front()->priority); },
            [](const Candidate &c) {
                std::int64_t sum = 0;
                for (const PodInfo *victim : c.victims)
                    sum += std::int64_t(victim->priority) + std::int64_t(std::numeric_limits<std::int32_t>::max()) + 1;
                return -sum;
            },
            [](const Candidate &c) { return -std::int64_t(c.victims.size()); },
            [](const Candidate &c) {
                // GetEarliestPodStartTime over the highest-priority victims; the later, the better.
                const std::int32_t highest = c.victims.front()->priority;
                std::int64_t earliest = std::numeric_limits<std::int64_t>::max();
                for (const PodInfo *victim : c.victims) {
                    if (victim->priority == highest)
                        earliest = std::min(earliest, victim->startedAt);
                }
                return earliest;
            },
        };
        for (const auto &score : scores) {
            std::vector<Candidate *> selected;
            std::int64_t maxScore = std::numeric_limits<std::int64_t>::min();
            for (Candidate *candidate : remaining) {
                const std::int64_t value = score(*candidate);
                if (value > maxScore) {
                    maxScore = value;
                    selected.clear();
                }
                if (value == maxScore)
                    selected.push_back(candidate);
            }
            if (selected.size() == 1)
                return *selected.front();
            remaining = std::move(selected);
        }
        return *remaining.front();
    }
};

} // namespace

std::unique_ptr<Plugin> makeDefaultPreemption()
{
    return std::make_unique<DefaultPreemption>();
}

} // namespace kstudio::sim::sched::plugins
