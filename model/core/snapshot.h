// SPDX-License-Identifier: GPL-3.0-or-later
// Snapshot: an immutable value of the whole design (objects, canvas layout, node pools, notes,
// validation rule settings).
#pragma once

#include "object.h"

#include <QMap>
#include <QPointF>
#include <QSizeF>
#include <QString>

#include <memory>
#include <vector>

namespace kstudio::model {

struct ProjectReadResult;

// Canvas placement of one object, or of a namespace frame.
struct ItemLayout
{
    QPointF position;
    QSizeF size;       // frames only; empty for objects
    bool collapsed = false;
    friend bool operator==(const ItemLayout &, const ItemLayout &) = default;
};

struct ViewState
{
    QPointF center;
    double zoom = 1.0;
    friend bool operator==(const ViewState &, const ViewState &) = default;
};

struct Layout
{
    QMap<ObjectId, ItemLayout> items;
    QMap<QString, ItemLayout> frames; // namespace name -> frame
    ViewState view;
    friend bool operator==(const Layout &, const Layout &) = default;
};

// A node pool of the modelled cluster: expanded to Nodes named pool-zone-i by the scheduler.
struct NodePool
{
    QString name;
    int count = 0;
    QString cpu = QStringLiteral("4");
    QString memory = QStringLiteral("16Gi");
    int pods = 110;
    QList<QString> zones;
    QMap<QString, QString> labels;
    QList<QString> taints; // "key=value:Effect"
    friend bool operator==(const NodePool &, const NodePool &) = default;
};

// Validation rule settings saved with the design (the project's "rules" entry): rule ids left
// out, and rule ids re-levelled to "error", "warning" or "info". Plain data here; the
// validation engine (sim/validate) interprets it, and the CLI's flags add to it.
struct RuleSettings
{
    QList<QString> disabled;
    QMap<QString, QString> severities;
    bool isEmpty() const { return disabled.isEmpty() && severities.isEmpty(); }
    friend bool operator==(const RuleSettings &, const RuleSettings &) = default;
};

// Copying a Snapshot is cheap: objects are shared, immutable, and the maps are implicitly shared.
// Objects iterate in id order, which is the order they were read or created in.
class Snapshot
{
public:
    using ObjectMap = QMap<ObjectId, std::shared_ptr<const Object>>;

    const ObjectMap &objects() const { return m_objects; }
    int size() const { return static_cast<int>(m_objects.size()); }
    const Object *object(ObjectId id) const;
    // The object of that kind, namespace (effective) and name, if any.
    const Object *find(const QString &kind, const QString &ns, const QString &name) const;
    // Objects sorted the way exports and the CLI list them: see sortedForExport().
    std::vector<const Object *> inOrder() const;

    const Layout &layout() const { return m_layout; }
    const QList<NodePool> &nodePools() const { return m_nodePools; }
    const QString &notes() const { return m_notes; }
    const RuleSettings &ruleSettings() const { return m_ruleSettings; }
    quint64 revision() const { return m_revision; }

private:
    friend class Document;
    friend Snapshot toSnapshot(ProjectReadResult result); // model/io/project_file.h
    ObjectMap m_objects;
    Layout m_layout;
    QList<NodePool> m_nodePools;
    QString m_notes;
    RuleSettings m_ruleSettings;
    quint64 m_revision = 0;
};

} // namespace kstudio::model
