// SPDX-License-Identifier: GPL-3.0-or-later
// Pod (v1): The object is its own pod template (metadata + spec).
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &podKind()
{
    static constexpr KindSpec spec{"Pod",
                                   "",
                                   "v1",
                                   true,
                                   KindCategory::Workloads,
                                   "pod",
                                   "",
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
