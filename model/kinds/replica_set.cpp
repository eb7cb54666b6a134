// SPDX-License-Identifier: GPL-3.0-or-later
// ReplicaSet (apps/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &replicaSetKind()
{
    static constexpr KindSpec spec{"ReplicaSet",
                                   "apps",
                                   "v1",
                                   true,
                                   KindCategory::Workloads,
                                   "replica_set",
                                   "spec.template",
                                   "spec.replicas",
                                   "spec.selector",
                                   SelectorStyle::LabelSelector};
    return spec;
}

} // namespace kstudio::model
