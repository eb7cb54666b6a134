// SPDX-License-Identifier: GPL-3.0-or-later
#include "reachability_view.h"

#include <model/kinds/kind_registry.h>
#include <sim/reach/reach.h>

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kstudio::editors {

ReachabilityView::ReachabilityView(const model::Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("reachabilityView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_summary = new QLabel;
    layout->addWidget(m_summary);
    auto *splitter = new QSplitter(Qt::Horizontal);
    m_matrix = new QTableWidget;
    m_matrix->setObjectName(QStringLiteral("reachMatrix"));
    m_matrix->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_matrix->setSelectionMode(QAbstractItemView::SingleSelection);
    m_matrix->horizontalHeader()->setDefaultSectionSize(90);
    m_matrix->setToolTip(tr("Rows: source workloads; columns: destinations. Green: some ports allowed "
                            "(listed); red: everything denied. Click a cell for the reasons."));
    splitter->addWidget(m_matrix);
    m_why = new QPlainTextEdit;
    m_why->setObjectName(QStringLiteral("reachWhy"));
    m_why->setReadOnly(true);
    m_why->setPlaceholderText(tr("Click a cell to see which policies and rules decide it."));
    m_why->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    splitter->addWidget(m_why);
    splitter->setSizes({3000, 2000});
    layout->addWidget(splitter, 1);
    m_pause.setSingleShot(true);
    m_pause.setInterval(300);
    connect(&m_pause, &QTimer::timeout, this, &ReachabilityView::recompute);
    connect(m_document, &model::Document::changed, this, [this](const model::ChangeSet &changes) {
        if (changes.reset || !changes.added.isEmpty() || !changes.removed.isEmpty() || !changes.modified.isEmpty())
            m_pause.start();
    });
    connect(m_matrix, &QTableWidget::cellClicked, this, &ReachabilityView::showExplanation);
    recompute();
}

void ReachabilityView::recompute()
{
    m_pause.stop();
    const sim::reach::Network network = sim::reach::Network::build(m_document->snapshot());
    const sim::reach::WorkloadMatrix matrix = sim::reach::workloadMatrix(network, {});
    m_cells.clear();
    m_anyAllowed.clear();
    QSet<QString> names;
    for (const auto &[pair, set] : matrix.cells) {
        m_cells[pair] = set.isEmpty() ? QStringLiteral("none") : set.toString();
        m_anyAllowed[pair] = !set.isEmpty();
        names.insert(pair.first);
        names.insert(pair.second);
    }
    m_workloads = QStringList(names.cbegin(), names.cend());
    m_workloads.sort();
    const QSignalBlocker blocker(m_matrix);
    m_matrix->clear();
    m_matrix->setRowCount(int(m_workloads.size()));
    m_matrix->setColumnCount(int(m_workloads.size()));
    // One namespace: the workloads' names say enough (headers stay short).
    QSet<QString> namespaces;
    for (const QString &name : std::as_const(m_workloads))
        namespaces.insert(name.section(QLatin1Char('/'), 0, 0));
    QStringList labels = m_workloads;
    if (namespaces.size() == 1) {
        for (QString &label : labels)
            label = label.section(QLatin1Char('/'), 1);
    }
    m_matrix->setHorizontalHeaderLabels(labels);
    m_matrix->setVerticalHeaderLabels(labels);
    int allowedPairs = 0;
    int deniedPairs = 0;
    for (int r = 0; r < m_workloads.size(); ++r) {
        for (int c = 0; c < m_workloads.size(); ++c) {
            const auto key = std::pair(m_workloads.at(r), m_workloads.at(c));
            const auto found = m_cells.find(key);
            auto *item = new QTableWidgetItem(found == m_cells.end() ? QString() : found->second);
            if (found != m_cells.end()) {
                const bool allowed = m_anyAllowed[key];
                item->setBackground(allowed ? QColor(0x2e, 0x9d, 0x57, 90) : QColor(0xd9, 0x30, 0x25, 70));
                allowed ? ++allowedPairs : ++deniedPairs;
            }
            item->setToolTip(QStringLiteral("%1 → %2").arg(m_workloads.at(r), m_workloads.at(c)));
            m_matrix->setItem(r, c, item);
        }
    }
    m_summary->setText(tr("%n workload(s)", nullptr, int(m_workloads.size())) + QStringLiteral(" · ")
                       + tr("%n pair(s) with allowed ports", nullptr, allowedPairs) + QStringLiteral(" · ")
                       + tr("%n pair(s) fully denied", nullptr, deniedPairs));
    Q_EMIT recomputed();
}

QString ReachabilityView::cell(const QString &from, const QString &to) const
{
    const auto found = m_cells.find(std::pair(from, to));
    return found == m_cells.end() ? QString() : found->second;
}

QString ReachabilityView::explain(const QString &from, const QString &to) const
{
    const sim::reach::Network network = sim::reach::Network::build(m_document->snapshot());
    sim::reach::Query query;
    query.from = from;
    query.to = to;
    const sim::reach::QueryResult result = sim::reach::runQuery(network, query);
    if (!result.error.isEmpty())
        return result.error;
    QStringList lines;
    QSet<QString> seen;
    for (const sim::reach::Connection &connection : result.connections) {
        // One line per port and verdict: the pods of a workload share their answers.
        const QString line = QStringLiteral("%1/%2 %3: %4")
                                 .arg(connection.port)
                                 .arg(sim::reach::protocolName(connection.protocol),
                                      connection.allowed ? QStringLiteral("allowed") : QStringLiteral("denied"),
                                      connection.reason);
        if (!seen.contains(line)) {
            seen.insert(line);
            lines.append(line);
        }
    }
    return QStringLiteral("%1 → %2\n\n").arg(from, to) + lines.join(QLatin1Char('\n'));
}

void ReachabilityView::showExplanation(int row, int column)
{
    if (row < 0 || column < 0 || row >= m_workloads.size() || column >= m_workloads.size())
        return;
    m_why->setPlainText(explain(m_workloads.at(row), m_workloads.at(column)));
}

QString ReachabilityView::workloadName(model::ObjectId id) const
{
    const model::Object *object = m_document->snapshot().object(id);
    return object ? object->effectiveNamespace() + QLatin1Char('/') + object->name() : QString();
}

model::ObjectId ReachabilityView::workloadId(const QString &name) const
{
    const QString ns = name.section(QLatin1Char('/'), 0, 0);
    const QString objectName = name.section(QLatin1Char('/'), 1);
    for (const model::KindSpec *spec : model::allKinds()) {
        if (!spec->isWorkload())
            continue;
        if (const model::Object *object = m_document->snapshot().find(QString::fromLatin1(spec->kind), ns, objectName))
            return object->id;
    }
    return model::noObject;
}

QSet<model::ObjectId> ReachabilityView::reachableFrom(model::ObjectId id) const
{
    QSet<model::ObjectId> out;
    const QString name = workloadName(id);
    for (const auto &[pair, allowed] : m_anyAllowed) {
        if (allowed && pair.first == name && pair.second != name)
            out.insert(workloadId(pair.second));
    }
    out.remove(model::noObject);
    return out;
}

QSet<model::ObjectId> ReachabilityView::reachingTo(model::ObjectId id) const
{
    QSet<model::ObjectId> out;
    const QString name = workloadName(id);
    for (const auto &[pair, allowed] : m_anyAllowed) {
        if (allowed && pair.second == name && pair.first != name)
            out.insert(workloadId(pair.first));
    }
    out.remove(model::noObject);
    return out;
}

} // namespace kstudio::editors
