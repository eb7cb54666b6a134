// SPDX-License-Identifier: GPL-3.0-or-later
// DesignScene: the canvas as a view of the Document. Items are rebuilt from ChangeSets; every
// user gesture (drop, move, connect, collapse, delete, paste) becomes one Edit pushed on the
// undo stack as an EditCommand, so the document stays the one source of truth.
#pragma once

#include <model/core/document.h>
#include <model/edits/connect.h>
#include <sim/relations/relations.h>
#include <sim/validate/finding.h>

#include <QGraphicsScene>
#include <QHash>
#include <QSet>
#include <QPointer>

#include <functional>
#include <optional>

class QGraphicsLineItem;
class QUndoStack;

namespace kstudio::editors {

class EdgeItem;
class FrameItem;
class ObjectItem;

class DesignScene final : public QGraphicsScene
{
    Q_OBJECT
public:
    DesignScene(model::Document *document, QUndoStack *undoStack, QObject *parent = nullptr);
    ~DesignScene() override;

    model::Document *document() const { return m_document; }
    QUndoStack *undoStack() const { return m_undoStack; }

    ObjectItem *itemFor(model::ObjectId id) const { return m_items.value(id); }
    FrameItem *frameFor(const QString &ns) const { return m_frames.value(ns); }
    QList<EdgeItem *> edges() const { return m_edges.values(); }
    const QList<sim::relations::Relation> &relations() const { return m_relations; }

    // Selected objects; a selected frame stands for its Namespace object.
    QList<model::ObjectId> selectedIds() const;
    void selectIds(const QList<model::ObjectId> &ids);
    // The namespace whose frame contains scenePos ("" when none does).
    QString namespaceAt(const QPointF &scenePos) const;

    // Halos on what the selection reaches (reached) and what reaches it (reaching).
    void setReachHighlight(const QSet<model::ObjectId> &reached, const QSet<model::ObjectId> &reaching);
    // Shows the findings as badges on their objects.
    void setFindings(const sim::validate::Findings &findings);

    // Gestures as edits (each is one undo step). They return false and say why (message())
    // when nothing was done.
    bool addObject(const QString &kind, const QPointF &scenePos);
    bool connectObjects(model::ObjectId from, model::ObjectId to);
    bool deleteSelection();
    bool duplicateSelection();
    QString selectionAsYaml() const;
    bool pasteYaml(const QString &text, const QPointF &scenePos);
    void toggleCollapsed(const QString &ns);
    void autoLayout();

    // Asked when a connection can be made in several ways (envFrom or volume).
    using ModeChooser = std::function<std::optional<model::ConnectMode>(const QList<model::ConnectMode> &)>;
    void setModeChooser(ModeChooser chooser) { m_modeChooser = std::move(chooser); }
    // Asked before deleting objects that others still refer to; returns whether to go on.
    using Confirm = std::function<bool(const QString &question)>;
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }

    // Called by the items while they are dragged.
    void itemMoved(ObjectItem *item);
    void frameMoved(FrameItem *frame);

Q_SIGNALS:
    void message(const QString &text);
    void selectedIdsChanged();
    // Items were rebuilt, moved, shown or hidden: overlays drawn over them follow.
    void geometryChanged();

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void helpEvent(QGraphicsSceneHelpEvent *event) override;

private:
    void push(model::Edit edit);
    void documentChanged(const model::ChangeSet &changes);
    void rebuild();
    void syncObject(model::ObjectId id);
    void removeObjectItem(model::ObjectId id);
    void syncPositions();
    void syncFrames();
    void syncEdges();
    void updateVisibility();
    QPointF freeSpot() const;
    std::optional<model::Edit> namespaceChange(ObjectItem *item) const;

    model::Document *m_document;
    QUndoStack *m_undoStack;
    QHash<model::ObjectId, ObjectItem *> m_items;
    QHash<QString, FrameItem *> m_frames;
    QHash<QString, EdgeItem *> m_edges; // keyed by relation
    QList<sim::relations::Relation> m_relations;
    QHash<model::ObjectId, QList<EdgeItem *>> m_edgesOf;
    bool m_syncing = false;
    // Drag state.
    ObjectItem *m_connectFrom = nullptr;
    QGraphicsLineItem *m_connectLine = nullptr;
    QHash<QGraphicsItem *, QPointF> m_pressPositions;
    ModeChooser m_modeChooser;
    Confirm m_confirm;
};

} // namespace kstudio::editors
