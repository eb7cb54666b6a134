// SPDX-License-Identifier: GPL-3.0-or-later
// HorizontalPodAutoscaler (autoscaling/v2)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &horizontalPodAutoscalerKind()
{
    static constexpr KindSpec spec{"HorizontalPodAutoscaler",
                                   "autoscaling",
                                   "v2",
                                   true,
                                   KindCategory::Policy,
                                   "horizontal_pod_autoscaler",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
