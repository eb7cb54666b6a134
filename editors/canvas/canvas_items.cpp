// SPDX-License-Identifier: GPL-3.0-or-later
#include "canvas_items.h"

#include "design_scene.h"
#include "kind_style.h"
#include "object_facts.h"

#include <model/core/auto_layout.h>

#include <QApplication>
#include <QGraphicsScene>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

namespace kstudio::editors {

namespace {

constexpr double itemWidth = model::layoutItemWidth;
constexpr double itemHeight = model::layoutItemHeight;
constexpr double handleSize = 12;
constexpr double badgeSize = 18;

bool isDark()
{
    return QApplication::palette().color(QPalette::Window).lightness() < 128;
}

QColor severityColor(int errors, int warnings)
{
    if (errors > 0)
        return QColor(0xd9, 0x30, 0x25);
    if (warnings > 0)
        return QColor(0xe3, 0x8b, 0x06);
    return QColor(0x3b, 0x82, 0xc4);
}

} // namespace

ObjectItem::ObjectItem(model::ObjectId id)
    : m_id(id)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(1);
}

QRectF ObjectItem::body() const
{
    return QRectF(0, 0, itemWidth, itemHeight);
}

QRectF ObjectItem::connectHandle()
{
    return QRectF(itemWidth - handleSize / 2, itemHeight / 2 - handleSize / 2, handleSize, handleSize);
}

QRectF ObjectItem::boundingRect() const
{
    // Room for the badge, the connect handle and the reachability halo.
    return QRectF(-9, -badgeSize / 2 - 9, itemWidth + handleSize / 2 + badgeSize / 2 + 18,
                  itemHeight + badgeSize / 2 + 18);
}

void ObjectItem::setContent(const model::Object &object)
{
    QString kind = object.kind();
    QString name = object.name();
    QString ns = object.effectiveNamespace();
    QString facts = objectFacts(object);
    if (kind == m_kind && name == m_name && ns == m_ns && facts == m_facts)
        return;
    m_kind = std::move(kind);
    m_name = std::move(name);
    m_ns = std::move(ns);
    m_facts = std::move(facts);
    update();
}

void ObjectItem::setFindings(int errors, int warnings, int infos, const QStringList &messages)
{
    if (errors == m_errors && warnings == m_warnings && infos == m_infos && messages == m_messages)
        return;
    m_errors = errors;
    m_warnings = warnings;
    m_infos = infos;
    m_messages = messages;
    update();
}

void ObjectItem::setHighlight(int highlight)
{
    if (highlight == m_highlight)
        return;
    m_highlight = highlight;
    update();
}

void ObjectItem::updateToolTip()
{
    QString tip = QStringLiteral("<b>%1</b> %2<br>%3")
                      .arg(m_kind.toHtmlEscaped(),
                           (m_ns.isEmpty() ? m_name : m_ns + QLatin1Char('/') + m_name).toHtmlEscaped(),
                           m_facts.toHtmlEscaped());
    if (!m_messages.isEmpty()) {
        tip += QStringLiteral("<hr>");
        for (qsizetype i = 0; i < m_messages.size() && i < 8; ++i)
            tip += QStringLiteral("• ") + m_messages.at(i).toHtmlEscaped() + QStringLiteral("<br>");
        if (m_messages.size() > 8)
            tip += QObject::tr("… and %n more", nullptr, int(m_messages.size() - 8));
    }
    setToolTip(tip);
}

void ObjectItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const bool dark = isDark();
    const QPalette palette = QApplication::palette();
    const QColor accent = kindColor(m_kind);
    const QRectF rect = body();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option->state & QStyle::State_Selected;
    QColor fill = palette.color(QPalette::Base);
    if (dark)
        fill = fill.lighter(130);
    painter->setPen(QPen(selected ? palette.color(QPalette::Highlight) : accent.darker(dark ? 80 : 120),
                         selected ? 2.5 : 1.2));
    if (m_highlight != NoHighlight) {
        // A halo: green for "the selection reaches it", blue for "it reaches the selection",
        // both for both.
        const QColor reached(0x2e, 0x9d, 0x57);
        const QColor reaches(0x32, 0x6c, 0xe5);
        if (m_highlight & ReachedFromSelection) {
            painter->setPen(QPen(reached, 5));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 8, 8);
        }
        if (m_highlight & ReachesSelection) {
            painter->setPen(QPen(reaches, 3, Qt::DashLine));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(rect.adjusted(-6, -6, 6, 6), 10, 10);
        }
        painter->setPen(QPen(selected ? palette.color(QPalette::Highlight) : accent.darker(dark ? 80 : 120),
                             selected ? 2.5 : 1.2));
    }
    painter->setBrush(fill);
    painter->drawRoundedRect(rect, 6, 6);
    // Category stripe.
    QPainterPath stripe;
    stripe.addRoundedRect(QRectF(rect.left(), rect.top(), 8, rect.height()), 4, 4);
    painter->fillPath(stripe, accent);

    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (lod < 0.35) {
        // Far away: the kind's colour and the name only would be unreadable; draw a block.
        painter->fillRect(rect.adjusted(10, 10, -10, -10), accent.lighter(150));
    } else {
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        painter->drawPixmap(QPointF(14, 13), kindPixmap(m_kind, 32, dpr * qMax(1.0, lod)));
        QFont font = painter->font();
        const QColor textColor = palette.color(QPalette::Text);
        QFont small = font;
        small.setPointSizeF(font.pointSizeF() * 0.8);
        painter->setFont(small);
        painter->setPen(accent.darker(dark ? 60 : 110));
        if (dark)
            painter->setPen(accent.lighter(150));
        const QRectF textArea(54, 6, itemWidth - 62, 16);
        painter->drawText(textArea, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(small).elidedText(m_kind, Qt::ElideRight, textArea.width()));
        QFont bold = font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(textColor);
        const QFontMetricsF boldMetrics(bold);
        painter->drawText(QRectF(54, 24, itemWidth - 62, 20), Qt::AlignLeft | Qt::AlignVCenter,
                          boldMetrics.elidedText(m_name, Qt::ElideMiddle, itemWidth - 62));
        painter->setFont(small);
        painter->setPen(palette.color(QPalette::PlaceholderText));
        const QFontMetricsF smallMetrics(small);
        painter->drawText(QRectF(54, 44, itemWidth - 62, 18), Qt::AlignLeft | Qt::AlignVCenter,
                          smallMetrics.elidedText(m_facts, Qt::ElideRight, itemWidth - 62));
        painter->setFont(font);
    }
    // Findings badge: the count of the worst severity.
    const int count = m_errors > 0 ? m_errors : (m_warnings > 0 ? m_warnings : m_infos);
    if (count > 0) {
        const QRectF badge(itemWidth - badgeSize / 2 - 4, -badgeSize / 2, badgeSize, badgeSize);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(severityColor(m_errors, m_warnings));
        painter->drawEllipse(badge);
        QFont font = painter->font();
        QFont badgeFont = font;
        badgeFont.setBold(true);
        badgeFont.setPointSizeF(font.pointSizeF() * 0.75);
        painter->setFont(badgeFont);
        painter->drawText(badge, Qt::AlignCenter, count > 99 ? QStringLiteral("99+") : QString::number(count));
        painter->setFont(font);
    }
    if (m_hover || selected) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1.5));
        painter->setBrush(palette.color(QPalette::Base));
        painter->drawEllipse(connectHandle());
    }
}

void ObjectItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hover = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void ObjectItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hover = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

QVariant ObjectItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        if (auto *designScene = qobject_cast<DesignScene *>(scene()))
            designScene->itemMoved(this);
    }
    return QGraphicsItem::itemChange(change, value);
}

FrameItem::FrameItem(const QString &ns)
    : m_ns(ns)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setZValue(-1);
}

QString FrameItem::title() const
{
    return m_ns.isEmpty() ? QObject::tr("Cluster-scoped") : QObject::tr("namespace %1").arg(m_ns);
}

QRectF FrameItem::boundingRect() const
{
    return QRectF(QPointF(-1, -1), (m_collapsed ? QSizeF(m_size.width(), titleHeight) : m_size) + QSizeF(2, 2));
}

QRectF FrameItem::titleRect() const
{
    return QRectF(0, 0, m_size.width(), titleHeight);
}

QRectF FrameItem::toggleRect() const
{
    return QRectF(6, 6, titleHeight - 12, titleHeight - 12);
}

void FrameItem::setSize(const QSizeF &size)
{
    if (size == m_size)
        return;
    prepareGeometryChange();
    m_size = size;
}

void FrameItem::setCollapsed(bool collapsed, int hiddenCount)
{
    if (collapsed == m_collapsed && hiddenCount == m_hiddenCount)
        return;
    prepareGeometryChange();
    m_collapsed = collapsed;
    m_hiddenCount = hiddenCount;
    update();
}

void FrameItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = QApplication::palette();
    const bool dark = isDark();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option->state & QStyle::State_Selected;
    const QRectF rect(QPointF(0, 0), m_collapsed ? QSizeF(m_size.width(), titleHeight) : m_size);
    QColor fill = palette.color(QPalette::AlternateBase);
    fill.setAlpha(dark ? 120 : 160);
    painter->setPen(QPen(selected ? palette.color(QPalette::Highlight) : palette.color(QPalette::Mid),
                         selected ? 2 : 1, m_ns.isEmpty() ? Qt::DashLine : Qt::SolidLine));
    painter->setBrush(fill);
    painter->drawRoundedRect(rect, 10, 10);
    painter->setPen(palette.color(QPalette::Text));
    QFont font = painter->font();
    QFont bold = font;
    bold.setBold(true);
    painter->setFont(bold);
    QString title = this->title();
    if (m_collapsed)
        title += QObject::tr("  (%n object(s))", nullptr, m_hiddenCount);
    painter->drawText(titleRect().adjusted(titleHeight, 0, -8, 0), Qt::AlignLeft | Qt::AlignVCenter, title);
    painter->setFont(font);
    // The collapse toggle: a triangle pointing down (open) or right (collapsed).
    const QRectF toggle = toggleRect();
    QPolygonF triangle;
    if (m_collapsed)
        triangle << toggle.topLeft() << QPointF(toggle.right(), toggle.center().y()) << toggle.bottomLeft();
    else
        triangle << toggle.topLeft() << toggle.topRight() << QPointF(toggle.center().x(), toggle.bottom());
    painter->setBrush(palette.color(QPalette::Text));
    painter->setPen(Qt::NoPen);
    painter->drawPolygon(triangle);
}

QVariant FrameItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        if (auto *designScene = qobject_cast<DesignScene *>(scene()))
            designScene->frameMoved(this);
    }
    return QGraphicsItem::itemChange(change, value);
}

EdgeItem::EdgeItem(const sim::relations::Relation &relation, ObjectItem *from, ObjectItem *to)
    : m_relation(relation)
    , m_from(from)
    , m_to(to)
{
    setZValue(0.5);
    setAcceptHoverEvents(true);
    setToolTip(QStringLiteral("%1 %2 %3 (%4)")
                   .arg(from->name(), sim::relations::kindName(relation.kind), to->name(), relation.label));
    adjust();
}

namespace {

// Where the segment from the centre of rect towards target leaves rect.
QPointF exitPoint(const QRectF &rect, const QPointF &target)
{
    const QPointF center = rect.center();
    const QPointF d = target - center;
    if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
        return center;
    const double sx = qFuzzyIsNull(d.x()) ? 1e9 : (rect.width() / 2) / qAbs(d.x());
    const double sy = qFuzzyIsNull(d.y()) ? 1e9 : (rect.height() / 2) / qAbs(d.y());
    const double s = qMin(sx, sy);
    return center + d * qMin(1.0, s);
}

QColor relationColor(sim::relations::RelationKind kind)
{
    using sim::relations::RelationKind;
    switch (kind) {
    case RelationKind::Selects:
    case RelationKind::Routes:
        return QColor(0x0f, 0x9d, 0x8a);
    case RelationKind::Uses:
        return QColor(0x8e, 0x5e, 0xd6);
    case RelationKind::Scales:
    case RelationKind::Protects:
    case RelationKind::Binds:
        return QColor(0xd9, 0x82, 0x2b);
    case RelationKind::Isolates:
        return QColor(0xc0, 0x39, 0x2b);
    }
    return Qt::gray;
}

} // namespace

void EdgeItem::adjust()
{
    const QRectF a = m_from->mapRectToScene(m_from->body());
    const QRectF b = m_to->mapRectToScene(m_to->body());
    const QLineF line(exitPoint(a, b.center()), exitPoint(b, a.center()));
    if (line == m_line)
        return;
    prepareGeometryChange();
    m_line = line;
}

QRectF EdgeItem::boundingRect() const
{
    return QRectF(m_line.p1(), m_line.p2()).normalized().adjusted(-8, -8, 8, 8);
}

QPainterPath EdgeItem::shape() const
{
    QPainterPath path(m_line.p1());
    path.lineTo(m_line.p2());
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    return stroker.createStroke(path);
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_line.length() < 1)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor color = relationColor(m_relation.kind);
    const bool dashed = m_relation.kind == sim::relations::RelationKind::Isolates;
    QPen pen(color, 1.6, dashed ? Qt::DashLine : Qt::SolidLine);
    painter->setPen(pen);
    painter->drawLine(m_line);
    // Arrow head at the target.
    const double angle = std::atan2(-m_line.dy(), m_line.dx());
    const QPointF tip = m_line.p2();
    const double size = 9;
    const QPointF p1 = tip - QPointF(std::cos(angle - M_PI / 7) * size, -std::sin(angle - M_PI / 7) * size);
    const QPointF p2 = tip - QPointF(std::cos(angle + M_PI / 7) * size, -std::sin(angle + M_PI / 7) * size);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(QPolygonF() << tip << p1 << p2);
}

} // namespace kstudio::editors
