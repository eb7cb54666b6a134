// SPDX-License-Identifier: GPL-3.0-or-later
#include "reach_overlay.h"

#include <editors/canvas/canvas_items.h>
#include <editors/canvas/design_scene.h>

#include <QGraphicsObject>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

#include <optional>

namespace kstudio::editors {

namespace {

QColor allowedPen()
{
    return QColor(0x2e, 0x9d, 0x57);
}
QColor deniedPen()
{
    return QColor(0xd9, 0x30, 0x25);
}
QColor exposurePen()
{
    return QColor(0xe0, 0x6c, 0x00);
}
constexpr double internetOffset = 19; // the internet pill's centre, left of the first hop's edge

// The point where the line from the centre of rect towards target leaves rect.
QPointF borderPoint(const QRectF &rect, const QPointF &target)
{
    const QPointF centre = rect.center();
    const QPointF delta = target - centre;
    if (qFuzzyIsNull(delta.x()) && qFuzzyIsNull(delta.y()))
        return centre;
    const double sx = qFuzzyIsNull(delta.x()) ? 1e9 : (rect.width() / 2) / qAbs(delta.x());
    const double sy = qFuzzyIsNull(delta.y()) ? 1e9 : (rect.height() / 2) / qAbs(delta.y());
    return centre + delta * qMin(1.0, qMin(sx, sy));
}

} // namespace

// The arrows, in scene coordinates, in two layers: the lines under the objects, and their
// labels, the "internet" pills and the exposure badges (children) over them.
class ReachOverlayItem final : public QGraphicsObject
{
public:
    struct Segment
    {
        ReachOverlay::Arrow arrow;
        QLineF line;
        bool fromCloud = false;
    };

    explicit ReachOverlayItem(bool top)
        : m_top(top)
    {
        // Lines: over the relation edges (0.5), under the objects (1). Labels: over the objects.
        setZValue(top ? 2 : 0.8);
        setAcceptedMouseButtons(Qt::NoButton);
        setAcceptHoverEvents(false);
    }

    void setSegments(QList<Segment> segments)
    {
        prepareGeometryChange();
        m_segments = std::move(segments);
        m_bounds = QRectF();
        for (const Segment &segment : std::as_const(m_segments)) {
            m_bounds = m_bounds.united(QRectF(segment.line.p1(), segment.line.p2()).normalized());
            if (segment.fromCloud)
                m_bounds = m_bounds.united(cloudRect(segment.line.p1()));
        }
        m_bounds.adjust(-120, -40, 120, 40); // labels and arrow heads
        update();
    }
    const QList<Segment> &segments() const { return m_segments; }

    QRectF boundingRect() const override { return m_bounds; }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        painter->setRenderHint(QPainter::Antialiasing);
        QFont font = painter->font();
        font.setPointSizeF(font.pointSizeF() * 0.9);
        painter->setFont(font);
        QList<QPointF> clouds;
        for (const Segment &segment : std::as_const(m_segments)) {
            const QColor colour = segment.arrow.exposure ? exposurePen() : segment.arrow.allowed ? allowedPen() : deniedPen();
            if (m_top) {
                if (segment.fromCloud && !clouds.contains(segment.line.p1()))
                    clouds << segment.line.p1();
                if (!segment.arrow.label.isEmpty())
                    drawLabel(painter, segment, colour);
                continue;
            }
            QPen pen(colour, segment.arrow.exposure ? 2.5 : 3.5, segment.arrow.exposure ? Qt::DashLine : Qt::SolidLine);
            pen.setCapStyle(Qt::RoundCap);
            painter->setPen(pen);
            painter->drawLine(segment.line);
            // Arrow head.
            const double angle = std::atan2(-segment.line.dy(), segment.line.dx());
            const QPointF tip = segment.line.p2();
            const QPointF left = tip - QPointF(std::sin(angle + M_PI / 3) * 12, std::cos(angle + M_PI / 3) * 12);
            const QPointF right = tip - QPointF(std::sin(angle + M_PI - M_PI / 3) * 12, std::cos(angle + M_PI - M_PI / 3) * 12);
            painter->setPen(QPen(colour, 1));
            painter->setBrush(colour);
            painter->drawPolygon(QPolygonF({tip, left, right}));
        }
        for (const QPointF &point : std::as_const(clouds)) {
            const QRectF rect = cloudRect(point);
            painter->setPen(QPen(exposurePen(), 1.5));
            painter->setBrush(QColor(0xff, 0xf1, 0xe0));
            painter->drawRoundedRect(rect, rect.height() / 2, rect.height() / 2);
            painter->setPen(exposurePen().darker(140));
            painter->drawText(rect, Qt::AlignCenter, QObject::tr("internet ▸"));
        }
    }

    static QRectF cloudRect(const QPointF &centre) { return QRectF(centre.x() - 33, centre.y() - 11, 66, 22); }

private:
    static void drawLabel(QPainter *painter, const Segment &segment, const QColor &colour)
    {
        const QString text = segment.arrow.label;
        const QRectF textRect = painter->fontMetrics().boundingRect(text).adjusted(-5, -2, 5, 2);
        const QPointF middle = segment.line.pointAt(0.5);
        const QRectF box(middle.x() - textRect.width() / 2, middle.y() - textRect.height() / 2, textRect.width(), textRect.height());
        painter->setPen(QPen(colour, 1.2));
        painter->setBrush(QColor(255, 255, 255, 235));
        painter->drawRoundedRect(box, 4, 4);
        painter->setPen(colour.darker(140));
        painter->drawText(box, Qt::AlignCenter, text);
    }

