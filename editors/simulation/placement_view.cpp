// SPDX-License-Identifier: GPL-3.0-or-later
#include "placement_view.h"

#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QThread>
#include <QToolButton>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <set>

namespace kstudio::editors {

namespace {

constexpr int cardWidth = 230;
constexpr int cardGap = 12;
constexpr int chipHeight = 18;
constexpr int chipsPerRow = 2;
const QString zoneLabel = QStringLiteral("topology.kubernetes.io/zone");

// The workload a pod comes from: its name without the ordinal (CLI.md: name-0 .. name-(N-1))
// or the node suffix of a DaemonSet pod.
QString workloadPrefix(const QString &pod)
{
    const qsizetype dash = pod.lastIndexOf(QLatin1Char('-'));
    return dash > 0 ? pod.left(dash) : pod;
}

QColor workloadColor(const QString &workload)
{
    const uint hash = qHash(workload);
    return QColor::fromHsl(int(hash % 360), 150, QApplication::palette().color(QPalette::Base).lightness() < 128 ? 90 : 175);
}

int cardHeight(const PlacedNode &node)
{
    const int rows = (int(node.pods.size()) + chipsPerRow - 1) / chipsPerRow;
    return 88 + rows * (chipHeight + 3);
}

} // namespace

// Zones as columns, nodes as cards.
class PlacementCanvas final : public QWidget
{
public:
    explicit PlacementCanvas(const std::vector<PlacedNode> *nodes)
        : m_nodes(nodes)
    {
        setObjectName(QStringLiteral("placementCanvas"));
        setFocusPolicy(Qt::ClickFocus); // Ctrl+Z here takes back the last what-if
    }

    std::function<void(const QString &pod, const QString &node)> onPick;
    std::function<void(const QPoint &at, const QPoint &global)> onContextMenu;
    QString selectedPod;
    QString selectedNode;

    QRect chipRect(const QString &pod) const { return m_chips.value(pod); }
    QRect cardRect(const QString &node) const { return m_cards.value(node); }
    QRect zoneRect(const QString &zone) const
    {
        const qsizetype z = m_zones.indexOf(zone);
        return z < 0 ? QRect() : QRect(cardGap + int(z) * (cardWidth + cardGap), 4, cardWidth, 22);
    }
    // What is at a point: a pod chip, a node card or a zone header (the others empty).
    struct Hit
    {
        QString pod, node, zone;
    };
    Hit hitAt(const QPoint &at) const
    {
        Hit hit;
        for (auto it = m_chips.cbegin(); it != m_chips.cend(); ++it) {
            if (it.value().contains(at))
                hit.pod = it.key();
        }
        for (auto it = m_cards.cbegin(); it != m_cards.cend(); ++it) {
            if (it.value().contains(at))
                hit.node = it.key();
        }
        for (const QString &zone : m_zones) {
            if (zoneRect(zone).contains(at))
                hit.zone = zone;
        }
        return hit;
    }

    void relayout()
    {
        m_zones.clear();
        for (const PlacedNode &node : *m_nodes) {
            if (!m_zones.contains(node.zone))
                m_zones.append(node.zone);
        }
        std::sort(m_zones.begin(), m_zones.end());
        int height = 0;
        for (const QString &zone : std::as_const(m_zones)) {
            int column = 30;
            for (const PlacedNode &node : *m_nodes) {
                if (node.zone == zone)
                    column += cardHeight(node) + cardGap;
            }
            height = std::max(height, column);
        }
        setMinimumSize(int(std::max<qsizetype>(1, m_zones.size())) * (cardWidth + cardGap) + cardGap, height + cardGap);
        // The same geometry paintEvent() draws: cards in zone columns, chips in rows of two.
        m_cards.clear();
        m_chips.clear();
        const int chipWidth = (cardWidth - 16 - (chipsPerRow - 1) * 4) / chipsPerRow;
        for (int z = 0; z < m_zones.size(); ++z) {
            const int x = cardGap + z * (cardWidth + cardGap);
            int y = 30;
            for (const PlacedNode &node : *m_nodes) {
                if (node.zone != m_zones.at(z))
                    continue;
                const int h = cardHeight(node);
                m_cards.insert(node.name, QRect(x, y, cardWidth, h));
                for (int i = 0; i < node.pods.size(); ++i)
                    m_chips.insert(node.pods.at(i), QRect(x + 8 + (i % chipsPerRow) * (chipWidth + 4),
                                                          y + 84 + (i / chipsPerRow) * (chipHeight + 3), chipWidth, chipHeight));
                y += h + cardGap;
            }
        }
        update();
    }

protected:
    void mousePressEvent(QMouseEvent *event) override
    {
        if (event->button() != Qt::LeftButton)
            return;
        const Hit hit = hitAt(event->position().toPoint());
        if (onPick)
            onPick(hit.pod, hit.pod.isEmpty() ? hit.node : QString());
    }

