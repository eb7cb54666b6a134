// SPDX-License-Identifier: GPL-3.0-or-later
// Lookups shared by the practice rules: the Services, PDBs and HPAs of a workload's pods.
#pragma once

#include "support.h"

#include <model/kinds/views.h>
#include <model/semantics/label_selector.h>

namespace kstudio::sim::validate::rules {

inline model::Labels templateLabels(const model::Object &object)
{
    const model::Node *podTemplate = model::podTemplate(object);
    return podTemplate ? model::labelsOf(*podTemplate) : model::Labels{};
}

// The Services of the workload's namespace whose selector selects its pod template.
inline QList<const model::Object *> servicesSelecting(const model::Object &workload,
                                                      const Index &index)
{
    return index.servicesSelecting(workload.effectiveNamespace(), templateLabels(workload));
}

// The PodDisruptionBudgets of the namespace that select the workload's pod template.
inline QList<const model::Object *> pdbsSelecting(const model::Object &workload, const Index &index)
{
    return index.pdbsSelecting(workload.effectiveNamespace(), templateLabels(workload));
}

// The HorizontalPodAutoscaler whose scaleTargetRef names the workload, if any.
inline const model::Object *hpaFor(const model::Object &workload, const Index &index)
{
    for (const model::Object *hpa : index.objectsOfKind(workload.effectiveNamespace(),
                                                        QStringLiteral("HorizontalPodAutoscaler"))) {
        const model::Node *target = hpa->body.at(model::FieldPath{{"spec"}, {"scaleTargetRef"}});
        if (target && textOf(target->get("kind")) == workload.kind()
            && textOf(target->get("name")) == workload.name())
            return hpa;
    }
    return nullptr;
}

// The kinds whose replicas a PDB and an HPA are about.
inline bool isReplicated(const model::Object &object)
{
    const QString kind = object.kind();
    return kind == QLatin1String("Deployment") || kind == QLatin1String("StatefulSet")
           || kind == QLatin1String("ReplicaSet") || kind == QLatin1String("ReplicationController");
}

} // namespace kstudio::sim::validate::rules
