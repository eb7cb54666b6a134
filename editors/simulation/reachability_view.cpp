// SPDX-License-Identifier: GPL-3.0-or-later
#include "reachability_view.h"

#include "reach_text.h"

#include <model/kinds/kind_registry.h>
#include <sim/reach/exposure.h>
#include <sim/reach/reach.h>

#include <QCoreApplication>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace kstudio::editors {

namespace {

QColor allowedColour()
{
    return QColor(0x2e, 0x9d, 0x57, 90);
}
QColor deniedColour()
{
    return QColor(0xd9, 0x30, 0x25, 70);
}
QColor mixedColour()
{
    return QColor(0xe6, 0xa1, 0x17, 90);
}

QString verdictWord(bool allowed)
{
    return allowed ? QStringLiteral("allowed") : QStringLiteral("denied");
}

} // namespace

ReachabilityView::ReachabilityView(const model::Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("reachabilityView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *matrixBar = new QHBoxLayout;
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("reachSummary"));
    matrixBar->addWidget(m_summary, 1);
    m_portFilterEdit = new QLineEdit;
    m_portFilterEdit->setObjectName(QStringLiteral("reachPortFilter"));
    m_portFilterEdit->setPlaceholderText(tr("all ports"));
    m_portFilterEdit->setToolTip(tr("Show the matrix for one port only: 80, or 53/UDP. Empty: every declared port."));
    m_portFilterEdit->setMaximumWidth(110);
    m_portFilterEdit->setClearButtonEnabled(true);
    matrixBar->addWidget(new QLabel(tr("Port:")));
    matrixBar->addWidget(m_portFilterEdit);
    auto *collapseAll = new QPushButton(tr("Collapse namespaces"));
    collapseAll->setObjectName(QStringLiteral("reachCollapseAll"));
    auto *expandAll = new QPushButton(tr("Expand"));
    expandAll->setObjectName(QStringLiteral("reachExpandAll"));
    matrixBar->addWidget(collapseAll);
    matrixBar->addWidget(expandAll);
    layout->addLayout(matrixBar);
    connect(m_portFilterEdit, &QLineEdit::editingFinished, this, [this] { setPortFilter(m_portFilterEdit->text()); });
    connect(collapseAll, &QPushButton::clicked, this, [this] {
        m_collapseTouched = true;
        for (const auto &entry : m_groupOf)
            m_collapsed.insert(entry.second);
        rebuildTable();
    });
    connect(expandAll, &QPushButton::clicked, this, [this] {
        m_collapseTouched = true;
        m_collapsed.clear();
        rebuildTable();
    });

    auto *queryBar = new QHBoxLayout;
    m_from = new QLineEdit;
    m_from->setObjectName(QStringLiteral("reachFrom"));
    m_from->setPlaceholderText(tr("from: ns/workload, ns/pod, ip:ADDRESS or internet"));
    m_to = new QLineEdit;
    m_to->setObjectName(QStringLiteral("reachTo"));
    m_to->setPlaceholderText(tr("to: ns/workload, ns/pod, ns/Service (from internet: also ns/Ingress)"));
    m_port = new QLineEdit;
    m_port->setObjectName(QStringLiteral("reachPort"));
    m_port->setPlaceholderText(tr("port: 80 or 53/UDP"));
    m_port->setMaximumWidth(130);
    m_query = new QPushButton(tr("Query"));
    m_query->setObjectName(QStringLiteral("reachQuery"));
    m_query->setToolTip(tr("Every connection from the source's pods to the destination's, allowed or denied, with "
                           "the policies and rules that decide it (kstudio reach --from --to --port). The canvas "
                           "draws the path. From \"internet\": the ways in (LoadBalancer, NodePort, Ingress, Gateway)."));
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
    m_matrix->setToolTip(tr("Rows: sources; columns: destinations. Green: some ports allowed (listed); red: "
                            "everything denied; amber: a collapsed namespace with both. Click a cell for the "
                            "reasons, a header to collapse or expand its namespace."));
    m_matrix->horizontalHeader()->setSectionsClickable(true);
    m_matrix->verticalHeader()->setSectionsClickable(true);
    connect(m_matrix->horizontalHeader(), &QHeaderView::sectionClicked, this, &ReachabilityView::toggleSection);
    connect(m_matrix->verticalHeader(), &QHeaderView::sectionClicked, this, &ReachabilityView::toggleSection);
    splitter->addWidget(m_matrix);
    m_why = new QPlainTextEdit;
    m_why->setObjectName(QStringLiteral("reachWhy"));
    m_why->setReadOnly(true);
    m_why->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_why->setPlaceholderText(tr("Click a cell to see which policies and rules decide it."));
    m_why->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    splitter->addWidget(m_why);
    splitter->setSizes({3000, 2000});
    layout->addWidget(splitter, 1);
    m_pause.setSingleShot(true);
    m_pause.setInterval(300);
    connect(&m_pause, &QTimer::timeout, this, &ReachabilityView::startBackground);
    connect(m_document, &model::Document::changed, this, [this](const model::ChangeSet &changes) {
        if (changes.reset) {
            m_collapseTouched = false;
            m_collapsed.clear();
        }
        if (changes.reset || !changes.added.isEmpty() || !changes.removed.isEmpty() || !changes.modified.isEmpty())
            m_pause.start();
    });
    connect(m_matrix, &QTableWidget::cellClicked, this, &ReachabilityView::showExplanation);
    recompute();
}

