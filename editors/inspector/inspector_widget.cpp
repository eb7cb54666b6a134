// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspector_widget.h"

#include <editors/canvas/kind_style.h>
#include <editors/commands/edit_command.h>
#include <editors/yaml/yaml_highlighter.h>
#include <model/edits/label_text.h>
#include <model/edits/network_policy_text.h>
#include <model/io/manifest_reader.h>
#include <model/io/yaml_writer.h>
#include <model/kinds/kind_registry.h>
#include <sim/reach/policy_eval.h>

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSpinBox>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace kstudio::editors {

using model::FieldPath;
using model::Node;

namespace {

enum FieldKind { Text, Integer, Choice, LabelMap, ContainerPorts, ServicePorts, Quantity };

// Container ports: "80, 443/UDP"; names of ports kept where the number stays.
QString containerPortsToText(const Node *node)
{
    QStringList parts;
    if (node && node->isSequence()) {
        for (const Node &port : node->children()) {
            const Node *number = port.get("containerPort");
            const Node *protocol = port.get("protocol");
            QString text = number ? number->qtext() : QStringLiteral("?");
            if (protocol && protocol->text() != "TCP")
                text += QLatin1Char('/') + protocol->qtext();
            parts.append(text);
        }
    }
    return parts.join(QStringLiteral(", "));
}

bool parsePortProtocol(const QString &text, int *port, QString *protocol)
{
    const QStringList pieces = text.split(QLatin1Char('/'));
    bool ok = false;
    *port = pieces.value(0).trimmed().toInt(&ok);
    *protocol = pieces.size() > 1 ? pieces.value(1).trimmed().toUpper() : QStringLiteral("TCP");
    return ok && *port > 0 && *port < 65536
           && (*protocol == QLatin1String("TCP") || *protocol == QLatin1String("UDP")
               || *protocol == QLatin1String("SCTP"));
}

std::optional<Node> containerPortsFromText(const QString &text, const Node *old, QString *error)
{
    Node list = Node::sequence();
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        int number = 0;
        QString protocol;
        if (!parsePortProtocol(part, &number, &protocol)) {
            *error = QObject::tr("'%1' is not a port (1-65535, optionally /TCP, /UDP or /SCTP)").arg(part.trimmed());
            return std::nullopt;
        }
        Node port = Node::mapping();
        // Keep what else was written for this port (its name, hostPort).
        if (old && old->isSequence()) {
            for (const Node &existing : old->children()) {
                const Node *n = existing.get("containerPort");
                if (n && n->toInt() == number)
                    port = existing;
            }
        }
        port.set("containerPort", Node::integer(number));
        if (protocol != QLatin1String("TCP"))
            port.set("protocol", Node::string(protocol.toStdString()));
        else
            port.remove("protocol");
        list.append(std::move(port));
    }
    return list;
}

// Service ports: "80→8080, 443→https, 53/UDP".
QString servicePortsToText(const Node *node)
{
    QStringList parts;
    if (node && node->isSequence()) {
        for (const Node &port : node->children()) {
            const Node *number = port.get("port");
            const Node *target = port.get("targetPort");
            const Node *protocol = port.get("protocol");
            QString text = number ? number->qtext() : QStringLiteral("?");
            if (target && target->qtext() != text)
                text += QStringLiteral("→") + target->qtext();
            if (protocol && protocol->text() != "TCP")
                text += QLatin1Char('/') + protocol->qtext();
            parts.append(text);
        }
    }
    return parts.join(QStringLiteral(", "));
}

std::optional<Node> servicePortsFromText(const QString &text, const Node *old, QString *error)
{
    Node list = Node::sequence();
    for (QString part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        part.replace(QStringLiteral("->"), QStringLiteral("→")).replace(QLatin1Char(':'), QStringLiteral("→"));
        QString protocol = QStringLiteral("TCP");
        if (const qsizetype slash = part.indexOf(QLatin1Char('/')); slash >= 0) {
            protocol = part.mid(slash + 1).trimmed().toUpper();
            part = part.left(slash);
        }
        const QStringList sides = part.split(QStringLiteral("→"));
        bool ok = false;
        const int number = sides.value(0).trimmed().toInt(&ok);
        if (!ok || number <= 0 || number > 65535
            || !(protocol == QLatin1String("TCP") || protocol == QLatin1String("UDP") || protocol == QLatin1String("SCTP"))) {
            *error = QObject::tr("'%1' is not a service port (PORT[→TARGET][/PROTOCOL])").arg(part.trimmed());
            return std::nullopt;
        }
        Node port = Node::mapping();
        if (old && old->isSequence()) {
            for (const Node &existing : old->children()) {
                const Node *n = existing.get("port");
                if (n && n->toInt() == number)
                    port = existing;
            }
        }
        port.set("port", Node::integer(number));
        if (sides.size() > 1 && !sides.value(1).trimmed().isEmpty()) {
            const QString target = sides.value(1).trimmed();
            bool numeric = false;
            const int targetNumber = target.toInt(&numeric);
            port.set("targetPort", numeric ? Node::integer(targetNumber) : Node::string(target.toStdString()));
        } else {
            port.remove("targetPort");
        }
        if (protocol != QLatin1String("TCP"))
            port.set("protocol", Node::string(protocol.toStdString()));
        else
            port.remove("protocol");
        list.append(std::move(port));
    }
    return list;
}

} // namespace

