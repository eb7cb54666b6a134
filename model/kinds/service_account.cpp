// SPDX-License-Identifier: GPL-3.0-or-later
// ServiceAccount (v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &serviceAccountKind()
{
    static constexpr KindSpec spec{"ServiceAccount",
                                   "",
                                   "v1",
                                   true,
                                   KindCategory::Policy,
                                   "service_account",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