bool ReachabilityView::parsePort(const QString &text, std::optional<int> *port, std::optional<sim::reach::Protocol> *protocol,
                                 QString *error)
{
    QString reason;
    const std::optional<sim::reach::PortSpec> spec = sim::reach::parsePortSpec(text, &reason);
    if (!spec) {
        *error = tr("port: %1").arg(reason);
        return false;
    }
    *port = spec->port;
    *protocol = spec->protocol;
    return true;
}

void ReachabilityView::setPortFilter(const QString &text)
{
    if (m_portFilterEdit->text() != text)
        m_portFilterEdit->setText(text);
    if (text.trimmed() == m_portFilter)
        return;
    m_portFilter = text.trimmed();
    recompute();
}

ReachabilityView::~ReachabilityView()
{
    if (m_worker) {
        m_worker->wait();
        delete m_worker;
    }
}

ReachabilityView::Computed ReachabilityView::compute(const model::Snapshot &snapshot, const QString &portFilter, bool exposure)
{
    Computed computed;
    const sim::reach::Network network = sim::reach::Network::build(snapshot);
    sim::reach::Query query;
    if (!portFilter.isEmpty() && !parsePort(portFilter, &query.port, &query.protocol, &computed.filterError)) {
        query.port.reset();
        query.protocol.reset();
    }
    const sim::reach::WorkloadMatrix matrix = sim::reach::workloadMatrix(network, query);
    computed.groupOf = matrix.groupOf;
    QSet<QString> names;
    for (const auto &[pair, set] : matrix.cells) {
        computed.cells[pair] = set.isEmpty() ? QStringLiteral("none") : set.toString();
        computed.anyAllowed[pair] = !set.isEmpty();
        names.insert(pair.first);
        names.insert(pair.second);
    }
    computed.workloads = QStringList(names.cbegin(), names.cend());
    computed.workloads.sort();
    for (const QString &name : std::as_const(computed.workloads)) {
        if (!computed.groupOf.count(name))
            computed.groupOf[name] = name.section(QLatin1Char('/'), 0, 0);
    }
    if (exposure) {
        computed.exposed = exposureOf(snapshot, network);
        computed.withExposure = true;
    }
    return computed;
}

void ReachabilityView::recompute()
{
    m_pause.stop();
    ++m_generation; // a worker still running computes an older design: its answer is dropped
    apply(compute(m_document->snapshot(), m_portFilter, m_exposureEnabled));
}

