// SPDX-License-Identifier: GPL-3.0-or-later
// The studio's main window.
#include "main_window.h"

#include <editors/canvas/canvas_items.h>
#include <editors/canvas/canvas_view.h>
#include <editors/canvas/design_scene.h>
#include <editors/commands/edit_command.h>
#include <editors/findings/findings_filter.h>
#include <editors/findings/findings_model.h>
#include <editors/inspector/inspector_widget.h>
#include <editors/notes/notes_panel.h>
#include <editors/outline/outline_model.h>
#include <editors/palette/palette_widget.h>
#include <editors/simulation/cluster_panel.h>
#include <editors/simulation/placement_view.h>
#include <editors/simulation/reach_overlay.h>
#include <editors/simulation/reachability_view.h>
#include <editors/classroom/classroom_view.h>
#include <model/core/auto_layout.h>
#include <model/io/export_helm.h>
#include <model/io/export_kustomize.h>
#include <model/io/export_manifests.h>
#include <model/io/manifest_reader.h>
#include <model/io/project_file.h>
#include <model/kinds/views.h>

#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QClipboard>
#include <QCloseEvent>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSvgGenerator>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QUndoGroup>
#include <QUndoStack>
#include <QUndoView>

static void initResources()
{
    Q_INIT_RESOURCE(kstudio);
    Q_INIT_RESOURCE(kstudio_examples);
}

namespace kstudio::app {

namespace {

constexpr int maxRecent = 8;
constexpr int autosaveSeconds = 30;

QString templateTitle(const QString &resourcePath)
{
    if (resourcePath.endsWith(QLatin1String(".kstudio"))) {
        // A starter project's title is the first line of its lesson (its notes).
        const model::ProjectReadResult project = model::readProject(resourcePath);
        const QString title = project.notes.section(QLatin1Char('\n'), 0, 0).trimmed();
        if (!title.isEmpty())
            return title;
    }
    QFile file(resourcePath);
    if (file.open(QIODevice::ReadOnly)) {
        for (int i = 0; i < 10 && !file.atEnd(); ++i) {
            const QString line = QString::fromUtf8(file.readLine()).trimmed();
            if (line.startsWith(QLatin1String("# Title:")))
                return line.mid(8).trimmed();
        }
    }
    QString name = QFileInfo(resourcePath).completeBaseName();
    name.replace(QLatin1Char('-'), QLatin1Char(' '));
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    initResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/kstudio.svg")));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::AllowNestedDocks);
    m_undo = new QUndoStack(this);
    m_scene = new editors::DesignScene(&m_document, m_undo, this);
    m_view = new editors::CanvasView(m_scene);
    setCentralWidget(m_view);
    m_scene->setModeChooser([this](const QList<model::ConnectMode> &modes) -> std::optional<model::ConnectMode> {
        if (!m_interactive)
            return modes.first();
        const QStringList names = {tr("All keys as environment variables (envFrom)"),
                                   tr("Files in a volume (volume + volumeMount)")};
        bool ok = false;
        const QString chosen = QInputDialog::getItem(this, tr("Connect"), tr("How should the workload use it?"),
                                                     names, 0, false, &ok);
        if (!ok)
            return std::nullopt;
        return chosen == names.first() ? model::ConnectMode::EnvFrom : model::ConnectMode::Volume;
    });
    m_scene->setConfirm([this](const QString &question) { return ask(tr("Delete"), question, true); });
    connect(m_scene, &editors::DesignScene::message, this, [this](const QString &text) {
        statusBar()->showMessage(text, 6000);
    });
    connect(m_scene, &editors::DesignScene::selectedIdsChanged, this, &MainWindow::sceneSelectionChanged);

    createDocks();
    createActions();

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("statusCounts"));
    statusBar()->addPermanentWidget(m_status);
    m_zoomLabel = new QLabel;
    statusBar()->addPermanentWidget(m_zoomLabel);
    connect(m_view, &editors::CanvasView::zoomChanged, this, [this](double zoom) {
        m_zoomLabel->setText(tr("%1%").arg(qRound(zoom * 100)));
    });
    m_zoomLabel->setText(QStringLiteral("100%"));
    connect(&m_document, &model::Document::changed, this, &MainWindow::updateStatus);
    connect(m_undo, &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);

    m_autosave = new QTimer(this);
    m_autosave->setInterval(autosaveSeconds * 1000);
    connect(m_autosave, &QTimer::timeout, this, &MainWindow::autosaveNow);
    m_autosave->start();

    resize(1400, 860);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateRecentMenu();
    updateTitle();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // The document is a member and dies before the child widgets and models that read it
    // (QWidget's destructor still lays them out when it closes the window): take them down
    // first, while the document is alive, and let none of them hear from it meanwhile.
    m_autosave->stop();
    m_document.disconnect();
    disconnect(m_undo, nullptr, this, nullptr); // the stack announces cleanChanged as it dies
    disconnect(qApp, nullptr, this, nullptr);   // focus moves as the docks go
    m_scene->blockSignals(true);
    qDeleteAll(findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly));
    delete m_view;
    delete m_scene;
    delete m_outline;
    delete m_findings;
}

