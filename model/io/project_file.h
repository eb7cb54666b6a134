// SPDX-License-Identifier: GPL-3.0-or-later
// .kstudio project files: a zip holding the manifests, the canvas layout, node pools and notes.
#pragma once

#include <model/core/snapshot.h>
#include <model/diagnostics.h>

#include <QString>

#include <vector>

namespace kstudio::model {

// The format version this build writes; files with a larger one are refused ("made by a newer
// kstudio").
inline constexpr int projectFormatVersion = 1;

struct ProjectLimits
{
    qint64 maxEntryBytes = qint64(256) << 20; // uncompressed size of one entry
    qint64 maxTotalBytes = qint64(512) << 20; // all entries together
    int maxEntries = 10000;
};

struct ProjectReadResult
{
    bool ok = false;
    int formatVersion = 0;
    std::vector<Object> objects; // ids as saved
    Layout layout;
    QList<NodePool> nodePools;
    QString notes;
    Diagnostics diagnostics;
};

ProjectReadResult readProject(const QString &path, const ProjectLimits &limits = {});

// Writes atomically: a temporary file next to path, then a rename. On failure the previous
// file is untouched and error says why.
bool writeProject(const QString &path, const Snapshot &snapshot, QString *error);

} // namespace kstudio::model
