// SPDX-License-Identifier: GPL-3.0-or-later
// Reading Kubernetes objects from YAML/JSON text, files and directories.
#pragma once

#include <model/core/object.h>
#include <model/diagnostics.h>
#include <model/io/yaml_reader.h>

#include <QStringList>

#include <vector>

namespace kstudio::model {

struct LoadResult
{
    std::vector<Object> objects; // ids not yet assigned (Document::addObjects does that)
    Diagnostics diagnostics;
    int filesRead = 0;
};

// Objects from one stream. Empty documents are skipped; List kinds (kind: List, or *List with
// only apiVersion/kind/metadata/items) are expanded; a document that is not a mapping with a
// kind is reported (Error) and skipped. A malformed stream yields no objects (Fatal).
void readManifests(std::string_view text, const QString &fileName, LoadResult &result,
                   const ReadLimits &limits = {});

// Files (*.yaml, *.yml, *.json), directories searched recursively for them (sorted by path),
// and .kstudio projects (their manifests only). Each file is read whole or not at all.
LoadResult loadPaths(const QStringList &paths, const ReadLimits &limits = {});

// Reads a file with a size check before reading. Returns false with a diagnostic on failure.
bool readFileBytes(const QString &path, std::string &out, Diagnostics &diagnostics,
                   std::size_t maxBytes);

} // namespace kstudio::model
