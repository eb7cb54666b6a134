// SPDX-License-Identifier: GPL-3.0-or-later
#include "canvas_view.h"

#include "design_scene.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QGraphicsItem>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

namespace kstudio::editors {

CanvasView::CanvasView(DesignScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setObjectName(QStringLiteral("canvas"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setAcceptDrops(true);
    setSceneRect(QRectF(-5000, -5000, 10000, 10000));
    m_minimap = new Minimap(this, this);
    connect(scene, &QGraphicsScene::changed, this, [this](const QList<QRectF> &regions) {
        // Let the scene grow with the design, with room around it.
        QRectF changed;
        for (const QRectF &region : regions)
            changed |= region;
        const QRectF bounds = changed.adjusted(-2000, -2000, 2000, 2000);
        if (!changed.isNull() && !sceneRect().contains(bounds))
            setSceneRect(sceneRect() | bounds);
        m_minimap->refit();
    });
}

void CanvasView::setZoom(double zoom)
{
    zoom = std::clamp(zoom, 0.05, 4.0);
    const double factor = zoom / this->zoom();
    if (qFuzzyCompare(factor, 1.0))
        return;
    scale(factor, factor);
    m_minimap->refit();
    Q_EMIT zoomChanged(zoom);
}

void CanvasView::fitAll()
{
    QRectF bounds = m_scene->itemsBoundingRect();
    if (bounds.isEmpty())
        bounds = QRectF(0, 0, 800, 600);
    fitInView(bounds.adjusted(-40, -40, 40, 40), Qt::KeepAspectRatio);
    if (zoom() > 1.5)
        setZoom(1.5);
    m_minimap->refitNow();
    Q_EMIT zoomChanged(zoom());
}

void CanvasView::centerOnItems(const QList<QGraphicsItem *> &items)
{
    QRectF bounds;
    for (QGraphicsItem *item : items)
        bounds |= item->sceneBoundingRect();
    if (!bounds.isNull())
        centerOn(bounds.center());
}

void CanvasView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        setZoom(zoom() * std::pow(1.15, steps));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void CanvasView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void CanvasView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void CanvasView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (m_spaceHeld && event->button() == Qt::LeftButton)) {
        m_panning = true;
        m_panStart = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void CanvasView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint delta = event->position().toPoint() - m_panStart;
        m_panStart = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void CanvasView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        if (m_spaceHeld)
            viewport()->setCursor(Qt::OpenHandCursor);
        else
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void CanvasView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(QString::fromLatin1(kindMimeType)))
        event->acceptProposedAction();
    else
        QGraphicsView::dragEnterEvent(event);
}

void CanvasView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(QString::fromLatin1(kindMimeType)))
        event->acceptProposedAction();
    else
        QGraphicsView::dragMoveEvent(event);
}

void CanvasView::dropEvent(QDropEvent *event)
{
    const QByteArray kind = event->mimeData()->data(QString::fromLatin1(kindMimeType));
    if (kind.isEmpty()) {
        QGraphicsView::dropEvent(event);
        return;
    }
    m_scene->addObject(QString::fromUtf8(kind), mapToScene(event->position().toPoint()));
    event->acceptProposedAction();
    setFocus();
}

void CanvasView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeMinimap();
}

void CanvasView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    m_minimap->refit();
}

void CanvasView::placeMinimap()
{
    const QSize size(200, 140);
    m_minimap->setGeometry(viewport()->width() - size.width() - 12, viewport()->height() - size.height() - 12,
                           size.width(), size.height());
    m_minimap->refit();
}

void CanvasView::drawBackground(QPainter *painter, const QRectF &rect)
{
    const QPalette palette = QApplication::palette();
    painter->fillRect(rect, palette.color(QPalette::Window));
    if (zoom() < 0.3)
        return;
    // A dot grid every 20 scene units.
    QColor dot = palette.color(QPalette::Mid);
    dot.setAlpha(110);
    painter->setPen(QPen(dot, 0));
    const double step = 20;
    const double left = std::floor(rect.left() / step) * step;
    const double top = std::floor(rect.top() / step) * step;
    QVector<QPointF> points;
    for (double x = left; x < rect.right(); x += step) {
        for (double y = top; y < rect.bottom(); y += step)
            points.append(QPointF(x, y));
    }
    painter->drawPoints(points.constData(), int(points.size()));
}

Minimap::Minimap(CanvasView *main, QWidget *parent)
    : QGraphicsView(main->scene(), parent)
    , m_main(main)
{
    setObjectName(QStringLiteral("minimap"));
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::Box);
    setRenderHints(QPainter::Antialiasing);
    setToolTip(tr("Overview: click to move there"));
    m_refit = new QTimer(this);
    m_refit->setSingleShot(true);
    m_refit->setInterval(100);
    connect(m_refit, &QTimer::timeout, this, &Minimap::refitNow);
}

void Minimap::refit()
{
    m_refit->start();
}

void Minimap::refitNow()
{
    QRectF bounds = scene()->itemsBoundingRect();
    if (bounds.isEmpty())
        bounds = QRectF(0, 0, 800, 600);
    fitInView(bounds.adjusted(-20, -20, 20, 20), Qt::KeepAspectRatio);
    // An overview helps only when the design does not fit in the view.
    const QRectF visible = m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
    setVisible(!scene()->items().isEmpty() && !visible.contains(scene()->itemsBoundingRect()));
}

void Minimap::drawForeground(QPainter *painter, const QRectF &)
{
    const QRectF visible = m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
    QColor fill = palette().color(QPalette::Highlight);
    fill.setAlpha(40);
    painter->setBrush(fill);
    painter->setPen(QPen(palette().color(QPalette::Highlight), 0));
    painter->drawRect(visible);
}

void Minimap::mousePressEvent(QMouseEvent *event)
{
    m_main->centerOn(mapToScene(event->position().toPoint()));
    viewport()->update();
}

void Minimap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        m_main->centerOn(mapToScene(event->position().toPoint()));
        viewport()->update();
    }
}

} // namespace kstudio::editors