    void contextMenuEvent(QContextMenuEvent *event) override
    {
        if (onContextMenu)
            onContextMenu(event->pos(), event->globalPos());
    }

    void paintEvent(QPaintEvent *event) override
    {
        // Only what is exposed: with hundreds of nodes most cards are scrolled out of view.
        const QRect exposed = event->rect();
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const QPalette palette = this->palette();
        painter.fillRect(exposed, palette.color(QPalette::Window));
        if (m_nodes->empty()) {
            painter.setPen(palette.color(QPalette::PlaceholderText));
            painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap,
                             tr("No nodes: add Node objects to the design or a node pool in the Cluster panel."));
            return;
        }
        QFont bold = font();
        bold.setBold(true);
        QFont small = font();
        small.setPointSizeF(font().pointSizeF() * 0.8);
        for (int z = 0; z < m_zones.size(); ++z) {
            const int x = cardGap + z * (cardWidth + cardGap);
            painter.setFont(bold);
            painter.setPen(palette.color(QPalette::Text));
            painter.drawText(QRect(x, 4, cardWidth, 22), Qt::AlignLeft | Qt::AlignVCenter,
                             m_zones.at(z).isEmpty() ? tr("(no zone)") : m_zones.at(z));
            int y = 30;
            for (const PlacedNode &node : *m_nodes) {
                if (node.zone != m_zones.at(z))
                    continue;
                const int h = cardHeight(node);
                const QRect card(x, y, cardWidth, h);
                if (!card.intersects(exposed)) {
                    y += h + cardGap;
                    continue;
                }
                painter.setPen(QPen(node.lost ? QColor(0xd9, 0x30, 0x25) : palette.color(QPalette::Mid), node.lost ? 2 : 1,
                                    node.cordoned || node.lost ? Qt::DashLine : Qt::SolidLine));
                painter.setBrush(node.lost ? palette.color(QPalette::Window) : palette.color(QPalette::Base));
                painter.drawRoundedRect(card, 6, 6);
                if (node.name == selectedNode) {
                    painter.setPen(QPen(palette.color(QPalette::Highlight), 2));
                    painter.setBrush(Qt::NoBrush);
                    painter.drawRoundedRect(card.adjusted(1, 1, -1, -1), 6, 6);
                }
                painter.setFont(bold);
                painter.setPen(palette.color(node.lost ? QPalette::PlaceholderText : QPalette::Text));
                QString title = node.name;
                if (node.lost)
                    title += tr(" (failed)");
                else if (node.cordoned)
                    title += tr(" (cordoned)");
                painter.drawText(QRect(x + 8, y + 4, cardWidth - 16, 20), Qt::AlignLeft | Qt::AlignVCenter,
                                 QFontMetrics(bold).elidedText(title, Qt::ElideMiddle, cardWidth - 16));
                painter.setFont(small);
                const auto bar = [&](int row, const QString &label, double used, double total, const QString &text) {
                    const QRect area(x + 8, y + 26 + row * 19, cardWidth - 16, 15);
                    painter.setPen(palette.color(QPalette::Text));
                    painter.drawText(QRect(area.left(), area.top(), 46, area.height()), Qt::AlignLeft | Qt::AlignVCenter, label);
                    const QRect track(area.left() + 48, area.top() + 3, area.width() - 48, area.height() - 6);
                    painter.setPen(Qt::NoPen);
                    painter.setBrush(palette.color(QPalette::AlternateBase).darker(110));
                    painter.drawRoundedRect(track, 3, 3);
                    const double share = total > 0 ? std::clamp(used / total, 0.0, 1.0) : 0.0;
                    painter.setBrush(share > 0.9 ? QColor(0xd9, 0x30, 0x25) : (share > 0.7 ? QColor(0xe3, 0x8b, 0x06) : QColor(0x32, 0x6c, 0xe5)));
                    painter.drawRoundedRect(QRect(track.left(), track.top(), int(track.width() * share), track.height()), 3, 3);
                    painter.setPen(palette.color(QPalette::Text));
                    painter.drawText(track, Qt::AlignCenter, text);
                };
                bar(0, tr("CPU"), node.cpuUsed, node.cpuTotal,
                    QStringLiteral("%1 / %2").arg(node.cpuUsed, 0, 'g', 3).arg(node.cpuTotal, 0, 'g', 3));
                bar(1, tr("Memory"), node.memoryUsed, node.memoryTotal,
                    QStringLiteral("%1 / %2 Gi").arg(node.memoryUsed / (1024.0 * 1024 * 1024), 0, 'f', 1)
                        .arg(node.memoryTotal / (1024.0 * 1024 * 1024), 0, 'f', 1));
                bar(2, tr("Pods"), node.podsUsed, node.podsTotal, QStringLiteral("%1 / %2").arg(node.podsUsed).arg(node.podsTotal));
                const int chipWidth = (cardWidth - 16 - (chipsPerRow - 1) * 4) / chipsPerRow;
                for (int i = 0; i < node.pods.size(); ++i) {
                    const QString name = node.pods.at(i).section(QLatin1Char('/'), 1);
                    const QRect chip(x + 8 + (i % chipsPerRow) * (chipWidth + 4), y + 84 + (i / chipsPerRow) * (chipHeight + 3),
                                     chipWidth, chipHeight);
                    painter.setPen(Qt::NoPen);
                    painter.setBrush(workloadColor(workloadPrefix(node.pods.at(i))));
                    painter.drawRoundedRect(chip, 4, 4);
                    if (node.pods.at(i) == selectedPod) {
                        painter.setPen(QPen(palette.color(QPalette::Highlight), 2));
                        painter.setBrush(Qt::NoBrush);
                        painter.drawRoundedRect(chip.adjusted(1, 1, -1, -1), 4, 4);
                    }
                    painter.setPen(palette.color(QPalette::Text));
                    painter.drawText(chip.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter,
                                     QFontMetrics(small).elidedText(name, Qt::ElideMiddle, chip.width() - 8));
                }
                y += h + cardGap;
            }
        }
    }

private:
    const std::vector<PlacedNode> *m_nodes;
    QStringList m_zones;
    QHash<QString, QRect> m_chips;
    QHash<QString, QRect> m_cards;
};

