// SPDX-License-Identifier: GPL-3.0-or-later
// NetworkPolicy (networking.k8s.io/v1): spec.podSelector: an empty selector selects every pod of the namespace.
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &networkPolicyKind()
{
    static constexpr KindSpec spec{"NetworkPolicy",
                                   "networking.k8s.io",
                                   "v1",
                                   true,
                                   KindCategory::Policy,
                                   "network_policy",
                                   nullptr,
                                   nullptr,
                                   "spec.podSelector",
                                   SelectorStyle::LabelSelector};
    return spec;
}

} // namespace kstudio::model
