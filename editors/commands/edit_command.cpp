// SPDX-License-Identifier: GPL-3.0-or-later
// Undo adapter: redo applies the edit and keeps the inverse; undo applies the inverse.
// Consecutive moves of the same selection, and consecutive sets of the same field, merge into
// one undo step (as Qt's undo framework example and Okular do).
#include "edit_command.h"

namespace kstudio::editors {

namespace {

enum MergeId { MoveMergeId = 1, SetFieldMergeId = 2 };

} // namespace

EditCommand::EditCommand(model::Document *document, model::Edit edit)
    : m_document(document)
    , m_edit(std::move(edit))
{
    setText(m_edit.describe(document->snapshot()));
}

void EditCommand::redo()
{
    std::optional<model::Edit> inverse = m_document->apply(m_edit);
    if (inverse)
        m_inverse = std::move(inverse);
    else
        setObsolete(true);
}

void EditCommand::undo()
{
    if (!m_inverse)
        return;
    std::optional<model::Edit> again = m_document->apply(*m_inverse);
    if (again)
        m_edit = std::move(*again);
}

int EditCommand::id() const
{
    if (std::holds_alternative<model::MoveItems>(m_edit.change))
        return MoveMergeId;
    if (std::holds_alternative<model::SetField>(m_edit.change))
        return SetFieldMergeId;
    return -1;
}

bool EditCommand::mergeWith(const QUndoCommand *other)
{
    if (other->id() != id())
        return false;
    const auto *next = static_cast<const EditCommand *>(other);
    if (const auto *move = std::get_if<model::MoveItems>(&m_edit.change)) {
        const auto &nextMove = std::get<model::MoveItems>(next->m_edit.change);
        if (move->ids != nextMove.ids || !next->m_inverse)
            return false;
        model::MoveItems merged = *move;
        merged.delta += nextMove.delta;
        m_edit = model::Edit(merged);
        m_inverse = model::Edit(model::MoveItems{merged.ids, -merged.delta});
        return true;
    }
    const auto &set = std::get<model::SetField>(m_edit.change);
    const auto &nextSet = std::get<model::SetField>(next->m_edit.change);
    if (set.id != nextSet.id || !(set.path == nextSet.path) || set.insertAt >= 0 || nextSet.insertAt >= 0
        || !next->m_inverse || !m_inverse)
        return false;
    // Keep our inverse (the value before the first set) and take the newest value.
    const auto &ourInverse = std::get<model::SetField>(m_inverse->change);
    if (!(ourInverse.path == set.path))
        return false; // the first set created parents; keep the steps apart
    m_edit = next->m_edit;
    return true;
}

} // namespace kstudio::editors
