// SPDX-License-Identifier: GPL-3.0-or-later
// RoleBinding (rbac.authorization.k8s.io/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &roleBindingKind()
{
    static constexpr KindSpec spec{"RoleBinding",
                                   "rbac.authorization.k8s.io",
                                   "v1",
                                   true,
                                   KindCategory::Policy,
                                   "role_binding",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
