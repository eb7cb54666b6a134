// SPDX-License-Identifier: GPL-3.0-or-later
#include "reachability_view.h"

#include <model/kinds/kind_registry.h>
#include <sim/reach/reach.h>

#include <QFontDatabase>
#include <QHeaderView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
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
    auto *queryBar = new QHBoxLayout;
    m_from = new QLineEdit;
    m_from->setObjectName(QStringLiteral("reachFrom"));
    m_from->setPlaceholderText(tr("from: ns/workload, ns/pod or ip:ADDRESS"));
    m_to = new QLineEdit;
    m_to->setObjectName(QStringLiteral("reachTo"));
    m_to->setPlaceholderText(tr("to: ns/workload, ns/pod or ns/Service"));
    m_port = new QLineEdit;
    m_port->setObjectName(QStringLiteral("reachPort"));
    m_port->setPlaceholderText(tr("port: 80 or 53/UDP"));
    m_port->setMaximumWidth(130);
    m_query = new QPushButton(tr("Query"));
    m_query->setObjectName(QStringLiteral("reachQuery"));
    m_query->setToolTip(tr("Every connection from the source's pods to the destination's, allowed or denied, with "
                           "the policies and rules that decide it (kstudio reach --from --to --port)."));
    queryBar->addWidget(new QLabel(tr("Path:")));
    queryBar->addWidget(m_from, 2);
    queryBar->addWidget(m_to, 2);
    queryBar->addWidget(m_port, 1);
    queryBar->addWidget(m_query);
    layout->addLayout(queryBar);
    for (QLineEdit *field : {m_from, m_to, m_port})
        connect(field, &QLineEdit::returnPressed, this, &ReachabilityView::runPathQuery);
    connect(m_query, &QPushButton::clicked, this, &ReachabilityView::runPathQuery);
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
    // A path query follows the design's edits.
    if (!m_pathSources.isEmpty() || !m_pathDestinations.isEmpty())
        runPathQuery();
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

void ReachabilityView::runPathQuery()
{
    m_pathSources.clear();
    m_pathDestinations.clear();
    const QString from = m_from->text().trimmed();
    const QString to = m_to->text().trimmed();
    const QString port = m_port->text().trimmed();
    if (from.isEmpty() && to.isEmpty()) {
        m_why->clear();
        Q_EMIT pathQueried();
        return;
    }
    sim::reach::Query query;
    query.from = from;
    query.to = to;
    QString error;
    if (!port.isEmpty()) {
        // CLI.md's --port N[/PROTO].
        const QStringList parts = port.split(QLatin1Char('/'));
        bool ok = false;
        const int number = parts.front().toInt(&ok);
        if (!ok || number < sim::reach::minPort || number > sim::reach::maxPort || parts.size() > 2)
            error = tr("port: %1 is not a port (1-65535, optionally /TCP, /UDP or /SCTP)").arg(port);
        else
            query.port = number;
        if (error.isEmpty() && parts.size() == 2) {
            query.protocol = sim::reach::parseProtocol(parts.at(1).toUpper());
            if (!query.protocol)
                error = tr("port: unknown protocol %1").arg(parts.at(1));
        }
    }
    const sim::reach::Network network = sim::reach::Network::build(m_document->snapshot());
    sim::reach::QueryResult result;
    if (error.isEmpty()) {
        result = sim::reach::runQuery(network, query);
        error = result.error;
    }
    if (!error.isEmpty()) {
        m_why->setPlainText(error);
        Q_EMIT pathQueried();
        return;
    }
    const auto objectOf = [this, &network](int peer) {
        if (peer < 0 || peer >= int(network.peers().size()))
            return model::noObject;
        const sim::reach::Peer &p = network.peers()[std::size_t(peer)];
        if (!p.isPod())
            return model::noObject;
        const model::Object *object = m_document->snapshot().find(p.workloadKind, p.workload.section(QLatin1Char('/'), 0, 0),
                                                                  p.workload.section(QLatin1Char('/'), 1));
        return object ? object->id : model::noObject;
    };
    QStringList lines;
    int allowed = 0;
    constexpr int shownAtMost = 500;
    for (const sim::reach::Connection &connection : result.connections) {
        m_pathSources.insert(objectOf(connection.from));
        m_pathDestinations.insert(objectOf(connection.to));
        if (!connection.service.isEmpty()) {
            if (const model::Object *service = m_document->snapshot().find(QStringLiteral("Service"), connection.service.section(QLatin1Char('/'), 0, 0),
                                                                           connection.service.section(QLatin1Char('/'), 1)))
                m_pathDestinations.insert(service->id);
        }
        allowed += connection.allowed ? 1 : 0;
        if (lines.size() >= shownAtMost)
            continue;
        const auto name = [&network, &connection](int peer) {
            return peer >= 0 && peer < int(network.peers().size()) ? network.peers()[std::size_t(peer)].name : connection.fromName;
        };
        QString via;
        if (!connection.service.isEmpty())
            via = tr(" via Service %1:%2").arg(connection.service).arg(connection.servicePort);
        lines.append(QStringLiteral("%1 %2 -> %3 %4/%5%6: %7")
                         .arg(connection.allowed ? QStringLiteral("allowed") : QStringLiteral("denied"), name(connection.from),
                              name(connection.to))
                         .arg(connection.port)
                         .arg(sim::reach::protocolName(connection.protocol), via, connection.reason));
    }
    m_pathSources.remove(model::noObject);
    m_pathDestinations.remove(model::noObject);
    QString head = tr("%1 → %2%3: %n connection(s)", nullptr, int(result.connections.size()))
                       .arg(from.isEmpty() ? tr("(any)") : from, to.isEmpty() ? tr("(any)") : to,
                            port.isEmpty() ? QString() : QStringLiteral(" port ") + port)
                   + tr(", %n allowed", nullptr, allowed);
    if (result.connections.size() > std::size_t(shownAtMost))
        head += tr(" (the first %1 shown)").arg(shownAtMost);
    m_why->setPlainText(head + QStringLiteral("\n\n") + lines.join(QLatin1Char('\n')));
    Q_EMIT pathQueried();
}

QString ReachabilityView::pathResult() const
{
    return m_why->toPlainText();
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
