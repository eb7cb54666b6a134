// SPDX-License-Identifier: GPL-3.0-or-later
// Namespace (v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &namespaceKind()
{
    static constexpr KindSpec spec{"Namespace",
                                   "",
                                   "v1",
                                   false,
                                   KindCategory::Cluster,
                                   "namespace",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
