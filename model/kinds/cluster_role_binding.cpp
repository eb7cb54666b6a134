// SPDX-License-Identifier: GPL-3.0-or-later
// ClusterRoleBinding (rbac.authorization.k8s.io/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &clusterRoleBindingKind()
{
    static constexpr KindSpec spec{"ClusterRoleBinding",
                                   "rbac.authorization.k8s.io",
                                   "v1",
                                   false,
                                   KindCategory::Policy,
                                   "cluster_role_binding",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
