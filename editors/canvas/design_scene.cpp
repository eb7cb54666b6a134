// SPDX-License-Identifier: GPL-3.0-or-later
#include "design_scene.h"

#include "canvas_items.h"

#include <editors/commands/edit_command.h>
#include <model/core/auto_layout.h>
#include <model/edits/new_object.h>
#include <model/io/manifest_reader.h>
#include <model/io/yaml_writer.h>
#include <model/kinds/kind_registry.h>

#include <QGraphicsLineItem>
#include <QGraphicsSceneHelpEvent>
#include <QGraphicsSceneMouseEvent>
#include <QPen>
#include <QUndoStack>

#include <algorithm>

namespace kstudio::editors {

using model::Edit;
using model::ObjectId;

namespace {

constexpr double framePadding = 30;
constexpr QSizeF newFrameSize(420, 260);

QString edgeKey(const sim::relations::Relation &relation)
{
    return QStringLiteral("%1>%2:%3:%4")
        .arg(model::toInt(relation.from))
        .arg(model::toInt(relation.to))
        .arg(static_cast<int>(relation.kind))
        .arg(relation.label);
}

// The frame an object belongs to: a Namespace object is its frame (no item); cluster-scoped
// objects share the frame "".
QString frameOf(const model::Object &object)
{
    return object.effectiveNamespace();
}

bool isNamespaceObject(const model::Object &object)
{
    return object.kind() == QLatin1String("Namespace");
}

} // namespace

DesignScene::DesignScene(model::Document *document, QUndoStack *undoStack, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_undoStack(undoStack)
{
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    connect(m_document, &model::Document::changed, this, &DesignScene::documentChanged);
    connect(this, &QGraphicsScene::selectionChanged, this, &DesignScene::selectedIdsChanged);
    rebuild();
}

DesignScene::~DesignScene()
{
    m_syncing = true; // items are destroyed with the scene; don't react to that
    blockSignals(true); // nor tell anyone: the window that listens may be half destroyed
    clear();
}

void DesignScene::push(Edit edit)
{
    auto *command = new EditCommand(m_document, std::move(edit));
    m_undoStack->push(command);
}

QList<ObjectId> DesignScene::selectedIds() const
{
    QList<ObjectId> ids;
    const QList<QGraphicsItem *> items = selectedItems();
    for (QGraphicsItem *item : items) {
        if (item->type() == ObjectItem::Type) {
            ids.append(static_cast<ObjectItem *>(item)->id());
        } else if (item->type() == FrameItem::Type) {
            const QString ns = static_cast<FrameItem *>(item)->ns();
            if (const model::Object *object = m_document->snapshot().find(QStringLiteral("Namespace"), QString(), ns))
                ids.append(object->id);
        }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

void DesignScene::selectIds(const QList<ObjectId> &ids)
{
    QSignalBlocker blocker(this);
    clearSelection();
    for (ObjectId id : ids) {
        if (ObjectItem *item = m_items.value(id)) {
            item->setSelected(true);
        } else if (const model::Object *object = m_document->snapshot().object(id);
                   object && isNamespaceObject(*object)) {
            if (FrameItem *frame = m_frames.value(object->name()))
                frame->setSelected(true);
        }
    }
    blocker.unblock();
    Q_EMIT selectedIdsChanged();
}

QString DesignScene::namespaceAt(const QPointF &scenePos) const
{
    QString best;
    double bestArea = -1;
    for (FrameItem *frame : m_frames) {
        if (frame->ns().isEmpty() || !frame->isVisible())
            continue;
        const QRectF rect = frame->sceneBoundingRect();
        const double area = rect.width() * rect.height();
        if (rect.contains(scenePos) && (bestArea < 0 || area < bestArea)) {
            best = frame->ns();
            bestArea = area;
        }
    }
    return best;
}

void DesignScene::setFindings(const sim::validate::Findings &findings)
{
    struct Counts
    {
        int errors = 0, warnings = 0, infos = 0;
        QStringList messages;
    };
    QHash<ObjectId, Counts> byObject;
    for (const sim::validate::Finding &finding : findings) {
        Counts &counts = byObject[finding.object];
        switch (finding.severity) {
        case sim::validate::Severity::Error:
            ++counts.errors;
            break;
        case sim::validate::Severity::Warning:
            ++counts.warnings;
            break;
        case sim::validate::Severity::Info:
            ++counts.infos;
            break;
        }
        counts.messages.append(finding.message);
    }
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        const auto found = byObject.constFind(it.key());
        if (found == byObject.cend())
            it.value()->setFindings(0, 0, 0, {});
        else
            it.value()->setFindings(found->errors, found->warnings, found->infos, found->messages);
    }
}

void DesignScene::setReachHighlight(const QSet<ObjectId> &reached, const QSet<ObjectId> &reaching)
{
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        int highlight = ObjectItem::NoHighlight;
        if (reached.contains(it.key()))
            highlight |= ObjectItem::ReachedFromSelection;
        if (reaching.contains(it.key()))
            highlight |= ObjectItem::ReachesSelection;
        it.value()->setHighlight(highlight);
    }
}

void DesignScene::helpEvent(QGraphicsSceneHelpEvent *event)
{
    const QList<QGraphicsItem *> under = items(event->scenePos());
    for (QGraphicsItem *item : under) {
        if (item->type() == ObjectItem::Type) {
            static_cast<ObjectItem *>(item)->updateToolTip();
            break;
        }
    }
    QGraphicsScene::helpEvent(event);
}

void DesignScene::documentChanged(const model::ChangeSet &changes)
{
    if (changes.reset) {
        rebuild();
        Q_EMIT geometryChanged();
        return;
    }
    m_syncing = true;
    for (ObjectId id : changes.removed)
        removeObjectItem(id);
    for (ObjectId id : changes.added)
        syncObject(id);
    for (ObjectId id : changes.modified)
        syncObject(id);
    if (changes.layoutChanged || !changes.added.isEmpty() || !changes.modified.isEmpty())
        syncPositions();
    m_syncing = false;
    if (!changes.added.isEmpty() || !changes.removed.isEmpty() || !changes.modified.isEmpty()
        || changes.layoutChanged) {
        syncFrames();
        syncEdges();
        updateVisibility();
        Q_EMIT geometryChanged();
    }
}

void DesignScene::rebuild()
{
    m_syncing = true;
    m_connectFrom = nullptr;
    m_connectLine = nullptr;
    m_pressPositions.clear();
    // The selection goes while its items are whole: deleting a selected item inside clear()
    // emits selectionChanged, and its handlers (the main window's reach highlight) walked
    // m_items into half-destroyed items (UBSan).
    clearSelection();
    m_items.clear();
    m_frames.clear();
    m_edges.clear();
    m_edgesOf.clear();
    m_relations.clear();
    clear();
    for (const auto &object : m_document->snapshot().objects())
        syncObject(object->id);
    syncPositions();
    m_syncing = false;
    syncFrames();
    syncEdges();
    updateVisibility();
}

void DesignScene::syncObject(ObjectId id)
{
    const model::Object *object = m_document->snapshot().object(id);
    if (!object)
        return;
    if (isNamespaceObject(*object)) {
        removeObjectItem(id); // a kind edit may turn an item into a frame
        return;
    }
    ObjectItem *item = m_items.value(id);
    if (!item) {
        item = new ObjectItem(id);
        addItem(item);
        m_items.insert(id, item);
    }
    item->setContent(*object);
}

void DesignScene::removeObjectItem(ObjectId id)
{
    ObjectItem *item = m_items.take(id);
    if (!item)
        return;
    for (EdgeItem *edge : m_edgesOf.take(id)) {
        const QString key = edgeKey(edge->relation());
        if (m_edges.value(key) == edge) {
            m_edges.remove(key);
            const ObjectId other = edge->fromItem() == item ? edge->toItem()->id() : edge->fromItem()->id();
            m_edgesOf[other].removeAll(edge);
            delete edge;
        }
    }
    if (m_connectFrom == item)
        m_connectFrom = nullptr;
    m_pressPositions.remove(item);
    delete item;
}

QPointF DesignScene::freeSpot() const
{
    QRectF bounds;
    for (ObjectItem *item : m_items) {
        if (m_document->snapshot().layout().items.contains(item->id()))
            bounds |= item->sceneBoundingRect();
    }
    return bounds.isNull() ? QPointF(0, 0) : QPointF(bounds.left(), bounds.bottom() + 60);
}

void DesignScene::syncPositions()
{
    const model::Layout &layout = m_document->snapshot().layout();
    QPointF spot;
    bool spotKnown = false;
    int unplaced = 0;
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        const auto found = layout.items.constFind(it.key());
        if (found != layout.items.cend()) {
            if (it.value()->pos() != found->position)
                it.value()->setPos(found->position);
            continue;
        }
        // Objects without a place (added by a script or the YAML view): a row below the rest.
        if (!spotKnown) {
            spot = freeSpot();
            spotKnown = true;
        }
        it.value()->setPos(spot + QPointF((unplaced % 8) * (model::layoutItemWidth + 40),
                                          (unplaced / 8) * (model::layoutItemHeight + 20)));
        ++unplaced;
    }
}

void DesignScene::syncFrames()
{
    const model::Snapshot &snapshot = m_document->snapshot();
    const model::Layout &layout = snapshot.layout();
    // Members' bounds per namespace.
    QHash<QString, QRectF> bounds;
    QHash<QString, int> counts;
    QSet<QString> namespaces;
    for (const auto &object : snapshot.objects()) {
        if (isNamespaceObject(*object)) {
            namespaces.insert(object->name());
            continue;
        }
        const QString ns = frameOf(*object);
        namespaces.insert(ns);
        ++counts[ns];
        if (ObjectItem *item = m_items.value(object->id))
            bounds[ns] |= item->mapRectToScene(item->body());
    }
    // Frames that are gone.
    for (auto it = m_frames.begin(); it != m_frames.end();) {
        if (!namespaces.contains(it.key())) {
            delete it.value();
            it = m_frames.erase(it);
        } else {
            ++it;
        }
    }
    m_syncing = true;
    for (const QString &ns : std::as_const(namespaces)) {
        FrameItem *frame = m_frames.value(ns);
        if (!frame) {
            frame = new FrameItem(ns);
            addItem(frame);
            m_frames.insert(ns, frame);
        }
        QRectF rect;
        const auto stored = layout.frames.constFind(ns);
        if (stored != layout.frames.cend() && !stored->size.isEmpty())
            rect = QRectF(stored->position, stored->size);
        const QRectF members = bounds.value(ns);
        if (!members.isNull()) {
            const QRectF padded = members.adjusted(-framePadding, -framePadding - FrameItem::titleHeight,
                                                   framePadding, framePadding);
            rect = rect.isNull() ? padded : (rect | padded);
        }
        if (rect.isNull())
            rect = QRectF(freeSpot(), newFrameSize);
        const bool collapsed = stored != layout.frames.cend() && stored->collapsed;
        frame->setCollapsed(collapsed, counts.value(ns));
        frame->setSize(rect.size());
        if (frame->pos() != rect.topLeft())
            frame->setPos(rect.topLeft());
    }
    m_syncing = false;
}

void DesignScene::syncEdges()
{
    m_relations = sim::relations::deriveRelations(m_document->snapshot());
    QHash<QString, EdgeItem *> keep;
    for (const sim::relations::Relation &relation : std::as_const(m_relations)) {
        ObjectItem *from = m_items.value(relation.from);
        ObjectItem *to = m_items.value(relation.to);
        if (!from || !to)
            continue;
        const QString key = edgeKey(relation);
        EdgeItem *edge = m_edges.take(key);
        if (!edge) {
            edge = new EdgeItem(relation, from, to);
            addItem(edge);
        } else {
            edge->adjust();
        }
        keep.insert(key, edge);
    }
    for (EdgeItem *stale : std::as_const(m_edges))
        delete stale;
    m_edges = std::move(keep);
    m_edgesOf.clear();
    for (EdgeItem *edge : std::as_const(m_edges)) {
        m_edgesOf[edge->fromItem()->id()].append(edge);
        m_edgesOf[edge->toItem()->id()].append(edge);
    }
}

void DesignScene::updateVisibility()
{
    for (ObjectItem *item : std::as_const(m_items)) {
        FrameItem *frame = m_frames.value(item->ns());
        item->setVisible(!frame || !frame->isCollapsed());
    }
    for (EdgeItem *edge : std::as_const(m_edges))
        edge->setVisible(edge->fromItem()->isVisible() && edge->toItem()->isVisible());
}

void DesignScene::itemMoved(ObjectItem *item)
{
    for (EdgeItem *edge : m_edgesOf.value(item->id()))
        edge->adjust();
    Q_EMIT geometryChanged();
}

void DesignScene::frameMoved(FrameItem *frame)
{
    if (m_syncing)
        return;
    const auto pressed = m_pressPositions.constFind(frame);
    if (pressed == m_pressPositions.cend())
        return;
    // While a frame is dragged its members follow it (those not selected themselves: Qt
    // moves selected items already).
    const model::Layout &layout = m_document->snapshot().layout();
    const QPointF delta = frame->pos() - pressed.value();
    for (ObjectItem *item : std::as_const(m_items)) {
        if (item->ns() != frame->ns() || item->isSelected())
            continue;
        const auto stored = layout.items.constFind(item->id());
        const QPointF start = stored != layout.items.cend() ? stored->position : item->pos();
        item->setPos(start + delta);
    }
}

std::optional<Edit> DesignScene::namespaceChange(ObjectItem *item) const
{
    const model::Object *object = m_document->snapshot().object(item->id());
    if (!object || !object->isNamespaced())
        return std::nullopt;
    const QString target = namespaceAt(item->mapRectToScene(item->body()).center());
    if (target.isEmpty() || target == object->effectiveNamespace())
        return std::nullopt;
    return Edit(model::SetField{item->id(), model::FieldPath::parse("metadata.namespace"),
                                model::Node::string(target.toStdString())});
}

void DesignScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        const QList<QGraphicsItem *> under = items(event->scenePos());
        for (QGraphicsItem *item : under) {
            if (item->type() == ObjectItem::Type) {
                auto *objectItem = static_cast<ObjectItem *>(item);
                if (ObjectItem::connectHandle().contains(objectItem->mapFromScene(event->scenePos()))) {
                    m_connectFrom = objectItem;
                    m_connectLine = new QGraphicsLineItem(QLineF(event->scenePos(), event->scenePos()));
                    m_connectLine->setPen(QPen(QColor(0x32, 0x6c, 0xe5), 2, Qt::DashLine));
                    m_connectLine->setZValue(10);
                    addItem(m_connectLine);
                    event->accept();
                    return;
                }
                break;
            }
            if (item->type() == FrameItem::Type) {
                auto *frame = static_cast<FrameItem *>(item);
                if (frame->toggleRect().contains(frame->mapFromScene(event->scenePos()))) {
                    toggleCollapsed(frame->ns());
                    event->accept();
                    return;
                }
                break;
            }
        }
    }
    QGraphicsScene::mousePressEvent(event);
    m_pressPositions.clear();
    if (event->button() == Qt::LeftButton) {
        const QList<QGraphicsItem *> selection = selectedItems();
        for (QGraphicsItem *item : selection) {
            if (item->type() == ObjectItem::Type || item->type() == FrameItem::Type)
                m_pressPositions.insert(item, item->pos());
        }
    }
}

void DesignScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connectFrom && m_connectLine) {
        m_connectLine->setLine(QLineF(m_connectFrom->mapToScene(ObjectItem::connectHandle().center()),
                                      event->scenePos()));
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void DesignScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connectFrom) {
        ObjectItem *from = m_connectFrom;
        m_connectFrom = nullptr;
        delete m_connectLine;
        m_connectLine = nullptr;
        const QList<QGraphicsItem *> under = items(event->scenePos());
        for (QGraphicsItem *item : under) {
            if (item->type() == ObjectItem::Type && item != from) {
                connectObjects(from->id(), static_cast<ObjectItem *>(item)->id());
                break;
            }
        }
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    if (m_pressPositions.isEmpty())
        return;
    const auto pressed = std::exchange(m_pressPositions, {});
    QList<ObjectId> movedIds;
    QPointF delta;
    std::vector<Edit> frameEdits;
    QSet<QString> movedFrames;
    for (auto it = pressed.cbegin(); it != pressed.cend(); ++it) {
        const QPointF moved = it.key()->pos() - it.value();
        if (moved.isNull())
            continue;
        if (it.key()->type() == FrameItem::Type) {
            auto *frame = static_cast<FrameItem *>(it.key());
            movedFrames.insert(frame->ns());
            const model::Layout &layout = m_document->snapshot().layout();
            model::ItemLayout frameLayout = layout.frames.value(frame->ns());
            frameLayout.position = frame->pos();
            frameLayout.size = frame->size();
            frameEdits.push_back(Edit(model::SetFrameLayout{frame->ns(), frameLayout}));
            delta = moved;
        } else {
            movedIds.append(static_cast<ObjectItem *>(it.key())->id());
            delta = moved;
        }
    }
    if (movedIds.isEmpty() && frameEdits.empty())
        return;
    // Members of moved frames move with them.
    for (ObjectItem *item : std::as_const(m_items)) {
        if (movedFrames.contains(item->ns()) && !movedIds.contains(item->id()))
            movedIds.append(item->id());
    }
    std::sort(movedIds.begin(), movedIds.end());
    std::vector<Edit> edits = std::move(frameEdits);
    edits.push_back(Edit(model::MoveItems{movedIds, delta}));
    if (movedFrames.isEmpty()) {
        for (ObjectId id : std::as_const(movedIds)) {
            if (auto change = namespaceChange(m_items.value(id)))
                edits.push_back(std::move(*change));
        }
    }
    const QString text = edits.size() > 1 ? (movedFrames.isEmpty() ? tr("Move to namespace") : tr("Move namespace"))
                                          : QString();
    push(Edit(model::Compound{text, std::move(edits)}));
}

