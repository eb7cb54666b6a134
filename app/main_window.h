// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: the studio. Centre: the canvas. Left: the palette. Right: the inspector.
// Bottom: findings, outline and history. Every change goes through the undo stack.
#pragma once

#include <model/core/document.h>

#include <QFont>
#include <QMainWindow>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;
class QTimer;
class QTreeView;
class QUndoGroup;
class QUndoStack;

namespace kstudio::editors {
class CanvasView;
class DesignScene;
class FindingsModel;
class InspectorWidget;
class OutlineModel;
class PaletteWidget;
class ClusterPanel;
class PlacementView;
class ReachabilityView;
class ReachOverlay;
class ClassroomView;
} // namespace kstudio::editors

namespace kstudio::app {

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens manifests (a file or a folder) or a .kstudio project, replacing the design; on
    // failure shows why and keeps the current design.
    bool openPath(const QString &path);
    // Adds the objects of manifests to the current design (laid out below it): one undo step.
    bool importPath(const QString &path);
    // Saves the design as a .kstudio project (atomically); false with the reason shown.
    bool saveTo(const QString &path);
    void newDesign();
    bool newFromTemplate(const QString &resourcePath);
    // Writes the diagram (PNG, SVG or PDF by suffix).
    bool exportDiagram(const QString &path);
    // Writes a Helm chart (chartName empty: from the design) or a kustomize base + overlays,
    // with the engine `kstudio export --helm/--kustomize` uses. Returns the notes of what could
    // not be carried over; error set on failure.
    QStringList exportHelm(const QString &directory, const QString &chartName, QString *error);
    QStringList exportKustomize(const QString &directory, QString *error);

    model::Document &document() { return m_document; }
    QUndoStack *undoStack() const { return m_undo; }
    editors::DesignScene *scene() const { return m_scene; }
    editors::CanvasView *canvas() const { return m_view; }
    editors::InspectorWidget *inspector() const { return m_inspector; }
    editors::PaletteWidget *paletteWidget() const { return m_palette; }
    editors::FindingsModel *findings() const { return m_findings; }
    QTableView *findingsView() const { return m_findingsView; }
    editors::ClusterPanel *clusterPanel() const { return m_cluster; }
    editors::PlacementView *placementView() const { return m_placement; }
    editors::ReachabilityView *reachabilityView() const { return m_reach; }
    editors::ReachOverlay *reachOverlay() const { return m_reachOverlay; }
    editors::ClassroomView *classroomView() const { return m_classroom; }
    // View > Exposed to the Internet (the canvas overlay) and View > Classroom Mode.
    QAction *exposureAction() const { return m_exposureAction; }
    QAction *classroomAction() const { return m_classroomAction; }
    // The presentation layout: larger type, the editing docks hidden, the stepper shown; off
    // restores the layout as it was.
    void setClassroomMode(bool on);
    bool isClassroomMode() const { return !m_layoutBeforeClassroom.isEmpty(); }
    const QString &path() const { return m_path; }
    // Dialogs answer with their default instead of asking (tests, scripted screenshots).
    void setInteractive(bool interactive) { m_interactive = interactive; }
    // Offers to restore designs autosaved by a session that did not end cleanly.
    void offerRecovery();
    QString autosavePath() const;
    bool autosaveNow();
    // Finds objects whose name, kind or labels contain text; selects them and shows the first.
    int find(const QString &text);

    static QStringList starterTemplates(); // resource paths of the bundled starter designs

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createDocks();
    void openDialog();
    void importDialog();
    bool save();
    bool saveAsDialog();
    void exportManifestsDialog();
    void exportDiagramDialog();
    void exportHelmDialog();
    void exportKustomizeDialog();
    void openFolderDialog();
    bool maybeSave();
    void setPath(const QString &path);
    void addRecent(const QString &path);
    void updateRecentMenu();
    void updateTitle();
    void updateStatus();
    void sceneSelectionChanged();
    void outlineActivated(const QModelIndex &index);
    void showFinding(const QModelIndex &index);
    void replaceDesign(model::Snapshot snapshot, const QString &path);
    void showLessonIfAny();
    bool ask(const QString &title, const QString &question, bool defaultAnswer);

    model::Document m_document;
    QUndoStack *m_undo = nullptr;
    QUndoGroup *m_undoGroup = nullptr; // the design's stack and the Placement view's what-ifs
    editors::DesignScene *m_scene = nullptr;
    editors::CanvasView *m_view = nullptr;
    editors::InspectorWidget *m_inspector = nullptr;
    editors::PaletteWidget *m_palette = nullptr;
    editors::OutlineModel *m_outline = nullptr;
    editors::FindingsModel *m_findings = nullptr;
    QTableView *m_findingsView = nullptr;
    editors::ClusterPanel *m_cluster = nullptr;
    editors::PlacementView *m_placement = nullptr;
    editors::ReachabilityView *m_reach = nullptr;
    editors::ReachOverlay *m_reachOverlay = nullptr;
    editors::ClassroomView *m_classroom = nullptr;
    QAction *m_exposureAction = nullptr;
    QAction *m_classroomAction = nullptr;
    QByteArray m_layoutBeforeClassroom; // saveState() while classroom mode is on
    QFont m_fontBeforeClassroom;
    void updateReachHighlight();
    QTreeView *m_tree = nullptr;
    QLineEdit *m_findEdit = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QMenu *m_recentMenu = nullptr;
    QTimer *m_autosave = nullptr;
    QString m_path;          // the .kstudio file, empty when not saved as a project yet
    QString m_sourceName;    // what the title shows for designs opened from manifests
    QString m_findText;
    int m_findIndex = 0;
    bool m_interactive = true;
    bool m_syncingSelection = false;
};

} // namespace kstudio::app
