// SPDX-License-Identifier: GPL-3.0-or-later
// New objects for the palette and the File > New templates: a valid starting manifest of a
// kind, the way `kubectl create` would write one, with a name unique in its namespace.
#pragma once

#include <model/core/snapshot.h>
#include <model/kinds/kind_spec.h>

#include <QString>

#include <functional>

namespace kstudio::model {

// A manifest of spec's kind named name in namespace ns (ignored for cluster-scoped kinds).
// Workloads get one container (image nginx:1.27, port 80) and the label app: <name> on their
// selector and pod template; a Service selects app: <name> on port 80.
Node starterBody(const KindSpec &spec, const QString &name, const QString &ns);

// stem, or stem-2, stem-3... (a trailing -N of stem is dropped first): the first that taken()
// refuses. Used for new objects and for pasted copies.
QString freeName(const QString &stem, const std::function<bool(const QString &)> &taken);

// "<kind in lower case>", or "<kind>-2", "-3"... whichever is not yet used by an object of
// that kind in ns.
QString uniqueName(const Snapshot &snapshot, const KindSpec &spec, const QString &ns,
                   const QString &base = QString());

// An Object ready for AddObject (its id still to be set).
Object starterObject(const Snapshot &snapshot, const KindSpec &spec, const QString &ns);

} // namespace kstudio::model
