// SPDX-License-Identifier: GPL-3.0-or-later
// Ingress (networking.k8s.io/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &ingressKind()
{
    static constexpr KindSpec spec{"Ingress",
                                   "networking.k8s.io",
                                   "v1",
                                   true,
                                   KindCategory::Networking,
                                   "ingress",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