struct InspectorWidget::Field
{
    QString key;  // stable name for editorFor()
    FieldPath path;
    int kind = Text;
    QWidget *editor = nullptr;
    QLabel *error = nullptr;
};

InspectorWidget::InspectorWidget(model::Document *document, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_undoStack(undoStack)
{
    setObjectName(QStringLiteral("inspector"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_header = new QLabel;
    m_header->setObjectName(QStringLiteral("inspectorHeader"));
    m_header->setContentsMargins(8, 6, 8, 6);
    m_header->setTextFormat(Qt::RichText);
    layout->addWidget(m_header);
    m_tabs = new QTabWidget;
    layout->addWidget(m_tabs, 1);

    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    m_formPage = new QWidget;
    m_form = new QFormLayout(m_formPage);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    scroll->setWidget(m_formPage);
    m_tabs->addTab(scroll, tr("Properties"));

    auto *yamlPage = new QWidget;
    auto *yamlLayout = new QVBoxLayout(yamlPage);
    m_yaml = new QPlainTextEdit;
    m_yaml->setObjectName(QStringLiteral("yamlEditor"));
    m_yaml->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_yaml->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_yaml->setTabChangesFocus(false);
    new YamlHighlighter(m_yaml->document());
    m_yamlError = new QLabel;
    m_yamlError->setObjectName(QStringLiteral("yamlError"));
    m_yamlError->setWordWrap(true);
    m_yamlError->setStyleSheet(QStringLiteral("color: #d93025;"));
    m_yamlError->hide();
    m_apply = new QPushButton(tr("Apply"));
    m_apply->setObjectName(QStringLiteral("yamlApply"));
    m_apply->setToolTip(tr("Apply the manifest to the design (Ctrl+Return)"));
    m_apply->setEnabled(false);
    auto *revert = new QPushButton(tr("Revert"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_yamlError, 1);
    buttons->addWidget(revert);
    buttons->addWidget(m_apply);
    yamlLayout->addWidget(m_yaml, 1);
    yamlLayout->addLayout(buttons);
    m_tabs->addTab(yamlPage, tr("YAML"));
    connect(m_apply, &QPushButton::clicked, this, &InspectorWidget::applyYaml);
    connect(revert, &QPushButton::clicked, this, [this] {
        m_yamlDirty = false;
        refreshYaml();
    });
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_yaml);
    shortcut->setContext(Qt::WidgetShortcut);
    connect(shortcut, &QShortcut::activated, this, &InspectorWidget::applyYaml);
    connect(m_yaml, &QPlainTextEdit::textChanged, this, [this] {
        if (m_settingYaml)
            return;
        m_yamlDirty = true;
        m_apply->setEnabled(true);
    });
    connect(m_document, &model::Document::changed, this, &InspectorWidget::documentChanged);
    setObject(model::noObject);
}

InspectorWidget::~InspectorWidget()
{
    qDeleteAll(m_fields); // the editors are widgets (deleted as children); the records are not
}

void InspectorWidget::setObject(model::ObjectId id)
{
    if (id == m_id && id != model::noObject)
        return;
    m_id = id;
    m_yamlDirty = false;
    rebuildForm();
    refreshYaml();
}

void InspectorWidget::documentChanged(const model::ChangeSet &changes)
{
    if (m_id == model::noObject)
        return;
    if (!m_document->snapshot().object(m_id)) {
        setObject(model::noObject);
        return;
    }
    if (!changes.reset && !changes.modified.contains(m_id))
        return;
    const model::Object *object = m_document->snapshot().object(m_id);
    if (object->kind() != m_formKind)
        rebuildForm();
    else
        refreshValues();
    if (!m_yamlDirty)
        refreshYaml();
}

void InspectorWidget::addField(const QString &label, const QString &key, const QString &path, int kind,
                               const QString &tip, const QStringList &choices)
{
    auto *field = new Field;
    field->key = key;
    field->path = FieldPath::parse(path.toStdString());
    field->kind = kind;
    if (kind == Integer) {
        auto *spin = new QSpinBox;
        spin->setRange(0, 100000);
        spin->setKeyboardTracking(false);
        connect(spin, &QSpinBox::editingFinished, this, [this, field, spin] { commit(*field, QString::number(spin->value())); });
        field->editor = spin;
    } else if (kind == Choice) {
        auto *combo = new QComboBox;
        combo->addItems(choices);
        connect(combo, &QComboBox::activated, this, [this, field, combo] { commit(*field, combo->currentText()); });
        field->editor = combo;
    } else {
        auto *line = new QLineEdit;
        if (kind == LabelMap)
            line->setPlaceholderText(tr("key=value, key=value"));
        else if (kind == ContainerPorts)
            line->setPlaceholderText(tr("80, 443, 53/UDP"));
        else if (kind == ServicePorts)
            line->setPlaceholderText(tr("80→8080, 443→https"));
        connect(line, &QLineEdit::editingFinished, this, [this, field, line] { commit(*field, line->text()); });
        field->editor = line;
    }
    field->editor->setObjectName(QStringLiteral("field:") + key);
    field->editor->setToolTip(tip.isEmpty() ? QString::fromStdString(field->path.toString()) : tip);
    field->error = new QLabel;
    field->error->setStyleSheet(QStringLiteral("color: #d93025;"));
    field->error->setWordWrap(true);
    field->error->hide();
    auto *box = new QWidget;
    auto *boxLayout = new QVBoxLayout(box);
    boxLayout->setContentsMargins(0, 0, 0, 0);
    boxLayout->setSpacing(2);
    boxLayout->addWidget(field->editor);
    boxLayout->addWidget(field->error);
    m_form->addRow(label, box);
    m_fields.append(field);
}

void InspectorWidget::rebuildForm()
{
    qDeleteAll(m_fields);
    m_fields.clear();
    m_rules = nullptr;
    m_rulesError = nullptr;
    m_ingressType = nullptr;
    m_egressType = nullptr;
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    const model::Object *object = m_document->snapshot().object(m_id);
    m_formKind = object ? object->kind() : QString();
    if (!object) {
        m_header->setText(tr("<i>Select an object on the canvas to edit it.</i>"));
        m_tabs->setEnabled(false);
        return;
    }
    m_tabs->setEnabled(true);
    m_header->setText(QStringLiteral("<b>%1</b> &nbsp;%2").arg(m_formKind.toHtmlEscaped(),
                                                              object->qualifiedName().toHtmlEscaped()));
    const model::KindSpec *spec = model::findKind(m_formKind);
    addField(tr("Name"), QStringLiteral("name"), QStringLiteral("metadata.name"), Text);
    if (object->isNamespaced())
        addField(tr("Namespace"), QStringLiteral("namespace"), QStringLiteral("metadata.namespace"), Text,
                 tr("The namespace (empty: default)"));
    addField(tr("Labels"), QStringLiteral("labels"), QStringLiteral("metadata.labels"), LabelMap);
    if (spec && spec->isWorkload()) {
        const QString tmpl = QString::fromLatin1(spec->podTemplatePath);
        const QString pod = tmpl.isEmpty() ? QString() : tmpl + QLatin1Char('.');
        const QString container = pod + QStringLiteral("spec.containers[0].");
        if (spec->replicasPath)
            addField(tr("Replicas"), QStringLiteral("replicas"), QString::fromLatin1(spec->replicasPath), Integer);
        if (m_formKind == QLatin1String("CronJob"))
            addField(tr("Schedule"), QStringLiteral("schedule"), QStringLiteral("spec.schedule"), Text,
                     tr("Cron syntax: minute hour day-of-month month day-of-week"));
        if (!tmpl.isEmpty())
            addField(tr("Pod labels"), QStringLiteral("podLabels"), pod + QStringLiteral("metadata.labels"), LabelMap);
        addField(tr("Image"), QStringLiteral("image"), container + QStringLiteral("image"), Text);
        addField(tr("Pull policy"), QStringLiteral("imagePullPolicy"), container + QStringLiteral("imagePullPolicy"),
                 Choice, QString(), {QString(), QStringLiteral("IfNotPresent"), QStringLiteral("Always"), QStringLiteral("Never")});
        addField(tr("Ports"), QStringLiteral("ports"), container + QStringLiteral("ports"), ContainerPorts);
        addField(tr("CPU request"), QStringLiteral("cpuRequest"), container + QStringLiteral("resources.requests.cpu"), Quantity);
        addField(tr("Memory request"), QStringLiteral("memoryRequest"), container + QStringLiteral("resources.requests.memory"), Quantity);
        addField(tr("CPU limit"), QStringLiteral("cpuLimit"), container + QStringLiteral("resources.limits.cpu"), Quantity);
        addField(tr("Memory limit"), QStringLiteral("memoryLimit"), container + QStringLiteral("resources.limits.memory"), Quantity);
        addField(tr("Readiness (HTTP path)"), QStringLiteral("readinessPath"),
                 container + QStringLiteral("readinessProbe.httpGet.path"), Text);
        addField(tr("Liveness (HTTP path)"), QStringLiteral("livenessPath"),
                 container + QStringLiteral("livenessProbe.httpGet.path"), Text);
        addField(tr("Service account"), QStringLiteral("serviceAccountName"), pod + QStringLiteral("spec.serviceAccountName"), Text);
        addField(tr("Priority class"), QStringLiteral("priorityClassName"), pod + QStringLiteral("spec.priorityClassName"), Text);
        addField(tr("Node selector"), QStringLiteral("nodeSelector"), pod + QStringLiteral("spec.nodeSelector"), LabelMap);
    } else if (m_formKind == QLatin1String("Service")) {
        addField(tr("Type"), QStringLiteral("type"), QStringLiteral("spec.type"), Choice, QString(),
                 {QString(), QStringLiteral("ClusterIP"), QStringLiteral("NodePort"), QStringLiteral("LoadBalancer"),
                  QStringLiteral("ExternalName")});
        addField(tr("Selector"), QStringLiteral("selector"), QStringLiteral("spec.selector"), LabelMap,
                 tr("The pod labels this Service sends traffic to"));
        addField(tr("Ports"), QStringLiteral("servicePorts"), QStringLiteral("spec.ports"), ServicePorts);
    } else if (m_formKind == QLatin1String("Ingress")) {
        addField(tr("Class"), QStringLiteral("ingressClassName"), QStringLiteral("spec.ingressClassName"), Text);
        addField(tr("Host"), QStringLiteral("host"), QStringLiteral("spec.rules[0].host"), Text);
    } else if (m_formKind == QLatin1String("HorizontalPodAutoscaler")) {
        addField(tr("Min replicas"), QStringLiteral("minReplicas"), QStringLiteral("spec.minReplicas"), Integer);
        addField(tr("Max replicas"), QStringLiteral("maxReplicas"), QStringLiteral("spec.maxReplicas"), Integer);
        addField(tr("Target"), QStringLiteral("target"), QStringLiteral("spec.scaleTargetRef.name"), Text);
    } else if (m_formKind == QLatin1String("PodDisruptionBudget")) {
        addField(tr("Min available"), QStringLiteral("minAvailable"), QStringLiteral("spec.minAvailable"), Text,
                 tr("A number or a percentage"));
        addField(tr("Max unavailable"), QStringLiteral("maxUnavailable"), QStringLiteral("spec.maxUnavailable"), Text);
        addField(tr("Selector"), QStringLiteral("pdbSelector"), QStringLiteral("spec.selector.matchLabels"), LabelMap);
    } else if (m_formKind == QLatin1String("NetworkPolicy")) {
        addField(tr("Pod selector"), QStringLiteral("podSelector"), QStringLiteral("spec.podSelector.matchLabels"), LabelMap,
                 tr("Empty: every pod of the namespace"));
        addRuleEditor();
    } else if (m_formKind == QLatin1String("ConfigMap")) {
        addField(tr("Data"), QStringLiteral("data"), QStringLiteral("data"), LabelMap);
    } else if (m_formKind == QLatin1String("PersistentVolumeClaim")) {
        addField(tr("Storage"), QStringLiteral("storage"), QStringLiteral("spec.resources.requests.storage"), Quantity);
        addField(tr("Storage class"), QStringLiteral("storageClassName"), QStringLiteral("spec.storageClassName"), Text);
    } else if (m_formKind == QLatin1String("PriorityClass")) {
        addField(tr("Value"), QStringLiteral("value"), QStringLiteral("value"), Integer);
    }
    refreshValues();
}

void InspectorWidget::refreshValues()
{
    const model::Object *object = m_document->snapshot().object(m_id);
    if (!object)
        return;
    refreshRules();
    m_header->setText(QStringLiteral("<b>%1</b> &nbsp;%2").arg(m_formKind.toHtmlEscaped(),
                                                              object->qualifiedName().toHtmlEscaped()));
    for (Field *field : std::as_const(m_fields)) {
        const Node *node = object->body.at(field->path);
        const QSignalBlocker blocker(field->editor);
        field->error->hide();
        switch (field->kind) {
        case Integer:
            static_cast<QSpinBox *>(field->editor)->setValue(node && node->toInt() ? int(*node->toInt()) : 0);
            break;
        case Choice: {
            auto *combo = static_cast<QComboBox *>(field->editor);
            const QString value = node ? node->qtext() : QString();
            if (combo->findText(value) < 0)
                combo->addItem(value);
            combo->setCurrentText(value);
            break;
        }
        case LabelMap:
            static_cast<QLineEdit *>(field->editor)->setText(model::labelMapText(node));
            break;
        case ContainerPorts:
            static_cast<QLineEdit *>(field->editor)->setText(containerPortsToText(node));
            break;
        case ServicePorts:
            static_cast<QLineEdit *>(field->editor)->setText(servicePortsToText(node));
            break;
        default:
            static_cast<QLineEdit *>(field->editor)->setText(node && node->isScalar() ? node->qtext() : QString());
            break;
        }
    }
}

void InspectorWidget::commit(const Field &field, const QString &text)
{
    const model::Object *object = m_document->snapshot().object(m_id);
    if (!object)
        return;
    const Node *old = object->body.at(field.path);
    QString error;
    std::optional<Node> value;
    const QString trimmed = text.trimmed();
    switch (field.kind) {
    case Integer:
        value = Node::integer(trimmed.toLongLong());
        break;
    case LabelMap:
        value = model::labelMapFromText(trimmed, &error);
        if (value && value->size() == 0 && !old)
            return;
        break;
    case ContainerPorts:
        value = containerPortsFromText(trimmed, old, &error);
        break;
    case ServicePorts:
        value = servicePortsFromText(trimmed, old, &error);
        break;
    default:
        if (trimmed.isEmpty()) {
            if (!old || field.key == QLatin1String("name"))
                return; // a name cannot be removed
            value = std::nullopt;
        } else if (field.kind == Quantity || field.key == QLatin1String("minAvailable")
                   || field.key == QLatin1String("maxUnavailable")) {
            // Quantities and IntOrString fields: a number stays a number.
            bool isNumber = false;
            const long long number = trimmed.toLongLong(&isNumber);
            value = isNumber && field.kind != Quantity ? Node::integer(number) : Node::string(trimmed.toStdString());
        } else {
            value = Node::string(trimmed.toStdString());
        }
        break;
    }
    if (!error.isEmpty()) {
        field.error->setText(error);
        field.error->show();
        return;
    }
    field.error->hide();
    if (!value && !old)
        return;
    if (value && old && old->sameValue(*value))
        return;
    m_undoStack->push(new EditCommand(m_document, model::Edit(model::SetField{m_id, field.path, value})));
}

namespace {

const FieldPath policyTypesPath = FieldPath::parse("spec.policyTypes");

FieldPath rulePath(const QString &direction, int index)
{
    return FieldPath::parse(direction == QLatin1String("Ingress") ? "spec.ingress" : "spec.egress").child(index);
}

const char *peersKey(const QString &direction)
{
    return direction == QLatin1String("Ingress") ? "from" : "to";
}

} // namespace

void InspectorWidget::addRuleEditor()
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *types = new QHBoxLayout;
    m_ingressType = new QCheckBox(tr("Ingress"));
    m_ingressType->setObjectName(QStringLiteral("policyTypeIngress"));
    m_egressType = new QCheckBox(tr("Egress"));
    m_egressType->setObjectName(QStringLiteral("policyTypeEgress"));
    m_ingressType->setToolTip(tr("Selected pods are isolated for ingress: only the ingress rules admit traffic"));
    m_egressType->setToolTip(tr("Selected pods are isolated for egress: only the egress rules let traffic out"));
    types->addWidget(new QLabel(tr("Isolates:")));
    types->addWidget(m_ingressType);
    types->addWidget(m_egressType);
    types->addStretch(1);
    layout->addLayout(types);
    connect(m_ingressType, &QCheckBox::clicked, this, &InspectorWidget::commitPolicyTypes);
    connect(m_egressType, &QCheckBox::clicked, this, &InspectorWidget::commitPolicyTypes);
    m_rules = new QTableWidget(0, 3);
    m_rules->setObjectName(QStringLiteral("ruleTable"));
    m_rules->setHorizontalHeaderLabels({tr("Rule"), tr("Peers (from / to)"), tr("Ports")});
    m_rules->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_rules->verticalHeader()->hide();
    m_rules->setWordWrap(false);
    m_rules->setTextElideMode(Qt::ElideMiddle);
    m_rules->setMinimumHeight(150);
    m_rules->setToolTip(tr("Peers: 'pods app=web; namespaces team=a pods role=db; cidr 10.0.0.0/8 except 10.1.0.0/16'; "
                           "empty = everyone; 'pods *' = every pod of the namespace.\n"
                           "Ports: '80, 443/UDP, 8000-9000, http'; empty = all ports."));
    layout->addWidget(m_rules);
    m_rulesError = new QLabel;
    m_rulesError->setStyleSheet(QStringLiteral("color: #d93025;"));
    m_rulesError->setWordWrap(true);
    m_rulesError->hide();
    layout->addWidget(m_rulesError);
    auto *buttons = new QHBoxLayout;
    auto *addIngress = new QPushButton(tr("Add ingress rule"));
    auto *addEgress = new QPushButton(tr("Add egress rule"));
    auto *remove = new QPushButton(tr("Remove rule"));
    buttons->addWidget(addIngress);
    buttons->addWidget(addEgress);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(addIngress, &QPushButton::clicked, this, [this] { addRule(QStringLiteral("Ingress")); });
    connect(addEgress, &QPushButton::clicked, this, [this] { addRule(QStringLiteral("Egress")); });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_rules->currentRow() >= 0)
            removeRule(m_rules->currentRow());
    });
    connect(m_rules, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) { commitRule(item->row()); });
    // Full width: the rules need the room more than a label does.
    auto *title = new QLabel(tr("<b>Rules</b>"));
    m_form->addRow(title);
    m_form->addRow(box);
}

