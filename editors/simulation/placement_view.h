// SPDX-License-Identifier: GPL-3.0-or-later
// PlacementView: where kube-scheduler (sim/sched, the CLI's engine) puts the design's pods.
// Nodes grouped by zone with CPU, memory and pod bars and their pods as chips coloured by
// workload; Pending pods listed with the scheduler's own reason. Re-simulates on a worker thread
// shortly after each edit (one run at a time; edits during a run start one more when it ends).
//
// What-ifs (drain, cordon, fail a node or a zone, scale a workload, HPAs at max) ask "what if":
// they do not change the design, so they are not on the document's undo stack (they would
// mark the design modified and be saved as edits). They are steps on the view's own undo stack
// (whatIfStack()), shown on the view with Undo, Redo and Reset; the main window puts both
// stacks in a QUndoGroup and makes this one active while the view has the focus, so Ctrl+Z
// there takes back the last what-if, as it takes back the last edit elsewhere.
#pragma once

#include "placement_run.h"

#include <model/core/document.h>

#include <QHash>
#include <QTimer>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QListWidget;
class QMenu;
class QPlainTextEdit;
class QThread;
class QToolButton;
class QUndoStack;

namespace kstudio::editors {

class PlacementCanvas;

class PlacementView final : public QWidget
{
    Q_OBJECT
public:
    explicit PlacementView(const model::Document *document, QWidget *parent = nullptr);
    ~PlacementView() override;

    // Starts a simulation now (instead of after the pause) and waits for its result: for tests
    // and benchmarks; the view itself never waits.
    void simulateNow();
    // Waits until no simulation is pending or running and the last result is shown.
    void waitForSimulation();
    bool isSimulating() const;

    // What-ifs, each one undoable step on whatIfStack().
    const WhatIfScenario &scenario() const { return m_scenario; }
    void setScenario(const WhatIfScenario &scenario); // pushes one step (nothing if unchanged)
    void drainNode(const QString &node);
    void failNode(const QString &node);
    void failZone(const QString &zone);
    void setCordoned(const QString &node, bool cordoned);
    void scaleWorkload(const QString &workload, int replicas); // "Kind/namespace/name"
    void setHpaAtMax(bool atMax);
    void resetWhatIfs(); // back to the design as it is (itself undoable)
    QUndoStack *whatIfStack() const { return m_whatIfs; }
    // The workload ("Kind/namespace/name") a pod (ns/name) belongs to, empty for DaemonSet and bare pods.
    QString workloadOf(const QString &pod) const { return m_outcome.workloadOf.value(pod); }
    // Replicas the workload runs in the last result (its placed and Pending pods).
    int replicasOf(const QString &workload) const;

    const std::vector<PlacedNode> &nodes() const { return m_outcome.nodes; }
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
    // score for the selected pod (worked out by the next simulation run); or the selected
    // node's pods, taints, labels and allocatable.
    QString details() const;
    // The last what-if's summary (empty when none is set).
    const WhatIfSummary &whatIfSummary() const { return m_outcome.whatIf; }
    QWidget *canvas() const;
    // Where the chip of pod / the card of node / the header of zone is drawn, in canvas
    // coordinates (invalid if not).
    QRect chipRect(const QString &pod) const;
    QRect cardRect(const QString &node) const;
    QRect zoneRect(const QString &zone) const;
    // The context menu for a point of the canvas (a node card, a zone header, a pod chip), as
    // a right click there shows it; the caller owns it.
    QMenu *contextMenuAt(const QPoint &at);
    // Milliseconds the GUI thread spent showing the last result (lists, layout), and the
    // engine's time for it on the worker.
    double lastApplyMs() const { return m_lastApplyMs; }
    double lastEngineMs() const { return m_outcome.engineMs; }

Q_SIGNALS:
    void simulated();

private:
    friend class WhatIfCommand;
    void applyScenario(const WhatIfScenario &scenario); // from the undo stack
    void setAction(WhatIfScenario::Action action, const QString &target, int replicas = 0);
    void requestSimulation();
    void finished(PlacementOutcome outcome, quint64 generation);
    void showOutcome();
    void fillWhatIfs();
    void showDetails();
    void askScale(const QString &workload);
    QString zoneOfNode(const QString &node) const;
    QString m_selectedPod;
    QString m_selectedNode;
    QPlainTextEdit *m_details;
    QPlainTextEdit *m_whatIfText;
    const model::Document *m_document;
    QTimer m_pause;
    WhatIfScenario m_scenario;
    QUndoStack *m_whatIfs;
    PlacementOutcome m_outcome;
    QHash<QString, QString> m_pending;
    QThread *m_thread = nullptr;
    bool m_again = false;
    quint64 m_generation = 0;
    double m_lastApplyMs = 0;
    QComboBox *m_whatIfBox;
    QComboBox *m_hpaBox;
    QLabel *m_summary;
    QLabel *m_trail;
    QToolButton *m_undoButton;
    QToolButton *m_redoButton;
    QToolButton *m_resetButton;
    PlacementCanvas *m_canvas;
    QListWidget *m_pendingList;
};

} // namespace kstudio::editors
