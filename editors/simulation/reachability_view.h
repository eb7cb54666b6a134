// SPDX-License-Identifier: GPL-3.0-or-later
// ReachabilityView: the workload-to-workload matrix of what NetworkPolicies allow (sim/reach,
// the CLI's engine), coloured allowed/denied, with the explanation of a cell on click, and
// the workloads a selected one can reach / be reached from for the canvas to highlight.
#pragma once

#include <model/core/document.h>

#include <QHash>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <map>

class QLabel;
class QLineEdit;
class QPushButton;
class QPlainTextEdit;
class QTableWidget;

namespace kstudio::editors {

class ReachabilityView final : public QWidget
{
    Q_OBJECT
public:
    explicit ReachabilityView(const model::Document *document, QWidget *parent = nullptr);

    void recompute();
    QTableWidget *matrix() const { return m_matrix; }
    // The allowed ports from one workload ("ns/name") to another, as sim/reach writes them
    // ("" when the pair has no connection at all, "none" when all are denied).
    QString cell(const QString &from, const QString &to) const;
    // Explains the first port of a cell: every connection with its reason.
    QString explain(const QString &from, const QString &to) const;
    // The workloads id's pods can reach, and those that can reach them (ids of workload objects).
    QSet<model::ObjectId> reachableFrom(model::ObjectId id) const;
    QSet<model::ObjectId> reachingTo(model::ObjectId id) const;

    // Path query (as `kstudio reach --from --to --port`): every connection with its reason in
    // the explanation pane; the sources' and destinations' objects (workloads, and the Service
    // when --to names one) for the canvas to highlight. Empty from and to clear it.
    void runPathQuery();
    QString pathResult() const;
    const QSet<model::ObjectId> &pathSources() const { return m_pathSources; }
    const QSet<model::ObjectId> &pathDestinations() const { return m_pathDestinations; }

Q_SIGNALS:
    void recomputed();
    void pathQueried();

private:
    void showExplanation(int row, int column);
    model::ObjectId workloadId(const QString &name) const;
    QString workloadName(model::ObjectId id) const;

    const model::Document *m_document;
    QTimer m_pause;
    std::map<std::pair<QString, QString>, QString> m_cells; // allowed ports text
    std::map<std::pair<QString, QString>, bool> m_anyAllowed;
    QStringList m_workloads;
    QTableWidget *m_matrix;
    QPlainTextEdit *m_why;
    QLabel *m_summary;
    QLineEdit *m_from;
    QLineEdit *m_to;
    QLineEdit *m_port;
    QPushButton *m_query;
    QSet<model::ObjectId> m_pathSources;
    QSet<model::ObjectId> m_pathDestinations;
};

} // namespace kstudio::editors