void InspectorWidget::refreshRules()
{
    const model::Object *object = m_document->snapshot().object(m_id);
    if (!m_rules || !object)
        return;
    const QSignalBlocker blocker(m_rules);
    m_rules->setRowCount(0);
    for (const QString &direction : {QStringLiteral("Ingress"), QStringLiteral("Egress")}) {
        const Node *rules = object->body.at(FieldPath::parse(direction == QLatin1String("Ingress") ? "spec.ingress" : "spec.egress"));
        if (!rules || !rules->isSequence())
            continue;
        int index = 0;
        for (const Node &rule : rules->children()) {
            const int row = m_rules->rowCount();
            m_rules->insertRow(row);
            auto *head = new QTableWidgetItem(QStringLiteral("%1 %2").arg(direction).arg(index + 1));
            head->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            head->setData(Qt::UserRole, direction);
            head->setData(Qt::UserRole + 1, index);
            m_rules->setItem(row, 0, head);
            const auto peers = model::peersToText(rule.get(peersKey(direction)));
            const auto ports = model::policyPortsToText(rule.get("ports"));
            auto *peersItem = new QTableWidgetItem(peers ? (peers->isEmpty() ? QStringLiteral("") : *peers)
                                                         : tr("(selector expressions: edit in the YAML tab)"));
            auto *portsItem = new QTableWidgetItem(ports ? *ports : tr("(edit in the YAML tab)"));
            if (!peers || !ports) {
                peersItem->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
                portsItem->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            }
            peersItem->setToolTip(peers && peers->isEmpty() ? tr("Everyone") : QString());
            m_rules->setItem(row, 1, peersItem);
            m_rules->setItem(row, 2, portsItem);
            ++index;
        }
    }
    // What the policy isolates, as the reachability engine reads it (policyTypes defaulted the
    // way the API server does); a policy the API would refuse shows its list as written.
    bool ingress = false;
    bool egress = false;
    if (const sim::reach::PolicyReadResult read = sim::reach::readPolicy(*object); read.policy) {
        ingress = read.policy->affectsIngress;
        egress = read.policy->affectsEgress;
    } else if (const Node *types = object->body.at(policyTypesPath); types && types->isSequence()) {
        for (const Node &type : types->children()) {
            ingress = ingress || type.text() == "Ingress";
            egress = egress || type.text() == "Egress";
        }
    }
    const QSignalBlocker b1(m_ingressType);
    const QSignalBlocker b2(m_egressType);
    m_ingressType->setChecked(ingress);
    m_egressType->setChecked(egress);
}

