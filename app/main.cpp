// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio: subcommands run headless (QCoreApplication); no subcommand starts the studio.
#include "cli/cli.h"

#ifdef KSTUDIO_WITH_GUI
#include "main_window.h"

#include <editors/canvas/canvas_view.h>
#include <editors/classroom/classroom_view.h>
#include <editors/simulation/capacity_dialog.h>
#include <editors/simulation/cluster_panel.h>
#include <editors/simulation/placement_view.h>
#include <editors/simulation/reachability_view.h>

#include <QAction>
#include <QLineEdit>
#include <QPushButton>

#include <QApplication>
#include <QDockWidget>
#include <QTimer>
#endif
#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    if (kstudio::app::isCliInvocation(arguments)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("kstudio"));
        QCoreApplication::setApplicationVersion(QStringLiteral(KSTUDIO_VERSION));
        return kstudio::app::runCli(arguments);
    }
#ifdef KSTUDIO_WITH_GUI
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("kstudio"));
    QApplication::setOrganizationName(QStringLiteral("kstudio"));
    QApplication::setApplicationVersion(QStringLiteral(KSTUDIO_VERSION));
    kstudio::app::MainWindow window;
    window.show();
    // KSTUDIO_SCREENSHOT=FILE: open, wait for the window to settle, save a picture of it and
    // quit (scripts/screenshots.sh uses it for the README).
    const QString screenshot = qEnvironmentVariable("KSTUDIO_SCREENSHOT");
    if (!screenshot.isEmpty())
        window.setInteractive(false);
    if (arguments.size() > 1)
        window.openPath(arguments.at(1));
    else if (screenshot.isEmpty())
        window.offerRecovery();
    if (!screenshot.isEmpty()) {
        // KSTUDIO_SCREENSHOT_FIND=TEXT: select what Find finds first (the inspector shows it).
        const QString find = qEnvironmentVariable("KSTUDIO_SCREENSHOT_FIND");
        if (!find.isEmpty())
            QTimer::singleShot(500, &window, [&window, find] { window.find(find); });
        // KSTUDIO_SCREENSHOT_DOCK=NAME: bring that dock to the front (placementDock, clusterDock...).
        const QString dock = qEnvironmentVariable("KSTUDIO_SCREENSHOT_DOCK");
        if (!dock.isEmpty()) {
            if (auto *widget = window.findChild<QDockWidget *>(dock)) {
                widget->raise();
                window.resizeDocks({widget}, {window.height() / 2}, Qt::Vertical);
                QTimer::singleShot(300, &window, [&window] { window.canvas()->fitAll(); });
            }
        }
        // KSTUDIO_SCREENSHOT_ACTIONS=NAME[,NAME]: trigger those actions (exposureAction, classroomAction).
        const QStringList actions = qEnvironmentVariable("KSTUDIO_SCREENSHOT_ACTIONS").split(QLatin1Char(','), Qt::SkipEmptyParts);
        // KSTUDIO_SCREENSHOT_PATH=FROM;TO;PORT: a path query in the Reachability dock (drawn on the canvas).
        const QStringList path = qEnvironmentVariable("KSTUDIO_SCREENSHOT_PATH").split(QLatin1Char(';'));
        // KSTUDIO_SCREENSHOT_CLASSROOM=schedule;STEP or connect;FROM;TO;PORT;STEP: the classroom stepper at that step.
        const QStringList classroom = qEnvironmentVariable("KSTUDIO_SCREENSHOT_CLASSROOM").split(QLatin1Char(';'));
        // KSTUDIO_SCREENSHOT_CELL=FROM;TO: the Reachability matrix's cell of two workloads, explained.
        const QStringList cell = qEnvironmentVariable("KSTUDIO_SCREENSHOT_CELL").split(QLatin1Char(';'));
        QTimer::singleShot(600, &window, [&window, actions, path, classroom, cell] {
            if (cell.size() == 2)
                window.reachabilityView()->showCell(cell.at(0), cell.at(1));
            for (const QString &name : actions) {
                if (auto *action = window.findChild<QAction *>(name))
                    action->trigger();
            }
            if (path.size() == 3) {
                kstudio::editors::ReachabilityView *reach = window.reachabilityView();
                reach->findChild<QLineEdit *>(QStringLiteral("reachFrom"))->setText(path.at(0));
                reach->findChild<QLineEdit *>(QStringLiteral("reachTo"))->setText(path.at(1));
                reach->findChild<QLineEdit *>(QStringLiteral("reachPort"))->setText(path.at(2));
                reach->runPathQuery();
            }
            kstudio::editors::ClassroomView *stepper = window.classroomView();
            if (classroom.size() == 2 && classroom.at(0) == QLatin1String("schedule")) {
                window.setClassroomMode(true);
                stepper->startScheduling();
                stepper->goTo(classroom.at(1).toInt());
            } else if (classroom.size() == 5 && classroom.at(0) == QLatin1String("connect")) {
                window.setClassroomMode(true);
                stepper->startConnection(classroom.at(1), classroom.at(2), classroom.at(3));
                stepper->goTo(classroom.at(4).toInt());
            }
            QTimer::singleShot(300, &window, [&window] { window.canvas()->fitAll(); });
        });
        // KSTUDIO_SCREENSHOT_WHATIF=drain:NODE|cordon:NODE|failNode:NODE|failZone:ZONE|hpaMax: a
        // what-if on the Placement view (with KSTUDIO_SCREENSHOT_DOCK=placementDock).
        const QString whatIf = qEnvironmentVariable("KSTUDIO_SCREENSHOT_WHATIF");
        if (!whatIf.isEmpty()) {
            QTimer::singleShot(200, &window, [&window, whatIf] {
                kstudio::editors::PlacementView *placement = window.placementView();
                const QString target = whatIf.section(QLatin1Char(':'), 1);
                if (whatIf.startsWith(QLatin1String("drain:")))
                    placement->drainNode(target);
                else if (whatIf.startsWith(QLatin1String("cordon:")))
                    placement->setCordoned(target, true);
                else if (whatIf.startsWith(QLatin1String("failNode:")))
                    placement->failNode(target);
                else if (whatIf.startsWith(QLatin1String("failZone:")))
                    placement->failZone(target);
                else if (whatIf == QLatin1String("hpaMax"))
                    placement->setHpaAtMax(true);
            });
        }
        // KSTUDIO_SCREENSHOT_DIALOG=capacity: the Cluster panel's capacity planning dialog, planned;
        // the picture is of the dialog.
        const bool capacity = qEnvironmentVariable("KSTUDIO_SCREENSHOT_DIALOG") == QLatin1String("capacity");
        if (capacity)
            QTimer::singleShot(300, &window, [&window] { window.clusterPanel()->openCapacityDialog()->plan(); });
        QTimer::singleShot(1500, &window, [&window, screenshot, capacity] {
            QWidget *shown = &window;
            if (auto *dialog = window.findChild<kstudio::editors::CapacityDialog *>(); capacity && dialog) {
                dialog->waitForPlan();
                shown = dialog;
            }
            const bool saved = shown->grab().save(screenshot);
            QApplication::exit(saved ? 0 : 2);
        });
    }
    return app.exec();
#else
    return kstudio::app::runCli({arguments.value(0), QStringLiteral("--help")});
#endif
}
