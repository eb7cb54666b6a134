// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers shared by the rule files: pod spec and container paths, scalar text.
#pragma once

#include <sim/validate/index.h>
#include <sim/validate/rule.h>

#include <model/core/object.h>
#include <model/kinds/kind_registry.h>
#include <model/kinds/views.h>

#include <QString>

#include <optional>
#include <vector>

namespace kstudio::sim::validate::rules {

// The text of a scalar node, empty for anything else.
inline QString textOf(const model::Node *node)
{
    return node && node->isScalar() ? node->qtext() : QString();
}

// The path of the pod template ("" for a Pod, which is its own template), nullopt for kinds
// without one.
inline std::optional<model::FieldPath> podTemplatePath(const model::Object &object)
{
    const model::KindSpec *spec = model::findKind(object.kind());
    if (!spec || !spec->isWorkload())
        return std::nullopt;
    return model::FieldPath::parse(spec->podTemplatePath);
}

struct PodSpecAt
{
    const model::Node *spec = nullptr;
    model::FieldPath path;
};

// The pod spec of a workload with its path ("spec", "spec.template.spec", ...).
inline std::optional<PodSpecAt> podSpecAt(const model::Object &object)
{
    const std::optional<model::FieldPath> templatePath = podTemplatePath(object);
    const model::Node *spec = model::podSpec(object);
    if (!templatePath || !spec)
        return std::nullopt;
    return PodSpecAt{spec, templatePath->child("spec")};
}

struct ContainerAt
{
    const model::Node *node = nullptr;
    model::FieldPath path;
    bool init = false;
};

// initContainers, then containers (ephemeral containers are added to running pods only).
inline std::vector<ContainerAt> containersAt(const PodSpecAt &pod)
{
    std::vector<ContainerAt> out;
    for (const char *field : {"initContainers", "containers"}) {
        const model::Node *list = pod.spec->get(field);
        if (!list || !list->isSequence())
            continue;
        int index = 0;
        for (const model::Node &container : list->children()) {
            if (container.isMapping())
                out.push_back({&container, pod.path.child(field).child(index), field[0] == 'i'});
            ++index;
        }
    }
    return out;
}

// A sidecar: an init container with restartPolicy: Always runs for the pod's whole life.
inline bool isLongRunning(const ContainerAt &container)
{
    return !container.init
           || textOf(container.node->get("restartPolicy")) == QLatin1String("Always");
}

// Kinds whose pods run to completion, for which serving probes make no sense.
inline bool runsToCompletion(const model::Object &object)
{
    const QString kind = object.kind();
    if (kind == QLatin1String("Job") || kind == QLatin1String("CronJob"))
        return true;
    if (kind == QLatin1String("Pod")) {
        const QString policy
            = textOf(object.body.at(model::FieldPath{{"spec"}, {"restartPolicy"}}));
        return policy == QLatin1String("Never") || policy == QLatin1String("OnFailure");
    }
    return false;
}

} // namespace kstudio::sim::validate::rules

namespace kstudio::sim::validate::rules {

// "text" with the escapes Go's %q uses for the characters names can hold.
inline QString quoted(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += c;
    }
    return out + QLatin1Char('"');
}

inline QString pathText(const model::FieldPath &path)
{
    return QString::fromStdString(path.toString());
}

} // namespace kstudio::sim::validate::rules

namespace kstudio::sim::validate::rules {

// A value left for a template step to fill in: $VAR, ${VAR}, $(VAR), {{ .Values.x }}, <NAME>, or an
// all-capitals name such as PV_NAME or PORT (the convention of samples meant for sed/envsubst).
// Such values are never valid as written, but the object is a template, not a defect.
inline bool isPlaceholder(const QString &value)
{
    if (value.contains(u'$') || value.contains(QLatin1String("{{")))
        return true;
    if (value.size() > 2 && value.startsWith(u'<') && value.endsWith(u'>')) // <KSA_NAME>
        return true;
    if (value.size() < 2 || !value.front().isUpper())
        return false;
    bool letter = false;
    for (const QChar c : value) {
        if (c >= u'A' && c <= u'Z')
            letter = true;
        else if (!(c >= u'0' && c <= u'9') && c != u'_')
            return false;
    }
    return letter;
}

inline QString placeholderNote(const QString &value)
{
    return QStringLiteral(" (%1 looks like a template placeholder: substitute it before applying)")
        .arg(value);
}

// Reports a reference to an object the design does not contain: at the rule's severity, or one
// level below when the design cannot settle it (a template placeholder awaiting substitution,
// or custom resources of the namespace that suggest an operator creates the object).
inline void reportMissingReference(FindingSink &sink,
                                   const Index &index,
                                   const QString &ns,
                                   const QString &name,
                                   const model::FieldPath &path,
                                   const QString &message)
{
    if (isPlaceholder(name))
        sink.reportUncertain(path, message + placeholderNote(name));
    else if (index.mayBeOperatorManaged(ns, {name}))
        sink.reportUncertain(path,
                             message
                                 + QStringLiteral("; the namespace's custom resources suggest an "
                                                  "operator may create it"));
    else
        sink.report(path, message);
}

// Reports each long-running container of a workload that lacks the probe field (livenessProbe,
// readinessProbe); workloads that run to completion are not checked.
inline void reportContainersWithoutProbe(const model::Object &object, FindingSink &sink, const char *probe)
{
    if (runsToCompletion(object))
        return;
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    for (const ContainerAt &container : containersAt(*pod)) {
        if (!isLongRunning(container) || container.node->get(probe))
            continue;
        sink.report(container.path,
                    QStringLiteral("container %1 has no %2")
                        .arg(quoted(textOf(container.node->get("name"))), QLatin1String(probe)));
    }
}

} // namespace kstudio::sim::validate::rules
