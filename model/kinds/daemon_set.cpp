// SPDX-License-Identifier: GPL-3.0-or-later
// DaemonSet (apps/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &daemonSetKind()
{
    static constexpr KindSpec spec{"DaemonSet",
                                   "apps",
                                   "v1",
                                   true,
                                   KindCategory::Workloads,
                                   "daemon_set",
                                   "spec.template",
                                   nullptr,
                                   "spec.selector",
                                   SelectorStyle::LabelSelector};
    return spec;
}

} // namespace kstudio::model
