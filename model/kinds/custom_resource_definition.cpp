// SPDX-License-Identifier: GPL-3.0-or-later
// CustomResourceDefinition (apiextensions.k8s.io/v1)
#include "kind_spec.h"

namespace kstudio::model {

const KindSpec &customResourceDefinitionKind()
{
    static constexpr KindSpec spec{"CustomResourceDefinition",
                                   "apiextensions.k8s.io",
                                   "v1",
                                   false,
                                   KindCategory::Cluster,
                                   "custom_resource_definition",
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   SelectorStyle::None};
    return spec;
}

} // namespace kstudio::model
