// SPDX-License-Identifier: GPL-3.0-or-later
// PlacementView: where kube-scheduler (sim/sched, the CLI's engine) puts the design's pods.
// Nodes grouped by zone with CPU, memory and pod bars and their pods as chips coloured by
// workload; Pending pods listed with the scheduler's own reason. Re-simulates shortly after
// each edit. What-ifs (fail a zone, drain a node, HPAs at max) are view settings: they ask
// "what if", they do not change the design.
#pragma once

#include <model/core/document.h>

#include <QHash>
#include <QTimer>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QListWidget;

namespace kstudio::editors {

struct PlacedNode
{
    QString name;
    QString zone;
    bool cordoned = false;
    bool lost = false; // failed with its zone (what-if)
    double cpuUsed = 0, cpuTotal = 0;       // cores
    double memoryUsed = 0, memoryTotal = 0; // bytes
    int podsUsed = 0, podsTotal = 0;
    QStringList pods; // ns/name, sorted
};

class PlacementCanvas;

class PlacementView final : public QWidget
{
    Q_OBJECT
public:
    explicit PlacementView(const model::Document *document, QWidget *parent = nullptr);

    // Runs the simulation now (instead of after the pause).
    void simulateNow();
    // What-if: "" (as designed), "zone:<zone>" (the zone fails) or "drain:<node>".
    void setWhatIf(const QString &whatIf);
    void setHpaAtMax(bool atMax);

    const std::vector<PlacedNode> &nodes() const { return m_nodes; }
    QStringList podsOn(const QString &node) const;
    // Pending pods (ns/name) and kube-scheduler's reason for each.
    const QHash<QString, QString> &pending() const { return m_pending; }
    QString summary() const;

Q_SIGNALS:
    void simulated();

private:
    void fillWhatIfs();
    const model::Document *m_document;
    QTimer m_pause;
    QString m_whatIf;
    bool m_hpaMax = false;
    std::vector<PlacedNode> m_nodes;
    QHash<QString, QString> m_pending;
    QString m_whatIfReport;
    QComboBox *m_whatIfBox;
    QComboBox *m_hpaBox;
    QLabel *m_summary;
    PlacementCanvas *m_canvas;
    QListWidget *m_pendingList;
};

} // namespace kstudio::editors
