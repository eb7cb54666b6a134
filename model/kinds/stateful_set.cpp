// SPDX-License-Identifier: GPL-3.0-or-later
// StatefulSet (apps/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &statefulSetKind()
{
    static constexpr KindSpec spec{"StatefulSet",
                                   "apps",
                                   "v1",
                                   true,
                                   KindCategory::Workloads,
                                   "stateful_set",
                                   "spec.template",
                                   "spec.replicas",
                                   "spec.selector",
                                   SelectorStyle::LabelSelector};
    return spec;
}

} // namespace kstudio::model
