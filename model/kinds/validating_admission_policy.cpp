// SPDX-License-Identifier: GPL-3.0-or-later
// ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &validatingAdmissionPolicyKind()
{
    static constexpr KindSpec spec{"ValidatingAdmissionPolicy",
                                   "admissionregistration.k8s.io",
                                   "v1",
                                   false,
                                   KindCategory::Cluster,
                                   "validating_admission_policy",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
