// SPDX-License-Identifier: GPL-3.0-or-later
// KindSpec: what the studio knows about one Kubernetes kind, as a table row.
#pragma once

#include <QtGlobal>

namespace kstudio::model {

enum class KindCategory : quint8 { Workloads, Networking, ConfigStorage, Policy, Cluster };

// How a kind's own selector field is written: a plain label map (Service spec.selector,
// ReplicationController) or a metav1.LabelSelector (matchLabels + matchExpressions).
enum class SelectorStyle : quint8 { None, LabelMap, LabelSelector };

// Paths use FieldPath syntax; nullptr means "this kind has no such field".
struct KindSpec
{
    const char *kind;
    const char *group;   // "" for the core group
    const char *version; // the version the studio writes for new objects
    bool namespaced;
    KindCategory category;
    const char *icon;            // resources/icons/kinds/<icon>.svg
    const char *podTemplatePath; // "" = the object itself is the pod (Pod)
    const char *replicasPath;
    const char *selectorPath;
    SelectorStyle selectorStyle;

    bool isWorkload() const { return podTemplatePath != nullptr; }
};

} // namespace kstudio::model
