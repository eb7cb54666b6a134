// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: rule dispatch per object, silencing, severity overrides and the findings order.
#include "engine.h"

#include "index.h"
#include "rule.h"

#include <model/kinds/kind_registry.h>

#include <algorithm>
#include <string>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate {

namespace {

const model::Node *annotationsOf(const model::Object &object)
{
    const model::Node *annotations
        = object.body.at(model::FieldPath{{"metadata"}, {"annotations"}});
    return annotations && annotations->isMapping() ? annotations : nullptr;
}

struct ActiveRule
{
    const Rule *rule;
    QString id;
    Severity severity;
};

QList<ActiveRule> activeRules(const Config &config)
{
    QList<ActiveRule> out;
    for (const Rule *rule : allRules()) {
        const QString id = QString::fromLatin1(rule->id);
        if (config.disabled.contains(id))
            continue;
        out.append({rule, id, config.severities.value(id, rule->severity)});
    }
    return out;
}

void checkObject(const model::Object &object,
                 const QList<ActiveRule> &rules,
                 const RuleContext &context,
                 Findings &out)
{
    const model::Node *annotations = annotationsOf(object);
    if (annotations && annotations->get(ignoreAllAnnotation))
        return;
    const QString kind = object.kind();
    const ObjectLabels labels{kind, object.effectiveNamespace(), object.name()};
    // Most objects silence nothing: look for the prefix once instead of once per rule.
    const bool silencesSome
        = annotations
          && std::any_of(annotations->children().cbegin(),
                         annotations->children().cend(),
                         [](const model::Node &entry) {
                             return entry.key().starts_with(ignoreCheckAnnotationPrefix);
                         });
    context.scratch = {object.id, nullptr};
    for (const ActiveRule &active : rules) {
        if (!active.rule->appliesTo(kind))
            continue;
        if (silencesSome
            && annotations->get(std::string(ignoreCheckAnnotationPrefix) + active.rule->id))
            continue;
        FindingSink sink(active.id, active.severity, object, labels, out);
        active.rule->check(object, context, sink);
    }
}

} // namespace

bool isSilenced(const model::Object &object, const QString &rule)
{
    const model::Node *annotations = annotationsOf(object);
    if (!annotations)
        return false;
    return annotations->get(ignoreAllAnnotation)
           || annotations->get(std::string(ignoreCheckAnnotationPrefix) + rule.toStdString());
}

Findings run(const model::Snapshot &snapshot, const Config &config)
{
    const Index index(snapshot);
    return run(snapshot, index, config, snapshot.objects().keys());
}

Findings run(const model::Snapshot &snapshot,
             const Index &index,
             const Config &config,
             const QList<model::ObjectId> &objects)
{
    const QList<ActiveRule> rules = activeRules(config);
    const RuleContext context{snapshot, index, config, {}};
    Findings out;
    for (const model::ObjectId id : objects) {
        if (const model::Object *object = snapshot.object(id))
            checkObject(*object, rules, context, out);
    }
    std::sort(out.begin(), out.end(), findingLessThan);
    return out;
}

QList<model::ObjectId> affectedBy(const model::Snapshot &before,
                                  const model::Snapshot &after,
                                  const Index &index,
                                  const QList<model::ObjectId> &changed)
{
    QSet<model::ObjectId> out;
    QSet<QString> namespaces;
    bool clusterScoped = false;
    for (const model::ObjectId id : changed) {
        for (const model::Object *object : {before.object(id), after.object(id)}) {
            if (!object)
                continue;
            const QString ns = object->effectiveNamespace();
            if (object->kind() == u"Namespace"_s) {
                // A Namespace object decides namespace-missing for the objects in it.
                namespaces.insert(object->name());
            } else if (ns.isEmpty()) {
                clusterScoped = true;
            } else {
                namespaces.insert(ns);
            }
        }
        out.insert(id); // a removed id too: run() skips it, replaceFindings() drops its findings
    }
    // PriorityClass, ClusterRole: anything may refer to a cluster-scoped object; the rules
    // that do (priority-class-missing, role-binding-role-missing) are cheap, so re-check all.
    if (clusterScoped) {
        for (const model::ObjectId id : after.objects().keys())
            out.insert(id);
    } else {
        for (const QString &ns : std::as_const(namespaces)) {
            for (const model::ObjectId id : index.objectsIn(ns))
                out.insert(id);
        }
    }
    QList<model::ObjectId> sorted(out.cbegin(), out.cend());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

Findings
replaceFindings(Findings previous, const QList<model::ObjectId> &rechecked, Findings fresh)
{
    // previous is sorted and fresh is small: filter, sort fresh, merge; no full re-sort.
    const QSet<model::ObjectId> replaced(rechecked.cbegin(), rechecked.cend());
    std::sort(fresh.begin(), fresh.end(), findingLessThan);
    Findings out;
    out.reserve(previous.size() + fresh.size());
    auto next = fresh.begin();
    for (Finding &finding : previous) { // detaches once if shared, then moves
        if (replaced.contains(finding.object))
            continue;
        while (next != fresh.end() && findingLessThan(*next, finding))
            out.append(std::move(*next++));
        out.append(std::move(finding));
    }
    while (next != fresh.end())
        out.append(std::move(*next++));
    return out;
}

void applyRuleSettings(Config &config, const model::RuleSettings &settings, QStringList *problems)
{
    for (const QString &id : settings.disabled) {
        if (findRule(id))
            config.disabled.insert(id);
        else if (problems)
            problems->append(u"the project disables unknown rule %1; ignored"_s.arg(id));
    }
    for (auto it = settings.severities.cbegin(); it != settings.severities.cend(); ++it) {
        const std::optional<Severity> severity = parseSeverity(it.value());
        if (!findRule(it.key())) {
            if (problems)
                problems->append(
                    u"the project re-levels unknown rule %1; ignored"_s.arg(it.key()));
        } else if (!severity) {
            if (problems)
                problems->append(
                    u"the project sets rule %1 to '%2' (expected error, warning or info); ignored"_s
                        .arg(it.key(), it.value()));
        } else {
            config.severities.insert(it.key(), *severity);
        }
    }
}

QStringList unknownRuleIds(const Config &config)
{
    QStringList out;
    for (const QString &id : config.disabled) {
        if (!findRule(id))
            out.append(id);
    }
    for (auto it = config.severities.cbegin(); it != config.severities.cend(); ++it) {
        if (!findRule(it.key()) && !out.contains(it.key()))
            out.append(it.key());
    }
    out.sort();
    return out;
}

} // namespace kstudio::sim::validate