// One what-if step: the scenario before and after it. Undo and redo set the view's scenario;
// they never touch the design.
class WhatIfCommand final : public QUndoCommand
{
public:
    WhatIfCommand(PlacementView *view, WhatIfScenario before, WhatIfScenario after, const QString &text)
        : QUndoCommand(text)
        , m_view(view)
        , m_before(std::move(before))
        , m_after(std::move(after))
    {}
    void undo() override { m_view->applyScenario(m_before); }
    void redo() override { m_view->applyScenario(m_after); }

private:
    PlacementView *m_view;
    WhatIfScenario m_before;
    WhatIfScenario m_after;
};

PlacementView::PlacementView(const model::Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_whatIfs(new QUndoStack(this))
{
    setObjectName(QStringLiteral("placementView"));
    m_whatIfs->setObjectName(QStringLiteral("whatIfStack"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    m_whatIfBox = new QComboBox;
    m_whatIfBox->setObjectName(QStringLiteral("whatIf"));
    m_whatIfBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_whatIfBox->setToolTip(tr("A disruption to simulate. Right-click a node, a zone or a pod for more (cordon, "
                               "fail a node, scale a workload)."));
    m_hpaBox = new QComboBox;
    m_hpaBox->setObjectName(QStringLiteral("hpaMode"));
    m_hpaBox->addItems({tr("HPAs at minReplicas"), tr("HPAs at maxReplicas")});
    const auto toolButton = [this](const QString &name, const QString &icon, const QString &text, const QString &tip) {
        auto *button = new QToolButton;
        button->setObjectName(name);
        button->setIcon(QIcon::fromTheme(icon));
        button->setText(text);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setToolTip(tip);
        button->setAutoRaise(true);
        return button;
    };
    m_undoButton = toolButton(QStringLiteral("whatIfUndo"), QStringLiteral("edit-undo"), tr("Undo"),
                              tr("Take back the last what-if (Ctrl+Z while this view has the focus)"));
    m_redoButton = toolButton(QStringLiteral("whatIfRedo"), QStringLiteral("edit-redo"), tr("Redo"), tr("Redo the what-if"));
    m_resetButton = toolButton(QStringLiteral("whatIfReset"), QStringLiteral("view-refresh"), tr("Reset"),
                               tr("Back to the design as it is (undoable)"));
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("placementSummary"));
    bar->addWidget(new QLabel(tr("What if:")));
    bar->addWidget(m_whatIfBox);
    bar->addWidget(m_hpaBox);
    bar->addWidget(m_undoButton);
    bar->addWidget(m_redoButton);
    bar->addWidget(m_resetButton);
    bar->addWidget(m_summary, 1);
    layout->addLayout(bar);
    m_trail = new QLabel;
    m_trail->setObjectName(QStringLiteral("whatIfTrail"));
    m_trail->setWordWrap(true);
    m_trail->setStyleSheet(QStringLiteral("QLabel { background: palette(alternate-base); border-left: 3px solid #e38b06; "
                                          "padding: 2px 6px; }"));
    m_trail->hide();
    layout->addWidget(m_trail);
    auto *splitter = new QSplitter(Qt::Horizontal);
    m_canvas = new PlacementCanvas(&m_outcome.nodes);
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_canvas);
    scroll->setWidgetResizable(false);
    splitter->addWidget(scroll);
    m_pendingList = new QListWidget;
    m_pendingList->setObjectName(QStringLiteral("pendingPods"));
    m_pendingList->setWordWrap(true);
    auto *side = new QSplitter(Qt::Vertical);
    // Each pane under a title: an empty list or text box says nothing about what it is for.
    const auto titled = [](const QString &title, QWidget *pane) {
        auto *box = new QWidget;
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 2, 0, 0);
        boxLayout->setSpacing(2);
        auto *label = new QLabel(title);
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        boxLayout->addWidget(label);
        boxLayout->addWidget(pane, 1);
        return box;
    };
    side->addWidget(titled(tr("Pending pods"), m_pendingList));
    m_whatIfText = new QPlainTextEdit;
    m_whatIfText->setObjectName(QStringLiteral("whatIfSummary"));
    m_whatIfText->setReadOnly(true);
    m_whatIfText->setPlaceholderText(tr("Choose a what-if above, or right-click a node, a zone or a pod: what moves, "
                                        "what goes Pending and which Services lose all their endpoints show here."));
    side->addWidget(titled(tr("What-if summary"), m_whatIfText));
    m_details = new QPlainTextEdit;
    m_details->setObjectName(QStringLiteral("placementDetails"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Click a pod: each plugin's verdict and score per node (why here, why not "
                                     "there). Click a node: its pods, taints, labels and allocatable."));
    side->addWidget(titled(tr("Details"), m_details));
    side->setSizes({500, 1600, 1400});
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({3000, 1500}); // proportions: the nodes get two thirds
    m_pendingList->setMinimumWidth(220);
    layout->addWidget(splitter, 1);

    m_pause.setSingleShot(true);
    m_pause.setInterval(300);
    connect(&m_pause, &QTimer::timeout, this, &PlacementView::requestSimulation);
    connect(m_document, &model::Document::changed, this, [this](const model::ChangeSet &changes) {
        // A new design: the what-ifs were about the old one.
        if (changes.reset) {
            m_whatIfs->clear();
            m_scenario = {};
        }
        // Moving items on the canvas changes nothing the scheduler sees.
        if (changes.reset || changes.nodePoolsChanged || !changes.added.isEmpty() || !changes.removed.isEmpty()
            || !changes.modified.isEmpty())
            m_pause.start();
    });
    m_canvas->onPick = [this](const QString &pod, const QString &node) {
        if (!pod.isEmpty())
            selectPod(pod);
        else
            selectNode(node);
    };
    m_canvas->onContextMenu = [this](const QPoint &at, const QPoint &global) {
        QMenu *menu = contextMenuAt(at);
        if (!menu->isEmpty())
            menu->exec(global);
        delete menu;
    };
    connect(m_pendingList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (QListWidgetItem *item = m_pendingList->item(row))
            selectPod(item->data(Qt::UserRole).toString());
    });
    connect(m_whatIfBox, &QComboBox::activated, this, [this] {
        const QString choice = m_whatIfBox->currentData().toString();
        WhatIfScenario next = m_scenario;
        next.action = WhatIfScenario::Action::None;
        next.target.clear();
        next.replicas = 0;
        if (choice.startsWith(QLatin1String("zone:"))) {
            next.action = WhatIfScenario::Action::FailZone;
            next.target = choice.mid(5);
        } else if (choice.startsWith(QLatin1String("drain:"))) {
            next.action = WhatIfScenario::Action::Drain;
            next.target = choice.mid(6);
        } else if (choice.startsWith(QLatin1String("cordon:"))) {
            next.action = WhatIfScenario::Action::Cordon;
            next.target = choice.mid(7);
        } else if (choice.startsWith(QLatin1String("fail:"))) {
            next.action = WhatIfScenario::Action::FailNode;
            next.target = choice.mid(5);
        } else if (choice == QLatin1String("current")) {
            return;
        }
        setScenario(next);
    });
    connect(m_hpaBox, &QComboBox::activated, this, [this] { setHpaAtMax(m_hpaBox->currentIndex() == 1); });
    connect(m_undoButton, &QToolButton::clicked, m_whatIfs, &QUndoStack::undo);
    connect(m_redoButton, &QToolButton::clicked, m_whatIfs, &QUndoStack::redo);
    connect(m_resetButton, &QToolButton::clicked, this, &PlacementView::resetWhatIfs);
    connect(m_whatIfs, &QUndoStack::indexChanged, this, [this] {
        m_undoButton->setEnabled(m_whatIfs->canUndo());
        m_redoButton->setEnabled(m_whatIfs->canRedo());
        m_undoButton->setToolTip(m_whatIfs->canUndo() ? tr("Undo: %1 (Ctrl+Z while this view has the focus)").arg(m_whatIfs->undoText())
                                                      : tr("No what-if to take back"));
        m_redoButton->setToolTip(m_whatIfs->canRedo() ? tr("Redo: %1").arg(m_whatIfs->redoText()) : tr("No what-if to redo"));
    });
    m_undoButton->setEnabled(false);
    m_redoButton->setEnabled(false);
    m_resetButton->setEnabled(false);
    requestSimulation();
}

