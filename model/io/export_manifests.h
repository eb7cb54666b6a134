// SPDX-License-Identifier: GPL-3.0-or-later
// Plain-manifest export: the design's objects as YAML, in the order a cluster accepts them.
#pragma once

#include <model/core/snapshot.h>

#include <QString>

#include <string>
#include <vector>

namespace kstudio::model {

// Namespaces first, then CustomResourceDefinitions, then other cluster-scoped objects, then the
// namespaced rest by kind in Helm's install order (unknown kinds after, by kind name), then by
// namespace and name; ties (duplicates) keep id order.
std::vector<const Object *> sortedForExport(const Snapshot &snapshot);

// All objects as one YAML stream ("---" between documents).
std::string exportStream(const Snapshot &snapshot);

// The file name one object gets in a directory export: "0007-deployment-shop-web.yaml";
// the number keeps `kubectl apply -f DIR` (which reads files in name order) in install order.
QString exportFileName(int index, const Object &object);

// Writes one file per object into directory (created if needed; earlier exports' numbered
// files there are removed first), or, with singleFile, the whole stream to path ("-" is stdout).
bool exportManifests(const Snapshot &snapshot, const QString &path, bool singleFile,
                     QString *error);

} // namespace kstudio::model
