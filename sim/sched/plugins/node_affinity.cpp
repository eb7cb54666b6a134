// SPDX-License-Identifier: GPL-3.0-or-later
// NodeAffinity: spec.nodeSelector and required node affinity filter nodes (terms ORed, each
// term's requirements ANDed, operators In/NotIn/Exists/DoesNotExist/Gt/Lt, matchFields on
// metadata.name); PreFilter narrows the nodes to the names that matchFields In lists; preferred
// terms score the sum of the weights that match, normalised to 100.
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go at v1.33.
#include "plugins.h"

#include <sim/sched/reasons.h>

namespace kstudio::sim::sched::plugins {

namespace {

bool requiredMatches(const PodSpecInfo &spec, const NodeInfo &node)
{
    for (const auto &[key, value] : spec.nodeSelector) {
        const auto it = node.labels.constFind(key);
        if (it == node.labels.constEnd() || it.value() != value)
            return false;
    }
    if (!spec.requiredTerms)
        return true;
    for (const NodeSelectorTerm &term : *spec.requiredTerms) {
        if (term.matches(node.labels, node.name))
            return true;
    }
    return false;
}

class NodeAffinity final : public BatchPlugin<NodeAffinity>
{
public:
    const char *name() const override { return "NodeAffinity"; }
    Points points() const override
    {
        return Points(Point::PreFilter) | Point::Filter | Point::PreScore | Point::Score;
    }
    // nodeSelector and required terms against the node's own labels and name.
    bool nodeLocalFilter() const override { return true; }
    bool scoreExtensions() const override { return true; }

    Status preFilter(CycleState &, const PodInfo &pod, PreFilterResult &result) const override
    {
        const PodSpecInfo &spec = *pod.spec;
        if (!spec.requiredTerms && spec.nodeSelector.empty())
            return Status(Code::Skip);
        if (!spec.requiredTerms)
            return {};
        // Terms are ORed: a term without a metadata.name In requirement allows every node.
        std::set<QString> names;
        for (const NodeSelectorTerm &term : *spec.requiredTerms) {
            std::optional<std::set<QString>> termNames;
            for (const NodeSelectorRequirement &field : term.matchFields) {
                if (field.key != QLatin1String("metadata.name") || field.op != SelectorOp::In)
                    continue;
                std::set<QString> values(field.values.cbegin(), field.values.cend());
                if (!termNames) {
                    termNames = std::move(values);
                    continue;
                }
                std::set<QString> both;
                for (const QString &value : values) {
                    if (termNames->count(value))
                        both.insert(value);
                }
                termNames = std::move(both);
            }
            if (!termNames)
                return {};
            names.insert(termNames->begin(), termNames->end());
        }
        if (names.empty())
            return Status(Code::UnschedulableAndUnresolvable, QString(reasons::nodeAffinityConflict));
        result.nodeNames = std::move(names);
        return {};
    }

    Status filter(const CycleState &, const PodInfo &pod, const NodeInfo &node) const override
    {
        if (requiredMatches(*pod.spec, node))
            return {};
        return Status(Code::UnschedulableAndUnresolvable, QString(reasons::nodeAffinity));
    }

    Status preScore(CycleState &, const PodInfo &pod, std::span<const NodeInfo *const>) const override
    {
        if (pod.spec->preferredTerms.empty())
            return Status(Code::Skip);
        return {};
    }

    std::int64_t score(const CycleState &, const PodInfo &pod, const NodeInfo &node) const override
    {
        std::int64_t count = 0;
        for (const PreferredTerm &term : pod.spec->preferredTerms) {
            if (term.term.matches(node.labels, node.name))
                count += term.weight;
        }
        return count;
    }

    void normalizeScores(const CycleState &, const PodInfo &, std::span<std::int64_t> scores) const override
    {
        defaultNormalizeScore(maxNodeScore, false, scores);
    }
};

} // namespace

std::unique_ptr<Plugin> makeNodeAffinity()
{
    return std::make_unique<NodeAffinity>();
}

} // namespace kstudio::sim::sched::plugins
