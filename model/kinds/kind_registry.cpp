// SPDX-License-Identifier: GPL-3.0-or-later
// Expands kinds.def into the registry table.
#include "kind_registry.h"

#include <array>

namespace kstudio::model {

#define KS_KIND(name) const KindSpec &name##Kind();
#include "kinds.def"
#undef KS_KIND

namespace {

const auto &table()
{
    static const auto kinds = std::to_array<const KindSpec *>({
#define KS_KIND(name) &name##Kind(),
#include "kinds.def"
#undef KS_KIND
    });
    return kinds;
}

// Mirrors: helm/helm pkg/release/util/kind_sorter.go (v3.17 / v4.1) InstallOrder.
constexpr std::array<const char *, 38> installOrder{
    "PriorityClass",
    "Namespace",
    "NetworkPolicy",
    "ResourceQuota",
    "LimitRange",
    "PodSecurityPolicy",
    "PodDisruptionBudget",
    "ServiceAccount",
    "Secret",
    "SecretList",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleList",
    "ClusterRoleBinding",
    "ClusterRoleBindingList",
    "Role",
    "RoleList",
    "RoleBinding",
    "RoleBindingList",
    "Service",
    "DaemonSet",
    "Pod",
    "ReplicationController",
    "ReplicaSet",
    "Deployment",
    "HorizontalPodAutoscaler",
    "StatefulSet",
    "Job",
    "CronJob",
    "IngressClass",
    "Ingress",
    "APIService",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
};

} // namespace

std::span<const KindSpec *const> allKinds()
{
    return table();
}

const KindSpec *findKind(const QString &kind)
{
    for (const KindSpec *spec : table()) {
        if (kind == QLatin1String(spec->kind))
            return spec;
    }
    return nullptr;
}

int helmInstallRank(const QString &kind)
{
    for (std::size_t i = 0; i < installOrder.size(); ++i) {
        if (kind == QLatin1String(installOrder[i]))
            return static_cast<int>(i);
    }
    return static_cast<int>(installOrder.size());
}

} // namespace kstudio::model
