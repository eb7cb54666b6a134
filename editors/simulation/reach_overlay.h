// SPDX-License-Identifier: GPL-3.0-or-later
// ReachOverlay: what the Reachability dock answers, drawn over the design canvas. A path query's
// ways (source workload -> Service -> destination, or internet -> Ingress/Gateway -> Service ->
// pods) as arrows with their ports and verdict; and, while the "exposed to the internet" overlay
// is on, a badge on every workload reachable from outside with the ways in as its tooltip and
// dashed arrows along them. The overlay only draws: it never edits the design, and it follows
// the items as they move, collapse and are rebuilt.
#pragma once

#include "reachability_view.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <utility>

class QGraphicsItem;

namespace kstudio::editors {

class DesignScene;
class ReachOverlayItem;

class ReachOverlay final : public QObject
{
    Q_OBJECT
public:
    explicit ReachOverlay(DesignScene *scene, QObject *parent = nullptr);
    ~ReachOverlay() override;

    void setPaths(const QList<ReachPath> &paths);
    void setExposure(const QList<ExposedWorkload> &exposed);
    const QList<ReachPath> &paths() const { return m_paths; }
    const QList<ExposedWorkload> &exposure() const { return m_exposed; }

    // What is drawn now (tests, screenshots): each arrow as (from, to), noObject standing for the
    // internet; and the workloads carrying the exposure badge with its tooltip.
    struct Arrow
    {
        model::ObjectId from = model::noObject;
        model::ObjectId to = model::noObject;
        bool exposure = false; // an exposure way (dashed), else a path query's
        bool allowed = false;
        QString label;
    };
    QList<Arrow> arrows() const;
    QList<std::pair<model::ObjectId, QString>> badges() const;

private:
    void refresh();

    DesignScene *m_scene;
    // The lines (under the objects) and the labels and badges (over them); the scene deletes them
    // when it rebuilds, and they are made again.
    QPointer<ReachOverlayItem> m_item;
    QPointer<ReachOverlayItem> m_top;
    QList<ReachPath> m_paths;
    QList<ExposedWorkload> m_exposed;
};

} // namespace kstudio::editors
