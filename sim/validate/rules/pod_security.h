// SPDX-License-Identifier: GPL-3.0-or-later
// Pod Security Standards (v1.33): the controls of the baseline and restricted levels, as the
// PSS page lists them (https://kubernetes.io/docs/concepts/security/pod-security-standards/)
// and kubernetes/pod-security-admission policy/check_*.go at v0.33 implements them, plus the
// severity a violation gets from the namespace's pod-security.kubernetes.io/* labels.
//
// Severity (documented in the rules' "why"): a namespace whose enforce label is at or above
// the violated level refuses the pod, so the finding is an error; a warn or audit label at or
// above it makes it a warning (the API server warns / audits); with no label the rule's own
// severity applies (pod-security-baseline: warning, pod-security-restricted: info), and a
// namespace labelled enforce: privileged (and nothing stricter for warn/audit) states that it
// is meant for privileged pods, so violations there are info.
#pragma once

#include "support.h"

#include <QString>

#include <functional>

namespace kstudio::sim::validate::rules {

enum class PodSecurityLevel : quint8 { Privileged, Baseline, Restricted };

inline std::optional<PodSecurityLevel> parsePodSecurityLevel(const QString &text)
{
    if (text == QLatin1String("privileged"))
        return PodSecurityLevel::Privileged;
    if (text == QLatin1String("baseline"))
        return PodSecurityLevel::Baseline;
    if (text == QLatin1String("restricted"))
        return PodSecurityLevel::Restricted;
    return std::nullopt;
}

// The severity of a violation of level for an object in namespace ns.
inline Severity podSecuritySeverity(const RuleContext &context,
                                    const QString &ns,
                                    PodSecurityLevel level,
                                    Severity configured)
{
    const model::Object *namespaceObject = context.index.find(QStringLiteral("Namespace"), {}, ns);
    if (!namespaceObject)
        return configured;
    const model::Labels labels = model::labelsOf(namespaceObject->body);
    const auto levelOf = [&](const char *mode) {
        return parsePodSecurityLevel(
            labels.value(QStringLiteral("pod-security.kubernetes.io/") + QLatin1String(mode)));
    };
    const std::optional<PodSecurityLevel> enforce = levelOf("enforce");
    if (enforce && *enforce >= level)
        return Severity::Error;
    for (const char *mode : {"warn", "audit"}) {
        const std::optional<PodSecurityLevel> other = levelOf(mode);
        if (other && *other >= level)
            return std::min(configured, Severity::Warning); // Error < Warning < Info
    }
    if (enforce == PodSecurityLevel::Privileged)
        return Severity::Info;
    return configured;
}

// A container of a pod spec with its path: init, regular and ephemeral containers, as the
// admission checks visit them (pod-security-admission policy/visitor.go).
struct PodContainer
{
    const model::Node *node;
    model::FieldPath path;
    QString name;
};

inline std::vector<PodContainer> allContainers(const PodSpecAt &pod)
{
    std::vector<PodContainer> out;
    for (const char *field : {"initContainers", "containers", "ephemeralContainers"}) {
        const model::Node *list = pod.spec->get(field);
        if (!list || !list->isSequence())
            continue;
        int index = 0;
        for (const model::Node &container : list->children()) {
            if (container.isMapping())
                out.push_back({&container,
                               pod.path.child(field).child(index),
                               textOf(container.get("name"))});
            ++index;
        }
    }
    return out;
}

inline bool isTrueNode(const model::Node *node)
{
    return node && node->isScalar() && node->toBool().value_or(false);
}

inline bool isFalseNode(const model::Node *node)
{
    return node && node->isScalar() && node->toBool().has_value() && !*node->toBool();
}

// The pod template's annotations (metadata.annotations of the template, or of a Pod).
inline model::Labels podAnnotations(const model::Object &object)
{
    const std::optional<model::FieldPath> templatePath = podTemplatePath(object);
    if (!templatePath)
        return {};
    const model::Node *owner = templatePath->isEmpty() ? &object.body : object.body.at(*templatePath);
    if (!owner)
        return {};
    return model::stringMap(owner->at(model::FieldPath{{"metadata"}, {"annotations"}}));
}

} // namespace kstudio::sim::validate::rules