void MainWindow::createDocks()
{
    m_palette = new editors::PaletteWidget;
    auto *paletteDock = new QDockWidget(tr("Palette"), this);
    paletteDock->setObjectName(QStringLiteral("paletteDock"));
    paletteDock->setWidget(m_palette);
    addDockWidget(Qt::LeftDockWidgetArea, paletteDock);
    connect(m_palette, &editors::PaletteWidget::kindActivated, this, [this](const QString &kind) {
        m_scene->addObject(kind, m_view->mapToScene(m_view->viewport()->rect().center()));
    });

    m_outline = new editors::OutlineModel(&m_document, this);
    m_tree = new QTreeView;
    m_tree->setObjectName(QStringLiteral("outline"));
    m_tree->setModel(m_outline);
    m_tree->setUniformRowHeights(true);
    m_tree->setHeaderHidden(false);
    // Not ResizeToContents: that measures every row after each edit (slow at thousands).
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->resizeSection(0, 170);
    auto *outlineDock = new QDockWidget(tr("Outline"), this);
    outlineDock->setObjectName(QStringLiteral("outlineDock"));
    outlineDock->setWidget(m_tree);
    addDockWidget(Qt::LeftDockWidgetArea, outlineDock);
    connect(m_tree, &QTreeView::clicked, this, &MainWindow::outlineActivated);
    connect(m_tree, &QTreeView::activated, this, &MainWindow::outlineActivated);

    m_inspector = new editors::InspectorWidget(&m_document, m_undo);
    auto *inspectorDock = new QDockWidget(tr("Inspector"), this);
    inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::RightDockWidgetArea, inspectorDock);

    m_findings = new editors::FindingsModel(&m_document, this);
    m_findingsView = new QTableView;
    m_findingsView->setObjectName(QStringLiteral("findingsView"));
    auto *filter = new editors::FindingsFilter(this);
    filter->setSourceModel(m_findings);
    m_findingsView->setModel(filter);
    m_findingsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_findingsView->setWordWrap(false);
    m_findingsView->setSortingEnabled(false);
    m_findingsView->verticalHeader()->hide();
    m_findingsView->horizontalHeader()->setSectionResizeMode(editors::FindingsModel::MessageColumn, QHeaderView::Stretch);
    // Fixed starting widths (the user can drag them): measuring thousands of rows per edit is slow.
    m_findingsView->horizontalHeader()->resizeSection(editors::FindingsModel::SeverityColumn, 90);
    m_findingsView->horizontalHeader()->resizeSection(editors::FindingsModel::ObjectColumn, 260);
    m_findingsView->horizontalHeader()->resizeSection(editors::FindingsModel::RuleColumn, 240);
    m_findingsView->verticalHeader()->setDefaultSectionSize(m_findingsView->fontMetrics().height() + 6);
    auto *findingsDock = new QDockWidget(tr("Findings"), this);
    findingsDock->setObjectName(QStringLiteral("findingsDock"));
    auto *findingsPanel = new QWidget;
    auto *findingsLayout = new QVBoxLayout(findingsPanel);
    findingsLayout->setContentsMargins(0, 0, 0, 0);
    findingsLayout->setSpacing(2);
    auto *filterBar = new QHBoxLayout;
    filterBar->setContentsMargins(4, 2, 4, 0);
    auto *severity = new QComboBox;
    severity->setObjectName(QStringLiteral("findingsSeverity"));
    severity->addItem(tr("All findings"), int(sim::validate::Severity::Info));
    severity->addItem(tr("Warnings and errors"), int(sim::validate::Severity::Warning));
    severity->addItem(tr("Errors only"), int(sim::validate::Severity::Error));
    auto *filterText = new QLineEdit;
    filterText->setObjectName(QStringLiteral("findingsFilter"));
    filterText->setPlaceholderText(tr("Filter by rule, object or message"));
    filterText->setClearButtonEnabled(true);
    filterBar->addWidget(severity);
    filterBar->addWidget(filterText, 1);
    findingsLayout->addLayout(filterBar);
    findingsLayout->addWidget(m_findingsView, 1);
    connect(severity, &QComboBox::currentIndexChanged, this, [filter, severity] {
        filter->setMinimumSeverity(sim::validate::Severity(severity->currentData().toInt()));
    });
    connect(filterText, &QLineEdit::textChanged, filter, &editors::FindingsFilter::setText);
    findingsDock->setWidget(findingsPanel);
    addDockWidget(Qt::BottomDockWidgetArea, findingsDock);
    connect(m_findingsView, &QAbstractItemView::activated, this, &MainWindow::showFinding);
    connect(m_findingsView, &QAbstractItemView::clicked, this, &MainWindow::showFinding);
    connect(m_findings, &editors::FindingsModel::refreshed, this, [this] {
        m_scene->setFindings(m_findings->findings());
        updateStatus();
    });

    // The design's notes: the lesson of a starter design, a description.
    auto *notes = new editors::NotesPanel(&m_document, m_undo);
    auto *notesDock = new QDockWidget(tr("Notes"), this);
    notesDock->setObjectName(QStringLiteral("notesDock"));
    notesDock->setWidget(notes);
    addDockWidget(Qt::RightDockWidgetArea, notesDock);
    tabifyDockWidget(inspectorDock, notesDock);
    inspectorDock->raise();

    auto *history = new QUndoView(m_undo);
    history->setObjectName(QStringLiteral("history"));
    history->setEmptyLabel(tr("<opened>"));
    auto *historyDock = new QDockWidget(tr("History"), this);
    historyDock->setObjectName(QStringLiteral("historyDock"));
    historyDock->setWidget(history);
    addDockWidget(Qt::BottomDockWidgetArea, historyDock);
    tabifyDockWidget(findingsDock, historyDock);

    // Simulation: the node pools and where kube-scheduler places the pods on them.
    m_cluster = new editors::ClusterPanel(&m_document, m_undo);
    auto *clusterDock = new QDockWidget(tr("Cluster"), this);
    clusterDock->setObjectName(QStringLiteral("clusterDock"));
    clusterDock->setWidget(m_cluster);
    addDockWidget(Qt::BottomDockWidgetArea, clusterDock);
    tabifyDockWidget(findingsDock, clusterDock);
    m_placement = new editors::PlacementView(&m_document);
    auto *placementDock = new QDockWidget(tr("Placement"), this);
    placementDock->setObjectName(QStringLiteral("placementDock"));
    placementDock->setWidget(m_placement);
    addDockWidget(Qt::BottomDockWidgetArea, placementDock);
    tabifyDockWidget(findingsDock, placementDock);
    connect(m_placement, &editors::PlacementView::simulated, this, &MainWindow::updateStatus);
    // Edit > Undo follows the focus: while the Placement view has it and holds what-ifs, the
    // view's what-if stack (what-ifs are not design edits); everywhere else, the design's.
    m_undoGroup = new QUndoGroup(this);
    m_undoGroup->addStack(m_undo);
    m_undoGroup->addStack(m_placement->whatIfStack());
    m_undoGroup->setActiveStack(m_undo);
    const auto followFocus = [this] {
        QWidget *focus = QApplication::focusWidget();
        const bool inPlacement = focus && (focus == m_placement || m_placement->isAncestorOf(focus));
        m_undoGroup->setActiveStack(inPlacement && m_placement->whatIfStack()->count() > 0 ? m_placement->whatIfStack() : m_undo);
    };
    connect(qApp, &QApplication::focusChanged, this, followFocus);
    connect(m_placement->whatIfStack(), &QUndoStack::indexChanged, this, followFocus);
    m_reach = new editors::ReachabilityView(&m_document);
    auto *reachDock = new QDockWidget(tr("Reachability"), this);
    reachDock->setObjectName(QStringLiteral("reachabilityDock"));
    reachDock->setWidget(m_reach);
    addDockWidget(Qt::BottomDockWidgetArea, reachDock);
    tabifyDockWidget(findingsDock, reachDock);
    connect(m_reach, &editors::ReachabilityView::recomputed, this, &MainWindow::updateReachHighlight);
    connect(m_reach, &editors::ReachabilityView::pathQueried, this, &MainWindow::updateReachHighlight);
    // The path query and the internet exposure, drawn on the canvas.
    m_reachOverlay = new editors::ReachOverlay(m_scene, this);
    connect(m_reach, &editors::ReachabilityView::pathQueried, m_reachOverlay, [this] { m_reachOverlay->setPaths(m_reach->paths()); });
    connect(m_reach, &editors::ReachabilityView::exposureChanged, m_reachOverlay,
            [this] { m_reachOverlay->setExposure(m_reach->exposed()); });
    // Classroom mode's stepper: hidden until View > Classroom Mode.
    m_classroom = new editors::ClassroomView(&m_document);
    auto *classroomDock = new QDockWidget(tr("Classroom"), this);
    classroomDock->setObjectName(QStringLiteral("classroomDock"));
    classroomDock->setWidget(m_classroom);
    addDockWidget(Qt::RightDockWidgetArea, classroomDock);
    classroomDock->hide();
    connect(m_classroom, &editors::ClassroomView::focusChanged, this, [this](const QList<model::ObjectId> &ids) {
        m_scene->setReachHighlight(QSet<model::ObjectId>(ids.cbegin(), ids.cend()), {});
    });
    findingsDock->raise();
    resizeDocks({paletteDock, inspectorDock}, {220, 440}, Qt::Horizontal);
    resizeDocks({findingsDock}, {180}, Qt::Vertical);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New"), QKeySequence::New, this, [this] {
        if (maybeSave())
            newDesign();
    });
    QMenu *templates = file->addMenu(tr("New from &Template"));
    for (const QString &resource : starterTemplates()) {
        templates->addAction(templateTitle(resource), this, [this, resource] {
            if (maybeSave())
                newFromTemplate(resource);
        });
    }
    file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open…"), QKeySequence::Open, this,
                    &MainWindow::openDialog);
    file->addAction(tr("Open &Folder…"), this, &MainWindow::openFolderDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("&Save"), QKeySequence::Save, this,
                    &MainWindow::save);
    file->addAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("Save &As…"), QKeySequence::SaveAs,
                    this, &MainWindow::saveAsDialog);
    file->addSeparator();
    file->addAction(tr("&Import Manifests…"), QKeySequence(Qt::CTRL | Qt::Key_I), this, &MainWindow::importDialog);
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    exportMenu->addAction(tr("&Helm Chart…"), this, &MainWindow::exportHelmDialog);
    exportMenu->addAction(tr("&Manifests…"), this, &MainWindow::exportManifestsDialog);
    exportMenu->addAction(tr("&Kustomize Base and Overlays…"), this, &MainWindow::exportKustomizeDialog);
    exportMenu->addAction(tr("&Diagram (PNG, SVG, PDF)…"), this, &MainWindow::exportDiagramDialog);
    file->addSeparator();
    file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), QKeySequence::Quit, this,
                    &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    undo->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo")));
    QAction *redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(QKeySequence::Redo);
    redo->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo")));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(QIcon::fromTheme(QStringLiteral("edit-cut")), tr("Cu&t"), QKeySequence::Cut, this, [this] {
        const QString yaml = m_scene->selectionAsYaml();
        if (!yaml.isEmpty() && m_scene->deleteSelection())
            QApplication::clipboard()->setText(yaml);
    });
    edit->addAction(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("&Copy"), QKeySequence::Copy, this, [this] {
        const QString yaml = m_scene->selectionAsYaml();
        if (!yaml.isEmpty())
            QApplication::clipboard()->setText(yaml);
    });
    edit->addAction(QIcon::fromTheme(QStringLiteral("edit-paste")), tr("&Paste"), QKeySequence::Paste, this, [this] {
        const QPoint cursor = m_view->viewport()->mapFromGlobal(QCursor::pos());
        const QPointF at = m_view->viewport()->rect().contains(cursor) ? m_view->mapToScene(cursor)
                                                                       : m_view->mapToScene(m_view->viewport()->rect().center());
        m_scene->pasteYaml(QApplication::clipboard()->text(), at);
    });
    edit->addAction(tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), this, [this] { m_scene->duplicateSelection(); });
    QAction *remove = edit->addAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Delete"), this,
                                      [this] { m_scene->deleteSelection(); });
    remove->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(remove);
    edit->addAction(tr("Select &All"), QKeySequence::SelectAll, this, [this] {
        for (QGraphicsItem *item : m_scene->items()) {
            if (item->type() == editors::ObjectItem::Type && item->isVisible())
                item->setSelected(true);
        }
    });
    edit->addSeparator();
    edit->addAction(QIcon::fromTheme(QStringLiteral("edit-find")), tr("&Find…"), QKeySequence::Find, this, [this] {
        m_findEdit->setFocus();
        m_findEdit->selectAll();
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(QIcon::fromTheme(QStringLiteral("zoom-in")), tr("Zoom &In"), QKeySequence::ZoomIn, m_view,
                    &editors::CanvasView::zoomIn);
    view->addAction(QIcon::fromTheme(QStringLiteral("zoom-out")), tr("Zoom &Out"), QKeySequence::ZoomOut, m_view,
                    &editors::CanvasView::zoomOut);
    view->addAction(QIcon::fromTheme(QStringLiteral("zoom-original")), tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_0),
                    this, [this] { m_view->setZoom(1.0); });
    view->addAction(QIcon::fromTheme(QStringLiteral("zoom-fit-best")), tr("&Fit Design"), QKeySequence(Qt::CTRL | Qt::Key_1),
                    m_view, &editors::CanvasView::fitAll);
    view->addAction(tr("Auto-&Layout"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), this, [this] {
        m_scene->autoLayout();
        m_view->fitAll();
    });
    view->addSeparator();
    m_exposureAction = view->addAction(tr("&Exposed to the Internet"));
    m_exposureAction->setObjectName(QStringLiteral("exposureAction"));
    m_exposureAction->setCheckable(true);
    m_exposureAction->setToolTip(tr("Mark every workload reachable from outside the cluster (LoadBalancer and NodePort "
                                    "Services, Ingress and Gateway routes, where NetworkPolicies let the traffic in), "
                                    "with the ways in"));
    connect(m_exposureAction, &QAction::toggled, this, [this](bool on) { m_reach->setExposureEnabled(on); });
    m_classroomAction = view->addAction(tr("&Classroom Mode"));
    m_classroomAction->setObjectName(QStringLiteral("classroomAction"));
    m_classroomAction->setCheckable(true);
    m_classroomAction->setShortcut(QKeySequence(Qt::Key_F9));
    m_classroomAction->setToolTip(tr("Presentation layout: large type, the editing docks hidden, and a stepper through "
                                     "scheduling and a connection's evaluation"));
    connect(m_classroomAction, &QAction::toggled, this, &MainWindow::setClassroomMode);
    view->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Kubernetes Design Studio"), this, [this] {
        QMessageBox::about(this, tr("About Kubernetes Design Studio"),
                           tr("<h3>Kubernetes Design Studio %1</h3><p>Design Kubernetes clusters: edit, validate, "
                              "simulate, export.</p><p>Drag kinds from the palette onto the canvas; drag from the round "
                              "handle on an object's right edge to another object to connect them.</p>")
                               .arg(QApplication::applicationVersion()));
    });

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(undo);
    toolbar->addAction(redo);
    toolbar->addSeparator();
    toolbar->addAction(tr("Fit"), m_view, &editors::CanvasView::fitAll);
    toolbar->addAction(tr("Auto-layout"), this, [this] {
        m_scene->autoLayout();
        m_view->fitAll();
    });
    toolbar->addSeparator();
    toolbar->addAction(m_exposureAction);
    toolbar->addAction(m_classroomAction);
    toolbar->addSeparator();
    m_findEdit = new QLineEdit;
    m_findEdit->setObjectName(QStringLiteral("findEdit"));
    m_findEdit->setPlaceholderText(tr("Find name, kind or label (Ctrl+F)"));
    m_findEdit->setClearButtonEnabled(true);
    m_findEdit->setMaximumWidth(320);
    toolbar->addWidget(m_findEdit);
    connect(m_findEdit, &QLineEdit::returnPressed, this, [this] { find(m_findEdit->text()); });
}

