// SPDX-License-Identifier: GPL-3.0-or-later
// IngressClass (networking.k8s.io/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &ingressClassKind()
{
    static constexpr KindSpec spec{"IngressClass",
                                   "networking.k8s.io",
                                   "v1",
                                   false,
                                   KindCategory::Networking,
                                   "ingress_class",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