PlacementView::~PlacementView()
{
    // The what-if stack is a child: QWidget's destructor deletes it after this one has run, and
    // its clear() then emits indexChanged into this view's handlers (UBSan caught it). Cut them.
    m_whatIfs->disconnect(this);
    // A run still going holds a copy of a snapshot, not this view; its result is posted to this
    // view and dropped with it.
    m_generation = ~quint64(0);
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void PlacementView::setScenario(const WhatIfScenario &scenario)
{
    if (scenario == m_scenario)
        return;
    // The step's name: what changed.
    QString text;
    if (scenario.isAsDesigned())
        text = tr("Reset what-ifs");
    else if (scenario.hpaMax != m_scenario.hpaMax)
        text = scenario.hpaMax ? tr("HPAs at maxReplicas") : tr("HPAs at minReplicas");
    else if (scenario.action == WhatIfScenario::Action::None && m_scenario.action == WhatIfScenario::Action::Cordon)
        text = tr("Uncordon %1").arg(m_scenario.target);
    else {
        WhatIfScenario action;
        action.action = scenario.action;
        action.target = scenario.target;
        action.replicas = scenario.replicas;
        text = scenario.action == WhatIfScenario::Action::None ? tr("No disruption") : action.describe();
    }
    m_whatIfs->push(new WhatIfCommand(this, m_scenario, scenario, text));
}

void PlacementView::applyScenario(const WhatIfScenario &scenario)
{
    m_scenario = scenario;
    m_resetButton->setEnabled(!m_scenario.isAsDesigned());
    m_trail->setVisible(!m_scenario.isAsDesigned());
    m_trail->setText(tr("What if: %1 — not a change to the design; Undo, Redo and Reset act on what-ifs here.")
                         .arg(m_scenario.describe()));
    m_hpaBox->setCurrentIndex(m_scenario.hpaMax ? 1 : 0);
    fillWhatIfs();
    requestSimulation();
}

void PlacementView::setAction(WhatIfScenario::Action action, const QString &target, int replicas)
{
    // One engine what-if at a time (as on the command line); HPAs at max combines with any.
    WhatIfScenario next = m_scenario;
    next.action = action;
    next.target = action == WhatIfScenario::Action::None ? QString() : target;
    next.replicas = std::max(0, replicas);
    setScenario(next);
}

void PlacementView::drainNode(const QString &node)
{
    setAction(WhatIfScenario::Action::Drain, node);
}

void PlacementView::failNode(const QString &node)
{
    setAction(WhatIfScenario::Action::FailNode, node);
}

void PlacementView::failZone(const QString &zone)
{
    setAction(WhatIfScenario::Action::FailZone, zone);
}

void PlacementView::setCordoned(const QString &node, bool cordoned)
{
    if (cordoned)
        setAction(WhatIfScenario::Action::Cordon, node);
    else if (m_scenario.action == WhatIfScenario::Action::Cordon && m_scenario.target == node)
        setAction(WhatIfScenario::Action::None, {});
}

void PlacementView::scaleWorkload(const QString &workload, int replicas)
{
    setAction(WhatIfScenario::Action::Scale, workload, replicas);
}

void PlacementView::setHpaAtMax(bool atMax)
{
    WhatIfScenario next = m_scenario;
    next.hpaMax = atMax;
    setScenario(next);
}

void PlacementView::resetWhatIfs()
{
    setScenario(WhatIfScenario());
}

int PlacementView::replicasOf(const QString &workload) const
{
    int count = 0;
    for (const PlacedNode &node : m_outcome.nodes) {
        for (const QString &pod : node.pods)
            count += m_outcome.workloadOf.value(pod) == workload;
    }
    for (const auto &[pod, reason] : m_outcome.pending)
        count += m_outcome.workloadOf.value(pod) == workload;
    return count;
}

QString PlacementView::zoneOfNode(const QString &node) const
{
    for (const PlacedNode &placed : m_outcome.nodes) {
        if (placed.name == node)
            return placed.zone;
    }
    return {};
}

QMenu *PlacementView::contextMenuAt(const QPoint &at)
{
    auto *menu = new QMenu(this);
    const PlacementCanvas::Hit hit = m_canvas->hitAt(at);
    if (!hit.pod.isEmpty()) {
        const QString workload = workloadOf(hit.pod);
        if (!workload.isEmpty()) {
            const QString name = workload.section(QLatin1Char('/'), 0, 0) + QLatin1Char(' ') + workload.section(QLatin1Char('/'), 2);
            menu->addAction(tr("Scale %1…").arg(name), this, [this, workload] { askScale(workload); });
        } else {
            menu->addAction(tr("%1: only Deployments, StatefulSets, ReplicaSets and ReplicationControllers scale").arg(hit.pod))
                ->setEnabled(false);
        }
        menu->addSeparator();
    }
    if (!hit.node.isEmpty()) {
        const auto found = std::find_if(m_outcome.nodes.cbegin(), m_outcome.nodes.cend(),
                                        [&hit](const PlacedNode &n) { return n.name == hit.node; });
        const bool lost = found != m_outcome.nodes.cend() && found->lost;
        const QString node = hit.node;
        QAction *drain = menu->addAction(tr("Drain %1").arg(node), this, [this, node] { drainNode(node); });
        const bool cordoned = m_scenario.action == WhatIfScenario::Action::Cordon && m_scenario.target == node;
        QAction *cordon = menu->addAction(cordoned ? tr("Uncordon %1").arg(node) : tr("Cordon %1").arg(node), this,
                                          [this, node, cordoned] { setCordoned(node, !cordoned); });
        QAction *fail = menu->addAction(tr("Fail node %1").arg(node), this, [this, node] { failNode(node); });
        for (QAction *action : {drain, cordon, fail})
            action->setEnabled(!lost);
    }
    const QString zone = !hit.zone.isEmpty() ? hit.zone : hit.node.isEmpty() ? QString() : zoneOfNode(hit.node);
    if (!zone.isEmpty()) {
        menu->addAction(tr("Fail zone %1").arg(zone), this, [this, zone] { failZone(zone); });
    }
    if (!m_scenario.isAsDesigned()) {
        menu->addSeparator();
        menu->addAction(tr("Reset what-ifs"), this, &PlacementView::resetWhatIfs);
    }
    return menu;
}

void PlacementView::askScale(const QString &workload)
{
    const QString name = workload.section(QLatin1Char('/'), 0, 0) + QLatin1Char(' ') + workload.section(QLatin1Char('/'), 1);
    bool ok = false;
    const int replicas = QInputDialog::getInt(this, tr("Scale"), tr("Replicas of %1 (what-if; the design keeps its own):").arg(name),
                                              replicasOf(workload), 0, 100000, 1, &ok);
    if (ok)
        scaleWorkload(workload, replicas);
}

bool PlacementView::isSimulating() const
{
    return m_thread || m_pause.isActive();
}

void PlacementView::requestSimulation()
{
    m_pause.stop();
    if (m_thread) {
        m_again = true; // the run going is of an older design or scenario: one more when it ends
        return;
    }
    const quint64 generation = ++m_generation;
    const model::Snapshot snapshot = m_document->snapshot(); // shared, immutable: safe to read elsewhere
    const WhatIfScenario scenario = m_scenario;
    const QString explainPod = m_selectedPod;
    m_summary->setText(tr("Simulating…"));
    m_thread = QThread::create([this, snapshot, scenario, explainPod, generation] {
        PlacementOutcome outcome = simulatePlacement(snapshot, scenario, explainPod);
        QMetaObject::invokeMethod(
            this, [this, outcome = std::move(outcome), generation]() mutable { finished(std::move(outcome), generation); },
            Qt::QueuedConnection);
    });
    m_thread->start();
}

void PlacementView::finished(PlacementOutcome outcome, quint64 generation)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    if (generation != m_generation)
        return;
    if (std::exchange(m_again, false)) {
        // Stale: the design or the scenario changed while it ran. Run again and show that.
        requestSimulation();
        return;
    }
    QElapsedTimer timer;
    timer.start();
    m_outcome = std::move(outcome);
    showOutcome();
    m_lastApplyMs = double(timer.nsecsElapsed()) / 1e6;
    Q_EMIT simulated();
}

