// SPDX-License-Identifier: GPL-3.0-or-later
#include "placement_view.h"

#include <model/kinds/views.h>
#include <sim/sched/framework.h>

#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollArea>
#include <QSplitter>
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
QString workloadOf(const QString &pod)
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

QString quantity(double value)
{
    return QString::number(value, 'g', 4);
}

QString bytes(double value)
{
    constexpr double gi = 1024.0 * 1024 * 1024;
    constexpr double mi = 1024.0 * 1024;
    if (value >= gi)
        return QString::number(value / gi, 'g', 4) + QStringLiteral("Gi");
    return QString::number(value / mi, 'g', 4) + QStringLiteral("Mi");
}

// What the what-if moved, sent Pending and left without endpoints: sim/sched's own report
// (WhatIf::servicesWithoutEndpoints follows the EndpointSlice controller; the view only words it).
WhatIfSummary summarizeWhatIf(const sim::sched::ScheduleResult &result)
{
    WhatIfSummary out;
    if (!result.whatIf)
        return out;
    const sim::sched::WhatIf &whatIf = *result.whatIf;
    if (whatIf.kind == QLatin1String("drain"))
        out.whatIf = QObject::tr("Drain %1").arg(whatIf.target);
    else if (whatIf.kind == QLatin1String("failNode"))
        out.whatIf = QObject::tr("Node %1 fails").arg(whatIf.target);
    else
        out.whatIf = QObject::tr("Zone %1 fails").arg(whatIf.target);
    for (const sim::sched::Move &move : whatIf.moved)
        out.moved.push_back({move.pod, move.from, move.to.value_or(QString())});
    out.pending = whatIf.pending;
    out.servicesDown = whatIf.servicesWithoutEndpoints;
    out.servicesDown.sort();
    return out;
}

} // namespace

QString WhatIfSummary::toText() const
{
    if (whatIf.isEmpty())
        return {};
    QStringList lines;
    lines.append(QObject::tr("What if: %1").arg(whatIf));
    lines.append(QObject::tr("Moved (%1):").arg(moved.size()));
    for (const Moved &move : moved)
        lines.append(QStringLiteral("  %1: %2 → %3").arg(move.pod, move.from, move.to.isEmpty() ? QObject::tr("Pending") : move.to));
    lines.append(QObject::tr("Went Pending (%1):").arg(pending.size()));
    for (const QString &pod : pending)
        lines.append(QStringLiteral("  ") + pod);
    lines.append(QObject::tr("Services that lost all endpoints (%1):").arg(servicesDown.size()));
    for (const QString &service : servicesDown)
        lines.append(QStringLiteral("  ") + service);
    return lines.join(QLatin1Char('\n'));
}

// Zones as columns, nodes as cards.
class PlacementCanvas final : public QWidget
{
public:
    explicit PlacementCanvas(const std::vector<PlacedNode> *nodes)
        : m_nodes(nodes)
    {
        setObjectName(QStringLiteral("placementCanvas"));
    }

    std::function<void(const QString &pod, const QString &node)> onPick;
    QString selectedPod;
    QString selectedNode;

