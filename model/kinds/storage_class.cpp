// SPDX-License-Identifier: GPL-3.0-or-later
// StorageClass (storage.k8s.io/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &storageClassKind()
{
    static constexpr KindSpec spec{"StorageClass",
                                   "storage.k8s.io",
                                   "v1",
                                   false,
                                   KindCategory::ConfigStorage,
                                   "storage_class",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