void PlacementView::showOutcome()
{
    m_pending.clear();
    const QSignalBlocker listBlocker(m_pendingList);
    m_pendingList->setUpdatesEnabled(false);
    m_pendingList->clear();
    for (const auto &[pod, reason] : m_outcome.pending) {
        m_pending.insert(pod, reason);
        auto *item = new QListWidgetItem(QStringLiteral("%1\n%2").arg(pod, reason));
        item->setToolTip(reason);
        item->setData(Qt::UserRole, pod);
        m_pendingList->addItem(item);
        if (pod == m_selectedPod)
            m_pendingList->setCurrentItem(item);
    }
    if (m_outcome.pending.empty()) {
        auto *none = new QListWidgetItem(tr("None: every pod is placed."));
        none->setFlags(Qt::NoItemFlags);
        m_pendingList->addItem(none);
    }
    m_pendingList->setUpdatesEnabled(true);
    m_whatIfText->setPlainText(m_outcome.whatIf.toText());
    m_summary->setText(summary());
    fillWhatIfs();
    m_canvas->relayout();
    showDetails();
}

void PlacementView::simulateNow()
{
    requestSimulation();
    waitForSimulation();
}

void PlacementView::waitForSimulation()
{
    if (m_pause.isActive())
        requestSimulation();
    while (m_thread) {
        m_thread->wait();
        QCoreApplication::sendPostedEvents(this); // delivers the result, may start one more
    }
}

