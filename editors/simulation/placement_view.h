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
class QPlainTextEdit;

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
    QStringList labels;      // key=value, sorted
    QStringList taints;      // key=value:Effect
    QString allocatable;     // "cpu 4, memory 16Gi, pods 110" as the scheduler counts it
};

// A what-if's consequences, worked out from the schedule and the design's Services.
struct WhatIfSummary
{
    struct Moved
    {
        QString pod;
        QString from;
        QString to; // empty: Pending
    };
    QString whatIf;            // "" when none is set, else "Zone zone-a fails" or "Drain node-1"
    std::vector<Moved> moved;
    QStringList pending;       // placed before the what-if, Pending after it
    QStringList servicesDown;  // ns/name: Services all of whose selected pods are Pending or gone
    QString toText() const;
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

    // Selection on the canvas (a click on a pod chip or a node card does the same).
    void selectPod(const QString &pod); // ns/name
    void selectNode(const QString &node);
    QString selectedPod() const { return m_selectedPod; }
    QString selectedNode() const { return m_selectedNode; }
    // The details pane: per node, each Filter plugin's verdict and each Score plugin's weighted
    // score for the selected pod; or the selected node's pods, taints, labels and allocatable.
    QString details() const;
    // The last what-if's summary (empty when none is set).
    const WhatIfSummary &whatIfSummary() const { return m_whatIfSummary; }
    QWidget *canvas() const;
    // Where the chip of pod / the card of node is drawn, in canvas coordinates (invalid if not).
    QRect chipRect(const QString &pod) const;
    QRect cardRect(const QString &node) const;

Q_SIGNALS:
    void simulated();

private:
    void fillWhatIfs();
    void showDetails();
    QString m_selectedPod;
    QString m_selectedNode;
    WhatIfSummary m_whatIfSummary;
    QPlainTextEdit *m_details;
    QPlainTextEdit *m_whatIfText;
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
