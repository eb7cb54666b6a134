// SPDX-License-Identifier: GPL-3.0-or-later
// ClassroomView: steps through what the engines decide, one step at a time, in large type with
// the Kubernetes documentation of each step one click away.
// - Scheduling: every cycle of sim/sched's queue (Options::trace), pod by pod: the queue
//   (PrioritySort), Filter per plugin and node, Score per plugin and node, preemption
//   (PostFilter), and the bind or the Pending reason.
// - Connection: one connection's evaluation by sim/reach: the way in (a Service, an Ingress, a
//   Gateway route, a LoadBalancer or NodePort), the source's egress, the destination's
//   ingress, and the verdict.
// Steps are computed from the design when a walk starts; the view never edits the design.
#pragma once

#include <model/core/document.h>

#include <QList>
#include <QString>
#include <QUrl>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTabBar;
class QTextBrowser;

namespace kstudio::editors {

class ClassroomView final : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Scheduling, Connection };

    struct Step
    {
        QString phase;  // "Queue", "Filter", "Score", "Preemption", "Bind", "Egress"...
        QString title;  // "default/web-1: Filter"
        QString html;   // the body
        QList<std::pair<QString, QUrl>> docs; // the first is the step's own page
        QList<model::ObjectId> focus;         // objects of the design this step is about
    };

    explicit ClassroomView(const model::Document *document, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);

    // Runs the scheduler over the design with a trace and shows the first step; with a what-if
    // chosen (setWhatIf), its re-scheduling cycles follow.
    void startScheduling();
    // "" (as designed), "failZone:ZONE", "failNode:NODE" or "drain:NODE"; the choices offered
    // are the design's zones and nodes.
    void setWhatIf(const QString &whatIf);
    QStringList whatIfChoices() const;
    // Evaluates the connection(s) from -> to on port (the path query's syntax, "internet"
    // included) and walks the first; false with the reason shown when there is none.
    bool startConnection(const QString &from, const QString &to, const QString &port);

    int stepCount() const { return int(m_steps.size()); }
    int currentStep() const { return m_current; }
    const Step *step() const;
    void goTo(int index);
    void next() { goTo(m_current + 1); }
    void previous() { goTo(m_current - 1); }
    // Scheduling: jump to the first step of a pod's (last) cycle.
    bool goToPod(const QString &pod);
    QString stepText() const; // the body as plain text (tests)

    QPushButton *nextButton() const { return m_next; }
    QPushButton *previousButton() const { return m_previous; }

protected:
    void showEvent(QShowEvent *event) override;

Q_SIGNALS:
    void stepChanged();
    // The objects of the current step, for the canvas to highlight.
    void focusChanged(const QList<model::ObjectId> &objects);

private:
    void show(int index);

    const model::Document *m_document;
    Mode m_mode = Mode::Scheduling;
    QList<Step> m_steps;
    QList<int> m_cycleStart; // scheduling: first step of each cycle
    QStringList m_cyclePod;
    int m_current = -1;
    QTabBar *m_modes;
    QStackedWidget *m_controls;
    void refreshWhatIfs();
    QComboBox *m_pods;
    QComboBox *m_whatIf;
    bool m_stale = false; // the design changed since the steps were made
    QLineEdit *m_from;
    QLineEdit *m_to;
    QLineEdit *m_port;
    QLabel *m_position;
    QLabel *m_title;
    QTextBrowser *m_body;
    QLabel *m_docs;
    QPushButton *m_previous;
    QPushButton *m_next;
};

} // namespace kstudio::editors
