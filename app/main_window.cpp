// SPDX-License-Identifier: GPL-3.0-or-later
// The studio's main window (the full editor is issue #7).
#include "main_window.h"

#include <editors/findings/findings_model.h>
#include <editors/outline/outline_model.h>
#include <model/core/auto_layout.h>
#include <model/io/manifest_reader.h>
#include <model/io/project_file.h>
#include <model/io/yaml_writer.h>

#include <QApplication>
#include <QDockWidget>
#include <QTableView>
#include <QFileInfo>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QTreeView>

namespace kstudio::app {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Kubernetes Design Studio"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/kstudio.svg")));
    m_outline = new editors::OutlineModel(&m_document, this);
    m_tree = new QTreeView;
    m_tree->setModel(m_outline);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_yaml = new QPlainTextEdit;
    m_yaml->setReadOnly(true);
    m_yaml->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_yaml->setPlaceholderText(tr("Select an object to see its manifest."));
    auto *splitter = new QSplitter;
    splitter->addWidget(m_tree);
    splitter->addWidget(m_yaml);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({380, 620});
    setCentralWidget(splitter);
    m_status = new QLabel;
    statusBar()->addWidget(m_status);

    // Findings of the live validation, under the editor; activating one selects its object.
    m_findings = new editors::FindingsModel(&m_document, this);
    auto *findingsView = new QTableView;
    findingsView->setObjectName(QStringLiteral("findingsView"));
    findingsView->setModel(m_findings);
    findingsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    findingsView->setWordWrap(false);
    findingsView->verticalHeader()->hide();
    findingsView->horizontalHeader()->setSectionResizeMode(editors::FindingsModel::MessageColumn, QHeaderView::Stretch);
    findingsView->horizontalHeader()->setSectionResizeMode(editors::FindingsModel::ObjectColumn, QHeaderView::ResizeToContents);
    findingsView->horizontalHeader()->setSectionResizeMode(editors::FindingsModel::RuleColumn, QHeaderView::ResizeToContents);
    findingsView->verticalHeader()->setDefaultSectionSize(findingsView->fontMetrics().height() + 6);
    auto *findingsDock = new QDockWidget(tr("Findings"));
    findingsDock->setObjectName(QStringLiteral("findingsDock"));
    findingsDock->setWidget(findingsView);
    addDockWidget(Qt::BottomDockWidgetArea, findingsDock);
    connect(findingsView, &QAbstractItemView::activated, this, &MainWindow::showFinding);
    connect(findingsView, &QAbstractItemView::clicked, this, &MainWindow::showFinding);
    connect(m_findings, &editors::FindingsModel::refreshed, this, &MainWindow::updateStatus);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAsDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::showSelected);
    connect(&m_document, &model::Document::changed, this, [this] {
        m_tree->expandAll();
        updateStatus();
    });
    resize(1100, 720);
}

bool MainWindow::openPath(const QString &path)
{
    if (path.endsWith(QLatin1String(".kstudio"), Qt::CaseInsensitive)) {
        model::ProjectReadResult project = model::readProject(path);
        if (!project.ok) {
            QStringList problems;
            for (const model::Diagnostic &diagnostic : project.diagnostics)
                problems.append(diagnostic.toString());
            QMessageBox::warning(this, tr("Cannot open"), problems.join(QLatin1Char('\n')));
            return false;
        }
        m_document.reset(model::toSnapshot(std::move(project)));
        m_path = path;
        selectFirstObject();
        return true;
    }
    model::LoadResult loaded = model::loadPaths({path});
    QStringList problems;
    for (const model::Diagnostic &diagnostic : loaded.diagnostics)
        problems.append(diagnostic.toString());
    if (loaded.objects.empty() && model::hasErrors(loaded.diagnostics)) {
        QMessageBox::warning(this, tr("Cannot open"), problems.join(QLatin1Char('\n')));
        return false;
    }
    m_document.reset(model::Snapshot());
    m_document.addObjects(std::move(loaded.objects));
    m_document.apply(model::layoutEdit(model::autoLayout(m_document.snapshot())));
    m_path = path;
    selectFirstObject();
    if (!problems.isEmpty())
        QMessageBox::information(this, tr("Opened with problems"), problems.join(QLatin1Char('\n')));
    return true;
}

void MainWindow::updateStatus()
{
    using sim::validate::Severity;
    m_status->setText(tr("%n object(s)", nullptr, m_document.snapshot().size())
                      + QStringLiteral(" · ")
                      + tr("%1 errors, %2 warnings, %3 notes")
                            .arg(m_findings->count(Severity::Error))
                            .arg(m_findings->count(Severity::Warning))
                            .arg(m_findings->count(Severity::Info)));
}

void MainWindow::showFinding(const QModelIndex &index)
{
    const auto id = model::ObjectId{index.data(editors::FindingsModel::ObjectIdRole).toULongLong()};
    const QModelIndex row = m_outline->indexOf(id);
    if (row.isValid())
        m_tree->setCurrentIndex(row);
}

void MainWindow::selectFirstObject()
{
    setWindowTitle(tr("%1 — Kubernetes Design Studio").arg(QFileInfo(m_path).fileName()));
    const QModelIndex firstGroup = m_outline->index(0, 0);
    if (firstGroup.isValid() && m_outline->rowCount(firstGroup) > 0)
        m_tree->setCurrentIndex(m_outline->index(0, 0, firstGroup));
}

void MainWindow::openDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open design"), QString(),
                                                      tr("Designs (*.kstudio *.yaml *.yml *.json)"));
    if (!path.isEmpty())
        openPath(path);
}

void MainWindow::saveAsDialog()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save design"), QString(), tr("kstudio project (*.kstudio)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".kstudio")))
        path += QStringLiteral(".kstudio");
    QString error;
    if (!model::writeProject(path, m_document.snapshot(), &error))
        QMessageBox::warning(this, tr("Cannot save"), error);
}

void MainWindow::showSelected()
{
    const model::ObjectId id = m_outline->objectAt(m_tree->currentIndex());
    const model::Object *object = m_document.snapshot().object(id);
    m_yaml->setPlainText(object ? QString::fromStdString(model::writeYaml(object->body)) : QString());
}

} // namespace kstudio::app
