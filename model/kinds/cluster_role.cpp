// SPDX-License-Identifier: GPL-3.0-or-later
// ClusterRole (rbac.authorization.k8s.io/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &clusterRoleKind()
{
    static constexpr KindSpec spec{"ClusterRole",
                                   "rbac.authorization.k8s.io",
                                   "v1",
                                   false,
                                   KindCategory::Policy,
                                   "cluster_role",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