void ReachabilityView::startBackground()
{
    m_pause.stop();
    if (m_worker) {
        m_again = true;
        return;
    }
    const quint64 generation = ++m_generation;
    const model::Snapshot snapshot = m_document->snapshot(); // shared, immutable
    const QString portFilter = m_portFilter;
    const bool exposure = m_exposureEnabled;
    m_worker = QThread::create([this, snapshot, portFilter, exposure, generation] {
        Computed computed = compute(snapshot, portFilter, exposure);
        QMetaObject::invokeMethod(
            this,
            [this, computed = std::move(computed), generation]() mutable {
                if (generation == m_generation && !m_again)
                    apply(std::move(computed));
                backgroundFinished();
            },
            Qt::QueuedConnection);
    });
    m_worker->start(QThread::LowPriority);
}

void ReachabilityView::backgroundFinished()
{
    if (m_worker) {
        m_worker->wait();
        delete m_worker;
        m_worker = nullptr;
    }
    if (std::exchange(m_again, false))
        startBackground();
}

void ReachabilityView::waitForBackground()
{
    if (m_pause.isActive())
        startBackground();
    while (m_worker)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}

void ReachabilityView::apply(Computed computed)
{
    m_cells = std::move(computed.cells);
    m_anyAllowed = std::move(computed.anyAllowed);
    m_groupOf = std::move(computed.groupOf);
    m_workloads = std::move(computed.workloads);
    if (!m_collapseTouched) {
        m_collapsed.clear();
        if (m_workloads.size() > expandedAtMost) {
            for (const auto &entry : m_groupOf)
                m_collapsed.insert(entry.second);
        }
    }
    rebuildTable();
    if (!computed.filterError.isEmpty())
        m_summary->setText(computed.filterError + QStringLiteral(" · ") + m_summary->text());
    // The overlay may have been switched while the worker ran.
    if (m_exposureEnabled) {
        m_exposed = computed.withExposure ? std::move(computed.exposed)
                                          : exposureOf(m_document->snapshot(), sim::reach::Network::build(m_document->snapshot()));
        Q_EMIT exposureChanged();
    }
    // A path query follows the design's edits.
    if (!m_paths.isEmpty() || !m_pathSources.isEmpty() || !m_pathDestinations.isEmpty())
        runPathQuery();
    Q_EMIT recomputed();
}

