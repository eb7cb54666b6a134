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
    out += (connection.allowed ? u"allowed "_s : u"denied  "_s) + sourceName(network, connection)
           + u" -> "_s + peerAt(network, connection.to).name + QLatin1Char(' ')
           + QString::number(connection.port) + QLatin1Char('/')
           + protocolName(connection.protocol);
    if (!connection.exposure.isEmpty()) {
        out += u"\n    path: "_s + connection.exposure + QLatin1Char(' ') + connection.via + u", "_s
               + connection.route;
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

WorkloadMatrix matrixOf(const Network &network, const std::vector<Connection> &connections)
{
    WorkloadMatrix matrix;
    for (const Connection &connection : connections) {
        const Peer &from = peerAt(network, connection.from);
        const Peer &to = peerAt(network, connection.to);
        ConnectionSet &cell = matrix.cells[{from.workload, to.workload}];
        if (connection.allowed)
            cell.add(connection.protocol, PortSet::range(connection.port, connection.port));
        matrix.groupOf[from.workload] = groupOf(from);
        matrix.groupOf[to.workload] = groupOf(to);
    }
    return matrix;
}

QString matrixText(const WorkloadMatrix &matrix)
{
    QString out;
    for (const auto &[workloads, cell] : matrix.cells) {
        out += workloads.first + u" -> "_s + workloads.second + u": "_s
               + (cell.isEmpty() ? u"none"_s : cell.toString()) + QLatin1Char('\n');
    }
    return out;
}

QString dotText(const WorkloadMatrix &matrix)
{
    QMap<QString, QStringList> groups; // namespace (or external) -> workloads, sorted
    for (const auto &[workload, group] : matrix.groupOf)
        groups[group] << workload;
    QString out = u"digraph reach {\n  rankdir=LR;\n  node [shape=box];\n"_s;
    int cluster = 0;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        out += u"  subgraph cluster_"_s + QString::number(cluster++) + u" {\n    label="_s
               + quoted(it.key()) + u";\n"_s;
        for (const QString &member : it.value())
            out += u"    "_s + quoted(member) + u";\n"_s;
        out += u"  }\n"_s;
    }
    for (const auto &[workloads, cell] : matrix.cells) {
        if (cell.isEmpty())
            continue;
        out += u"  "_s + quoted(workloads.first) + u" -> "_s + quoted(workloads.second)
               + u" [label="_s + quoted(cell.toString()) + u"];\n"_s;
    }
    return out + u"}\n"_s;
}

QString toMatrix(const Network &network, const std::vector<Connection> &connections)
{
    return matrixText(matrixOf(network, connections));
}

QString toDot(const Network &network, const std::vector<Connection> &connections)
{
    return dotText(matrixOf(network, connections));
}

} // namespace kstudio::sim::reach