void InspectorWidget::commitRule(int row)
{
    const model::Object *object = m_document->snapshot().object(m_id);
    if (!object || !m_rules || row < 0 || row >= m_rules->rowCount())
        return;
    const QString direction = m_rules->item(row, 0)->data(Qt::UserRole).toString();
    const int index = m_rules->item(row, 0)->data(Qt::UserRole + 1).toInt();
    const FieldPath path = rulePath(direction, index);
    const Node *old = object->body.at(path);
    QString error;
    const auto peers = model::peersFromText(m_rules->item(row, 1)->text(), &error);
    const auto ports = peers ? model::policyPortsFromText(m_rules->item(row, 2)->text(), &error) : std::nullopt;
    if (!peers || !ports) {
        m_rulesError->setText(tr("%1 %2: %3").arg(direction).arg(index + 1).arg(error));
        m_rulesError->show();
        return;
    }
    m_rulesError->hide();
    Node rule = old && old->isMapping() ? *old : Node::mapping();
    if (peers->isNull())
        rule.remove(peersKey(direction));
    else
        rule.set(peersKey(direction), *peers);
    if (ports->isNull())
        rule.remove("ports");
    else
        rule.set("ports", *ports);
    if (old && old->sameValue(rule))
        return;
    m_undoStack->push(new EditCommand(m_document, model::Edit(model::SetField{m_id, path, std::move(rule)})));
}

