// SPDX-License-Identifier: GPL-3.0-or-later
// ValidatingWebhookConfiguration (admissionregistration.k8s.io/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &validatingWebhookConfigurationKind()
{
    static constexpr KindSpec spec{"ValidatingWebhookConfiguration",
                                   "admissionregistration.k8s.io",
                                   "v1",
                                   false,
                                   KindCategory::Cluster,
                                   "validating_webhook_configuration",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
