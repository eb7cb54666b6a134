// SPDX-License-Identifier: GPL-3.0-or-later
// ReplicationController (v1): Legacy workload (core/v1); spec.selector is a plain label map.
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &replicationControllerKind()
{
    static constexpr KindSpec spec{"ReplicationController",
                                   "",
                                   "v1",
                                   true,
                                   KindCategory::Workloads,
                                   "replication_controller",
                                   "spec.template",
                                   "spec.replicas",
                                   "spec.selector",
                                   SelectorStyle::LabelMap};
    return spec;
}

} // namespace kstudio::model
