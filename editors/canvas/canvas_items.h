// SPDX-License-Identifier: GPL-3.0-or-later
// The canvas' items: an object, a namespace frame, a relation edge. They draw what the scene
// tells them; all edits go through DesignScene (and from there through the undo stack).
#pragma once

#include <model/core/object.h>
#include <sim/relations/relations.h>

#include <QGraphicsItem>
#include <QString>

namespace kstudio::editors {

class DesignScene;

class ObjectItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    explicit ObjectItem(model::ObjectId id);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    model::ObjectId id() const { return m_id; }
    const QString &kind() const { return m_kind; }
    const QString &name() const { return m_name; }
    const QString &ns() const { return m_ns; }
    const QString &facts() const { return m_facts; }
    void setContent(const model::Object &object);
    // Findings on this object: counts for the badge, the messages for its tooltip.
    void setFindings(int errors, int warnings, int infos, const QStringList &messages);
    // Builds the tooltip (kind, name, facts, findings); the scene calls it when one is asked for.
    void updateToolTip();
    int errorCount() const { return m_errors; }
    // Reachability highlight: what the selected workload can reach, and what can reach it.
    enum Highlight : quint8 { NoHighlight = 0, ReachedFromSelection = 1, ReachesSelection = 2 };
    void setHighlight(int highlight);
    int highlight() const { return m_highlight; }
    int warningCount() const { return m_warnings; }

    // The handle at the right edge that starts a connection, in item coordinates.
    static QRectF connectHandle();
    QRectF body() const;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    model::ObjectId m_id;
    QString m_kind;
    QString m_name;
    QString m_ns;
    QString m_facts;
    QStringList m_messages;
    int m_errors = 0;
    int m_warnings = 0;
    int m_infos = 0;
    bool m_hover = false;
    int m_highlight = NoHighlight;
};

class FrameItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };
    explicit FrameItem(const QString &ns);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const QString &ns() const { return m_ns; }
    QString title() const;
    void setSize(const QSizeF &size);
    QSizeF size() const { return m_size; }
    bool isCollapsed() const { return m_collapsed; }
    void setCollapsed(bool collapsed, int hiddenCount);
    // The collapse toggle in the title bar, in item coordinates.
    QRectF toggleRect() const;
    QRectF titleRect() const;
    static constexpr double titleHeight = 28;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    QString m_ns;
    QSizeF m_size;
    bool m_collapsed = false;
    int m_hiddenCount = 0;
};

class EdgeItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };
    EdgeItem(const sim::relations::Relation &relation, ObjectItem *from, ObjectItem *to);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const sim::relations::Relation &relation() const { return m_relation; }
    ObjectItem *fromItem() const { return m_from; }
    ObjectItem *toItem() const { return m_to; }
    // Re-reads the ends' positions (after they moved).
    void adjust();

private:
    sim::relations::Relation m_relation;
    ObjectItem *m_from;
    ObjectItem *m_to;
    QLineF m_line;
};

} // namespace kstudio::editors
