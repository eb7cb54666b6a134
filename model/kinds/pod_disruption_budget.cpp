// SPDX-License-Identifier: GPL-3.0-or-later
// PodDisruptionBudget (policy/v1): policy/v1: an empty selector selects every pod of the namespace; a null one selects none.
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &podDisruptionBudgetKind()
{
    static constexpr KindSpec spec{"PodDisruptionBudget",
                                   "policy",
                                   "v1",
                                   true,
                                   KindCategory::Policy,
                                   "pod_disruption_budget",
                                   nullptr,
                                   nullptr,
                                   "spec.selector",
                                   SelectorStyle::LabelSelector};
    return spec;
}

} // namespace kstudio::model