void DesignScene::toggleCollapsed(const QString &ns)
{
    FrameItem *frame = m_frames.value(ns);
    if (!frame)
        return;
    model::ItemLayout layout = m_document->snapshot().layout().frames.value(ns);
    layout.position = frame->pos();
    layout.size = frame->size();
    layout.collapsed = !frame->isCollapsed();
    push(Edit(model::Compound{layout.collapsed ? tr("Collapse %1").arg(frame->title()) : tr("Expand %1").arg(frame->title()),
                              {Edit(model::SetFrameLayout{ns, layout})}}));
}

bool DesignScene::addObject(const QString &kind, const QPointF &scenePos)
{
    const model::KindSpec *spec = model::findKind(kind);
    if (!spec) {
        Q_EMIT message(tr("Unknown kind %1").arg(kind));
        return false;
    }
    const model::Snapshot &snapshot = m_document->snapshot();
    QString ns = spec->namespaced ? namespaceAt(scenePos) : QString();
    if (spec->namespaced && ns.isEmpty())
        ns = QStringLiteral("default");
    model::Object object = model::starterObject(snapshot, *spec, spec->namespaced ? ns : QString());
    object.id = m_document->newId();
    const ObjectId id = object.id;
    const QString name = object.name();
    std::vector<Edit> edits;
    edits.push_back(Edit(model::AddObject{std::move(object)}));
    if (kind == QLatin1String("Namespace")) {
        edits.push_back(Edit(model::SetFrameLayout{name, model::ItemLayout{scenePos, newFrameSize, false}}));
    } else {
        const QPointF topLeft = scenePos - QPointF(model::layoutItemWidth / 2, model::layoutItemHeight / 2);
        edits.push_back(Edit(model::SetItemLayout{id, model::ItemLayout{topLeft, QSizeF(), false}}));
    }
    push(Edit(model::Compound{tr("Add %1 %2").arg(kind, name), std::move(edits)}));
    selectIds({id});
    return true;
}

