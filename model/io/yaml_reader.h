// SPDX-License-Identifier: GPL-3.0-or-later
// YAML/JSON stream reader: text in, Node documents out, with bounded work on hostile input.
#pragma once

#include <model/core/node.h>
#include <model/diagnostics.h>

#include <QString>

#include <cstddef>
#include <string_view>
#include <vector>

namespace kstudio::model {

// Bounds that keep hostile input (alias bombs, deep nesting, huge files) from hurting.
struct ReadLimits
{
    std::size_t maxBytes = std::size_t(64) << 20; // a larger file is refused with a clear error
    int maxDepth = 512;                            // nesting of mappings and sequences
    std::size_t minNodeBudget = 2'000'000;         // nodes after alias expansion, at least this...
    std::size_t nodeBudgetPerByte = 4;             // ...or this many per input byte
};

struct YamlDocument
{
    Node root;   // Null for an empty document
    Mark start;  // where the document starts
};

// Whole-file policy: a file that is not well-formed YAML is refused whole (no document of it
// is used) with one Fatal diagnostic naming line and column; other files are unaffected.
// Warnings (duplicate keys, for instance) do not stop the read.
struct YamlReadResult
{
    std::vector<YamlDocument> documents;
    Diagnostics diagnostics;
    bool ok = false;
};

// Reads a multi-document stream. JSON is read as the YAML subset it is. Scalars keep their text
// and style; anchors, aliases and merge keys (<<) are resolved; a byte-order mark and CRLF are
// accepted; invalid UTF-8 is refused with its position.
YamlReadResult readYaml(std::string_view data, const QString &fileName, const ReadLimits &limits = {});

} // namespace kstudio::model
