// SPDX-License-Identifier: GPL-3.0-or-later
// NotesPanel: the design's notes (a lesson text for a starter design, a description), kept in
// the project and edited as one undoable SetNotes per editing pause.
#pragma once

#include <model/core/document.h>

#include <QTimer>
#include <QWidget>

class QPlainTextEdit;
class QUndoStack;

namespace kstudio::editors {

class NotesPanel final : public QWidget
{
    Q_OBJECT
public:
    NotesPanel(model::Document *document, QUndoStack *undoStack, QWidget *parent = nullptr);
    QPlainTextEdit *editor() const { return m_editor; }
    // Commits what was typed (also done 800 ms after the last keystroke and on leaving).
    void commit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    model::Document *m_document;
    QUndoStack *m_undoStack;
    QPlainTextEdit *m_editor;
    QTimer m_pause;
    bool m_setting = false;
};

// The lesson of a starter design: the comment block its file starts with ("# Title: ..." and
// the lines after it), without the '#'. Empty when the text does not start with "# Title:".
QString lessonFromComments(const QByteArray &yaml);

} // namespace kstudio::editors
