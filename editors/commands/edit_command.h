// SPDX-License-Identifier: GPL-3.0-or-later
// EditCommand: the one QUndoCommand of the studio; it carries a model::Edit and its inverse.
#pragma once

#include <model/core/document.h>

#include <QUndoCommand>

#include <optional>

namespace kstudio::editors {

class EditCommand final : public QUndoCommand
{
public:
    // The edit is applied on the first redo() (QUndoStack::push calls it).
    EditCommand(model::Document *document, model::Edit edit);

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

    // False when the edit did not apply (the command then does nothing on undo/redo).
    bool applied() const { return m_inverse.has_value(); }

private:
    model::Document *m_document;
    model::Edit m_edit;
    std::optional<model::Edit> m_inverse;
};

} // namespace kstudio::editors
