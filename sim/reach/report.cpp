// SPDX-License-Identifier: GPL-3.0-or-later
// Text, summary, matrix and dot output of `kstudio reach`. Grouping uses QMap so that the
// output order never depends on hashing.
#include "report.h"

#include <QMap>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace kstudio::sim::reach {

namespace {

const Peer &peerAt(const Network &network, int index)
{
    return network.peers()[static_cast<std::size_t>(index)];
}

QString groupOf(const Peer &peer)
{
    return peer.isPod() ? peer.ns : peer.name;
}

struct Totals
{
    qint64 allowed = 0;
    qint64 denied = 0;
};

QString totalsLine(const Totals &totals)
{
    const qint64 count = totals.allowed + totals.denied;
    return QString::number(count) + (count == 1 ? u" connection: "_s : u" connections: "_s)
           + QString::number(totals.allowed) + u" allowed, "_s + QString::number(totals.denied)
           + u" denied"_s;
}

QMap<std::pair<QString, QString>, ConnectionSet>
workloadCells(const Network &network, const std::vector<Connection> &connections)
{
    QMap<std::pair<QString, QString>, ConnectionSet> cells;
    for (const Connection &connection : connections) {
        ConnectionSet &cell = cells[{peerAt(network, connection.from).workload,
                                     peerAt(network, connection.to).workload}];
        if (connection.allowed)
            cell.add(connection.protocol, PortSet::range(connection.port, connection.port));
    }
    return cells;
}

QString quoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s);
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace

QString sourceName(const Network &network, const Connection &connection)
{
    if (!connection.fromName.isEmpty() || connection.from < 0)
        return connection.fromName;
    return peerAt(network, connection.from).name;
}

void appendTextEntry(QString &out, const Network &network, const Connection &connection)
{
    out += (connection.allowed ? u"allowed "_s : u"denied  "_s)
           + sourceName(network, connection) + u" -> "_s + peerAt(network, connection.to).name
           + QLatin1Char(' ') + QString::number(connection.port) + QLatin1Char('/')
           + protocolName(connection.protocol);
    if (!connection.exposure.isEmpty()) {
        out += u"\n    path: "_s + connection.exposure + QLatin1Char(' ') + connection.via
               + u", "_s + connection.route;
    }
    if (!connection.reason.isEmpty())
        out += u"\n    "_s + connection.reason;
    out += QLatin1Char('\n');
}

QString textTotals(qint64 allowed, qint64 denied)
{
    return totalsLine({allowed, denied}) + QLatin1Char('\n');
}

QString toText(const Network &network, const std::vector<Connection> &connections)
{
    QString out;
    Totals totals;
    for (const Connection &connection : connections) {
        (connection.allowed ? totals.allowed : totals.denied) += 1;
        appendTextEntry(out, network, connection);
    }
    return out + textTotals(totals.allowed, totals.denied);
}

QString toSummary(const Network &network, const std::vector<Connection> &connections)
{
    GroupTotals groups;
    for (const Connection &connection : connections) {
        PairTotals &group = groups[{connection.from >= 0 ? groupOf(peerAt(network, connection.from))
                                                         : connection.fromName,
                                    groupOf(peerAt(network, connection.to))}];
        (connection.allowed ? group.allowed : group.denied) += 1;
    }
    return summaryText(groups);
}

QString summaryText(const GroupTotals &totals)
{
    QString out;
    Totals all;
    for (const auto &[groups, cell] : totals) {
        out += groups.first + u" -> "_s + groups.second + u": "_s + QString::number(cell.allowed)
               + u" allowed, "_s + QString::number(cell.denied) + u" denied\n"_s;
        all.allowed += cell.allowed;
        all.denied += cell.denied;
    }
    return out + totalsLine(all) + QLatin1Char('\n');
}

QString toMatrix(const Network &network, const std::vector<Connection> &connections)
{
    const auto cells = workloadCells(network, connections);
    QString out;
    for (auto it = cells.cbegin(); it != cells.cend(); ++it) {
        out += it.key().first + u" -> "_s + it.key().second + u": "_s
               + (it.value().isEmpty() ? u"none"_s : it.value().toString()) + QLatin1Char('\n');
    }
    return out;
}

QString toDot(const Network &network, const std::vector<Connection> &connections)
{
    const auto cells = workloadCells(network, connections);
    QMap<QString, QStringList> groups; // namespace (or external) -> workloads
    for (const Connection &connection : connections) {
        for (int index : {connection.from, connection.to}) {
            const Peer &peer = peerAt(network, index);
            QStringList &members = groups[groupOf(peer)];
            if (!members.contains(peer.workload))
                members << peer.workload;
        }
    }
    QString out = u"digraph reach {\n  rankdir=LR;\n  node [shape=box];\n"_s;
    int cluster = 0;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        QStringList members = it.value();
        members.sort();
        out += u"  subgraph cluster_"_s + QString::number(cluster++) + u" {\n    label="_s
               + quoted(it.key()) + u";\n"_s;
        for (const QString &member : members)
            out += u"    "_s + quoted(member) + u";\n"_s;
        out += u"  }\n"_s;
    }
    for (auto it = cells.cbegin(); it != cells.cend(); ++it) {
        if (it.value().isEmpty())
            continue;
        out += u"  "_s + quoted(it.key().first) + u" -> "_s + quoted(it.key().second)
               + u" [label="_s + quoted(it.value().toString()) + u"];\n"_s;
    }
    return out + u"}\n"_s;
}

} // namespace kstudio::sim::reach