    bool m_top;
    QList<Segment> m_segments;
    QRectF m_bounds;
};

namespace {

// The exposure badge on a workload: a small "internet" pill with the ways in as tooltip.
class ExposureBadge final : public QGraphicsItem
{
public:
    ExposureBadge(model::ObjectId workload, const QString &toolTip, QGraphicsItem *parent)
        : QGraphicsItem(parent)
        , m_workload(workload)
    {
        setToolTip(toolTip);
        setZValue(2);
        setAcceptedMouseButtons(Qt::NoButton);
    }
    enum { Type = UserType + 40 };
    int type() const override { return Type; }
    QRectF boundingRect() const override { return QRectF(0, 0, 74, 20); }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(exposurePen().darker(120), 1));
        painter->setBrush(exposurePen());
        painter->drawRoundedRect(boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), 9, 9);
        QFont font = painter->font();
        font.setBold(true);
        font.setPointSizeF(font.pointSizeF() * 0.8);
        painter->setFont(font);
        painter->setPen(Qt::white);
        painter->drawText(boundingRect(), Qt::AlignCenter, QObject::tr("● exposed"));
    }
    model::ObjectId workload() const { return m_workload; }

private:
    model::ObjectId m_workload;
};

} // namespace

ReachOverlay::ReachOverlay(DesignScene *scene, QObject *parent)
    : QObject(parent)
    , m_scene(scene)
{
    connect(scene, &DesignScene::geometryChanged, this, &ReachOverlay::refresh);
}

ReachOverlay::~ReachOverlay()
{
    delete m_item.data();
    delete m_top.data();
}

void ReachOverlay::setPaths(const QList<ReachPath> &paths)
{
    m_paths = paths;
    refresh();
}

void ReachOverlay::setExposure(const QList<ExposedWorkload> &exposed)
{
    m_exposed = exposed;
    refresh();
}

void ReachOverlay::refresh()
{
    if (m_paths.isEmpty() && m_exposed.isEmpty()) {
        delete m_item.data();
        delete m_top.data();
        return;
    }
    if (!m_item) {
        m_item = new ReachOverlayItem(false);
        m_scene->addItem(m_item);
    }
    if (!m_top) {
        m_top = new ReachOverlayItem(true);
        m_scene->addItem(m_top);
    }
    qDeleteAll(m_top->childItems());
    const auto rectOf = [this](model::ObjectId id) -> std::optional<QRectF> {
        ObjectItem *item = m_scene->itemFor(id);
        if (!item || !item->isVisible())
            return std::nullopt;
        return item->mapRectToScene(item->body());
    };
    QList<ReachOverlayItem::Segment> segments;
    const auto addPath = [&](const ReachPath &path, bool exposure) {
        QList<QRectF> rects;
        QList<model::ObjectId> ids;
        for (model::ObjectId hop : path.hops) {
            if (const auto rect = rectOf(hop)) {
                rects << *rect;
                ids << hop;
            }
        }
        if (rects.isEmpty())
            return;
        if (path.fromOutside) {
            const QPointF cloud(rects.front().left() - internetOffset, rects.front().center().y());
            ReachOverlayItem::Segment segment;
            segment.arrow = {model::noObject, ids.front(), exposure, path.allowed, QString()};
            segment.line = QLineF(cloud, borderPoint(rects.front(), cloud));
            segment.fromCloud = true;
            segments << segment;
        }
        for (int i = 1; i < rects.size(); ++i) {
            ReachOverlayItem::Segment segment;
            const bool last = i == rects.size() - 1;
            segment.arrow = {ids.at(i - 1), ids.at(i), exposure, path.allowed, last && !exposure ? path.label : QString()};
            segment.line = QLineF(borderPoint(rects.at(i - 1), rects.at(i).center()), borderPoint(rects.at(i), rects.at(i - 1).center()));
            segments << segment;
        }
    };
    for (const ExposedWorkload &exposed : std::as_const(m_exposed)) {
        for (const ReachPath &path : exposed.paths)
            addPath(path, true);
        if (const auto rect = rectOf(exposed.workload)) {
            QStringList ways;
            for (const QString &way : exposed.ways)
                ways << way.toHtmlEscaped();
            const QString tip = tr("<b>Exposed to the internet</b><br>") + ways.join(QStringLiteral("<br>"));
            auto *badge = new ExposureBadge(exposed.workload, tip, m_top);
            badge->setPos(rect->left() + 14, rect->top() - 12);
        }
    }
    for (const ReachPath &path : std::as_const(m_paths))
        addPath(path, false);
    m_top->setSegments(segments);
    m_item->setSegments(std::move(segments));
}

QList<ReachOverlay::Arrow> ReachOverlay::arrows() const
{
    QList<Arrow> out;
    if (!m_item)
        return out;
    for (const ReachOverlayItem::Segment &segment : m_item->segments())
        out << segment.arrow;
    return out;
}

QList<std::pair<model::ObjectId, QString>> ReachOverlay::badges() const
{
    QList<std::pair<model::ObjectId, QString>> out;
    if (!m_top)
        return out;
    for (QGraphicsItem *child : m_top->childItems()) {
        if (child->type() == ExposureBadge::Type)
            out.append({static_cast<ExposureBadge *>(child)->workload(), child->toolTip()});
    }
    return out;
}

} // namespace kstudio::editors
