// SPDX-License-Identifier: GPL-3.0-or-later
// ClusterPanel: the project's node pools (count, CPU/memory/pods per node, zones, labels,
// taints) as an editable table. Each change is one undoable SetNodePools edit.
#pragma once

#include <model/core/document.h>

#include <QWidget>

class QLabel;
class QTableWidget;
class QUndoStack;

namespace kstudio::editors {

class CapacityDialog;

class ClusterPanel final : public QWidget
{
    Q_OBJECT
public:
    enum Column { NameColumn, CountColumn, CpuColumn, MemoryColumn, PodsColumn, ZonesColumn, LabelsColumn, TaintsColumn, ColumnCount };
    ClusterPanel(model::Document *document, QUndoStack *undoStack, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    void addPool();
    void removePool(int row);
    // The capacity planning dialog (Plan capacity… button), for the current pool; shown, not modal.
    CapacityDialog *openCapacityDialog();

private:
    void refresh();
    void commit();
    model::Document *m_document;
    QUndoStack *m_undoStack;
    QTableWidget *m_table;
    QLabel *m_error;
    QLabel *m_summary;
};

} // namespace kstudio::editors