QStringList MainWindow::starterTemplates()
{
    initResources();
    QStringList paths;
    QDirIterator it(QStringLiteral(":/examples"), {QStringLiteral("*.kstudio"), QStringLiteral("*.yaml")}, QDir::Files);
    while (it.hasNext())
        paths.append(it.next());
    paths.sort();
    return paths;
}

bool MainWindow::ask(const QString &title, const QString &question, bool defaultAnswer)
{
    if (!m_interactive)
        return defaultAnswer;
    return QMessageBox::question(this, title, question, QMessageBox::Yes | QMessageBox::No,
                                 defaultAnswer ? QMessageBox::Yes : QMessageBox::No)
           == QMessageBox::Yes;
}

void MainWindow::replaceDesign(model::Snapshot snapshot, const QString &sourceName)
{
    m_inspector->setObject(model::noObject);
    m_undo->clear();
    m_document.reset(std::move(snapshot));
    m_findings->refresh();
    m_sourceName = sourceName;
    updateTitle();
    QTimer::singleShot(0, m_view, &editors::CanvasView::fitAll);
    m_view->fitAll();
    m_tree->expandAll();
}

void MainWindow::showLessonIfAny()
{
    if (m_document.snapshot().notes().isEmpty())
        return;
    if (auto *dock = findChild<QDockWidget *>(QStringLiteral("notesDock")))
        dock->raise();
}

