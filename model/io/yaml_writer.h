// SPDX-License-Identifier: GPL-3.0-or-later
// YAML writer: Node trees back to text, keeping each scalar's style so its meaning survives.
#pragma once

#include <model/core/node.h>

#include <string>
#include <vector>

namespace kstudio::model {

// Appends one document (no "---") in block style, kubectl's layout: two-space indentation and
// sequences level with their key. Small flow collections ({cpu: 100m}) stay flow; large ones
// (KYAML documents) are written in block style. A scalar is written in its original style
// unless that style cannot carry its text; then it is double-quoted, which keeps it a string.
void appendYaml(std::string &out, const Node &document);

std::string writeYaml(const Node &document);

// Appends text as a YAML double-quoted scalar: quotes, backslashes and control characters
// escaped (\n, \t, \r, \xNN), everything else as it is. The same spelling as Go's %q for
// ASCII text, which Kubernetes' error messages use.
void appendDoubleQuotedScalar(std::string &out, std::string_view text);

// Documents separated by "---" lines.
std::string writeYamlStream(const std::vector<const Node *> &documents);

} // namespace kstudio::model
