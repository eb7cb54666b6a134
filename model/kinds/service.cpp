// SPDX-License-Identifier: GPL-3.0-or-later
// Service (v1): spec.selector is a plain label map: absent or empty selects no pods (endpoints are then managed by hand).
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &serviceKind()
{
    static constexpr KindSpec spec{"Service",
                                   "",
                                   "v1",
                                   true,
                                   KindCategory::Networking,
                                   "service",
                                   nullptr,
                                   nullptr,
                                   "spec.selector",
                                   SelectorStyle::LabelMap};
    return spec;
}

} // namespace kstudio::model
