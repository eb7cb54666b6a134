// SPDX-License-Identifier: GPL-3.0-or-later
// CanvasView: zoom (Ctrl+wheel, keys), pan (middle button or Space+drag), fit, rubber-band
// selection, drops from the palette, and a minimap in the corner.
#pragma once

#include <QGraphicsView>
#include <QTimer>

namespace kstudio::editors {

class DesignScene;
class Minimap;

// The MIME type the palette drags: the kind's name as UTF-8.
inline constexpr const char *kindMimeType = "application/x-kstudio-kind";

class CanvasView final : public QGraphicsView
{
    Q_OBJECT
public:
    explicit CanvasView(DesignScene *scene, QWidget *parent = nullptr);

    DesignScene *designScene() const { return m_scene; }
    double zoom() const { return transform().m11(); }
    void setZoom(double zoom);
    void zoomIn() { setZoom(zoom() * 1.25); }
    void zoomOut() { setZoom(zoom() / 1.25); }
    void fitAll();
    void centerOnItems(const QList<QGraphicsItem *> &items);
    Minimap *minimap() const { return m_minimap; }

Q_SIGNALS:
    void zoomChanged(double zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    void placeMinimap();
    DesignScene *m_scene;
    Minimap *m_minimap;
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panStart;
};

// The whole design small, with the visible part framed; click or drag to move there.
class Minimap final : public QGraphicsView
{
    Q_OBJECT
public:
    Minimap(CanvasView *main, QWidget *parent);
    // Refits soon (once per burst of changes: finding the design's bounds walks every item).
    void refit();
    void refitNow();

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    CanvasView *m_main;
    QTimer *m_refit;
};

} // namespace kstudio::editors
