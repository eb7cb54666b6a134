// SPDX-License-Identifier: GPL-3.0-or-later
// ValidatingAdmissionPolicyBinding (admissionregistration.k8s.io/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &validatingAdmissionPolicyBindingKind()
{
    static constexpr KindSpec spec{"ValidatingAdmissionPolicyBinding",
                                   "admissionregistration.k8s.io",
                                   "v1",
                                   false,
                                   KindCategory::Cluster,
                                   "validating_admission_policy_binding",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