void MainWindow::newDesign()
{
    setPath(QString());
    replaceDesign(model::Snapshot(), QString());
}

// A design read from manifests: the objects auto-laid out, with notes (a lesson, or none).
static model::Snapshot laidOut(std::vector<model::Object> objects, const QString &notes)
{
    model::Document scratch;
    scratch.addObjects(std::move(objects));
    scratch.apply(model::layoutEdit(model::autoLayout(scratch.snapshot())));
    scratch.setNotes(notes);
    return scratch.snapshot();
}

bool MainWindow::newFromTemplate(const QString &resourcePath)
{
    if (resourcePath.endsWith(QLatin1String(".kstudio"))) {
        // A starter project: its objects, layout, node pools and lesson, as a new unsaved design.
        model::ProjectReadResult project = model::readProject(resourcePath);
        if (!project.ok || project.objects.empty())
            return false;
        const QString title = templateTitle(resourcePath);
        setPath(QString());
        replaceDesign(model::toSnapshot(std::move(project)), title);
        showLessonIfAny();
        return true;
    }
    QFile file(resourcePath);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray bytes = file.readAll();
    model::LoadResult loaded;
    model::readManifests(std::string_view(bytes.constData(), std::size_t(bytes.size())), resourcePath, loaded);
    if (loaded.objects.empty())
        return false;
    setPath(QString());
    replaceDesign(laidOut(std::move(loaded.objects), editors::lessonFromComments(bytes)), templateTitle(resourcePath));
    showLessonIfAny();
    return true;
}

