// SPDX-License-Identifier: GPL-3.0-or-later
// LimitRange (v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &limitRangeKind()
{
    static constexpr KindSpec spec{"LimitRange",
                                   "",
                                   "v1",
                                   true,
                                   KindCategory::Policy,
                                   "limit_range",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
