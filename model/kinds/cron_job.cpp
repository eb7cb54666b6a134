// SPDX-License-Identifier: GPL-3.0-or-later
// CronJob (batch/v1): Its pods come from spec.jobTemplate.spec.template; no selector of its own.
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &cronJobKind()
{
    static constexpr KindSpec spec{"CronJob",
                                   "batch",
                                   "v1",
                                   true,
                                   KindCategory::Workloads,
                                   "cron_job",
                                   "spec.jobTemplate.spec.template",
                                   "spec.jobTemplate.spec.parallelism",
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