bool MainWindow::openPath(const QString &path)
{
    if (path.endsWith(QLatin1String(".kstudio"), Qt::CaseInsensitive)) {
        model::ProjectReadResult project = model::readProject(path);
        if (!project.ok) {
            QStringList problems;
            for (const model::Diagnostic &diagnostic : project.diagnostics)
                problems.append(diagnostic.toString());
            if (m_interactive)
                QMessageBox::warning(this, tr("Cannot open"), problems.join(QLatin1Char('\n')));
            statusBar()->showMessage(problems.value(0), 10000);
            return false;
        }
        setPath(QFileInfo(path).absoluteFilePath());
        replaceDesign(model::toSnapshot(std::move(project)), QString());
        showLessonIfAny();
        addRecent(m_path);
        return true;
    }
    model::LoadResult loaded = model::loadPaths({path});
    QStringList problems;
    for (const model::Diagnostic &diagnostic : loaded.diagnostics)
        problems.append(diagnostic.toString());
    if (loaded.objects.empty() && model::hasErrors(loaded.diagnostics)) {
        if (m_interactive)
            QMessageBox::warning(this, tr("Cannot open"), problems.join(QLatin1Char('\n')));
        statusBar()->showMessage(problems.value(0), 10000);
        return false;
    }
    QString lesson; // a starter design opened as a file brings its lesson too
    if (QFile file(path); QFileInfo(path).isFile() && file.open(QIODevice::ReadOnly))
        lesson = editors::lessonFromComments(file.read(64 * 1024));
    setPath(QString());
    replaceDesign(laidOut(std::move(loaded.objects), lesson), QFileInfo(path).fileName());
    showLessonIfAny();
    addRecent(QFileInfo(path).absoluteFilePath());
    if (!problems.isEmpty()) {
        if (m_interactive)
            QMessageBox::information(this, tr("Opened with problems"), problems.join(QLatin1Char('\n')));
        statusBar()->showMessage(problems.first(), 10000);
    }
    return true;
}