bool DesignScene::connectObjects(ObjectId from, ObjectId to)
{
    const model::Snapshot &snapshot = m_document->snapshot();
    model::ConnectMode mode = model::ConnectMode::Default;
    const QList<model::ConnectMode> modes = model::connectModes(snapshot, from, to);
    if (!modes.isEmpty()) {
        const std::optional<model::ConnectMode> chosen = m_modeChooser ? m_modeChooser(modes)
                                                                        : std::optional(modes.first());
        if (!chosen)
            return false;
        mode = *chosen;
    }
    model::ConnectResult result = model::connectEdit(snapshot, from, to, mode);
    if (!result.edit) {
        Q_EMIT message(result.why);
        return false;
    }
    push(std::move(*result.edit));
    return true;
}

bool DesignScene::deleteSelection()
{
    const model::Snapshot &snapshot = m_document->snapshot();
    QList<ObjectId> ids = selectedIds();
    // A selected frame takes its members along.
    const QList<QGraphicsItem *> selection = selectedItems();
    for (QGraphicsItem *item : selection) {
        if (item->type() != FrameItem::Type)
            continue;
        const QString ns = static_cast<FrameItem *>(item)->ns();
        for (const auto &object : snapshot.objects()) {
            if (!isNamespaceObject(*object) && object->effectiveNamespace() == ns && !ids.contains(object->id))
                ids.append(object->id);
        }
    }
    if (ids.isEmpty())
        return false;
    const QSet<ObjectId> going(ids.cbegin(), ids.cend());
    QStringList still;
    for (const sim::relations::Relation &relation : std::as_const(m_relations)) {
        if (going.contains(relation.to) && !going.contains(relation.from)) {
            const model::Object *from = snapshot.object(relation.from);
            const model::Object *to = snapshot.object(relation.to);
            if (from && to)
                still.append(QStringLiteral("%1 %2 %3").arg(from->displayName(), sim::relations::kindName(relation.kind),
                                                             to->displayName()));
        }
    }
    if (!still.isEmpty() && m_confirm) {
        still.removeDuplicates();
        if (still.size() > 12) {
            const qsizetype more = still.size() - 12;
            still = still.mid(0, 12);
            still.append(tr("… and %n more", nullptr, int(more)));
        }
        if (!m_confirm(tr("These still refer to what you delete:\n\n%1\n\nDelete anyway?").arg(still.join(QLatin1Char('\n')))))
            return false;
    }
    std::sort(ids.begin(), ids.end());
    std::vector<Edit> edits;
    for (ObjectId id : std::as_const(ids))
        edits.push_back(Edit(model::RemoveObject{id}));
    for (ObjectId id : std::as_const(ids)) {
        const model::Object *object = snapshot.object(id);
        if (object && isNamespaceObject(*object) && snapshot.layout().frames.contains(object->name()))
            edits.push_back(Edit(model::SetFrameLayout{object->name(), std::nullopt}));
    }
    push(Edit(model::Compound{tr("Delete %n object(s)", nullptr, int(ids.size())), std::move(edits)}));
    return true;
}

