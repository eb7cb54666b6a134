// SPDX-License-Identifier: GPL-3.0-or-later
#include "notes_panel.h"

#include <editors/commands/edit_command.h>

#include <QEvent>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QUndoStack>
#include <QVBoxLayout>

namespace kstudio::editors {

NotesPanel::NotesPanel(model::Document *document, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_undoStack(undoStack)
{
    setObjectName(QStringLiteral("notesPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_editor = new QPlainTextEdit;
    m_editor->setObjectName(QStringLiteral("notesEditor"));
    m_editor->setPlaceholderText(tr("Notes about this design: what it is for, what to try. Saved with the project."));
    layout->addWidget(m_editor);
    m_editor->installEventFilter(this);
    m_pause.setSingleShot(true);
    m_pause.setInterval(800);
    connect(&m_pause, &QTimer::timeout, this, &NotesPanel::commit);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_setting)
            m_pause.start();
    });
    connect(m_document, &model::Document::changed, this, [this](const model::ChangeSet &changes) {
        if (changes.reset || changes.notesChanged)
            refresh();
    });
    refresh();
}

void NotesPanel::refresh()
{
    const QString &notes = m_document->snapshot().notes();
    if (m_editor->toPlainText() == notes)
        return;
    m_setting = true;
    m_editor->setPlainText(notes);
    m_setting = false;
}

void NotesPanel::commit()
{
    m_pause.stop();
    const QString text = m_editor->toPlainText();
    if (text == m_document->snapshot().notes())
        return;
    m_undoStack->push(new EditCommand(m_document, model::Edit(model::SetNotes{text})));
}

bool NotesPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::FocusOut)
        commit();
    return QWidget::eventFilter(watched, event);
}

QString lessonFromComments(const QByteArray &yaml)
{
    const QList<QByteArray> lines = yaml.split('\n');
    if (lines.isEmpty() || !lines.first().startsWith("# Title:"))
        return {};
    QStringList out;
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        if (!line.startsWith('#'))
            break;
        QString text = QString::fromUtf8(line.mid(1));
        if (text.startsWith(QLatin1Char(' ')))
            text.remove(0, 1);
        out.append(text);
    }
    if (!out.isEmpty())
        out.first() = out.first().mid(6).trimmed(); // "Title: X" -> "X"
    while (!out.isEmpty() && out.last().trimmed().isEmpty())
        out.removeLast();
    // The comment block is wrapped for a terminal; the dock wraps by itself. A line continues
    // the one before unless it is blank, follows a blank, or starts an item ("- x", "1. x",
    // "Try: x").
    static const QRegularExpression item(QStringLiteral("^(?:[-*] |\\d+[.)] |[A-Z][A-Za-z ]{0,14}: )"));
    QString text;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const QString &line = out.at(i);
        if (i == 0)
            text = line;
        else if (line.trimmed().isEmpty() || out.at(i - 1).trimmed().isEmpty() || i == 1 || item.match(line).hasMatch())
            text += QLatin1Char('\n') + line;
        else
            text += QLatin1Char(' ') + line.trimmed();
    }
    return text;
}

} // namespace kstudio::editors