bool MainWindow::importPath(const QString &path)
{
    model::LoadResult loaded = model::loadPaths({path});
    if (loaded.objects.empty()) {
        const QString why = loaded.diagnostics.isEmpty() ? tr("No Kubernetes objects in %1").arg(path)
                                                         : loaded.diagnostics.first().toString();
        if (m_interactive)
            QMessageBox::warning(this, tr("Cannot import"), why);
        statusBar()->showMessage(why, 10000);
        return false;
    }
    // Lay the new objects out on their own, then place that block below the design.
    model::Document scratch;
    scratch.addObjects(loaded.objects);
    const model::Layout layout = model::autoLayout(scratch.snapshot());
    QRectF bounds = m_scene->itemsBoundingRect();
    const QPointF offset = bounds.isNull() ? QPointF() : QPointF(bounds.left(), bounds.bottom() + 80);
    std::vector<model::Edit> edits;
    QList<model::ObjectId> scratchIds = scratch.snapshot().objects().keys();
    int index = 0;
    for (model::Object &object : loaded.objects) {
        const model::ObjectId scratchId = scratchIds.value(index++);
        object.id = m_document.newId();
        const model::ObjectId id = object.id;
        edits.push_back(model::Edit(model::AddObject{std::move(object)}));
        if (layout.items.contains(scratchId)) {
            model::ItemLayout item = layout.items.value(scratchId);
            item.position += offset;
            edits.push_back(model::Edit(model::SetItemLayout{id, item}));
        }
    }
    for (auto it = layout.frames.cbegin(); it != layout.frames.cend(); ++it) {
        if (m_document.snapshot().layout().frames.contains(it.key()))
            continue;
        model::ItemLayout frame = it.value();
        frame.position += offset;
        edits.push_back(model::Edit(model::SetFrameLayout{it.key(), frame}));
    }
    m_undo->push(new editors::EditCommand(
        &m_document, model::Edit(model::Compound{tr("Import %1").arg(QFileInfo(path).fileName()), std::move(edits)})));
    m_view->fitAll();
    return true;
}

bool MainWindow::saveTo(const QString &path)
{
    QString error;
    if (!model::writeProject(path, m_document.snapshot(), &error)) {
        if (m_interactive)
            QMessageBox::warning(this, tr("Cannot save"), error);
        statusBar()->showMessage(error, 10000);
        return false;
    }
    setPath(QFileInfo(path).absoluteFilePath());
    m_undo->setClean();
    QFile::remove(autosavePath());
    addRecent(m_path);
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

bool MainWindow::save()
{
    if (m_path.isEmpty())
        return saveAsDialog();
    return saveTo(m_path);
}

bool MainWindow::saveAsDialog()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save design"), m_path, tr("kstudio project (*.kstudio)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".kstudio")))
        path += QStringLiteral(".kstudio");
    return saveTo(path);
}

void MainWindow::openDialog()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open design"), QString(),
                                                      tr("Designs (*.kstudio *.yaml *.yml *.json);;All files (*)"));
    if (!path.isEmpty())
        openPath(path);
}

void MainWindow::importDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import manifests"), QString(),
                                                      tr("Kubernetes manifests (*.yaml *.yml *.json)"));
    if (!path.isEmpty())
        importPath(path);
}

void MainWindow::exportManifestsDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export manifests to"));
    if (dir.isEmpty())
        return;
    QString error;
    if (!model::exportManifests(m_document.snapshot(), dir, false, &error))
        QMessageBox::warning(this, tr("Cannot export"), error);
    else
        statusBar()->showMessage(tr("Exported %n object(s) to %1", nullptr, m_document.snapshot().size()).arg(dir), 5000);
}

void MainWindow::openFolderDialog()
{
    if (!maybeSave())
        return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a folder of manifests"));
    if (!dir.isEmpty())
        openPath(dir);
}

QStringList MainWindow::exportHelm(const QString &directory, const QString &chartName, QString *error)
{
    model::HelmChartOptions options;
    options.chartName = chartName;
    // As the CLI does: a design without a namespace of its own is named after its file.
    const QString source = m_path.isEmpty() ? m_sourceName : QFileInfo(m_path).fileName();
    options.fallbackName = QFileInfo(source).completeBaseName();
    const model::HelmChart chart = model::buildHelmChart(m_document.snapshot(), options);
    if (!model::writeChartFiles(chart.files, directory, {QStringLiteral("templates"), QStringLiteral("crds")}, error))
        return {};
    if (error)
        error->clear();
    return chart.notes;
}

QStringList MainWindow::exportKustomize(const QString &directory, QString *error)
{
    const model::Kustomization kustomization = model::buildKustomization(m_document.snapshot());
    if (!model::writeChartFiles(kustomization.files, directory, {QStringLiteral("base"), QStringLiteral("overlays")}, error))
        return {};
    if (error)
        error->clear();
    return kustomization.notes;
}

void MainWindow::exportHelmDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Write the Helm chart into (an empty folder)"));
    if (dir.isEmpty())
        return;
    QString error;
    const QStringList notes = exportHelm(dir, QString(), &error);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot export"), error);
    else if (!notes.isEmpty())
        QMessageBox::information(this, tr("Helm chart written"), notes.join(QLatin1Char('\n')));
    else
        statusBar()->showMessage(tr("Helm chart written to %1; check it with: helm lint --strict %1").arg(dir), 8000);
}

