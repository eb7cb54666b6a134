// SPDX-License-Identifier: GPL-3.0-or-later
// ClusterPanel: the project's node pools (count, CPU/memory/pods per node, zones, labels,
// taints) as an editable table. Each change is one undoable SetNodePools edit; single nodes are
// pools of one; the pools export as Node manifests.
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
    // A single node: a pool of one, shaped like the pool in the current row (or the defaults),
    // in that pool's first zone.
    void addNode();
    void removePool(int row);
    // Writes every pool's Node objects (model::nodePoolManifests) as one YAML stream to path,
    // atomically; returns the error, empty on success. The Export Nodes… button asks for path.
    QString exportNodeManifests(const QString &path) const;
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
