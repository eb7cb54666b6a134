// SPDX-License-Identifier: GPL-3.0-or-later
// Deployment (apps/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &deploymentKind()
{
    static constexpr KindSpec spec{"Deployment",
                                   "apps",
                                   "v1",
                                   true,
                                   KindCategory::Workloads,
                                   "deployment",
                                   "spec.template",
                                   "spec.replicas",
                                   "spec.selector",
                                   SelectorStyle::LabelSelector};
    return spec;
}

} // namespace kstudio::model
