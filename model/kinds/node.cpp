// SPDX-License-Identifier: GPL-3.0-or-later
// Node (v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &nodeKind()
{
    static constexpr KindSpec spec{"Node",
                                   "",
                                   "v1",
                                   false,
                                   KindCategory::Cluster,
                                   "node",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
