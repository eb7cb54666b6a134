// SPDX-License-Identifier: GPL-3.0-or-later
// OutlineModel: the design as a tree, namespaces -> objects, mirroring a model::Document.
#pragma once

#include <model/core/document.h>

#include <QAbstractItemModel>
#include <QList>
#include <QString>

namespace kstudio::editors {

class OutlineModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, KindColumn, ColumnCount };
    enum Role { ObjectIdRole = Qt::UserRole + 1 };

    explicit OutlineModel(const model::Document *document, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The object at an index, or noObject for namespace rows.
    model::ObjectId objectAt(const QModelIndex &index) const;
    // The row of an object (column 0), invalid when it is not in the document.
    QModelIndex indexOf(model::ObjectId id) const;

private:
    struct Group
    {
        QString ns; // "" = cluster-scoped objects
        QList<model::ObjectId> objects;
    };
    void rebuild();

    const model::Document *m_document;
    QList<Group> m_groups;
};

} // namespace kstudio::editors
