// SPDX-License-Identifier: GPL-3.0-or-later
// Writing an export's files (a Helm chart, a kustomize tree, a manifest per object) into a
// directory: a re-export rewrites what changed, leaves the rest as it is, and removes only the
// stale files the export owns.
#pragma once

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace kstudio::model {

struct ChartFile
{
    QString path; // relative to the output directory, '/' separated
    std::string text;
};

// Writes files under directory (created if needed), leaving files whose text is unchanged
// untouched. Of ownedFiles (paths relative to directory: what an earlier export wrote), those not
// among files are removed. The first failure is reported in error, naming the path.
bool writeFileTree(const std::vector<ChartFile> &files, const QString &directory, const QStringList &ownedFiles,
                   QString *error);

// writeFileTree where the export owns everything under cleanSubdirectories (e.g. templates/ and
// crds/ of a chart): a re-export keeps no stale template there, and directories it leaves empty
// go too; elsewhere (Chart.yaml's neighbours, a user's ci/ values) nothing is removed.
bool writeChartFiles(const std::vector<ChartFile> &files, const QString &directory,
                     const QStringList &cleanSubdirectories, QString *error);

} // namespace kstudio::model
