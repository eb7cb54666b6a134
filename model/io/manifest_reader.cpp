// SPDX-License-Identifier: GPL-3.0-or-later
// Manifest import: streams, List expansion, directories.
#include "manifest_reader.h"

#include <model/io/project_file.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace kstudio::model {

namespace {

bool isListDocument(const Node &root)
{
    const Node *kind = root.get("kind");
    if (!kind || !kind->isScalar() || !kind->text().ends_with("List"))
        return false;
    const Node *items = root.get("items");
    if (!items)
        return false;
    if (!(items->isSequence() || items->scalarKind() == ScalarKind::Null))
        return false;
    for (const Node &child : root.children()) {
        const std::string &key = child.key();
        if (key != "apiVersion" && key != "kind" && key != "metadata" && key != "items")
            return false;
    }
    return true;
}

void addDocument(Node &&root, Mark mark, const QString &fileName, LoadResult &result, int index)
{
    auto error = [&](Mark at, const QString &message) {
        result.diagnostics.append({DiagnosticSeverity::Error,
                                   fileName,
                                   static_cast<int>(at.line),
                                   static_cast<int>(at.column),
                                   message});
    };
    if (!root.isMapping()) {
        error(root.mark().line ? root.mark() : mark,
              QStringLiteral("document %1 is not a Kubernetes object (expected a mapping with "
                             "apiVersion and kind); skipped")
                  .arg(index + 1));
        return;
    }
    const Node *kind = root.get("kind"); // the same test as for List items below
    if (!kind || !kind->isScalar() || kind->text().empty()) {
        error(root.mark(),
              QStringLiteral("document %1 has no kind; it is not a Kubernetes object and was "
                             "skipped")
                  .arg(index + 1));
        return;
    }
    if (isListDocument(root)) {
        Node *items = root.get("items");
        if (items->isSequence()) {
            int itemIndex = 0;
            for (Node &item : items->children()) {
                const Node *itemKind = item.isMapping() ? item.get("kind") : nullptr;
                if (!itemKind || !itemKind->isScalar() || itemKind->text().empty()) {
                    error(item.mark(),
                          QStringLiteral("item %1 of the %2 is not a Kubernetes object; skipped")
                              .arg(itemIndex + 1)
                              .arg(QString::fromStdString(kind->text())));
                } else {
                    Object object;
                    const Mark itemMark = item.mark();
                    object.body = std::move(item);
                    object.origin = {fileName, itemMark};
                    result.objects.push_back(std::move(object));
                }
                ++itemIndex;
            }
        }
        return;
    }
    Object object;
    object.origin = {fileName, root.mark()};
    object.body = std::move(root);
    result.objects.push_back(std::move(object));
}

bool isManifestFile(const QString &path)
{
    return path.endsWith(QLatin1String(".yaml"), Qt::CaseInsensitive)
           || path.endsWith(QLatin1String(".yml"), Qt::CaseInsensitive)
           || path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
}

} // namespace

static void addDocuments(YamlReadResult &&read, const QString &fileName, LoadResult &result)
{
    result.diagnostics += read.diagnostics;
    if (!read.ok)
        return;
    result.objects.reserve(result.objects.size() + read.documents.size());
    int index = 0;
    for (YamlDocument &document : read.documents) {
        const bool empty = document.root.isNull()
                           || (document.root.isScalar()
                               && document.root.scalarKind() == ScalarKind::Null);
        if (!empty)
            addDocument(std::move(document.root), document.start, fileName, result, index);
        ++index;
    }
}

void readManifests(std::string_view text, const QString &fileName, LoadResult &result,
                   const ReadLimits &limits)
{
    addDocuments(readYaml(text, fileName, limits), fileName, result);
}

bool readFileBytes(const QString &path, std::string &out, Diagnostics &diagnostics,
                   std::size_t maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        diagnostics.append({DiagnosticSeverity::Fatal, path, 0, 0,
                            QStringLiteral("cannot open: %1").arg(file.errorString())});
        return false;
    }
    const qint64 size = file.size();
    if (size > 0 && static_cast<std::size_t>(size) > maxBytes) {
        diagnostics.append({DiagnosticSeverity::Fatal, path, 0, 0,
                            QStringLiteral("file is %1 MiB, larger than the %2 MiB the studio "
                                           "reads")
                                .arg(size >> 20)
                                .arg(maxBytes >> 20)});
        return false;
    }
    out.resize(static_cast<std::size_t>(std::max<qint64>(size, 0)));
    if (size > 0 && file.read(out.data(), size) != size) {
        diagnostics.append({DiagnosticSeverity::Fatal, path, 0, 0,
                            QStringLiteral("cannot read: %1").arg(file.errorString())});
        return false;
    }
    return true;
}

LoadResult loadPaths(const QStringList &paths, const ReadLimits &limits)
{
    LoadResult result;
    auto loadFile = [&](const QString &path) {
        if (path.endsWith(QLatin1String(".kstudio"), Qt::CaseInsensitive)) {
            ProjectReadResult project = readProject(path);
            result.diagnostics += project.diagnostics;
            for (Object &object : project.objects)
                result.objects.push_back(std::move(object));
            ++result.filesRead;
            return;
        }
        std::string bytes;
        if (!readFileBytes(path, bytes, result.diagnostics, limits.maxBytes))
            return;
        YamlReadResult read = readYaml(bytes, path, limits);
        std::string().swap(bytes); // the text is not needed once parsed: free it before objects grow
        addDocuments(std::move(read), path, result);
        ++result.filesRead;
    };
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            result.diagnostics.append({DiagnosticSeverity::Fatal, path, 0, 0,
                                       QStringLiteral("no such file or directory")});
            continue;
        }
        if (!info.isDir()) {
            loadFile(path);
            continue;
        }
        QStringList files;
        QDirIterator it(path, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            if (isManifestFile(file))
                files.append(file);
        }
        std::sort(files.begin(), files.end());
        for (const QString &file : files)
            loadFile(file);
    }
    return result;
}

} // namespace kstudio::model