void ReachabilityView::rebuildTable()
{
    m_axis.clear();
    QSet<QString> namespaces;
    for (const QString &name : std::as_const(m_workloads))
        namespaces.insert(m_groupOf[name]);
    // One namespace, nothing collapsed: the workloads' names say enough (headers stay short).
    const bool shortLabels = namespaces.size() == 1 && m_collapsed.isEmpty();
    for (const QString &name : std::as_const(m_workloads)) {
        const QString ns = m_groupOf[name];
        if (m_collapsed.contains(ns)) {
            if (!m_axis.isEmpty() && m_axis.back().group && m_axis.back().ns == ns) {
                m_axis.back().members.append(name);
                continue;
            }
            m_axis.append({QString(), ns, {name}, true});
            continue;
        }
        m_axis.append({shortLabels ? name.section(QLatin1Char('/'), 1) : name, ns, {name}, false});
    }
    for (AxisEntry &entry : m_axis) {
        if (entry.group)
            entry.label = tr("%1/* (%n)", nullptr, int(entry.members.size())).arg(entry.ns);
    }
    const QSignalBlocker blocker(m_matrix);
    m_matrix->clear();
    m_matrix->setRowCount(int(m_axis.size()));
    m_matrix->setColumnCount(int(m_axis.size()));
    // Namespaces alternate a light tint on the headers, so the groups read as blocks.
    QString previous;
    bool tinted = false;
    for (int i = 0; i < m_axis.size(); ++i) {
        const AxisEntry &entry = m_axis.at(i);
        if (entry.ns != previous && i > 0)
            tinted = !tinted;
        previous = entry.ns;
        for (const bool horizontal : {true, false}) {
            auto *header = new QTableWidgetItem(entry.label);
            header->setToolTip(entry.group ? tr("Namespace %1, collapsed: click to expand").arg(entry.ns)
                                           : tr("%1 (namespace %2): click to collapse the namespace").arg(entry.members.front(), entry.ns));
            if (tinted)
                header->setBackground(QColor(0x32, 0x6c, 0xe5, 40));
            horizontal ? m_matrix->setHorizontalHeaderItem(i, header) : m_matrix->setVerticalHeaderItem(i, header);
        }
    }
    int allowedPairs = 0;
    int deniedPairs = 0;
    for (const auto &entry : m_anyAllowed)
        entry.second ? ++allowedPairs : ++deniedPairs;
    for (int r = 0; r < m_axis.size(); ++r) {
        for (int c = 0; c < m_axis.size(); ++c) {
            const AxisEntry &row = m_axis.at(r);
            const AxisEntry &column = m_axis.at(c);
            auto *item = new QTableWidgetItem;
            item->setToolTip(QStringLiteral("%1 → %2").arg(row.label, column.label));
            if (!row.group && !column.group) {
                const auto key = std::pair(row.members.front(), column.members.front());
                const auto found = m_cells.find(key);
                if (found != m_cells.end()) {
                    item->setText(found->second);
                    item->setBackground(m_anyAllowed[key] ? allowedColour() : deniedColour());
                } else {
                    item->setBackground(QColor(0x80, 0x80, 0x80, 40));
                    item->setToolTip(tr("%1 → %2: no pod pair to examine (a workload of one pod to itself, or a "
                                        "destination without the port)")
                                         .arg(row.label, column.label));
                }
            } else {
                int pairs = 0;
                int allowed = 0;
                for (const QString &from : row.members) {
                    for (const QString &to : column.members) {
                        const auto found = m_anyAllowed.find(std::pair(from, to));
                        if (found == m_anyAllowed.end())
                            continue;
                        ++pairs;
                        allowed += found->second ? 1 : 0;
                    }
                }
                if (pairs > 0) {
                    item->setText(tr("%1/%2 allowed").arg(allowed).arg(pairs));
                    item->setBackground(allowed == pairs ? allowedColour() : allowed == 0 ? deniedColour() : mixedColour());
                }
            }
            m_matrix->setItem(r, c, item);
        }
    }
    m_summary->setText(tr("%n workload(s)", nullptr, int(m_workloads.size())) + QStringLiteral(" in ")
                       + tr("%n namespace(s)", nullptr, int(namespaces.size())) + QStringLiteral(" · ")
                       + tr("%n pair(s) with allowed ports", nullptr, allowedPairs) + QStringLiteral(" · ")
                       + tr("%n pair(s) fully denied", nullptr, deniedPairs)
                       + (m_portFilter.isEmpty() ? QString() : tr(" · port %1").arg(m_portFilter)));
}

QStringList ReachabilityView::axis() const
{
    QStringList out;
    for (const AxisEntry &entry : m_axis)
        out << (entry.group ? entry.ns + QStringLiteral("/*") : entry.members.front());
    return out;
}

void ReachabilityView::setNamespaceCollapsed(const QString &ns, bool collapsed)
{
    m_collapseTouched = true;
    if (collapsed == m_collapsed.contains(ns))
        return;
    collapsed ? void(m_collapsed.insert(ns)) : void(m_collapsed.remove(ns));
    rebuildTable();
}

