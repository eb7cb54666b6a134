// SPDX-License-Identifier: GPL-3.0-or-later
// A label map as one line of text, "key=value, key=value": how the inspector, the node pools
// and the NetworkPolicy rule editor show and read labels and matchLabels.
#pragma once

#include <model/core/node.h>
#include <model/kinds/views.h>

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace kstudio::model {

// The pairs in the order written; "" for a missing or empty map.
QString labelMapText(const Node *map, QStringView separator = u", ");
QString labelMapText(const Labels &labels, QStringView separator = u", ");

// A mapping of string values for text (pairs split on ',', keys and values trimmed; empty
// pairs skipped). nullopt with error set ("'x' is not key=value") on a pair without a key.
std::optional<Node> labelMapFromText(const QString &text, QString *error);

// A comma-separated list as the node pools' zones and taints are typed: items trimmed, empty
// ones and repeats dropped, in the order written.
QStringList listFromText(const QString &text);

} // namespace kstudio::model