void MainWindow::exportKustomizeDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Write kustomize base/ and overlays/ into"));
    if (dir.isEmpty())
        return;
    QString error;
    const QStringList notes = exportKustomize(dir, &error);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot export"), error);
    else if (!notes.isEmpty())
        QMessageBox::information(this, tr("Kustomize written"), notes.join(QLatin1Char('\n')));
    else
        statusBar()->showMessage(tr("Written to %1; build with: kubectl kustomize %1/overlays/dev").arg(dir), 8000);
}

void MainWindow::exportDiagramDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export diagram"), QString(),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (!path.isEmpty() && !exportDiagram(path))
        QMessageBox::warning(this, tr("Cannot export"), tr("Cannot write %1").arg(path));
}

bool MainWindow::exportDiagram(const QString &path)
{
    const QList<QGraphicsItem *> selection = m_scene->selectedItems();
    m_scene->clearSelection();
    const QRectF source = m_scene->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    bool ok = false;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(source.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
        svg.setTitle(windowTitle());
        QPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            m_scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
            ok = painter.end();
        }
    } else if (suffix == QLatin1String("pdf")) {
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(source.size() * 0.75, QPageSize::Point));
        pdf.setPageMargins(QMarginsF());
        pdf.setResolution(96);
        QPainter painter;
        ok = painter.begin(&pdf);
        if (ok) {
            m_scene->render(&painter, QRectF(), source);
            ok = painter.end();
        }
    } else {
        QImage image((source.size() * 2).toSize(), QImage::Format_ARGB32);
        image.setDevicePixelRatio(2);
        image.fill(palette().color(QPalette::Window));
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
        m_scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
        painter.end();
        ok = image.save(path);
    }
    for (QGraphicsItem *item : selection)
        item->setSelected(true);
    return ok;
}

bool MainWindow::maybeSave()
{
    if (m_undo->isClean())
        return true;
    if (!m_interactive)
        return true;
    const auto answer = QMessageBox::warning(this, tr("Unsaved changes"),
                                             tr("The design has changes that are not saved. Save them?"),
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                             QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save)
        return save();
    QFile::remove(autosavePath());
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), isClassroomMode() ? m_layoutBeforeClassroom : saveState());
    QFile::remove(autosavePath());
    event->accept();
}

QString MainWindow::autosavePath() const
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
                        + QStringLiteral("/autosave");
    const QString key = m_path.isEmpty() ? QStringLiteral("untitled-%1").arg(QCoreApplication::applicationPid())
                                         : QString::fromLatin1(QCryptographicHash::hash(m_path.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
    return dir + QLatin1Char('/') + key + QStringLiteral(".kstudio");
}

bool MainWindow::autosaveNow()
{
    if (m_undo->isClean())
        return false;
    QDir().mkpath(QFileInfo(autosavePath()).absolutePath());
    QString error;
    return model::writeProject(autosavePath(), m_document.snapshot(), &error);
}

void MainWindow::offerRecovery()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
                        + QStringLiteral("/autosave");
    const QFileInfoList files = QDir(dir).entryInfoList({QStringLiteral("*.kstudio")}, QDir::Files, QDir::Time);
    if (files.isEmpty())
        return;
    const QFileInfo newest = files.first();
    if (ask(tr("Recover design"),
            tr("A design was autosaved at %1 by a session that did not end cleanly. Recover it?")
                .arg(QLocale().toString(newest.lastModified(), QLocale::ShortFormat)),
            true)) {
        model::ProjectReadResult project = model::readProject(newest.absoluteFilePath());
        if (project.ok) {
            setPath(QString());
            replaceDesign(model::toSnapshot(std::move(project)), tr("recovered design"));
            // Recovered work is unsaved work.
            m_undo->resetClean();
        }
    }
    for (const QFileInfo &file : files)
        QFile::remove(file.absoluteFilePath());
}

void MainWindow::setPath(const QString &path)
{
    m_path = path;
    updateTitle();
}