void ReachabilityView::toggleSection(int section)
{
    if (section < 0 || section >= m_axis.size())
        return;
    const AxisEntry entry = m_axis.at(section);
    setNamespaceCollapsed(entry.ns, !entry.group);
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
    QString filterError;
    if (!m_portFilter.isEmpty())
        parsePort(m_portFilter, &query.port, &query.protocol, &filterError);
    const sim::reach::QueryResult result = sim::reach::runQuery(network, query);
    if (!result.error.isEmpty())
        return result.error;
    // Per port: how many pod pairs are allowed, then each direction's decision for the first
    // pair (and for the first denied one when the pods' answers differ).
    struct PortAnswer
    {
        int pairs = 0;
        int allowed = 0;
        const sim::reach::Connection *first = nullptr;
        const sim::reach::Connection *firstDenied = nullptr;
    };
    std::map<std::pair<int, QString>, PortAnswer> ports;
    for (const sim::reach::Connection &connection : result.connections) {
        PortAnswer &answer = ports[std::pair(connection.port, sim::reach::protocolName(connection.protocol))];
        ++answer.pairs;
        answer.allowed += connection.allowed ? 1 : 0;
        if (!answer.first)
            answer.first = &connection;
        if (!connection.allowed && !answer.firstDenied)
            answer.firstDenied = &connection;
    }
    QStringList lines{QStringLiteral("%1 → %2%3").arg(from, to, m_portFilter.isEmpty() ? QString() : tr(" (port %1)").arg(m_portFilter))};
    if (ports.empty())
        lines << QString() << tr("No connection to examine: the destination declares no container port%1.")
                                  .arg(m_portFilter.isEmpty() ? QString() : tr(" matching the filter"));
    for (const auto &[key, answer] : ports) {
        lines << QString();
        lines << tr("%1/%2: %3 (%4 of %n pod pair(s) allowed)", nullptr, answer.pairs)
                     .arg(key.first)
                     .arg(key.second, answer.allowed == 0 ? QStringLiteral("denied") : answer.allowed == answer.pairs ? QStringLiteral("allowed") : QStringLiteral("mixed"))
                     .arg(answer.allowed);
        std::vector<const sim::reach::Connection *> shown{answer.first};
        if (answer.firstDenied && answer.firstDenied != answer.first)
            shown.push_back(answer.firstDenied);
        for (const sim::reach::Connection *connection : shown) {
            const auto egress = network.decide(connection->from, connection->to, sim::reach::Direction::Egress, connection->protocol, connection->port);
            const auto ingress = network.decide(connection->from, connection->to, sim::reach::Direction::Ingress, connection->protocol, connection->port);
            lines << QStringLiteral("  %1 -> %2: %3")
                         .arg(network.peers()[std::size_t(connection->from)].name, network.peers()[std::size_t(connection->to)].name,
                              decidingText(network, egress, ingress));
            if (connection->from == connection->to)
                continue;
            for (const QString &line : decisionLines(network, egress))
                lines << QStringLiteral("    ") + line;
            for (const QString &line : decisionLines(network, ingress))
                lines << QStringLiteral("    ") + line;
        }
    }
    return lines.join(QLatin1Char('\n'));
}

QString ReachabilityView::explanation() const
{
    return m_why->toPlainText();
}

bool ReachabilityView::showCell(const QString &from, const QString &to)
{
    const QStringList entries = axis();
    const int row = int(entries.indexOf(from));
    const int column = int(entries.indexOf(to));
    if (row < 0 || column < 0)
        return false;
    m_matrix->setCurrentCell(row, column);
    showExplanation(row, column);
    return true;
}

