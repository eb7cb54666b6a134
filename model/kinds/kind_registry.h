// SPDX-License-Identifier: GPL-3.0-or-later
// The table of known kinds (kinds.def) and lookups over it.
#pragma once

#include "kind_spec.h"

#include <QString>

#include <span>

namespace kstudio::model {

std::span<const KindSpec *const> allKinds();
// nullptr for kinds the studio does not know (CRD instances and others): they are still kept.
const KindSpec *findKind(const QString &kind);

// Helm's install order (helm.sh/helm/v3 pkg/releaseutil/kind_sorter.go InstallOrder); kinds not
// in it sort after all that are, by name.
int helmInstallRank(const QString &kind);

} // namespace kstudio::model
