// SPDX-License-Identifier: GPL-3.0-or-later
// APIService (apiregistration.k8s.io/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &aPIServiceKind()
{
    static constexpr KindSpec spec{"APIService",
                                   "apiregistration.k8s.io",
                                   "v1",
                                   false,
                                   KindCategory::Cluster,
                                   "api_service",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