void InspectorWidget::addRule(const QString &direction)
{
    const model::Object *object = m_document->snapshot().object(m_id);
    if (!object)
        return;
    // A new rule admits the pods of the policy's own namespace (an empty rule would admit
    // everyone, which is rarely what a new rule is for).
    Node rule = Node::mapping();
    Node peers = Node::sequence();
    Node peer = Node::mapping();
    peer.set("podSelector", Node::mapping());
    peers.append(std::move(peer));
    rule.set(peersKey(direction), std::move(peers));
    const Node *existing = object->body.at(FieldPath::parse(direction == QLatin1String("Ingress") ? "spec.ingress" : "spec.egress"));
    const int next = existing && existing->isSequence() ? int(existing->size()) : 0;
    std::vector<model::Edit> edits;
    edits.push_back(model::Edit(model::SetField{m_id, rulePath(direction, next), std::move(rule)}));
    // The rule only matters when the policy isolates that direction.
    const Node *types = object->body.at(policyTypesPath);
    bool listed = false;
    if (types && types->isSequence()) {
        for (const Node &type : types->children())
            listed = listed || type.qtext() == direction;
        if (!listed)
            edits.push_back(model::Edit(model::SetField{m_id, policyTypesPath.child(int(types->size())), Node::string(direction.toStdString())}));
    }
    m_undoStack->push(new EditCommand(m_document, model::Edit(model::Compound{tr("Add %1 rule").arg(direction.toLower()), std::move(edits)})));
}

