// SPDX-License-Identifier: GPL-3.0-or-later
// Secret (v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &secretKind()
{
    static constexpr KindSpec spec{"Secret",
                                   "",
                                   "v1",
                                   true,
                                   KindCategory::ConfigStorage,
                                   "secret",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
