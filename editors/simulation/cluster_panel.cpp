// SPDX-License-Identifier: GPL-3.0-or-later
#include "cluster_panel.h"

#include "capacity_dialog.h"

#include <editors/commands/edit_command.h>
#include <model/core/node_pool.h>
#include <model/edits/label_text.h>
#include <model/io/yaml_writer.h>
#include <model/semantics/quantity.h>

#include <QFileDialog>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QSaveFile>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <iterator>

namespace kstudio::editors {

ClusterPanel::ClusterPanel(model::Document *document, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_undoStack(undoStack)
{
    setObjectName(QStringLiteral("clusterPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_table = new QTableWidget(0, ColumnCount);
    m_table->setObjectName(QStringLiteral("nodePools"));
    m_table->setHorizontalHeaderLabels({tr("Pool"), tr("Nodes"), tr("CPU"), tr("Memory"), tr("Pods"),
                                        tr("Zones"), tr("Labels"), tr("Taints")});
    m_table->horizontalHeader()->setSectionResizeMode(LabelsColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setToolTip(tr("Zones: comma-separated (nodes are spread over them round-robin and labelled "
                           "topology.kubernetes.io/zone). Labels: key=value, ... Taints: key=value:Effect, ..."));
    layout->addWidget(m_table, 1);
    m_error = new QLabel;
    m_error->setStyleSheet(QStringLiteral("color: #d93025;"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add pool"));
    auto *addOne = new QPushButton(tr("Add node"));
    addOne->setObjectName(QStringLiteral("addNode"));
    addOne->setToolTip(tr("One more node, shaped like the selected pool, as a pool of one (remove it with Remove pool)"));
    auto *remove = new QPushButton(tr("Remove pool"));
    auto *exportNodes = new QPushButton(tr("Export Nodes…"));
    exportNodes->setObjectName(QStringLiteral("exportNodes"));
    exportNodes->setToolTip(tr("Save the pools' nodes as Node manifests (YAML), as kubectl get nodes -o yaml would list them"));
    auto *plan = new QPushButton(tr("Plan capacity…"));
    plan->setObjectName(QStringLiteral("planCapacity"));
    plan->setToolTip(tr("The fewest nodes of a pool's shape that fit every pod, with and without a zone failure"));
    buttons->addWidget(add);
    buttons->addWidget(addOne);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    buttons->addWidget(exportNodes);
    buttons->addWidget(plan);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, &ClusterPanel::addPool);
    connect(addOne, &QPushButton::clicked, this, &ClusterPanel::addNode);
    connect(exportNodes, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Node manifests"), QStringLiteral("nodes.yaml"),
                                                          tr("YAML (*.yaml *.yml)"));
        if (path.isEmpty())
            return;
        if (const QString error = exportNodeManifests(path); !error.isEmpty())
            QMessageBox::warning(this, tr("Export Node manifests"), error);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            removePool(m_table->currentRow());
    });
    connect(plan, &QPushButton::clicked, this, &ClusterPanel::openCapacityDialog);
    connect(m_table, &QTableWidget::itemChanged, this, &ClusterPanel::commit);
    connect(m_document, &model::Document::changed, this, [this](const model::ChangeSet &changes) {
        if (changes.reset || changes.nodePoolsChanged)
            refresh();
    });
    refresh();
}

void ClusterPanel::refresh()
{
    const QSignalBlocker blocker(m_table);
    const QList<model::NodePool> &pools = m_document->snapshot().nodePools();
    m_table->setRowCount(int(pools.size()));
    int nodes = 0;
    for (int row = 0; row < pools.size(); ++row) {
        const model::NodePool &pool = pools.at(row);
        nodes += pool.count;
        const QStringList cells = {pool.name, QString::number(pool.count), pool.cpu, pool.memory,
                                   QString::number(pool.pods), pool.zones.join(QStringLiteral(", ")),
                                   model::labelMapText(pool.labels), pool.taints.join(QStringLiteral(", "))};
        for (int column = 0; column < ColumnCount; ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_summary->setText(pools.isEmpty()
                           ? tr("No node pools: the design's Node objects are the cluster. Add a pool to model one.")
                           : tr("%n node(s) in %1 pool(s), named pool-zone-i.", nullptr, nodes).arg(pools.size()));
}

void ClusterPanel::commit()
{
    QList<model::NodePool> pools;
    QStringList problems;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto cell = [this, row](int column) {
            const QTableWidgetItem *item = m_table->item(row, column);
            return item ? item->text().trimmed() : QString();
        };
        model::NodePool pool;
        pool.name = cell(NameColumn);
        bool ok = false;
        pool.count = cell(CountColumn).toInt(&ok);
        if (!ok || pool.count < 0)
            problems.append(tr("row %1: the node count must be a whole number").arg(row + 1));
        pool.cpu = cell(CpuColumn);
        pool.memory = cell(MemoryColumn);
        if (!model::Quantity::parse(pool.cpu.toStdString()) || !model::Quantity::parse(pool.memory.toStdString()))
            problems.append(tr("row %1: CPU and memory are quantities (4, 500m, 16Gi)").arg(row + 1));
        pool.pods = cell(PodsColumn).toInt(&ok);
        if (!ok || pool.pods < 1)
            problems.append(tr("row %1: pods per node must be at least 1").arg(row + 1));
        pool.zones = model::listFromText(cell(ZonesColumn));
        QString labelError;
        if (const std::optional<model::Node> labels = model::labelMapFromText(cell(LabelsColumn), &labelError))
            pool.labels = model::stringMap(&*labels);
        else
            problems.append(tr("row %1: label %2").arg(row + 1).arg(labelError));
        for (const QString &taint : model::listFromText(cell(TaintsColumn))) {
            const QString effect = taint.section(QLatin1Char(':'), -1);
            if (!taint.contains(QLatin1Char(':'))
                || !(effect == QLatin1String("NoSchedule") || effect == QLatin1String("PreferNoSchedule")
                     || effect == QLatin1String("NoExecute")))
                problems.append(tr("row %1: taint '%2' is not key=value:NoSchedule|PreferNoSchedule|NoExecute").arg(row + 1).arg(taint));
            else
                pool.taints.append(taint);
        }
        if (pool.name.isEmpty())
            problems.append(tr("row %1: a pool needs a name").arg(row + 1));
        pools.append(pool);
    }
    if (!problems.isEmpty()) {
        m_error->setText(problems.join(QLatin1Char('\n')));
        m_error->show();
        return;
    }
    m_error->hide();
    if (pools == m_document->snapshot().nodePools())
        return;
    m_undoStack->push(new EditCommand(m_document, model::Edit(model::SetNodePools{pools})));
}

void ClusterPanel::addPool()
{
    QList<model::NodePool> pools = m_document->snapshot().nodePools();
    model::NodePool pool;
    pool.name = QStringLiteral("pool");
    for (int n = 2; std::any_of(pools.cbegin(), pools.cend(), [&pool](const model::NodePool &p) { return p.name == pool.name; }); ++n)
        pool.name = QStringLiteral("pool%1").arg(n);
    pool.count = 3;
    pool.zones = {QStringLiteral("zone-a"), QStringLiteral("zone-b"), QStringLiteral("zone-c")};
    pools.append(pool);
    m_undoStack->push(new EditCommand(m_document, model::Edit(model::SetNodePools{pools})));
}

void ClusterPanel::addNode()
{
    QList<model::NodePool> pools = m_document->snapshot().nodePools();
    const int row = m_table->currentRow();
    model::NodePool node = row >= 0 && row < pools.size() ? pools.at(row) : model::NodePool{};
    node.count = 1;
    if (node.zones.size() > 1)
        node.zones = {node.zones.front()};
    const QString base = QStringLiteral("node");
    node.name = base;
    for (int n = 2; std::any_of(pools.cbegin(), pools.cend(), [&node](const model::NodePool &p) { return p.name == node.name; }); ++n)
        node.name = base + QString::number(n);
    pools.append(node);
    m_undoStack->push(new EditCommand(m_document, model::Edit(model::SetNodePools{pools})));
}

QString ClusterPanel::exportNodeManifests(const QString &path) const
{
    std::vector<model::Node> manifests;
    for (const model::NodePool &pool : m_document->snapshot().nodePools()) {
        std::vector<model::Node> nodes = model::nodePoolManifests(pool);
        std::move(nodes.begin(), nodes.end(), std::back_inserter(manifests));
    }
    std::vector<const model::Node *> documents;
    for (const model::Node &manifest : manifests)
        documents.push_back(&manifest);
    const std::string text = model::writeYamlStream(documents);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("%1: %2").arg(path, file.errorString());
    file.write(text.data(), qint64(text.size()));
    if (!file.commit())
        return tr("%1: %2").arg(path, file.errorString());
    return {};
}

void ClusterPanel::removePool(int row)
{
    QList<model::NodePool> pools = m_document->snapshot().nodePools();
    if (row < 0 || row >= pools.size())
        return;
    pools.removeAt(row);
    m_undoStack->push(new EditCommand(m_document, model::Edit(model::SetNodePools{pools})));
}

CapacityDialog *ClusterPanel::openCapacityDialog()
{
    auto *dialog = new CapacityDialog(m_document, m_undoStack, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_table->currentRow() >= 0)
        dialog->choosePool(m_table->currentRow());
    dialog->show();
    return dialog;
}

} // namespace kstudio::editors