void InspectorWidget::removeRule(int row)
{
    if (!m_rules || row < 0 || row >= m_rules->rowCount())
        return;
    const QString direction = m_rules->item(row, 0)->data(Qt::UserRole).toString();
    const int index = m_rules->item(row, 0)->data(Qt::UserRole + 1).toInt();
    m_undoStack->push(new EditCommand(m_document, model::Edit(model::SetField{m_id, rulePath(direction, index), std::nullopt})));
}

void InspectorWidget::commitPolicyTypes()
{
    if (!m_ingressType || !m_egressType)
        return;
    Node types = Node::sequence();
    if (m_ingressType->isChecked())
        types.append(Node::string("Ingress"));
    if (m_egressType->isChecked())
        types.append(Node::string("Egress"));
    const model::Object *object = m_document->snapshot().object(m_id);
    const Node *old = object ? object->body.at(policyTypesPath) : nullptr;
    if (old && old->sameValue(types))
        return;
    m_undoStack->push(new EditCommand(m_document, model::Edit(model::SetField{m_id, policyTypesPath, std::move(types)})));
}

QWidget *InspectorWidget::editorFor(const QString &field) const
{
    for (Field *f : m_fields) {
        if (f->key == field || QString::fromStdString(f->path.toString()) == field)
            return f->editor;
    }
    return nullptr;
}

