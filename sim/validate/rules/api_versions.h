// SPDX-License-Identifier: GPL-3.0-or-later
// The table of deprecated and removed API versions, written from the Kubernetes "Deprecated API
// Migration Guide" (https://kubernetes.io/docs/reference/using-api/deprecation-guide/,
// kubernetes/website content/en/docs/reference/using-api/deprecation-guide.md) and, for
// v1 Endpoints, the v1.33 release notes (KEP-4974: Endpoints deprecated in favour of
// EndpointSlice, still served).
#pragma once

#include <sim/validate/config.h>

#include <QLatin1StringView>
#include <QString>

#include <span>

namespace kstudio::sim::validate::rules {

struct ApiVersionChange
{
    const char *apiVersion; // as written in manifests
    const char *kind;
    KubeVersion deprecatedIn;
    KubeVersion removedIn;   // {0, 0}: still served
    const char *replacement; // what to write instead
};

inline std::span<const ApiVersionChange> apiVersionChanges()
{
    static constexpr ApiVersionChange table[] = {
        // Removed in v1.16.
        {"extensions/v1beta1", "DaemonSet", {1, 9}, {1, 16}, "apps/v1"},
        {"apps/v1beta2", "DaemonSet", {1, 9}, {1, 16}, "apps/v1"},
        {"extensions/v1beta1", "Deployment", {1, 9}, {1, 16}, "apps/v1"},
        {"apps/v1beta1", "Deployment", {1, 9}, {1, 16}, "apps/v1"},
        {"apps/v1beta2", "Deployment", {1, 9}, {1, 16}, "apps/v1"},
        {"apps/v1beta1", "StatefulSet", {1, 9}, {1, 16}, "apps/v1"},
        {"apps/v1beta2", "StatefulSet", {1, 9}, {1, 16}, "apps/v1"},
        {"extensions/v1beta1", "ReplicaSet", {1, 9}, {1, 16}, "apps/v1"},
        {"apps/v1beta1", "ReplicaSet", {1, 9}, {1, 16}, "apps/v1"},
        {"apps/v1beta2", "ReplicaSet", {1, 9}, {1, 16}, "apps/v1"},
        {"extensions/v1beta1", "NetworkPolicy", {1, 9}, {1, 16}, "networking.k8s.io/v1"},
        {"extensions/v1beta1",
         "PodSecurityPolicy",
         {1, 11},
         {1, 16},
         "policy/v1beta1 (itself removed in v1.25: use Pod Security Admission)"},
        // Removed in v1.22.
        {"admissionregistration.k8s.io/v1beta1",
         "MutatingWebhookConfiguration",
         {1, 16},
         {1, 22},
         "admissionregistration.k8s.io/v1"},
        {"admissionregistration.k8s.io/v1beta1",
         "ValidatingWebhookConfiguration",
         {1, 16},
         {1, 22},
         "admissionregistration.k8s.io/v1"},
        {"apiextensions.k8s.io/v1beta1",
         "CustomResourceDefinition",
         {1, 16},
         {1, 22},
         "apiextensions.k8s.io/v1"},
        {"apiregistration.k8s.io/v1beta1",
         "APIService",
         {1, 19},
         {1, 22},
         "apiregistration.k8s.io/v1"},
        {"authentication.k8s.io/v1beta1",
         "TokenReview",
         {1, 19},
         {1, 22},
         "authentication.k8s.io/v1"},
        {"authorization.k8s.io/v1beta1",
         "SubjectAccessReview",
         {1, 19},
         {1, 22},
         "authorization.k8s.io/v1"},
        {"authorization.k8s.io/v1beta1",
         "LocalSubjectAccessReview",
         {1, 19},
         {1, 22},
         "authorization.k8s.io/v1"},
        {"authorization.k8s.io/v1beta1",
         "SelfSubjectAccessReview",
         {1, 19},
         {1, 22},
         "authorization.k8s.io/v1"},
        {"certificates.k8s.io/v1beta1",
         "CertificateSigningRequest",
         {1, 19},
         {1, 22},
         "certificates.k8s.io/v1"},
        {"coordination.k8s.io/v1beta1", "Lease", {1, 19}, {1, 22}, "coordination.k8s.io/v1"},
        {"extensions/v1beta1", "Ingress", {1, 14}, {1, 22}, "networking.k8s.io/v1"},
        {"networking.k8s.io/v1beta1", "Ingress", {1, 19}, {1, 22}, "networking.k8s.io/v1"},
        {"networking.k8s.io/v1beta1", "IngressClass", {1, 19}, {1, 22}, "networking.k8s.io/v1"},
        {"rbac.authorization.k8s.io/v1beta1",
         "ClusterRole",
         {1, 17},
         {1, 22},
         "rbac.authorization.k8s.io/v1"},
        {"rbac.authorization.k8s.io/v1beta1",
         "ClusterRoleBinding",
         {1, 17},
         {1, 22},
         "rbac.authorization.k8s.io/v1"},
        {"rbac.authorization.k8s.io/v1beta1",
         "Role",
         {1, 17},
         {1, 22},
         "rbac.authorization.k8s.io/v1"},
        {"rbac.authorization.k8s.io/v1beta1",
         "RoleBinding",
         {1, 17},
         {1, 22},
         "rbac.authorization.k8s.io/v1"},
        {"scheduling.k8s.io/v1beta1", "PriorityClass", {1, 14}, {1, 22}, "scheduling.k8s.io/v1"},
        {"storage.k8s.io/v1beta1", "CSIDriver", {1, 19}, {1, 22}, "storage.k8s.io/v1"},
        {"storage.k8s.io/v1beta1", "CSINode", {1, 17}, {1, 22}, "storage.k8s.io/v1"},
        {"storage.k8s.io/v1beta1", "StorageClass", {1, 19}, {1, 22}, "storage.k8s.io/v1"},
        {"storage.k8s.io/v1beta1", "VolumeAttachment", {1, 19}, {1, 22}, "storage.k8s.io/v1"},
        // Removed in v1.25.
        {"batch/v1beta1", "CronJob", {1, 21}, {1, 25}, "batch/v1"},
        {"discovery.k8s.io/v1beta1", "EndpointSlice", {1, 21}, {1, 25}, "discovery.k8s.io/v1"},
        {"events.k8s.io/v1beta1", "Event", {1, 22}, {1, 25}, "events.k8s.io/v1"},
        {"autoscaling/v2beta1", "HorizontalPodAutoscaler", {1, 22}, {1, 25}, "autoscaling/v2"},
        {"policy/v1beta1", "PodDisruptionBudget", {1, 21}, {1, 25}, "policy/v1"},
        {"policy/v1beta1",
         "PodSecurityPolicy",
         {1, 21},
         {1, 25},
         "nothing: PodSecurityPolicy is gone; use Pod Security Admission "
         "(pod-security.kubernetes.io labels on the Namespace)"},
        {"node.k8s.io/v1beta1", "RuntimeClass", {1, 22}, {1, 25}, "node.k8s.io/v1"},
        // Removed in v1.26.
        {"flowcontrol.apiserver.k8s.io/v1beta1",
         "FlowSchema",
         {1, 23},
         {1, 26},
         "flowcontrol.apiserver.k8s.io/v1"},
        {"flowcontrol.apiserver.k8s.io/v1beta1",
         "PriorityLevelConfiguration",
         {1, 23},
         {1, 26},
         "flowcontrol.apiserver.k8s.io/v1"},
        {"autoscaling/v2beta2", "HorizontalPodAutoscaler", {1, 23}, {1, 26}, "autoscaling/v2"},
        // Removed in v1.27.
        {"storage.k8s.io/v1beta1", "CSIStorageCapacity", {1, 24}, {1, 27}, "storage.k8s.io/v1"},
        // Removed in v1.29.
        {"flowcontrol.apiserver.k8s.io/v1beta2",
         "FlowSchema",
         {1, 26},
         {1, 29},
         "flowcontrol.apiserver.k8s.io/v1"},
        {"flowcontrol.apiserver.k8s.io/v1beta2",
         "PriorityLevelConfiguration",
         {1, 26},
         {1, 29},
         "flowcontrol.apiserver.k8s.io/v1"},
        // Removed in v1.32.
        {"flowcontrol.apiserver.k8s.io/v1beta3",
         "FlowSchema",
         {1, 29},
         {1, 32},
         "flowcontrol.apiserver.k8s.io/v1"},
        {"flowcontrol.apiserver.k8s.io/v1beta3",
         "PriorityLevelConfiguration",
         {1, 29},
         {1, 32},
         "flowcontrol.apiserver.k8s.io/v1"},
        // Deprecated, still served.
        {"v1", "Endpoints", {1, 33}, {0, 0}, "discovery.k8s.io/v1 EndpointSlice"},
    };
    return table;
}

inline const ApiVersionChange *findApiVersionChange(const QString &apiVersion, const QString &kind)
{
    for (const ApiVersionChange &change : apiVersionChanges()) {
        if (apiVersion == QLatin1StringView(change.apiVersion)
            && kind == QLatin1StringView(change.kind))
            return &change;
    }
    return nullptr;
}

inline bool isRemoved(const ApiVersionChange &change, KubeVersion target)
{
    return change.removedIn.major > 0 && target >= change.removedIn;
}

} // namespace kstudio::sim::validate::rules