void ReachabilityView::showExplanation(int row, int column)
{
    if (row < 0 || column < 0 || row >= m_axis.size() || column >= m_axis.size())
        return;
    const AxisEntry &source = m_axis.at(row);
    const AxisEntry &destination = m_axis.at(column);
    if (!source.group && !destination.group) {
        m_why->setPlainText(explain(source.members.front(), destination.members.front()));
        return;
    }
    // A collapsed namespace: every pair behind the cell, then how to see one pair's reasons.
    QStringList lines{QStringLiteral("%1 → %2").arg(source.label, destination.label), QString()};
    for (const QString &from : source.members) {
        for (const QString &to : destination.members) {
            const QString text = cell(from, to);
            if (!text.isEmpty())
                lines << QStringLiteral("%1 %2 -> %3: %4").arg(text == QLatin1String("none") ? QStringLiteral("denied ") : QStringLiteral("allowed"), from, to, text);
        }
    }
    lines << QString() << tr("Click a namespace header to expand it, then a cell for the policies and rules.");
    m_why->setPlainText(lines.join(QLatin1Char('\n')));
}



namespace {

// The objects an exposure connection passes before the pods: the Service for a LoadBalancer or
// a NodePort; the Ingress (or the Gateway and its route) and then the Service.
QList<std::pair<QString, QString>> entryObjects(const sim::reach::Connection &connection)
{
    QList<std::pair<QString, QString>> out;
    if (connection.exposure == QLatin1String("Ingress")) {
        out.append({QStringLiteral("Ingress"), connection.via});
    } else if (connection.exposure == QLatin1String("Gateway")) {
        out.append({QStringLiteral("Gateway"), connection.via});
        if (!connection.routeKind.isEmpty())
            out.append({connection.routeKind, connection.routeName});
    }
    if (!connection.service.isEmpty())
        out.append({QStringLiteral("Service"), connection.service});
    return out;
}

// The policy sentences of an exposure's reason (its "egress from"/"ingress to" clauses).
QString policyClauses(const QString &reason)
{
    QStringList clauses;
    for (const QString &clause : reason.split(QStringLiteral("; "))) {
        if (clause.startsWith(QLatin1String("egress from ")) || clause.startsWith(QLatin1String("ingress to ")))
            clauses << clause;
    }
    return clauses.join(QStringLiteral("; "));
}

} // namespace

static model::ObjectId objectIn(const model::Snapshot &snapshot, const QString &kind, const QString &qualifiedName)
{
    const model::Object *object
        = snapshot.find(kind, qualifiedName.section(QLatin1Char('/'), 0, 0), qualifiedName.section(QLatin1Char('/'), 1));
    return object ? object->id : model::noObject;
}

model::ObjectId ReachabilityView::objectIdOf(const QString &kind, const QString &qualifiedName) const
{
    return objectIn(m_document->snapshot(), kind, qualifiedName);
}

QList<ExposedWorkload> ReachabilityView::exposureOf(const model::Snapshot &snapshot, const sim::reach::Network &network)
{
    QList<ExposedWorkload> exposedWorkloads;
    const auto objectIdOf = [&snapshot](const QString &kind, const QString &name) { return objectIn(snapshot, kind, name); };
    const std::vector<sim::reach::Connection> connections = sim::reach::exposures(network, snapshot);
    std::map<model::ObjectId, int> indexOf;
    for (const sim::reach::Connection &connection : connections) {
        if (connection.to < 0)
            continue;
        const sim::reach::Peer &pod = network.peers()[std::size_t(connection.to)];
        const model::ObjectId workload = objectIdOf(pod.workloadKind, pod.workload);
        if (workload == model::noObject)
            continue;
        auto found = indexOf.find(workload);
        if (found == indexOf.end()) {
            found = indexOf.emplace(workload, int(exposedWorkloads.size())).first;
            exposedWorkloads.append({workload, {}, {}});
        }
        ExposedWorkload &exposed = exposedWorkloads[found->second];
        const QString way = QStringLiteral("%1 %2 %3 -> %4/%5 (%6)")
                                .arg(connection.exposure, connection.via, connection.route)
                                .arg(connection.port)
                                .arg(sim::reach::protocolName(connection.protocol), verdictWord(connection.allowed));
        if (!exposed.ways.contains(way))
            exposed.ways << way;
        if (!connection.allowed)
            continue;
        ReachPath path;
        path.fromOutside = true;
        path.allowed = true;
        for (const auto &[kind, name] : entryObjects(connection))
            path.hops << objectIdOf(kind, name);
        path.hops.removeAll(model::noObject);
        path.hops << workload;
        path.label = connection.exposure;
        const bool known = std::any_of(exposed.paths.cbegin(), exposed.paths.cend(),
                                       [&path](const ReachPath &other) { return other.hops == path.hops; });
        if (!known)
            exposed.paths << path;
    }
    // Only what traffic actually reaches is exposed; a way in that policies close is listed
    // with the workloads that are reached some other way.
    exposedWorkloads.erase(std::remove_if(exposedWorkloads.begin(), exposedWorkloads.end(),
                                          [](const ExposedWorkload &w) { return w.paths.isEmpty(); }),
                           exposedWorkloads.end());
    return exposedWorkloads;
}

