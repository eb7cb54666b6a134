// SPDX-License-Identifier: GPL-3.0-or-later
// Role (rbac.authorization.k8s.io/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &roleKind()
{
    static constexpr KindSpec spec{"Role",
                                   "rbac.authorization.k8s.io",
                                   "v1",
                                   true,
                                   KindCategory::Policy,
                                   "role",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
