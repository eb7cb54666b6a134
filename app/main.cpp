// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio: subcommands run headless (QCoreApplication); no subcommand starts the studio.
#include "cli/cli.h"

#ifdef KSTUDIO_WITH_GUI
#include "main_window.h"

#include <editors/canvas/canvas_view.h>

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
        QTimer::singleShot(1500, &window, [&window, screenshot] {
            const bool saved = window.grab().save(screenshot);
            QApplication::exit(saved ? 0 : 2);
        });
    }
    return app.exec();
#else
    return kstudio::app::runCli({arguments.value(0), QStringLiteral("--help")});
#endif
}