void ReachabilityView::setExposureEnabled(bool enabled)
{
    if (enabled == m_exposureEnabled)
        return;
    m_exposureEnabled = enabled;
    if (enabled)
        m_exposed = exposureOf(m_document->snapshot(), sim::reach::Network::build(m_document->snapshot()));
    else
        m_exposed.clear();
    Q_EMIT exposureChanged();
}

void ReachabilityView::runPathQuery()
{
    m_pathSources.clear();
    m_pathDestinations.clear();
    m_paths.clear();
    const QString from = m_from->text().trimmed();
    const QString to = m_to->text().trimmed();
    const QString port = m_port->text().trimmed();
    if (from.isEmpty() && to.isEmpty()) {
        m_why->clear();
        Q_EMIT pathQueried();
        return;
    }
    std::optional<int> portNumber;
    std::optional<sim::reach::Protocol> protocol;
    QString error;
    if (!port.isEmpty())
        parsePort(port, &portNumber, &protocol, &error);
    const model::Snapshot &snapshot = m_document->snapshot();
    const sim::reach::Network network = sim::reach::Network::build(snapshot);
    const bool fromOutside = from.compare(QLatin1String("internet"), Qt::CaseInsensitive) == 0;
    std::vector<sim::reach::Connection> connections;
    if (error.isEmpty() && fromOutside) {
        // The ways in that end at `to`: its pods, its Service, or the Ingress/Gateway it names.
        for (sim::reach::Connection &connection : sim::reach::exposures(network, snapshot)) {
            const sim::reach::Peer &pod = network.peers()[std::size_t(connection.to)];
            const bool matches = to.isEmpty() || pod.workload == to || pod.name == to || connection.service == to || connection.via == to;
            const bool portMatches = !portNumber || connection.port == *portNumber || connection.servicePort == *portNumber;
            const bool protocolMatches = !protocol || connection.protocol == *protocol;
            if (matches && portMatches && protocolMatches)
                connections.push_back(std::move(connection));
        }
        if (connections.empty())
            error = tr("nothing outside the cluster reaches %1%2 (no LoadBalancer or NodePort Service, Ingress or Gateway route leads there)")
                        .arg(to.isEmpty() ? tr("any pod") : to, port.isEmpty() ? QString() : tr(" on port %1").arg(port));
    } else if (error.isEmpty()) {
        sim::reach::Query query;
        query.from = from;
        query.to = to;
        query.port = portNumber;
        query.protocol = protocol;
        sim::reach::QueryResult result = sim::reach::runQuery(network, query);
        error = result.error;
        connections = std::move(result.connections);
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
        return p.isPod() ? objectIdOf(p.workloadKind, p.workload) : model::noObject;
    };
    const auto name = [&network](const sim::reach::Connection &connection, int peer) {
        return peer >= 0 && peer < int(network.peers().size()) ? network.peers()[std::size_t(peer)].name : connection.fromName;
    };
    QStringList lines;
    int allowed = 0;
    constexpr int shownAtMost = 500;
    // Connections with the same objects on the way form one drawn path.
    std::map<QList<model::ObjectId>, int> pathIndex;
    QList<QSet<QString>> pathPorts;
    for (const sim::reach::Connection &connection : connections) {
        ReachPath path;
        path.fromOutside = fromOutside;
        QString deciding;
        if (fromOutside) {
            for (const auto &[kind, objectName] : entryObjects(connection))
                path.hops << objectIdOf(kind, objectName);
            deciding = policyClauses(connection.reason);
        } else {
            path.hops << objectOf(connection.from);
            m_pathSources.insert(objectOf(connection.from));
            if (!connection.service.isEmpty())
                path.hops << objectIdOf(QStringLiteral("Service"), connection.service);
            const auto egress = network.decide(connection.from, connection.to, sim::reach::Direction::Egress, connection.protocol, connection.port);
            const auto ingress = network.decide(connection.from, connection.to, sim::reach::Direction::Ingress, connection.protocol, connection.port);
            deciding = decidingText(network, egress, ingress);
        }
        path.hops << objectOf(connection.to);
        for (model::ObjectId hop : path.hops.mid(fromOutside ? 0 : 1))
            m_pathDestinations.insert(hop);
        path.hops.removeAll(model::noObject);
        allowed += connection.allowed ? 1 : 0;
        if (path.hops.size() >= (fromOutside ? 1 : 2)) {
            auto found = pathIndex.find(path.hops);
            if (found == pathIndex.end()) {
                found = pathIndex.emplace(path.hops, int(m_paths.size())).first;
                path.allowed = connection.allowed;
                path.decidedBy = deciding;
                m_paths << path;
                pathPorts << QSet<QString>();
            }
            ReachPath &drawn = m_paths[found->second];
            // An allowed connection decides what the path says; otherwise the first denial.
            if (connection.allowed && !drawn.allowed) {
                drawn.allowed = true;
                drawn.decidedBy = deciding;
            }
            pathPorts[found->second].insert(QStringLiteral("%1/%2 %3")
                                                .arg(connection.port)
                                                .arg(sim::reach::protocolName(connection.protocol), verdictWord(connection.allowed)));
        }
        if (lines.size() >= shownAtMost)
            continue;
        QString via;
        if (fromOutside)
            via = QStringLiteral(" via %1 %2 %3").arg(connection.exposure, connection.via, connection.route);
        else if (!connection.service.isEmpty())
            via = tr(" via Service %1:%2").arg(connection.service).arg(connection.servicePort);
        lines.append(QStringLiteral("%1 %2 -> %3 %4/%5%6: %7")
                         .arg(verdictWord(connection.allowed), name(connection, connection.from), name(connection, connection.to))
                         .arg(connection.port)
                         .arg(sim::reach::protocolName(connection.protocol), via, connection.reason));
    }
    for (int i = 0; i < m_paths.size(); ++i) {
        QStringList ports(pathPorts.at(i).cbegin(), pathPorts.at(i).cend());
        ports.sort();
        m_paths[i].label = ports.join(QStringLiteral(", "));
    }
    m_pathSources.remove(model::noObject);
    m_pathDestinations.remove(model::noObject);
    QString head = tr("%1 → %2%3: %n connection(s)", nullptr, int(connections.size()))
                       .arg(from.isEmpty() ? tr("(any)") : from, to.isEmpty() ? tr("(any)") : to,
                            port.isEmpty() ? QString() : QStringLiteral(" port ") + port)
                   + tr(", %n allowed", nullptr, allowed);
    if (connections.size() > std::size_t(shownAtMost))
        head += tr(" (the first %1 shown)").arg(shownAtMost);
    QStringList deciding;
    for (const ReachPath &path : std::as_const(m_paths)) {
        if (!deciding.contains(path.decidedBy))
            deciding << path.decidedBy;
    }
    if (!deciding.isEmpty())
        head += QStringLiteral("\n") + tr("Deciding: ") + deciding.join(QStringLiteral("\n          "));
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
