// SPDX-License-Identifier: GPL-3.0-or-later
// Plain-manifest export.
#include "export_manifests.h"

#include <model/io/file_tree.h>
#include <model/io/yaml_writer.h>
#include <model/kinds/kind_registry.h>

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace kstudio::model {

namespace {

int groupOf(const Object &object)
{
    const QString kind = object.kind();
    if (kind == QLatin1String("Namespace"))
        return 0;
    if (kind == QLatin1String("CustomResourceDefinition"))
        return 1;
    return object.isNamespaced() ? 3 : 2;
}

QString sanitize(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
                        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.')
                        || c == QLatin1Char('-');
        out.append(ok ? c : QLatin1Char('_'));
    }
    return out.left(100);
}

bool writeWhole(const QString &path, const std::string &text, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(text.data(), static_cast<qint64>(text.size()));
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

std::vector<const Object *> sortedForExport(const Snapshot &snapshot)
{
    struct Keyed
    {
        std::tuple<int, int, QString, QString, QString, quint64> key;
        const Object *object;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(static_cast<std::size_t>(snapshot.size()));
    for (const auto &object : snapshot.objects()) {
        const QString kind = object->kind();
        keyed.push_back({{groupOf(*object), helmInstallRank(kind), kind,
                          object->effectiveNamespace(), object->name(), toInt(object->id)},
                         object.get()});
    }
    std::sort(keyed.begin(), keyed.end(), [](const Keyed &a, const Keyed &b) { return a.key < b.key; });
    std::vector<const Object *> out;
    out.reserve(keyed.size());
    for (const Keyed &k : keyed)
        out.push_back(k.object);
    return out;
}

std::string exportStream(const Snapshot &snapshot)
{
    std::vector<const Node *> bodies;
    for (const Object *object : sortedForExport(snapshot))
        bodies.push_back(&object->body);
    return writeYamlStream(bodies);
}

QString exportFileName(int index, const Object &object)
{
    QString name = QStringLiteral("%1-%2").arg(index, 4, 10, QLatin1Char('0')).arg(sanitize(object.kind().toLower()));
    const QString ns = object.effectiveNamespace();
    if (!ns.isEmpty())
        name += QLatin1Char('-') + sanitize(ns);
    name += QLatin1Char('-') + sanitize(object.name()) + QStringLiteral(".yaml");
    return name;
}

bool exportManifests(const Snapshot &snapshot, const QString &path, bool singleFile, QString *error)
{
    if (singleFile) {
        const std::string text = exportStream(snapshot);
        if (path == QLatin1String("-")) {
            std::fwrite(text.data(), 1, text.size(), stdout);
            std::fflush(stdout);
            return true;
        }
        return writeWhole(path, text, error);
    }
    // Earlier exports' numbered files are the export's own: those the design no longer has go.
    static const QRegularExpression ours(QStringLiteral("^\\d{4}-.*\\.yaml$"));
    QStringList owned;
    for (const QString &old : QDir(path).entryList({QStringLiteral("*.yaml")}, QDir::Files)) {
        if (ours.match(old).hasMatch())
            owned << old;
    }
    std::vector<ChartFile> files;
    int index = 1;
    for (const Object *object : sortedForExport(snapshot))
        files.push_back({exportFileName(index++, *object), writeYaml(object->body)});
    return writeFileTree(files, path, owned, error);
}

} // namespace kstudio::model
