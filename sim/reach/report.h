// SPDX-License-Identifier: GPL-3.0-or-later
// The output formats of `kstudio reach` (../shared/CLI.md): json, text, summary, matrix, dot.
#pragma once

#include "reach.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace kstudio::sim::reach {

// The source's name: the peer's, or Connection::fromName for a source outside peers().
QString sourceName(const Network &network, const Connection &connection);

// {"connections":[{"from","to","port","protocol","allowed","reason"[,"service","servicePort"]}]},
// one entry a line, in the order given (runQuery sorts).
QByteArray toJson(const Network &network, const std::vector<Connection> &connections);

// Streaming pieces of toJson() for output that should not be held whole: the opening, one
// entry (first: no separating comma), and the closing (empty: no entry was written).
QByteArray jsonOpening();
void appendJsonEntry(QByteArray &out,
                     const Network &network,
                     const Connection &connection,
                     bool first);
QByteArray jsonClosing(bool empty);

// "allowed x/a -> y/b 80/TCP: reason", then a totals line.
QString toText(const Network &network, const std::vector<Connection> &connections);

// Streaming pieces of toText(): one entry, and the totals line.
void appendTextEntry(QString &out, const Network &network, const Connection &connection);
QString textTotals(qint64 allowed, qint64 denied);

// Totals per (source namespace, destination namespace); externals count as their own name.
QString toSummary(const Network &network, const std::vector<Connection> &connections);
// The same text from summarize()'s totals.
QString summaryText(const GroupTotals &totals);

// One line per (source workload, destination workload): the allowed ports, or "none".
QString toMatrix(const Network &network, const std::vector<Connection> &connections);

// Graphviz: workloads as nodes grouped by namespace, an edge labelled with the allowed ports.
QString toDot(const Network &network, const std::vector<Connection> &connections);

// The same two from a WorkloadMatrix (workloadMatrix(), or built from a listing).
WorkloadMatrix matrixOf(const Network &network, const std::vector<Connection> &connections);
QString matrixText(const WorkloadMatrix &matrix);
QString dotText(const WorkloadMatrix &matrix);

} // namespace kstudio::sim::reach