    QRect chipRect(const QString &pod) const { return m_chips.value(pod); }
    QRect cardRect(const QString &node) const { return m_cards.value(node); }

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
        const QPoint at = event->position().toPoint();
        for (auto it = m_chips.cbegin(); it != m_chips.cend(); ++it) {
            if (it.value().contains(at)) {
                if (onPick)
                    onPick(it.key(), QString());
                return;
            }
        }
        for (auto it = m_cards.cbegin(); it != m_cards.cend(); ++it) {
            if (it.value().contains(at)) {
                if (onPick)
                    onPick(QString(), it.key());
                return;
            }
        }
        if (onPick)
            onPick(QString(), QString());
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
                    painter.setBrush(workloadColor(workloadOf(node.pods.at(i))));
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

PlacementView::PlacementView(const model::Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("placementView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    m_whatIfBox = new QComboBox;
    m_whatIfBox->setObjectName(QStringLiteral("whatIf"));
    m_whatIfBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_hpaBox = new QComboBox;
    m_hpaBox->addItems({tr("HPAs at minReplicas"), tr("HPAs at maxReplicas")});
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("placementSummary"));
    bar->addWidget(new QLabel(tr("What if:")));
    bar->addWidget(m_whatIfBox);
    bar->addWidget(m_hpaBox);
    bar->addWidget(m_summary, 1);
    layout->addLayout(bar);
    auto *splitter = new QSplitter(Qt::Horizontal);
    m_canvas = new PlacementCanvas(&m_nodes);
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_canvas);
    scroll->setWidgetResizable(false);
    splitter->addWidget(scroll);
    m_pendingList = new QListWidget;
    m_pendingList->setObjectName(QStringLiteral("pendingPods"));
    m_pendingList->setWordWrap(true);
    auto *side = new QSplitter(Qt::Vertical);
    side->addWidget(m_pendingList);
    m_whatIfText = new QPlainTextEdit;
    m_whatIfText->setObjectName(QStringLiteral("whatIfSummary"));
    m_whatIfText->setReadOnly(true);
    m_whatIfText->setPlaceholderText(tr("Choose a what-if: what moves, what goes Pending and which Services lose "
                                        "all their endpoints show here."));
    side->addWidget(m_whatIfText);
    m_details = new QPlainTextEdit;
    m_details->setObjectName(QStringLiteral("placementDetails"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Click a pod: each plugin's verdict and score per node (why here, why not "
                                     "there). Click a node: its pods, taints, labels and allocatable."));
    side->addWidget(m_details);
    side->setSizes({1000, 800, 2000});
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({3000, 1500}); // proportions: the nodes get two thirds
    m_pendingList->setMinimumWidth(220);
    layout->addWidget(splitter, 1);

