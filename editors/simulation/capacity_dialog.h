// SPDX-License-Identifier: GPL-3.0-or-later
// CapacityDialog: the fewest nodes of one shape that fit every pod, with and without the loss of
// a zone (sim/sched/capacity.h planCapacity, `kstudio schedule --plan-capacity`). The shape is a
// node pool's or typed in (CPU, memory, pods) with its zones. The search runs full scheduling
// simulations on a worker thread. Apply sets the pool's node count, one undoable edit.
#pragma once

#include <atomic>

#include <model/core/document.h>
#include <sim/sched/capacity.h>

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QThread;
class QUndoStack;

namespace kstudio::editors {

class CapacityDialog final : public QDialog
{
    Q_OBJECT
public:
    CapacityDialog(model::Document *document, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~CapacityDialog() override;

    // Shape fields: a pool (index into the design's pools) or a custom shape (-1).
    void choosePool(int pool);
    int chosenPool() const;
    QLineEdit *cpuField() const { return m_cpu; }
    QLineEdit *memoryField() const { return m_memory; }
    QLineEdit *podsField() const { return m_pods; }
    QLineEdit *zonesField() const { return m_zones; }

    void plan();        // starts the search (Plan button)
    void waitForPlan(); // for tests: until the result is shown
    bool isPlanning() const { return m_thread != nullptr; }
    const sim::sched::CapacityPlan &result() const { return m_plan; }
    QString resultText() const;
    QString error() const; // a bad shape field, shown in the dialog
    // Set the chosen pool's count to the plan's answer (zoneFailure: the count that survives
    // the loss of a zone). One undoable edit; false when there is nothing to apply.
    bool apply(bool zoneFailure);
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *applyZoneButton() const { return m_applyZone; }

Q_SIGNALS:
    void planned();

private:
    void shapeEdited();
    void showPlan();
    void updateButtons();
    model::Document *m_document;
    QUndoStack *m_undoStack;
    QComboBox *m_source;
    QLineEdit *m_cpu;
    QLineEdit *m_memory;
    QLineEdit *m_pods;
    QLineEdit *m_zones;
    QCheckBox *m_hpaMax;
    QPushButton *m_planButton;
    QPushButton *m_apply;
    QPushButton *m_applyZone;
    QLabel *m_note;
    QLabel *m_error;
    QPlainTextEdit *m_result;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false}; // set when the dialog goes: the plan stops at its next run
    sim::sched::CapacityPlan m_plan;
    bool m_hasPlan = false;
    int m_plannedPool = -1; // the pool the shown plan was for
    bool m_filling = false;
};

} // namespace kstudio::editors
