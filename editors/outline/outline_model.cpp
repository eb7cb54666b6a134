// SPDX-License-Identifier: GPL-3.0-or-later
// Outline tree over the document. Top-level rows are namespaces; their children are objects
// sorted by kind, then name. The internal id of a child row is its group's index + 1.
#include "outline_model.h"

#include <QMap>

#include <algorithm>
#include <tuple>

namespace kstudio::editors {

OutlineModel::OutlineModel(const model::Document *document, QObject *parent)
    : QAbstractItemModel(parent)
    , m_document(document)
{
    rebuild();
    connect(document, &model::Document::changed, this, [this] {
        beginResetModel();
        rebuild();
        endResetModel();
    });
}

void OutlineModel::rebuild()
{
    // Sort keys are read once per object: reading kind and name walks the manifest.
    struct Entry
    {
        bool notNamespace;
        QString kind;
        QString name;
        model::ObjectId id;
    };
    QMap<QString, QList<Entry>> byNamespace;
    // A Namespace object heads its own namespace's group.
    for (const auto &object : m_document->snapshot().objects()) {
        QString kind = object->kind();
        QString name = object->name();
        const bool isNamespace = kind == QLatin1String("Namespace");
        byNamespace[isNamespace ? name : object->effectiveNamespace()].append(
            Entry{!isNamespace, std::move(kind), std::move(name), object->id});
    }
    m_groups.clear();
    for (auto it = byNamespace.begin(); it != byNamespace.end(); ++it) {
        auto &entries = it.value();
        std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
            return std::tie(a.notNamespace, a.kind, a.name) < std::tie(b.notNamespace, b.kind, b.name);
        });
        Group group{it.key(), {}};
        group.objects.reserve(entries.size());
        for (const Entry &entry : entries)
            group.objects.append(entry.id);
        m_groups.append(group);
    }
}

QModelIndex OutlineModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0)
        return {};
    const int group = parent.row();
    if (group >= m_groups.size() || row >= m_groups.at(group).objects.size())
        return {};
    return createIndex(row, column, quintptr(group + 1));
}

QModelIndex OutlineModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

int OutlineModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_groups.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return static_cast<int>(m_groups.at(parent.row()).objects.size());
}

int OutlineModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

model::ObjectId OutlineModel::objectAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == 0)
        return model::noObject;
    return m_groups.at(static_cast<int>(index.internalId() - 1)).objects.at(index.row());
}

QModelIndex OutlineModel::indexOf(model::ObjectId id) const
{
    for (int group = 0; group < m_groups.size(); ++group) {
        const qsizetype row = m_groups.at(group).objects.indexOf(id);
        if (row >= 0)
            return createIndex(static_cast<int>(row), 0, quintptr(group + 1));
    }
    return {};
}

QVariant OutlineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == 0) {
        if (role != Qt::DisplayRole || index.column() != NameColumn)
            return {};
        const QString ns = m_groups.at(index.row()).ns;
        return ns.isEmpty() ? tr("(cluster)") : ns;
    }
    const model::ObjectId id = objectAt(index);
    if (role == ObjectIdRole)
        return QVariant::fromValue(model::toInt(id));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const model::Object *object = m_document->snapshot().object(id);
    if (!object)
        return {};
    if (role == Qt::ToolTipRole)
        return object->origin.file.isEmpty()
                   ? object->displayName()
                   : QStringLiteral("%1\n%2:%3").arg(object->displayName(), object->origin.file).arg(object->origin.mark.line);
    return index.column() == NameColumn ? object->name() : object->kind();
}

QVariant OutlineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Name") : tr("Kind");
}

} // namespace kstudio::editors
