// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: opens a design and shows its objects (outline) and the selected one's YAML.
#pragma once

#include <model/core/document.h>

#include <QMainWindow>

class QPlainTextEdit;
class QTreeView;
class QLabel;

namespace kstudio::editors {
class FindingsModel;
class OutlineModel;
} // namespace kstudio::editors

namespace kstudio::app {

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Opens manifests or a .kstudio project; on failure shows why and keeps the current design.
    bool openPath(const QString &path);
    model::Document &document() { return m_document; }

private:
    void openDialog();
    void saveAsDialog();
    void showSelected();
    void selectFirstObject();

    model::Document m_document;
    void showFinding(const QModelIndex &index);
    void updateStatus();

    editors::OutlineModel *m_outline = nullptr;
    editors::FindingsModel *m_findings = nullptr;
    QTreeView *m_tree = nullptr;
    QPlainTextEdit *m_yaml = nullptr;
    QLabel *m_status = nullptr;
    QString m_path;
};

} // namespace kstudio::app
