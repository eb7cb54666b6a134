// SPDX-License-Identifier: GPL-3.0-or-later
// What a pod template refers to by name, with the field path of each reference and whether
// the reference is optional (optional: true), for the *-reference-missing rules.
#pragma once

#include "support.h"

#include <QString>

#include <vector>

namespace kstudio::sim::validate::rules {

enum class RefKind : quint8 { ConfigMap, Secret, PersistentVolumeClaim };

struct PodRef
{
    RefKind kind;
    QString name;
    model::FieldPath path; // of the name field
    bool optional = false;
    QString volume; // the pod volume's name, for references from volumes
};

// Sources (core/v1 types.go): envFrom[].configMapRef/secretRef, env[].valueFrom.
// configMapKeyRef/secretKeyRef, volumes[].configMap/secret/persistentVolumeClaim, projected
// volume sources, imagePullSecrets. ConfigMap and Secret references carry `optional`; a PVC
// reference cannot be optional.
inline std::vector<PodRef> podRefs(const PodSpecAt &pod)
{
    std::vector<PodRef> out;
    QString volume;
    auto add = [&out, &volume](RefKind kind,
                               const model::Node *owner,
                               const char *nameField,
                               const model::FieldPath &ownerPath) {
        if (!owner || !owner->isMapping())
            return;
        const QString name = textOf(owner->get(nameField));
        if (name.isEmpty())
            return;
        const model::Node *optional = owner->get("optional");
        out.push_back({kind,
                       name,
                       ownerPath.child(nameField),
                       optional && optional->toBool().value_or(false),
                       volume});
    };
    for (const char *field : {"initContainers", "containers", "ephemeralContainers"}) {
        const model::Node *list = pod.spec->get(field);
        if (!list || !list->isSequence())
            continue;
        for (int c = 0; c < int(list->size()); ++c) {
            const model::Node &container = list->children()[std::size_t(c)];
            const model::FieldPath containerPath = pod.path.child(field).child(c);
            if (const model::Node *envFrom = container.get("envFrom");
                envFrom && envFrom->isSequence()) {
                for (int i = 0; i < int(envFrom->size()); ++i) {
                    const model::Node &source = envFrom->children()[std::size_t(i)];
                    const model::FieldPath sourcePath = containerPath.child("envFrom").child(i);
                    add(RefKind::ConfigMap,
                        source.get("configMapRef"),
                        "name",
                        sourcePath.child("configMapRef"));
                    add(RefKind::Secret,
                        source.get("secretRef"),
                        "name",
                        sourcePath.child("secretRef"));
                }
            }
            if (const model::Node *env = container.get("env"); env && env->isSequence()) {
                for (int i = 0; i < int(env->size()); ++i) {
                    const model::Node *valueFrom = env->children()[std::size_t(i)].get("valueFrom");
                    if (!valueFrom || !valueFrom->isMapping())
                        continue;
                    const model::FieldPath valuePath
                        = containerPath.child("env").child(i).child("valueFrom");
                    add(RefKind::ConfigMap,
                        valueFrom->get("configMapKeyRef"),
                        "name",
                        valuePath.child("configMapKeyRef"));
                    add(RefKind::Secret,
                        valueFrom->get("secretKeyRef"),
                        "name",
                        valuePath.child("secretKeyRef"));
                }
            }
        }
    }
    if (const model::Node *volumes = pod.spec->get("volumes"); volumes && volumes->isSequence()) {
        for (int v = 0; v < int(volumes->size()); ++v) {
            const model::Node &entry = volumes->children()[std::size_t(v)];
            const model::FieldPath volumePath = pod.path.child("volumes").child(v);
            volume = textOf(entry.get("name"));
            add(RefKind::ConfigMap, entry.get("configMap"), "name", volumePath.child("configMap"));
            add(RefKind::Secret, entry.get("secret"), "secretName", volumePath.child("secret"));
            add(RefKind::PersistentVolumeClaim,
                entry.get("persistentVolumeClaim"),
                "claimName",
                volumePath.child("persistentVolumeClaim"));
            const model::Node *sources = entry.at(model::FieldPath{{"projected"}, {"sources"}});
            if (!sources || !sources->isSequence())
                continue;
            for (int s = 0; s < int(sources->size()); ++s) {
                const model::Node &source = sources->children()[std::size_t(s)];
                const model::FieldPath sourcePath
                    = volumePath.child("projected").child("sources").child(s);
                add(RefKind::ConfigMap,
                    source.get("configMap"),
                    "name",
                    sourcePath.child("configMap"));
                add(RefKind::Secret, source.get("secret"), "name", sourcePath.child("secret"));
            }
        }
        volume.clear();
    }
    if (const model::Node *pullSecrets = pod.spec->get("imagePullSecrets");
        pullSecrets && pullSecrets->isSequence()) {
        for (int i = 0; i < int(pullSecrets->size()); ++i)
            add(RefKind::Secret,
                &pullSecrets->children()[std::size_t(i)],
                "name",
                pod.path.child("imagePullSecrets").child(i));
    }
    return out;
}

} // namespace kstudio::sim::validate::rules