void PlacementView::fillWhatIfs()
{
    const QSignalBlocker blocker(m_whatIfBox);
    m_whatIfBox->clear();
    m_whatIfBox->addItem(tr("No disruption"), QString());
    QStringList zones;
    for (const PlacedNode &node : m_outcome.nodes) {
        if (!node.zone.isEmpty() && !zones.contains(node.zone))
            zones.append(node.zone);
    }
    zones.sort();
    for (const QString &zone : std::as_const(zones))
        m_whatIfBox->addItem(tr("Zone %1 fails").arg(zone), QString(QStringLiteral("zone:") + zone));
    for (const PlacedNode &node : m_outcome.nodes)
        m_whatIfBox->addItem(tr("Drain %1").arg(node.name), QString(QStringLiteral("drain:") + node.name));
    for (const PlacedNode &node : m_outcome.nodes)
        m_whatIfBox->addItem(tr("Cordon %1").arg(node.name), QString(QStringLiteral("cordon:") + node.name));
    for (const PlacedNode &node : m_outcome.nodes)
        m_whatIfBox->addItem(tr("Node %1 fails").arg(node.name), QString(QStringLiteral("fail:") + node.name));
    QString current;
    switch (m_scenario.action) {
    case WhatIfScenario::Action::None:
        break;
    case WhatIfScenario::Action::Drain:
        current = QStringLiteral("drain:") + m_scenario.target;
        break;
    case WhatIfScenario::Action::FailNode:
        current = QStringLiteral("fail:") + m_scenario.target;
        break;
    case WhatIfScenario::Action::Cordon:
        current = QStringLiteral("cordon:") + m_scenario.target;
        break;
    case WhatIfScenario::Action::FailZone:
        current = QStringLiteral("zone:") + m_scenario.target;
        break;
    case WhatIfScenario::Action::Scale: {
        WhatIfScenario scale;
        scale.action = m_scenario.action;
        scale.target = m_scenario.target;
        scale.replicas = m_scenario.replicas;
        m_whatIfBox->addItem(scale.describe(), QStringLiteral("current"));
        current = QStringLiteral("current");
        break;
    }
    }
    m_whatIfBox->setCurrentIndex(std::max(0, m_whatIfBox->findData(current)));
}

