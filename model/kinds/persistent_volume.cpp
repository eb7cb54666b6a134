// SPDX-License-Identifier: GPL-3.0-or-later
// PersistentVolume (v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &persistentVolumeKind()
{
    static constexpr KindSpec spec{"PersistentVolume",
                                   "",
                                   "v1",
                                   false,
                                   KindCategory::ConfigStorage,
                                   "persistent_volume",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
