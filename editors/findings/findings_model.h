// SPDX-License-Identifier: GPL-3.0-or-later
// FindingsModel: the validation engine's findings over a document, kept live as it changes.
#pragma once

#include <model/core/document.h>
#include <sim/validate/config.h>
#include <sim/validate/finding.h>

#include <QAbstractTableModel>
#include <QTimer>

#include <memory>

class QThread;

namespace kstudio::sim::validate {
class Index;
}

namespace kstudio::editors {

// Re-validates a short moment after the last change (edits come in bursts while typing or
// dragging); the engine itself runs in milliseconds for designs of thousands of objects.
class FindingsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, ObjectColumn, MessageColumn, RuleColumn, ColumnCount };
    enum Role { ObjectIdRole = Qt::UserRole + 1, PathRole };

    explicit FindingsModel(const model::Document *document, QObject *parent = nullptr);
    // Off: only the validation engine (the network lint needs seconds at 10,000 pods).
    void setNetworkLint(bool enabled);
    ~FindingsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The validation engine's findings and, once computed off the GUI thread, the network
    // lint's (sim/reach/lint.h: redundant policies, DNS egress blocked, unreachable Services).
    const sim::validate::Findings &findings() const { return m_findings; }
    // Blocks until the network lint of the current design is in (tests, scripted use).
    void waitForNetworkLint();
    // Counts per severity, for a status line.
    int count(sim::validate::Severity severity) const;
    // Validates now instead of after the pause.
    void refresh();

Q_SIGNALS:
    void refreshed();

private:
    const model::Document *m_document;
    sim::validate::Findings m_findings;
    QTimer m_pause;
    // Incremental re-validation: the snapshot the findings are of, its index, and the objects
    // changed since.
    model::Snapshot m_validated;
    std::unique_ptr<sim::validate::Index> m_index;
    sim::validate::Config m_config;
    // The validation engine's own findings (the incremental path updates these), and the
    // network lint's of the newest design it finished on.
    sim::validate::Findings m_validation;
    sim::validate::Findings m_networkLint;
    void startNetworkLint();
    void merge();
    void lintFinished();
    bool m_lintEnabled = true;
    quint64 m_lintGeneration = 0;
    // One lint at a time, started a pause after the last refresh; edits meanwhile ask for one
    // more run when it ends (they never pile up threads on a 2-core machine).
    QTimer m_lintPause;
    QThread *m_lintThread = nullptr;
    bool m_lintAgain = false;
    QList<model::ObjectId> m_changed;
    bool m_fullRun = true;
};

} // namespace kstudio::editors