bool InspectorWidget::focusField(const QString &path)
{
    // The most specific field whose path is a prefix of path.
    Field *best = nullptr;
    for (Field *f : std::as_const(m_fields)) {
        const QString fieldPath = QString::fromStdString(f->path.toString());
        if (path == fieldPath || path.startsWith(fieldPath + QLatin1Char('.')) || path.startsWith(fieldPath + QLatin1Char('['))) {
            if (!best || fieldPath.size() > int(best->path.toString().size()))
                best = f;
        }
    }
    if (!best) {
        // Not in the form: show the manifest, at the field's line.
        m_tabs->setCurrentIndex(1);
        const model::Object *object = m_document->snapshot().object(m_id);
        if (object) {
            const QString leaf = path.section(QLatin1Char('.'), -1).section(QLatin1Char('['), 0, 0);
            const QTextCursor found = m_yaml->document()->find(leaf + QLatin1Char(':'));
            if (!found.isNull())
                m_yaml->setTextCursor(found);
        }
        m_yaml->setFocus();
        return false;
    }
    m_tabs->setCurrentIndex(0);
    best->editor->setFocus();
    return true;
}

void InspectorWidget::refreshYaml()
{
    const model::Object *object = m_document->snapshot().object(m_id);
    m_settingYaml = true;
    m_yaml->setPlainText(object ? QString::fromStdString(model::writeYaml(object->body)) : QString());
    m_settingYaml = false;
    m_yamlError->hide();
    m_apply->setEnabled(false);
    m_yamlDirty = false;
}

