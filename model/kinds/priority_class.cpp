// SPDX-License-Identifier: GPL-3.0-or-later
// PriorityClass (scheduling.k8s.io/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &priorityClassKind()
{
    static constexpr KindSpec spec{"PriorityClass",
                                   "scheduling.k8s.io",
                                   "v1",
                                   false,
                                   KindCategory::Policy,
                                   "priority_class",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