void MainWindow::addRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > maxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString &path : recent) {
        m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] {
            if (maybeSave())
                openPath(path);
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::updateTitle()
{
    QString name = m_path.isEmpty() ? (m_sourceName.isEmpty() ? tr("Untitled") : m_sourceName)
                                    : QFileInfo(m_path).fileName();
    setWindowTitle(QStringLiteral("%1[*] — Kubernetes Design Studio").arg(name));
    setWindowModified(!m_undo->isClean());
}

void MainWindow::updateStatus()
{
    using sim::validate::Severity;
    m_status->setText(tr("%n object(s)", nullptr, m_document.snapshot().size()) + QStringLiteral("  ·  ")
                      + tr("%1 errors, %2 warnings, %3 notes")
                            .arg(m_findings->count(Severity::Error))
                            .arg(m_findings->count(Severity::Warning))
                            .arg(m_findings->count(Severity::Info))
                      + (m_placement ? QStringLiteral("  ·  ") + tr("scheduling: %n Pending", nullptr, int(m_placement->pending().size()))
                                           + (m_placement->scenario().isAsDesigned() ? QString() : tr(" (what-if)"))
                                     : QString()));
}

void MainWindow::updateReachHighlight()
{
    const QList<model::ObjectId> ids = m_scene->selectedIds();
    if (ids.size() != 1 || !m_reach) {
        // Nothing selected: the Reachability dock's path query, if any (sources reach, destinations are reached).
        if (m_reach && ids.isEmpty())
            m_scene->setReachHighlight(m_reach->pathDestinations(), m_reach->pathSources());
        else
            m_scene->setReachHighlight({}, {});
        return;
    }
    m_scene->setReachHighlight(m_reach->reachableFrom(ids.first()), m_reach->reachingTo(ids.first()));
}

void MainWindow::setClassroomMode(bool on)
{
    if (on == isClassroomMode())
        return;
    auto *classroomDock = findChild<QDockWidget *>(QStringLiteral("classroomDock"));
    if (on) {
        m_layoutBeforeClassroom = saveState();
        m_fontBeforeClassroom = font();
        for (QDockWidget *dock : findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly)) {
            if (dock != classroomDock)
                dock->hide();
        }
        classroomDock->show();
        classroomDock->raise();
        // Large type everywhere but on the canvas, whose items are drawn to their own size:
        // the canvas is zoomed to fit instead.
        QFont large = m_fontBeforeClassroom;
        large.setPointSizeF(large.pointSizeF() * 1.5);
        m_view->setFont(m_fontBeforeClassroom);
        setFont(large);
        resizeDocks({classroomDock}, {width() * 9 / 20}, Qt::Horizontal);
        if (m_classroom->stepCount() == 0)
            m_classroom->startScheduling();
    } else {
        setFont(m_fontBeforeClassroom);
        m_view->setFont(QFont());
        m_view->setAttribute(Qt::WA_SetFont, false);
        classroomDock->hide();
        restoreState(m_layoutBeforeClassroom);
        m_layoutBeforeClassroom.clear();
        updateReachHighlight();
    }
    if (m_classroomAction->isChecked() != on) {
        const QSignalBlocker blocker(m_classroomAction);
        m_classroomAction->setChecked(on);
    }
    QTimer::singleShot(250, m_view, &editors::CanvasView::fitAll);
}

void MainWindow::sceneSelectionChanged()
{
    updateReachHighlight();
    if (m_syncingSelection)
        return;
    const QList<model::ObjectId> ids = m_scene->selectedIds();
    m_inspector->setObject(ids.size() == 1 ? ids.first() : model::noObject);
    if (ids.size() == 1) {
        // Selecting an object is asking to see it: bring the inspector in front of the notes.
        if (auto *dock = findChild<QDockWidget *>(QStringLiteral("inspectorDock")))
            dock->raise();
    }
    if (ids.size() == 1) {
        m_syncingSelection = true;
        const QModelIndex row = m_outline->indexOf(ids.first());
        if (row.isValid())
            m_tree->setCurrentIndex(row);
        m_syncingSelection = false;
    }
}

void MainWindow::outlineActivated(const QModelIndex &index)
{
    const model::ObjectId id = m_outline->objectAt(index);
    if (id == model::noObject)
        return;
    m_syncingSelection = true;
    m_scene->selectIds({id});
    m_syncingSelection = false;
    m_inspector->setObject(id);
    if (editors::ObjectItem *item = m_scene->itemFor(id))
        m_view->centerOn(item);
}

void MainWindow::showFinding(const QModelIndex &index)
{
    const auto id = model::ObjectId{index.data(editors::FindingsModel::ObjectIdRole).toULongLong()};
    if (!m_document.snapshot().object(id))
        return;
    m_scene->selectIds({id});
    m_inspector->setObject(id);
    if (editors::ObjectItem *item = m_scene->itemFor(id))
        m_view->centerOn(item);
    m_inspector->focusField(index.data(editors::FindingsModel::PathRole).toString());
}

int MainWindow::find(const QString &text)
{
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return 0;
    if (needle != m_findText) {
        m_findText = needle;
        m_findIndex = 0;
    }
    QList<model::ObjectId> matches;
    for (const auto &object : m_document.snapshot().objects()) {
        bool hit = object->name().contains(needle, Qt::CaseInsensitive)
                   || object->kind().compare(needle, Qt::CaseInsensitive) == 0;
        if (!hit) {
            const model::Labels labels = model::labelsOf(object->body);
            for (auto it = labels.cbegin(); it != labels.cend() && !hit; ++it)
                hit = QString(it.key() + QLatin1Char('=') + it.value()).contains(needle, Qt::CaseInsensitive);
        }
        if (hit)
            matches.append(object->id);
    }
    if (matches.isEmpty()) {
        statusBar()->showMessage(tr("Nothing matches “%1”").arg(needle), 4000);
        return 0;
    }
    m_scene->selectIds(matches);
    const model::ObjectId current = matches.at(m_findIndex % matches.size());
    ++m_findIndex;
    if (editors::ObjectItem *item = m_scene->itemFor(current))
        m_view->centerOn(item);
    m_inspector->setObject(current);
    statusBar()->showMessage(tr("%n match(es) for “%1”", nullptr, int(matches.size())).arg(needle), 4000);
    return int(matches.size());
}

} // namespace kstudio::app
