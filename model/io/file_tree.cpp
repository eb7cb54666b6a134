// SPDX-License-Identifier: GPL-3.0-or-later
// Export file writing: compare, write in place, remove what is stale.
#include "file_tree.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <thread>
#include <utility>

namespace kstudio::model {

namespace {

// Writes text to path unless the file already holds exactly that text. A re-export then rewrites
// only what changed: unchanged files keep their modification times (make, git and editors see no
// change), and no inode is freed and allocated again. Deleting a chart's 12,000 templates and
// creating them anew made ext4 (mounted without a journal) skip each recently deleted inode in
// turn when allocating (recently_deleted() in the kernel's fs/ext4/ialloc.c): a re-export of a
// 10,000-object design took 15 s instead of under 1 s.
bool writeIfChanged(const QString &path, const std::string &text, QString *error)
{
    QFile existing(path);
    if (existing.size() == static_cast<qint64>(text.size()) && existing.open(QIODevice::ReadOnly)) {
        const QByteArray old = existing.readAll();
        if (old.size() == static_cast<qsizetype>(text.size()) && std::equal(old.begin(), old.end(), text.begin()))
            return true;
        existing.close();
    }
    // QFile, not QSaveFile: an export of 10,000 objects is as many files, and a sync per file
    // took 45 s on this machine's disk; an interrupted export is simply run again.
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        *error = QStringLiteral("%1: %2").arg(path, out.errorString());
        return false;
    }
    if (out.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size())) {
        *error = QStringLiteral("%1: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

} // namespace

bool writeFileTree(const std::vector<ChartFile> &files, const QString &directory, const QStringList &ownedFiles,
                   QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    const QDir root(directory);
    if (!root.exists() && !QDir().mkpath(directory)) {
        message = QStringLiteral("%1: cannot create the directory").arg(directory);
        return false;
    }
    QSet<QString> stale;
    for (const QString &owned : ownedFiles)
        stale.insert(QDir::cleanPath(root.filePath(owned)));

    std::vector<QString> paths;
    paths.reserve(files.size());
    QSet<QString> directories;
    for (const ChartFile &file : files) {
        paths.push_back(QDir::cleanPath(root.filePath(file.path)));
        stale.remove(paths.back());
        const QString parent = QFileInfo(paths.back()).path();
        if (directories.contains(parent))
            continue;
        if (!QDir().mkpath(parent)) {
            message = QStringLiteral("%1: cannot create the directory").arg(parent);
            return false;
        }
        directories.insert(parent);
    }

    // Two threads write: most of the time goes to the file system's bookkeeping, which proceeds
    // in parallel. Thread t writes files t, t+2, ...; the first failure in file order is reported.
    constexpr std::size_t threadCount = 2;
    std::vector<std::pair<std::size_t, QString>> failures(threadCount, {files.size(), QString()});
    const auto writeStripe = [&](std::size_t first) {
        for (std::size_t i = first; i < files.size(); i += threadCount) {
            if (!writeIfChanged(paths[i], files[i].text, &failures[first].second)) {
                failures[first].first = i;
                return;
            }
        }
    };
    std::thread helper(writeStripe, std::size_t(1));
    writeStripe(0);
    helper.join();
    const auto failed = std::min_element(failures.begin(), failures.end(),
                                         [](const auto &a, const auto &b) { return a.first < b.first; });
    if (failed->first < files.size()) {
        message = failed->second;
        return false;
    }

    for (const QString &path : std::as_const(stale)) {
        if (QFileInfo::exists(path) && !QFile::remove(path)) {
            message = QStringLiteral("%1: cannot remove the file the export no longer has").arg(path);
            return false;
        }
    }
    return true;
}

bool writeChartFiles(const std::vector<ChartFile> &files, const QString &directory, const QStringList &cleanSubdirectories,
                     QString *error)
{
    const QDir root(directory);
    QStringList owned;
    QStringList ownedDirectories;
    for (const QString &sub : cleanSubdirectories) {
        QDirIterator it(root.filePath(sub), QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QFileInfo info = it.nextFileInfo();
            if (info.isDir() && !info.isSymLink())
                ownedDirectories << info.filePath();
            else
                owned << root.relativeFilePath(info.filePath());
        }
    }
    if (!writeFileTree(files, directory, owned, error))
        return false;
    // Directories left empty go too, deepest first (rmdir leaves the others).
    std::sort(ownedDirectories.begin(), ownedDirectories.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &dir : std::as_const(ownedDirectories))
        QDir().rmdir(dir);
    return true;
}

} // namespace kstudio::model
