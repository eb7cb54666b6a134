// SPDX-License-Identifier: GPL-3.0-or-later
#include "capacity_dialog.h"

#include <editors/commands/edit_command.h>
#include <model/edits/label_text.h>
#include <model/kinds/views.h>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QThread>
#include <QUndoStack>
#include <QVBoxLayout>

namespace kstudio::editors {

namespace {

bool hasNodeObjects(const model::Snapshot &snapshot)
{
    for (const auto &object : snapshot.objects()) {
        if (object->kind() == QLatin1String("Node"))
            return true;
    }
    return false;
}

} // namespace

CapacityDialog::CapacityDialog(model::Document *document, QUndoStack *undoStack, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_undoStack(undoStack)
{
    setObjectName(QStringLiteral("capacityDialog"));
    setWindowTitle(tr("Plan Capacity"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The fewest nodes of one shape on which kube-scheduler (the same simulation as the "
                                "Placement view) leaves no pod Pending, and the fewest that still leave none Pending "
                                "when any one zone is lost. Each count tried is a full scheduling run."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_source = new QComboBox;
    m_source->setObjectName(QStringLiteral("capacityShapeSource"));
    for (const model::NodePool &pool : m_document->snapshot().nodePools())
        m_source->addItem(tr("Node pool %1").arg(pool.name));
    m_source->addItem(tr("Custom shape"));
    form->addRow(tr("Node shape:"), m_source);
    const auto field = [this](const QString &name, const QString &tip) {
        auto *edit = new QLineEdit;
        edit->setObjectName(name);
        edit->setToolTip(tip);
        connect(edit, &QLineEdit::textEdited, this, &CapacityDialog::shapeEdited);
        return edit;
    };
    m_cpu = field(QStringLiteral("capacityCpu"), tr("CPU per node: 4, 3500m"));
    m_memory = field(QStringLiteral("capacityMemory"), tr("Memory per node: 16Gi, 8000Mi"));
    m_pods = field(QStringLiteral("capacityPods"), tr("Pods per node (kubelet maxPods): 110"));
    m_zones = field(QStringLiteral("capacityZones"), tr("Zones, comma-separated: the nodes are spread over them round-robin"));
    form->addRow(tr("CPU:"), m_cpu);
    form->addRow(tr("Memory:"), m_memory);
    form->addRow(tr("Pods:"), m_pods);
    form->addRow(tr("Zones:"), m_zones);
    m_hpaMax = new QCheckBox(tr("HPAs at maxReplicas"));
    m_hpaMax->setObjectName(QStringLiteral("capacityHpaMax"));
    form->addRow(QString(), m_hpaMax);
    layout->addLayout(form);
    m_note = new QLabel;
    m_note->setWordWrap(true);
    m_note->setObjectName(QStringLiteral("capacityNote"));
    layout->addWidget(m_note);
    m_error = new QLabel;
    m_error->setStyleSheet(QStringLiteral("color: #d93025;"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    m_planButton = new QPushButton(tr("Plan"));
    m_planButton->setObjectName(QStringLiteral("capacityPlan"));
    m_planButton->setDefault(true);
    layout->addWidget(m_planButton, 0, Qt::AlignLeft);
    m_result = new QPlainTextEdit;
    m_result->setObjectName(QStringLiteral("capacityResult"));
    m_result->setReadOnly(true);
    m_result->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_result->setPlaceholderText(tr("Press Plan."));
    m_result->setMinimumHeight(140);
    layout->addWidget(m_result, 1);
    auto *buttons = new QHBoxLayout;
    m_apply = new QPushButton;
    m_apply->setObjectName(QStringLiteral("capacityApply"));
    m_applyZone = new QPushButton;
    m_applyZone->setObjectName(QStringLiteral("capacityApplyZone"));
    auto *close = new QPushButton(tr("Close"));
    buttons->addWidget(m_apply);
    buttons->addWidget(m_applyZone);
    buttons->addStretch(1);
    buttons->addWidget(close);
    layout->addLayout(buttons);
    connect(m_source, &QComboBox::activated, this, [this](int index) {
        choosePool(index < m_document->snapshot().nodePools().size() ? index : -1);
    });
    connect(m_planButton, &QPushButton::clicked, this, &CapacityDialog::plan);
    connect(m_apply, &QPushButton::clicked, this, [this] { apply(false); });
    connect(m_applyZone, &QPushButton::clicked, this, [this] { apply(true); });
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_document, &model::Document::changed, this, [this](const model::ChangeSet &changes) {
        if (changes.reset || changes.nodePoolsChanged)
            updateButtons();
    });
    resize(560, 520);
    choosePool(m_document->snapshot().nodePools().isEmpty() ? -1 : 0);
}

CapacityDialog::~CapacityDialog()
{
    m_cancel = true;
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void CapacityDialog::choosePool(int pool)
{
    const QList<model::NodePool> &pools = m_document->snapshot().nodePools();
    m_filling = true;
    if (pool >= 0 && pool < pools.size()) {
        const model::NodePool &chosen = pools.at(pool);
        m_source->setCurrentIndex(pool);
        m_cpu->setText(chosen.cpu);
        m_memory->setText(chosen.memory);
        m_pods->setText(QString::number(chosen.pods));
        m_zones->setText(chosen.zones.join(QStringLiteral(", ")));
    } else {
        m_source->setCurrentIndex(m_source->count() - 1);
        if (m_cpu->text().isEmpty()) {
            const model::NodePool defaults;
            m_cpu->setText(defaults.cpu);
            m_memory->setText(defaults.memory);
            m_pods->setText(QString::number(defaults.pods));
            m_zones->setText(QStringLiteral("zone-a, zone-b, zone-c"));
        }
    }
    m_filling = false;
    updateButtons();
}

int CapacityDialog::chosenPool() const
{
    const int index = m_source->currentIndex();
    return index < m_document->snapshot().nodePools().size() ? index : -1;
}

void CapacityDialog::shapeEdited()
{
    if (m_filling)
        return;
    // A pool's shape edited is no longer that pool's: applying a count to it would mislead.
    const int pool = chosenPool();
    if (pool >= 0) {
        const model::NodePool &chosen = m_document->snapshot().nodePools().at(pool);
        if (m_cpu->text().trimmed() != chosen.cpu || m_memory->text().trimmed() != chosen.memory
            || m_pods->text().trimmed() != QString::number(chosen.pods) || model::listFromText(m_zones->text()) != chosen.zones)
            m_source->setCurrentIndex(m_source->count() - 1);
    }
    updateButtons();
}

QString CapacityDialog::error() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void CapacityDialog::plan()
{
    if (m_thread)
        return;
    QString problem;
    const std::optional<model::NodePool> shape = sim::sched::parseNodeShape(
        QStringLiteral("cpu=%1,memory=%2,pods=%3").arg(m_cpu->text().trimmed(), m_memory->text().trimmed(), m_pods->text().trimmed()),
        &problem);
    if (!shape || m_pods->text().trimmed().toInt() < 1) {
        m_error->setText(shape ? tr("pods: a whole number of at least 1") : problem);
        m_error->show();
        return;
    }
    m_error->hide();
    sim::sched::CapacityOptions options;
    model::NodePool node = *shape;
    const int pool = chosenPool();
    if (pool >= 0) {
        const model::NodePool &chosen = m_document->snapshot().nodePools().at(pool);
        node.name = chosen.name;
        node.labels = chosen.labels;
        node.taints = chosen.taints;
    }
    options.shape = node;
    options.zones = model::listFromText(m_zones->text());
    options.hpa = m_hpaMax->isChecked() ? sim::sched::HpaMode::Max : sim::sched::HpaMode::Min;
    m_plannedPool = pool;
    m_hasPlan = false;
    m_planButton->setEnabled(false);
    m_result->setPlainText(tr("Planning… (each count tried is a full scheduling run)"));
    updateButtons();
    const model::Snapshot snapshot = m_document->snapshot();
    m_cancel = false;
    options.cancel = &m_cancel;
    m_thread = QThread::create([this, snapshot, options] {
        sim::sched::CapacityPlan plan = sim::sched::planCapacity(snapshot, options);
        QMetaObject::invokeMethod(
            this,
            [this, plan = std::move(plan)]() mutable {
                m_thread->wait();
                delete m_thread;
                m_thread = nullptr;
                m_plan = std::move(plan);
                m_hasPlan = true;
                showPlan();
                Q_EMIT planned();
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
}

void CapacityDialog::waitForPlan()
{
    while (m_thread) {
        m_thread->wait();
        QCoreApplication::sendPostedEvents(this);
    }
}

QString CapacityDialog::resultText() const
{
    return m_result->toPlainText();
}

void CapacityDialog::showPlan()
{
    m_planButton->setEnabled(true);
    QStringList lines;
    if (!m_plan.error.isEmpty()) {
        m_result->setPlainText(m_plan.error);
        updateButtons();
        return;
    }
    const model::NodePool &shape = m_plan.shape;
    lines.append(tr("Node shape: cpu %1, memory %2, pods %3").arg(shape.cpu, shape.memory).arg(shape.pods));
    lines.append(tr("Zones: %1").arg(shape.zones.isEmpty() ? tr("(none)") : shape.zones.join(QStringLiteral(", "))));
    lines.append(QString());
    if (m_plan.nodes)
        lines.append(tr("Fewest nodes with nothing Pending: %1").arg(*m_plan.nodes));
    else
        lines.append(tr("No count of these nodes places every pod (tried up to %1).").arg(sim::sched::CapacityOptions().maxNodes));
    if (m_plan.nodesZoneFailure)
        lines.append(tr("Fewest that survive the loss of any one zone: %1").arg(*m_plan.nodesZoneFailure));
    else
        lines.append(tr("Surviving the loss of a zone: no answer (%1)").arg(m_plan.zoneFailureNote));
    lines.append(tr("Lower bound from the pods' requests: %1; %2 scheduling run(s).").arg(m_plan.lowerBound).arg(m_plan.simulations));
    const QList<model::NodePool> &pools = m_document->snapshot().nodePools();
    if (m_plannedPool >= 0 && m_plannedPool < pools.size())
        lines.append(tr("Pool %1 has %2 now.").arg(pools.at(m_plannedPool).name, pools.at(m_plannedPool).count == 1 ? tr("1 node") : tr("%1 nodes").arg(pools.at(m_plannedPool).count)));
    if (!m_plan.unplaceable.isEmpty()) {
        lines.append(QString());
        lines.append(tr("Still Pending at the largest count tried:"));
        for (const QString &pod : m_plan.unplaceable.mid(0, 20))
            lines.append(QStringLiteral("  ") + pod);
        if (m_plan.unplaceable.size() > 20)
            lines.append(tr("  … and %1 more").arg(m_plan.unplaceable.size() - 20));
    }
    m_result->setPlainText(lines.join(QLatin1Char('\n')));
    updateButtons();
}

void CapacityDialog::updateButtons()
{
    const QList<model::NodePool> &pools = m_document->snapshot().nodePools();
    const int pool = chosenPool();
    QStringList notes;
    if (pool < 0)
        notes.append(tr("A custom shape answers the question only: choose a node pool to apply a count to it."));
    if (pools.size() > 1)
        notes.append(tr("The plan puts every pod on nodes of this one shape; the other pools are left out."));
    if (hasNodeObjects(m_document->snapshot()))
        notes.append(tr("The design has Node objects: they, not the node pools, are the cluster the Placement view "
                        "simulates."));
    m_note->setText(notes.join(QLatin1Char(' ')));
    m_note->setVisible(!notes.isEmpty());
    const bool samePool = m_hasPlan && pool >= 0 && pool == m_plannedPool && pool < pools.size();
    const QString name = samePool ? pools.at(pool).name : QString();
    m_apply->setEnabled(samePool && m_plan.nodes.has_value());
    m_apply->setText(m_apply->isEnabled() ? (*m_plan.nodes == 1 ? tr("Set pool %1 to 1 node").arg(name) : tr("Set pool %1 to %2 nodes").arg(name).arg(*m_plan.nodes)) : tr("Set the pool's count"));
    m_applyZone->setEnabled(samePool && m_plan.nodesZoneFailure.has_value());
    m_applyZone->setText(m_applyZone->isEnabled()
                             ? (*m_plan.nodesZoneFailure == 1 ? tr("Set pool %1 to 1 node (survives a zone loss)").arg(name)
                                                              : tr("Set pool %1 to %2 nodes (survives a zone loss)").arg(name).arg(*m_plan.nodesZoneFailure))
                             : tr("Set the count that survives a zone loss"));
}

bool CapacityDialog::apply(bool zoneFailure)
{
    QList<model::NodePool> pools = m_document->snapshot().nodePools();
    const int pool = chosenPool();
    if (!m_hasPlan || pool < 0 || pool != m_plannedPool || pool >= pools.size())
        return false;
    const std::optional<int> count = zoneFailure ? m_plan.nodesZoneFailure : m_plan.nodes;
    if (!count || pools[pool].count == *count)
        return false;
    pools[pool].count = *count;
    m_undoStack->push(new EditCommand(m_document, model::Edit(model::SetNodePools{pools})));
    return true;
}

} // namespace kstudio::editors
