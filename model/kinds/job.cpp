// SPDX-License-Identifier: GPL-3.0-or-later
// Job (batch/v1): spec.parallelism is the number of pods that run at once.
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &jobKind()
{
    static constexpr KindSpec spec{"Job",
                                   "batch",
                                   "v1",
                                   true,
                                   KindCategory::Workloads,
                                   "job",
                                   "spec.template",
                                   "spec.parallelism",
                                   "spec.selector",
                                   SelectorStyle::LabelSelector};
    return spec;
}

} // namespace kstudio::model