    m_pause.setSingleShot(true);
    m_pause.setInterval(300);
    connect(&m_pause, &QTimer::timeout, this, &PlacementView::simulateNow);
    connect(m_document, &model::Document::changed, this, [this](const model::ChangeSet &changes) {
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
    connect(m_pendingList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (QListWidgetItem *item = m_pendingList->item(row))
            selectPod(item->data(Qt::UserRole).toString());
    });
    connect(m_whatIfBox, &QComboBox::activated, this, [this] { setWhatIf(m_whatIfBox->currentData().toString()); });
    connect(m_hpaBox, &QComboBox::activated, this, [this] { setHpaAtMax(m_hpaBox->currentIndex() == 1); });
    simulateNow();
}

void PlacementView::setWhatIf(const QString &whatIf)
{
    m_whatIf = whatIf;
    simulateNow();
}

void PlacementView::setHpaAtMax(bool atMax)
{
    m_hpaMax = atMax;
    simulateNow();
}

void PlacementView::simulateNow()
{
    m_pause.stop();
    sim::sched::Cluster cluster = sim::sched::buildCluster(m_document->snapshot(),
                                                           m_hpaMax ? sim::sched::HpaMode::Max : sim::sched::HpaMode::Min);
    sim::sched::Options options;
    options.details = false;
    options.hpa = m_hpaMax ? sim::sched::HpaMode::Max : sim::sched::HpaMode::Min;
    if (m_whatIf.startsWith(QLatin1String("zone:")))
        options.failZone = m_whatIf.mid(5);
    else if (m_whatIf.startsWith(QLatin1String("drain:")))
        options.drainNode = m_whatIf.mid(6);
    const sim::sched::ScheduleResult result = sim::sched::schedule(cluster, options);
    QStringList lost = result.whatIf ? result.whatIf->nodesLost : QStringList();
    m_nodes.clear();
    for (const sim::sched::NodeInfo &info : cluster.nodes) {
        PlacedNode node;
        node.name = info.name;
        node.zone = info.labels.value(zoneLabel);
        node.cordoned = info.unschedulable;
        node.lost = lost.contains(info.name);
        node.cpuUsed = double(info.requested.milliCpu) / 1000.0;
        node.cpuTotal = double(info.allocatable.milliCpu) / 1000.0;
        node.memoryUsed = double(info.requested.memory);
        node.memoryTotal = double(info.allocatable.memory);
        node.podsUsed = int(info.pods.size());
        node.podsTotal = int(info.allocatable.allowedPodNumber);
        for (const sim::sched::PodInfo *pod : info.pods)
            node.pods.append(pod->ns + QLatin1Char('/') + pod->name);
        node.pods.sort();
        for (auto it = info.labels.cbegin(); it != info.labels.cend(); ++it)
            node.labels.append(it.key() + QLatin1Char('=') + it.value());
        for (const sim::sched::Taint &taint : info.taints)
            node.taints.append(taint.key + (taint.value.isEmpty() ? QString() : QLatin1Char('=') + taint.value) + QLatin1Char(':')
                               + taint.effect);
        node.allocatable = tr("cpu %1, memory %2, pods %3")
                               .arg(quantity(double(info.allocatable.milliCpu) / 1000.0), bytes(double(info.allocatable.memory)))
                               .arg(info.allocatable.allowedPodNumber);
        m_nodes.push_back(std::move(node));
    }
    // Nodes lost with a failed zone are shown, empty, where they were.
    for (const QString &name : std::as_const(lost)) {
        if (std::none_of(m_nodes.cbegin(), m_nodes.cend(), [&name](const PlacedNode &n) { return n.name == name; })) {
            PlacedNode node;
            node.name = name;
            node.zone = m_whatIf.mid(5);
            node.lost = true;
            m_nodes.push_back(std::move(node));
        }
    }
    std::sort(m_nodes.begin(), m_nodes.end(), [](const PlacedNode &a, const PlacedNode &b) { return a.name < b.name; });
    m_pending.clear();
    const QSignalBlocker listBlocker(m_pendingList);
    m_pendingList->clear();
    for (const sim::sched::Placement &placement : result.placements) {
        if (placement.node)
            continue;
        m_pending.insert(placement.qualifiedName(), placement.reason);
        auto *item = new QListWidgetItem(QStringLiteral("%1\n%2").arg(placement.qualifiedName(), placement.reason));
        item->setToolTip(placement.reason);
        item->setData(Qt::UserRole, placement.qualifiedName());
        m_pendingList->addItem(item);
    }
    m_whatIfReport.clear();
    if (result.whatIf) {
        m_whatIfReport = tr("%n pod(s) moved", nullptr, int(result.whatIf->moved.size()));
        if (!result.whatIf->blocked.empty())
            m_whatIfReport += tr(", %n eviction(s) refused", nullptr, int(result.whatIf->blocked.size()));
        if (!result.whatIf->pending.isEmpty())
            m_whatIfReport += tr(", %n now Pending", nullptr, int(result.whatIf->pending.size()));
    }
    m_whatIfSummary = summarizeWhatIf(result);
    m_whatIfText->setPlainText(m_whatIfSummary.toText());
    m_summary->setText(summary());
    fillWhatIfs();
    m_canvas->relayout();
    showDetails();
    Q_EMIT simulated();
}

void PlacementView::fillWhatIfs()
{
    const QSignalBlocker blocker(m_whatIfBox);
    m_whatIfBox->clear();
    m_whatIfBox->addItem(tr("As designed"), QString());
    QStringList zones;
    for (const PlacedNode &node : m_nodes) {
        if (!node.zone.isEmpty() && !zones.contains(node.zone))
            zones.append(node.zone);
    }
    zones.sort();
    for (const QString &zone : std::as_const(zones))
        m_whatIfBox->addItem(tr("Zone %1 fails").arg(zone), QString(QStringLiteral("zone:") + zone));
    for (const PlacedNode &node : m_nodes)
        m_whatIfBox->addItem(tr("Drain %1").arg(node.name), QString(QStringLiteral("drain:") + node.name));
    m_whatIfBox->setCurrentIndex(std::max(0, m_whatIfBox->findData(m_whatIf)));
}

QStringList PlacementView::podsOn(const QString &node) const
{
    for (const PlacedNode &placed : m_nodes) {
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

void PlacementView::selectPod(const QString &pod)
{
    m_selectedPod = pod;
    m_selectedNode.clear();
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
    QStringList lines;
    if (!m_selectedNode.isEmpty()) {
        const auto found = std::find_if(m_nodes.cbegin(), m_nodes.cend(), [this](const PlacedNode &n) { return n.name == m_selectedNode; });
        if (found == m_nodes.cend()) {
            m_details->clear();
            return;
        }
        lines.append(tr("Node %1%2").arg(found->name, found->lost ? tr(" (failed)") : (found->cordoned ? tr(" (cordoned)") : QString())));
        lines.append(tr("Zone: %1").arg(found->zone.isEmpty() ? tr("(none)") : found->zone));
        lines.append(tr("Allocatable: %1").arg(found->allocatable));
        lines.append(tr("Requested: cpu %1, memory %2, pods %3")
                         .arg(quantity(found->cpuUsed), bytes(found->memoryUsed))
                         .arg(found->podsUsed));
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
    // The same simulation again, recording the selected pod's cycle plugin by plugin (--explain).
    const sim::sched::HpaMode hpa = m_hpaMax ? sim::sched::HpaMode::Max : sim::sched::HpaMode::Min;
    sim::sched::Cluster cluster = sim::sched::buildCluster(m_document->snapshot(), hpa);
    sim::sched::Options options;
    options.details = true;
    options.hpa = hpa;
    options.explainPod = m_selectedPod;
    if (m_whatIf.startsWith(QLatin1String("zone:")))
        options.failZone = m_whatIf.mid(5);
    else if (m_whatIf.startsWith(QLatin1String("drain:")))
        options.drainNode = m_whatIf.mid(6);
    const sim::sched::ScheduleResult result = sim::sched::schedule(cluster, options);
    const auto placement = std::find_if(result.placements.cbegin(), result.placements.cend(),
                                        [this](const sim::sched::Placement &p) { return p.qualifiedName() == m_selectedPod; });
    if (placement == result.placements.cend()) {
        m_details->setPlainText(tr("Pod %1 is not in the design any more.").arg(m_selectedPod));
        return;
    }
    lines.append(tr("Pod %1").arg(m_selectedPod));
    if (placement->node)
        lines.append(placement->bound ? tr("Bound to %1 (spec.nodeName: not scheduled)").arg(*placement->node)
                                      : tr("Scheduled on %1").arg(*placement->node));
    else
        lines.append(tr("Pending: %1").arg(placement->reason));
    for (const sim::sched::NodeExplanation &node : placement->explanation) {
        const bool feasible = placement->feasibleNodes.contains(node.node);
        lines.append(QString());
        const bool chosen = placement->node && *placement->node == node.node;
        lines.append(QStringLiteral("%1 %2 — %3").arg(chosen ? QStringLiteral("▶") : QStringLiteral(" "), node.node,
                                                      feasible ? tr("feasible, score %1").arg(node.total) : tr("filtered out")));
        for (const sim::sched::PluginVerdict &filter : node.filters)
            lines.append(QStringLiteral("    filter %1: %2").arg(filter.plugin, filter.verdict));
        for (const sim::sched::PluginVerdict &score : node.scores) {
            if (score.scored)
                lines.append(QStringLiteral("    score  %1: %2 (raw %3) × %4 = %5")
                                 .arg(score.plugin)
                                 .arg(score.normalized)
                                 .arg(score.raw)
                                 .arg(score.weight)
                                 .arg(score.normalized * score.weight));
            else
                lines.append(QStringLiteral("    score  %1: %2").arg(score.plugin, score.verdict));
        }
    }
    if (placement->explanation.empty() && placement->bound)
        lines.append(tr("No scheduling cycle: the pod names its node."));
    m_details->setPlainText(lines.join(QLatin1Char('\n')));
}

QString PlacementView::summary() const
{
    int placed = 0;
    for (const PlacedNode &node : m_nodes)
        placed += node.podsUsed;
    QString text = tr("%n node(s)", nullptr, int(m_nodes.size())) + QStringLiteral(" · ")
                   + tr("%n pod(s) placed", nullptr, placed) + QStringLiteral(" · ")
                   + tr("%n Pending", nullptr, int(m_pending.size()));
    if (!m_whatIfReport.isEmpty())
        text += QStringLiteral(" · ") + m_whatIfReport;
    return text;
}

} // namespace kstudio::editors