QStringList PlacementView::podsOn(const QString &node) const
{
    for (const PlacedNode &placed : m_outcome.nodes) {
        if (placed.name == node)
            return placed.pods;
    }
    return {};
}

QWidget *PlacementView::canvas() const
{
    return m_canvas;
}

QRect PlacementView::chipRect(const QString &pod) const
{
    return m_canvas->chipRect(pod);
}

QRect PlacementView::cardRect(const QString &node) const
{
    return m_canvas->cardRect(node);
}

QRect PlacementView::zoneRect(const QString &zone) const
{
    return m_canvas->zoneRect(zone);
}

void PlacementView::selectPod(const QString &pod)
{
    const bool changed = pod != m_selectedPod;
    m_selectedPod = pod;
    m_selectedNode.clear();
    if (changed && !pod.isEmpty()) {
        m_outcome.explanation.clear();
        requestSimulation(); // the explanation comes with the next run
    }
    showDetails();
}

void PlacementView::selectNode(const QString &node)
{
    m_selectedNode = node;
    m_selectedPod.clear();
    showDetails();
}

QString PlacementView::details() const
{
    return m_details->toPlainText();
}

void PlacementView::showDetails()
{
    m_canvas->selectedPod = m_selectedPod;
    m_canvas->selectedNode = m_selectedNode;
    m_canvas->update();
    if (!m_selectedNode.isEmpty()) {
        const auto found = std::find_if(m_outcome.nodes.cbegin(), m_outcome.nodes.cend(),
                                        [this](const PlacedNode &n) { return n.name == m_selectedNode; });
        if (found == m_outcome.nodes.cend()) {
            m_details->clear();
            return;
        }
        QStringList lines;
        QString state;
        if (found->lost)
            state = tr(" (failed: what-if)");
        else if (m_scenario.action == WhatIfScenario::Action::Cordon && m_scenario.target == found->name)
            state = tr(" (cordoned: what-if)");
        else if (found->cordoned)
            state = tr(" (cordoned)");
        lines.append(tr("Node %1%2").arg(found->name, state));
        lines.append(tr("Zone: %1").arg(found->zone.isEmpty() ? tr("(none)") : found->zone));
        if (!found->lost) {
            lines.append(tr("Allocatable: %1").arg(found->allocatable));
            lines.append(tr("Requested: cpu %1, memory %2Gi, pods %3")
                             .arg(found->cpuUsed, 0, 'g', 4)
                             .arg(found->memoryUsed / (1024.0 * 1024 * 1024), 0, 'g', 4)
                             .arg(found->podsUsed));
        }
        lines.append(tr("Taints (%1):").arg(found->taints.size()));
        for (const QString &taint : found->taints)
            lines.append(QStringLiteral("  ") + taint);
        lines.append(tr("Labels (%1):").arg(found->labels.size()));
        for (const QString &label : found->labels)
            lines.append(QStringLiteral("  ") + label);
        lines.append(tr("Pods (%1):").arg(found->pods.size()));
        for (const QString &pod : found->pods)
            lines.append(QStringLiteral("  ") + pod);
        m_details->setPlainText(lines.join(QLatin1Char('\n')));
        return;
    }
    if (m_selectedPod.isEmpty()) {
        m_details->clear();
        return;
    }
    m_details->setPlainText(m_outcome.explanation.isEmpty() ? tr("Pod %1: working out each node's verdict…").arg(m_selectedPod)
                                                            : m_outcome.explanation);
}

QString PlacementView::summary() const
{
    int placed = 0;
    for (const PlacedNode &node : m_outcome.nodes)
        placed += node.podsUsed;
    QString text = tr("%n node(s)", nullptr, int(m_outcome.nodes.size())) + QStringLiteral(" · ")
                   + tr("%n pod(s) placed", nullptr, placed) + QStringLiteral(" · ")
                   + tr("%n Pending", nullptr, int(m_pending.size()));
    if (!m_outcome.whatIfReport.isEmpty())
        text += QStringLiteral(" · ") + m_outcome.whatIfReport;
    return text;
}

} // namespace kstudio::editors
