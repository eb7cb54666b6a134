// SPDX-License-Identifier: GPL-3.0-or-later
// .kstudio project files: a zip holding the manifests, the canvas layout, node pools and notes.
//
// Entries: kstudio.json {"format", "generator"}; manifests.yaml (every object, one YAML stream in
// id order); design.json {"objects": [{"id"}] in manifests.yaml order, "layout", "nodePools",
// "notes"}. Reading is done in memory (nothing is ever extracted) with bounded work: unsafe entry
// names and links are refused, and entries are capped while they are inflated.
#pragma once

#include <model/core/snapshot.h>
#include <model/diagnostics.h>

#include <QString>

#include <optional>
#include <vector>

namespace kstudio::model {

// The format version this build writes; files with a larger one are refused ("made by a newer
// kstudio").
inline constexpr int projectFormatVersion = 1;

// Caps applied while inflating; the sizes a zip declares are not trusted.
struct ProjectLimits
{
    qint64 maxEntryBytes = qint64(256) << 20; // uncompressed size of one entry
    qint64 maxTotalBytes = qint64(512) << 20; // all entries together
    int maxEntries = 10000;                   // entries in the archive, read or not
};

// ok is false when a Fatal diagnostic was given; then the other fields are empty.
struct ProjectReadResult
{
    bool ok = false;
    int formatVersion = 0;
    std::vector<Object> objects; // ids as saved
    Layout layout;
    QList<NodePool> nodePools;
    QString notes;
    RuleSettings rules;
    Diagnostics diagnostics;
};

// Never throws. Objects carry origin.file "<path>:manifests.yaml" and their document's line.
ProjectReadResult readProject(const QString &path, const ProjectLimits &limits = {});

// The design a read project describes (ids as saved), ready for Document::reset().
Snapshot toSnapshot(ProjectReadResult result);

// Node pools from JSON text in the shape design.json keeps them in: a list of
// {"name", "count", "cpu", "memory", "pods", "zones", "labels", "taints"} (absent fields take
// NodePool's defaults). nullopt, with an error naming file (and line:column), when the text is
// not such a list.
std::optional<QList<NodePool>> readNodePools(const QByteArray &json,
                                             const QString &file,
                                             Diagnostics &diagnostics);

// Writes atomically: a temporary file next to path, then a rename. On failure the previous
// file is untouched and error says why.
bool writeProject(const QString &path, const Snapshot &snapshot, QString *error);

} // namespace kstudio::model
