// SPDX-License-Identifier: GPL-3.0-or-later
// NetworkPolicy rules as one line of text each, for the inspector's rule editor:
//   peers  "pods app=web; namespaces team=a pods role=db; cidr 10.0.0.0/8 except 10.1.0.0/16"
//          ("" = no `from`/`to`: every source or destination; "pods *" = every pod of the
//          namespace; "namespaces *" = every pod of every namespace)
//   ports  "80, 443/UDP, 8000-9000, http" ("" = no `ports`: all ports)
// Peers with matchExpressions have no text form (the YAML tab edits them).
#pragma once

#include <model/core/node.h>

#include <QString>

#include <optional>

namespace kstudio::model {

// The text of a rule's peers (its `from` or `to` list; null: absent). nullopt when a peer
// cannot be written as text (matchExpressions, unknown fields).
std::optional<QString> peersToText(const Node *peers);
// The `from`/`to` list for text; a null Node for "" (the key is then left out). nullopt with
// error set when the text is not in the syntax above.
std::optional<Node> peersFromText(const QString &text, QString *error);

std::optional<QString> policyPortsToText(const Node *ports);
std::optional<Node> policyPortsFromText(const QString &text, QString *error);

} // namespace kstudio::model
