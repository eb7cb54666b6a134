// SPDX-License-Identifier: GPL-3.0-or-later
// ResourceQuota (v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &resourceQuotaKind()
{
    static constexpr KindSpec spec{"ResourceQuota",
                                   "",
                                   "v1",
                                   true,
                                   KindCategory::Policy,
                                   "resource_quota",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
