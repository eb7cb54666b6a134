// SPDX-License-Identifier: GPL-3.0-or-later
// MutatingWebhookConfiguration (admissionregistration.k8s.io/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &mutatingWebhookConfigurationKind()
{
    static constexpr KindSpec spec{"MutatingWebhookConfiguration",
                                   "admissionregistration.k8s.io",
                                   "v1",
                                   false,
                                   KindCategory::Cluster,
                                   "mutating_webhook_configuration",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
