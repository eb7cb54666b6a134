// SPDX-License-Identifier: GPL-3.0-or-later
// ConfigMap (v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &configMapKind()
{
    static constexpr KindSpec spec{"ConfigMap",
                                   "",
                                   "v1",
                                   true,
                                   KindCategory::ConfigStorage,
                                   "config_map",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
