// SPDX-License-Identifier: GPL-3.0-or-later
// PersistentVolumeClaim (v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &persistentVolumeClaimKind()
{
    static constexpr KindSpec spec{"PersistentVolumeClaim",
                                   "",
                                   "v1",
                                   true,
                                   KindCategory::ConfigStorage,
                                   "persistent_volume_claim",
                                   nullptr,
                                   nullptr,
                                   "spec.selector",
                                   SelectorStyle::LabelSelector};
    return spec;
}

} // namespace kstudio::model