QString InspectorWidget::yamlError() const
{
    return m_yamlError->isHidden() ? QString() : m_yamlError->text();
}

bool InspectorWidget::applyYaml()
{
    const model::Object *object = m_document->snapshot().object(m_id);
    if (!object)
        return false;
    model::LoadResult loaded;
    const std::string text = m_yaml->toPlainText().toStdString();
    model::readManifests(text, tr("YAML tab"), loaded);
    QString error;
    for (const model::Diagnostic &diagnostic : std::as_const(loaded.diagnostics)) {
        if (diagnostic.severity != model::DiagnosticSeverity::Warning) {
            error = diagnostic.line > 0 ? tr("Line %1, column %2: %3").arg(diagnostic.line).arg(diagnostic.column).arg(diagnostic.message)
                                        : diagnostic.message;
            break;
        }
    }
    if (error.isEmpty() && loaded.objects.size() != 1)
        error = loaded.objects.empty() ? tr("The manifest is empty.")
                                       : tr("The YAML tab edits one object; this text holds %1.").arg(loaded.objects.size());
    if (!error.isEmpty()) {
        m_yamlError->setText(error);
        m_yamlError->show();
        return false;
    }
    m_yamlError->hide();
    Node body = std::move(loaded.objects.front().body);
    if (body == object->body) {
        m_yamlDirty = false;
        m_apply->setEnabled(false);
        return true;
    }
    m_yamlDirty = false;
    m_undoStack->push(new EditCommand(m_document, model::Edit(model::ReplaceBody{m_id, std::move(body)})));
    return true;
}

} // namespace kstudio::editors