QString DesignScene::selectionAsYaml() const
{
    std::vector<const model::Node *> bodies;
    for (ObjectId id : selectedIds()) {
        if (const model::Object *object = m_document->snapshot().object(id))
            bodies.push_back(&object->body);
    }
    return bodies.empty() ? QString() : QString::fromStdString(model::writeYamlStream(bodies));
}

bool DesignScene::pasteYaml(const QString &text, const QPointF &scenePos)
{
    model::LoadResult loaded;
    const std::string bytes = text.toStdString();
    model::readManifests(bytes, tr("clipboard"), loaded);
    if (loaded.objects.empty()) {
        Q_EMIT message(loaded.diagnostics.isEmpty() ? tr("Nothing to paste")
                                                    : loaded.diagnostics.first().toString());
        return false;
    }
    const model::Snapshot &snapshot = m_document->snapshot();
    std::vector<Edit> edits;
    QList<ObjectId> ids;
    QSet<QString> taken;
    int index = 0;
    for (model::Object &object : loaded.objects) {
        // A copy gets a free name: "web" becomes "web-2" when web exists (or was just pasted).
        const QString kind = object.kind();
        const QString ns = object.effectiveNamespace();
        const QString name = model::freeName(object.name(), [&](const QString &candidate) {
            return snapshot.find(kind, ns, candidate) || taken.contains(kind + ns + candidate);
        });
        if (name != object.name()) {
            // Through the parent mapping: a child's key lives in the child.
            if (model::Node *metadata = object.body.get("metadata"); metadata && metadata->isMapping())
                metadata->set("name", model::Node::string(name.toStdString()));
        }
        taken.insert(kind + ns + name);
        object.id = m_document->newId();
        const ObjectId id = object.id;
        ids.append(id);
        const QPointF at = scenePos + QPointF(index % 6 * (model::layoutItemWidth + 40), index / 6 * (model::layoutItemHeight + 20));
        edits.push_back(Edit(model::AddObject{std::move(object)}));
        edits.push_back(Edit(model::SetItemLayout{id, model::ItemLayout{at, QSizeF(), false}}));
        ++index;
    }
    push(Edit(model::Compound{tr("Paste %n object(s)", nullptr, int(ids.size())), std::move(edits)}));
    selectIds(ids);
    return true;
}

bool DesignScene::duplicateSelection()
{
    const QString yaml = selectionAsYaml();
    if (yaml.isEmpty())
        return false;
    QRectF bounds;
    for (ObjectId id : selectedIds()) {
        if (ObjectItem *item = m_items.value(id))
            bounds |= item->sceneBoundingRect();
    }
    return pasteYaml(yaml, bounds.isNull() ? freeSpot() : bounds.topLeft() + QPointF(30, 30));
}

void DesignScene::autoLayout()
{
    Edit edit = model::layoutEdit(model::autoLayout(m_document->snapshot()));
    push(std::move(edit));
}

} // namespace kstudio::editors
