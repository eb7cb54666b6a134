// SPDX-License-Identifier: GPL-3.0-or-later
// Connecting two objects on the canvas: the field edits that make Kubernetes derive the
// relation (a Service's selector, an Ingress backend, an envFrom or a volume, an HPA target).
#pragma once

#include <model/core/edit.h>
#include <model/core/snapshot.h>

#include <QString>
#include <QStringList>

#include <optional>

namespace kstudio::model {

// How a workload takes a ConfigMap or Secret: all keys as environment variables, or files.
enum class ConnectMode : quint8 { Default, EnvFrom, Volume };

struct ConnectResult
{
    std::optional<Edit> edit; // nullopt: these two cannot be connected (why says so)
    QString why;
};

// The modes the user chooses between for this pair (EnvFrom and Volume for a workload and a
// ConfigMap or Secret); empty when there is only one way.
QList<ConnectMode> connectModes(const Snapshot &snapshot, ObjectId from, ObjectId to);

// The edit that connects from and to (either direction works: dragging from a workload to a
// Service connects the same as from the Service to the workload). Both must be in the same
// namespace, except for cluster-scoped targets (ClusterRole).
ConnectResult connectEdit(const Snapshot &snapshot, ObjectId from, ObjectId to,
                          ConnectMode mode = ConnectMode::Default);

} // namespace kstudio::model
