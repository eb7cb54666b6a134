// SPDX-License-Identifier: GPL-3.0-or-later
#include "classroom_view.h"

#include <editors/simulation/reach_text.h>
#include <model/kinds/kind_registry.h>
#include <sim/reach/exposure.h>
#include <sim/reach/reach.h>
#include <sim/sched/framework.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabBar>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace kstudio::editors {

namespace {

// The pages each step links to (kubernetes.io, English).
QUrl doc(const char *path)
{
    return QUrl(QStringLiteral("https://kubernetes.io/docs/") + QLatin1String(path));
}

std::pair<QString, QUrl> frameworkDoc(const char *anchor, const QString &title)
{
    return {title, doc("concepts/scheduling-eviction/scheduling-framework/").resolved(QUrl(QLatin1String(anchor)))};
}

// The page that explains what a scheduler plugin checks.
std::pair<QString, QUrl> pluginDoc(const QString &plugin)
{
    static const std::map<QString, std::pair<const char *, const char *>> pages{
        {QStringLiteral("NodeResourcesFit"), {"Resource requests and limits", "concepts/configuration/manage-resources-containers/"}},
        {QStringLiteral("NodeResourcesBalancedAllocation"),
         {"Resource bin packing", "concepts/scheduling-eviction/resource-bin-packing/"}},
        {QStringLiteral("TaintToleration"), {"Taints and tolerations", "concepts/scheduling-eviction/taint-and-toleration/"}},
        {QStringLiteral("NodeAffinity"), {"Node affinity", "concepts/scheduling-eviction/assign-pod-node/#node-affinity"}},
        {QStringLiteral("NodeName"), {"nodeName", "concepts/scheduling-eviction/assign-pod-node/#nodename"}},
        {QStringLiteral("PodTopologySpread"),
         {"Pod topology spread constraints", "concepts/scheduling-eviction/topology-spread-constraints/"}},
        {QStringLiteral("InterPodAffinity"),
         {"Inter-pod affinity and anti-affinity", "concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity"}},
        {QStringLiteral("NodeUnschedulable"), {"Manual node administration (cordon)", "concepts/architecture/nodes/#manual-node-administration"}},
        {QStringLiteral("DefaultPreemption"), {"Pod priority and preemption", "concepts/scheduling-eviction/pod-priority-preemption/#preemption"}},
    };
    const auto found = pages.find(plugin);
    if (found != pages.end())
        return {QString::fromLatin1(found->second.first), doc(found->second.second)};
    return {QStringLiteral("Scheduling plugins"), doc("reference/scheduling/config/#scheduling-plugins")};
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString cellStyle(const char *colour)
{
    return QStringLiteral(" style=\"background-color:%1; padding:4px 8px;\"").arg(QLatin1String(colour));
}

constexpr const char *passColour = "#d7f0de";
constexpr const char *failColour = "#f8d7d4";
constexpr const char *idleColour = "#eeeeee";
// A classroom design is small; a large one is walked in part (each recorded cycle holds every
// node's verdicts).
constexpr std::size_t maxCycles = 200;

} // namespace

ClassroomView::ClassroomView(const model::Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("classroomView"));
    auto *layout = new QVBoxLayout(this);
    m_modes = new QTabBar;
    m_modes->setObjectName(QStringLiteral("classroomModes"));
    m_modes->addTab(tr("Scheduling, pod by pod"));
    m_modes->addTab(tr("A connection, step by step"));
    layout->addWidget(m_modes);

    m_controls = new QStackedWidget;
    auto *schedulingBar = new QWidget;
    auto *schedulingLayout = new QHBoxLayout(schedulingBar);
    schedulingLayout->setContentsMargins(0, 0, 0, 0);
    auto *run = new QPushButton(tr("Schedule the design"));
    run->setObjectName(QStringLiteral("classroomSchedule"));
    m_pods = new QComboBox;
    m_pods->setObjectName(QStringLiteral("classroomPods"));
    m_pods->setToolTip(tr("Jump to a pod's scheduling cycle"));
    m_whatIf = new QComboBox;
    m_whatIf->setObjectName(QStringLiteral("classroomWhatIf"));
    m_whatIf->setToolTip(tr("Schedule as designed, or then re-schedule after a zone or a node fails or a node is drained"));
    schedulingLayout->addWidget(run);
    schedulingLayout->addWidget(m_whatIf);
    schedulingLayout->addWidget(new QLabel(tr("Pod:")));
    schedulingLayout->addWidget(m_pods, 1);
    m_controls->addWidget(schedulingBar);
    auto *connectionBar = new QWidget;
    auto *connectionLayout = new QHBoxLayout(connectionBar);
    connectionLayout->setContentsMargins(0, 0, 0, 0);
    m_from = new QLineEdit;
    m_from->setObjectName(QStringLiteral("classroomFrom"));
    m_from->setPlaceholderText(tr("from: ns/workload or internet"));
    m_to = new QLineEdit;
    m_to->setObjectName(QStringLiteral("classroomTo"));
    m_to->setPlaceholderText(tr("to: ns/workload or ns/Service"));
    m_port = new QLineEdit;
    m_port->setObjectName(QStringLiteral("classroomPort"));
    m_port->setPlaceholderText(tr("port"));
    m_port->setMaximumWidth(120);
    auto *evaluate = new QPushButton(tr("Evaluate"));
    evaluate->setObjectName(QStringLiteral("classroomEvaluate"));
    connectionLayout->addWidget(m_from, 2);
    connectionLayout->addWidget(m_to, 2);
    connectionLayout->addWidget(m_port, 1);
    connectionLayout->addWidget(evaluate);
    m_controls->addWidget(connectionBar);
    layout->addWidget(m_controls);

    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("classroomTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_body = new QTextBrowser;
    m_body->setObjectName(QStringLiteral("classroomBody"));
    m_body->setOpenExternalLinks(true);
    layout->addWidget(m_body, 1);
    m_docs = new QLabel;
    m_docs->setObjectName(QStringLiteral("classroomDocs"));
    m_docs->setOpenExternalLinks(true);
    m_docs->setWordWrap(true);
    m_docs->setTextInteractionFlags(Qt::TextBrowserInteraction);
    layout->addWidget(m_docs);
    auto *navigation = new QHBoxLayout;
    m_previous = new QPushButton(tr("◀ Back"));
    m_previous->setObjectName(QStringLiteral("classroomPrevious"));
    m_previous->setShortcut(QKeySequence(Qt::Key_PageUp));
    m_next = new QPushButton(tr("Next ▶"));
    m_next->setObjectName(QStringLiteral("classroomNext"));
    m_next->setShortcut(QKeySequence(Qt::Key_PageDown));
    m_next->setDefault(true);
    m_position = new QLabel;
    m_position->setObjectName(QStringLiteral("classroomPosition"));
    m_position->setAlignment(Qt::AlignCenter);
    navigation->addWidget(m_previous);
    navigation->addWidget(m_position, 1);
    navigation->addWidget(m_next);
    layout->addLayout(navigation);

    connect(m_modes, &QTabBar::currentChanged, this, [this](int index) {
        setMode(index == 0 ? Mode::Scheduling : Mode::Connection);
    });
    connect(run, &QPushButton::clicked, this, &ClassroomView::startScheduling);
    connect(m_pods, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && index < m_cycleStart.size())
            goTo(m_cycleStart.at(index));
    });
    const auto evaluateConnection = [this] { startConnection(m_from->text().trimmed(), m_to->text().trimmed(), m_port->text().trimmed()); };
    connect(evaluate, &QPushButton::clicked, this, evaluateConnection);
    for (QLineEdit *field : {m_from, m_to, m_port})
        connect(field, &QLineEdit::returnPressed, this, evaluateConnection);
    connect(m_document, &model::Document::changed, this, [this] {
        if (isVisible())
            refreshWhatIfs();
        m_stale = !m_steps.isEmpty();
        if (m_stale)
            m_position->setText(tr("The design changed: run it again for steps that match it"));
    });
    connect(m_previous, &QPushButton::clicked, this, &ClassroomView::previous);
    connect(m_next, &QPushButton::clicked, this, &ClassroomView::next);
    setMode(Mode::Scheduling);
    refreshWhatIfs();
}

void ClassroomView::showEvent(QShowEvent *event)
{
    refreshWhatIfs();
    QWidget::showEvent(event);
}

void ClassroomView::refreshWhatIfs()
{
    const QString current = m_whatIf->currentData().toString();
    const QSignalBlocker blocker(m_whatIf);
    m_whatIf->clear();
    m_whatIf->addItem(tr("As designed"), QString());
    const sim::sched::Cluster cluster = sim::sched::buildCluster(m_document->snapshot());
    QStringList zones;
    for (const sim::sched::NodeInfo &node : cluster.nodes) {
        const QString zone = node.labels.value(QStringLiteral("topology.kubernetes.io/zone"));
        if (!zone.isEmpty() && !zones.contains(zone))
            zones << zone;
    }
    zones.sort();
    for (const QString &zone : std::as_const(zones))
        m_whatIf->addItem(tr("then zone %1 fails").arg(zone), QString(QStringLiteral("failZone:") + zone));
    for (const sim::sched::NodeInfo &node : cluster.nodes)
        m_whatIf->addItem(tr("then %1 is drained").arg(node.name), QString(QStringLiteral("drain:") + node.name));
    for (const sim::sched::NodeInfo &node : cluster.nodes)
        m_whatIf->addItem(tr("then %1 fails").arg(node.name), QString(QStringLiteral("failNode:") + node.name));
    const int index = m_whatIf->findData(current);
    m_whatIf->setCurrentIndex(index < 0 ? 0 : index);
}

QStringList ClassroomView::whatIfChoices() const
{
    QStringList out;
    for (int i = 0; i < m_whatIf->count(); ++i)
        out << m_whatIf->itemData(i).toString();
    return out;
}

void ClassroomView::setWhatIf(const QString &whatIf)
{
    refreshWhatIfs();
    const int index = m_whatIf->findData(whatIf);
    if (index >= 0)
        m_whatIf->setCurrentIndex(index);
}

void ClassroomView::setMode(Mode mode)
{
    m_mode = mode;
    const int index = mode == Mode::Scheduling ? 0 : 1;
    if (m_modes->currentIndex() != index) {
        const QSignalBlocker blocker(m_modes);
        m_modes->setCurrentIndex(index);
    }
    m_controls->setCurrentIndex(index);
    m_steps.clear();
    m_cycleStart.clear();
    m_cyclePod.clear();
    m_pods->clear();
    m_current = -1;
    m_stale = false;
    m_title->setText(mode == Mode::Scheduling ? tr("Scheduling, pod by pod") : tr("A connection, step by step"));
    m_body->setHtml(mode == Mode::Scheduling
                        ? tr("<p>Press <b>Schedule the design</b>: kube-scheduler takes the design's pods from its queue one at a "
                             "time, filters the nodes with each plugin, scores the ones left and binds the pod to the best. "
                             "Step through it with <b>Next</b> (Page Down).</p>")
                        : tr("<p>Name a source (a workload, or <b>internet</b>) and a destination (a workload or a Service), "
                             "then <b>Evaluate</b>: the connection is followed through its Service or Ingress, the source's "
                             "egress policies and the destination's ingress policies.</p>"));
    m_docs->setText(mode == Mode::Scheduling
                        ? QStringLiteral("<a href=\"%1\">%2</a>").arg(frameworkDoc("", {}).second.toString(), tr("Scheduling framework"))
                        : QStringLiteral("<a href=\"%1\">%2</a>")
                              .arg(doc("concepts/services-networking/network-policies/").toString(), tr("Network policies")));
    m_position->clear();
    m_previous->setEnabled(false);
    m_next->setEnabled(false);
    Q_EMIT stepChanged();
}

void ClassroomView::startScheduling()
{
    const QString whatIf = m_whatIf->currentData().toString();
    setMode(Mode::Scheduling);
    m_stale = false;
    sim::sched::ScheduleTrace trace;
    sim::sched::Options options;
    options.details = true;
    const QString target = whatIf.section(QLatin1Char(':'), 1);
    if (whatIf.startsWith(QLatin1String("failZone:")))
        options.failZone = target;
    else if (whatIf.startsWith(QLatin1String("failNode:")))
        options.failNode = target;
    else if (whatIf.startsWith(QLatin1String("drain:")))
        options.drainNode = target;
    trace.maxCycles = maxCycles;
    options.trace = &trace;
    sim::sched::schedule(m_document->snapshot(), options);
    if (trace.cycles.empty()) {
        m_title->setText(tr("Nothing to schedule"));
        m_body->setHtml(tr("<p>The design has no pods waiting for a node (pods with spec.nodeName are bound "
                           "without scheduling). Add a workload, and nodes or a node pool in the Cluster panel.</p>"));
        Q_EMIT stepChanged();
        return;
    }
    int cycleNumber = 0;
    for (const sim::sched::CycleTrace &cycle : trace.cycles) {
        ++cycleNumber;
        const sim::sched::Placement &placement = cycle.placement;
        const QList<model::ObjectId> focus{cycle.owner};
        m_cycleStart << int(m_steps.size());
        m_cyclePod << cycle.pod;
        const QString afterWhatIf
            = cycle.phase == QLatin1String("schedule") ? QString() : tr(" (after the what-if %1)").arg(cycle.phase);
        // Queue.
        {
            Step step;
            step.phase = QStringLiteral("Queue");
            step.title = tr("Cycle %1 · %2: out of the queue").arg(cycleNumber).arg(cycle.pod);
            QString html = tr("<p><b>%1</b> (priority %2) is next in the scheduling queue%3: PrioritySort orders it by "
                              "priority, highest first, then by arrival.</p>")
                               .arg(escaped(cycle.pod))
                               .arg(cycle.priority)
                               .arg(afterWhatIf);
            if (cycle.queuedBehind.isEmpty()) {
                html += tr("<p>It is the last pod in the queue.</p>");
            } else {
                html += tr("<p>Still waiting behind it (%1):</p><ol>").arg(cycle.queueLength - 1);
                for (const QString &pod : cycle.queuedBehind)
                    html += QStringLiteral("<li>%1</li>").arg(escaped(pod));
                if (cycle.queueLength - 1 > cycle.queuedBehind.size())
                    html += tr("<li>… and %n more</li>", nullptr, int(cycle.queueLength - 1 - cycle.queuedBehind.size()));
                html += QStringLiteral("</ol>");
            }
            step.html = html;
            step.docs = {frameworkDoc("#queue-sort", tr("QueueSort")),
                         {tr("Pod priority"), doc("concepts/scheduling-eviction/pod-priority-preemption/")}};
            step.focus = focus;
            m_steps << step;
        }
        // Filter.
        std::vector<const sim::sched::NodeExplanation *> feasible;
        {
            Step step;
            step.phase = QStringLiteral("Filter");
            step.title = tr("Cycle %1 · %2: Filter").arg(cycleNumber).arg(cycle.pod);
            step.docs = {frameworkDoc("#filter", tr("Filter")), frameworkDoc("#pre-filter", tr("PreFilter"))};
            step.focus = focus;
            QString html;
            if (placement.explanation.empty()) {
                html = tr("<p>No node is examined one by one: %1</p>")
                           .arg(escaped(placement.reason.isEmpty() ? tr("PreFilter decided for every node.") : placement.reason));
            } else {
                QStringList plugins;
                for (const sim::sched::NodeExplanation &node : placement.explanation) {
                    for (const sim::sched::PluginVerdict &verdict : node.filters) {
                        if (!plugins.contains(verdict.plugin))
                            plugins << verdict.plugin;
                    }
                }
                QSet<QString> failing;
                // Plugins down, nodes across: plugin names stay readable, and a classroom
                // cluster has few nodes.
                const auto verdictOf = [](const sim::sched::NodeExplanation &node, const QString &plugin) {
                    const auto found = std::find_if(node.filters.begin(), node.filters.end(),
                                                    [&plugin](const sim::sched::PluginVerdict &v) { return v.plugin == plugin; });
                    return found == node.filters.end() ? nullptr : &*found;
                };
                html = QStringLiteral("<table cellspacing=\"2\"><tr><th></th>");
                for (const sim::sched::NodeExplanation &node : placement.explanation) {
                    bool passed = true;
                    for (const sim::sched::PluginVerdict &verdict : node.filters) {
                        if (verdict.verdict != QLatin1String("passed") && !verdict.verdict.startsWith(QLatin1String("skipped"))
                            && verdict.verdict != QLatin1String("not run"))
                            passed = false;
                    }
                    if (passed)
                        feasible.push_back(&node);
                    html += QStringLiteral("<th%1>%2</th>").arg(cellStyle(passed ? passColour : failColour), escaped(node.node));
                }
                html += QStringLiteral("</tr>");
                for (const QString &plugin : std::as_const(plugins)) {
                    html += QStringLiteral("<tr><td><b>%1</b></td>").arg(escaped(plugin));
                    for (const sim::sched::NodeExplanation &node : placement.explanation) {
                        const sim::sched::PluginVerdict *verdict = verdictOf(node, plugin);
                        if (!verdict) {
                            html += QStringLiteral("<td%1></td>").arg(cellStyle(idleColour));
                        } else if (verdict->verdict == QLatin1String("passed")) {
                            html += QStringLiteral("<td%1>✔</td>").arg(cellStyle(passColour));
                        } else if (verdict->verdict.startsWith(QLatin1String("skipped"))) {
                            html += QStringLiteral("<td%1>–</td>").arg(cellStyle(idleColour));
                        } else if (verdict->verdict == QLatin1String("not run")) {
                            html += QStringLiteral("<td%1>not run</td>").arg(cellStyle(idleColour));
                        } else {
                            failing.insert(plugin);
                            // "Unschedulable: Insufficient cpu": the reason is what matters here.
                            html += QStringLiteral("<td%1>✘ %2</td>")
                                        .arg(cellStyle(failColour), escaped(verdict->verdict.section(QStringLiteral(": "), 1)));
                        }
                    }
                    html += QStringLiteral("</tr>");
                }
                html += QStringLiteral("</table>");
                html = tr("<p>Each node goes through the Filter plugins in order; the first that says no decides "
                          "(the rest are not run). %1 of %2 node(s) pass.</p>")
                           .arg(feasible.size())
                           .arg(placement.explanation.size())
                       + html
                       + tr("<p><small>– : skipped, PreFilter found nothing for this plugin to check.</small></p>");
                for (const QString &plugin : std::as_const(failing))
                    step.docs << pluginDoc(plugin);
            }
            step.html = html;
            m_steps << step;
        }
        // Score (only when there is a choice: schedulePod takes a single feasible node as it is).
        if (feasible.size() > 1) {
            Step step;
            step.phase = QStringLiteral("Score");
            step.title = tr("Cycle %1 · %2: Score").arg(cycleNumber).arg(cycle.pod);
            step.docs = {frameworkDoc("#scoring", tr("Score")), frameworkDoc("#normalize-scoring", tr("NormalizeScore"))};
            step.focus = focus;
            QStringList plugins;
            for (const sim::sched::NodeExplanation *node : feasible) {
                for (const sim::sched::PluginVerdict &verdict : node->scores) {
                    if (!plugins.contains(verdict.plugin))
                        plugins << verdict.plugin;
                }
            }
            QString html = tr("<p>Each Score plugin rates every feasible node; its score is normalised to 0-100 and "
                              "multiplied by the plugin's weight. The highest total wins (ties: the node whose name "
                              "sorts first).</p>");
            html += QStringLiteral("<table cellspacing=\"2\"><tr><th></th>");
            for (const sim::sched::NodeExplanation *node : feasible) {
                const bool chosen = placement.node && *placement.node == node->node;
                html += QStringLiteral("<th%1>%2%3</th>")
                            .arg(chosen ? cellStyle(passColour) : QString(), escaped(node->node), chosen ? tr(" ◀ chosen") : QString());
            }
            html += QStringLiteral("</tr>");
            for (const QString &plugin : std::as_const(plugins)) {
                html += QStringLiteral("<tr><td><b>%1</b></td>").arg(escaped(plugin));
                for (const sim::sched::NodeExplanation *node : feasible) {
                    const auto verdict = std::find_if(node->scores.begin(), node->scores.end(),
                                                      [&plugin](const sim::sched::PluginVerdict &v) { return v.plugin == plugin; });
                    if (verdict == node->scores.end())
                        html += QStringLiteral("<td%1></td>").arg(cellStyle(idleColour));
                    else
                        html += QStringLiteral("<td align=\"right\">%1 × %2</td>").arg(verdict->normalized).arg(verdict->weight);
                }
                html += QStringLiteral("</tr>");
            }
            html += QStringLiteral("<tr><td><b>") + tr("Total") + QStringLiteral("</b></td>");
            for (const sim::sched::NodeExplanation *node : feasible) {
                const bool chosen = placement.node && *placement.node == node->node;
                html += QStringLiteral("<td align=\"right\"%1><b>%2</b></td>").arg(chosen ? cellStyle(passColour) : QString()).arg(node->total);
            }
            html += QStringLiteral("</tr></table>");
            step.html = html;
            for (const QString &plugin : std::as_const(plugins)) {
                const auto page = pluginDoc(plugin);
                if (!step.docs.contains(page))
                    step.docs << page;
            }
            m_steps << step;
        }
        // Preemption (PostFilter), when the pod fitted nowhere.
        if (!placement.preempted.isEmpty() || (!placement.node && !placement.explanation.empty())) {
            Step step;
            step.phase = QStringLiteral("Preemption");
            step.title = tr("Cycle %1 · %2: PostFilter (preemption)").arg(cycleNumber).arg(cycle.pod);
            step.docs = {frameworkDoc("#post-filter", tr("PostFilter")), pluginDoc(QStringLiteral("DefaultPreemption"))};
            step.focus = focus;
            QList<model::ObjectId> victims;
            if (!placement.preempted.isEmpty()) {
                QString html = tr("<p>No node passed the filters. DefaultPreemption looks for a node where evicting "
                                  "lower-priority pods makes room, with the fewest and least important victims, and "
                                  "takes it: <b>%1</b>.</p><p>Evicted (their controllers queue them again):</p><ul>")
                                   .arg(escaped(placement.node.value_or(tr("no node"))));
                for (const QString &victim : placement.preempted)
                    html += QStringLiteral("<li>%1</li>").arg(escaped(victim));
                victims = cycle.requeuedOwners;
                step.html = html + QStringLiteral("</ul>");
            } else {
                step.html = tr("<p>No node passed the filters, and preemption cannot help: no node has lower-priority "
                               "pods whose eviction would make the pod fit.</p>");
            }
            step.focus << victims;
            m_steps << step;
        }
        // Bind, or Pending.
        {
            Step step;
            step.focus = focus;
            if (placement.node) {
                step.phase = QStringLiteral("Bind");
                step.title = tr("Cycle %1 · %2: bound to %3").arg(cycleNumber).arg(cycle.pod, *placement.node);
                step.html = tr("<p><b>%1</b> is bound to <b>%2</b>: the node's free resources and its pod counts (topology "
                               "spread, affinity) now include it for the pods that follow.</p>")
                                .arg(escaped(cycle.pod), escaped(*placement.node));
                if (!cycle.requeued.isEmpty())
                    step.html += tr("<p>Queued again after preemption: %1</p>").arg(escaped(cycle.requeued.join(QStringLiteral(", "))));
                step.docs = {frameworkDoc("#bind", tr("Bind")),
                             {tr("kube-scheduler"), doc("concepts/scheduling-eviction/kube-scheduler/#kube-scheduler-implementation")}};
            } else {
                step.phase = QStringLiteral("Pending");
                step.title = tr("Cycle %1 · %2: Pending").arg(cycleNumber).arg(cycle.pod);
                step.html = tr("<p><b>%1</b> stays <b>Pending</b>. kube-scheduler's message, as <code>kubectl describe "
                               "pod</code> shows it:</p><p><code>%2</code></p>")
                                .arg(escaped(cycle.pod), escaped(placement.reason));
                step.docs = {{tr("Debugging Pending pods"), doc("tasks/debug/debug-application/debug-pods/#my-pod-stays-pending")},
                             frameworkDoc("#filter", tr("Filter"))};
            }
            m_steps << step;
        }
    }
    for (int i = 0; i < m_cyclePod.size(); ++i) {
        const QString phase = trace.cycles[std::size_t(i)].phase;
        m_pods->addItem(phase == QLatin1String("schedule") ? tr("%1. %2").arg(i + 1).arg(m_cyclePod.at(i))
                                                           : tr("%1. %2 (after %3)").arg(i + 1).arg(m_cyclePod.at(i), phase));
    }
    if (trace.notRecorded > 0)
        m_pods->addItem(tr("(the first %1 of %2 cycles)").arg(trace.cycles.size()).arg(trace.cycles.size() + trace.notRecorded));
    show(0);
}

bool ClassroomView::startConnection(const QString &from, const QString &to, const QString &port)
{
    setMode(Mode::Connection);
    if (m_from->text() != from)
        m_from->setText(from);
    if (m_to->text() != to)
        m_to->setText(to);
    if (m_port->text() != port)
        m_port->setText(port);
    const auto fail = [this](const QString &message) {
        m_title->setText(tr("No connection to follow"));
        m_body->setHtml(QStringLiteral("<p>%1</p>").arg(escaped(message)));
        Q_EMIT stepChanged();
        return false;
    };
    std::optional<int> portNumber;
    std::optional<sim::reach::Protocol> protocol;
    if (!port.isEmpty()) {
        QString reason;
        const std::optional<sim::reach::PortSpec> spec = sim::reach::parsePortSpec(port, &reason);
        if (!spec)
            return fail(tr("port: %1").arg(reason));
        portNumber = spec->port;
        protocol = spec->protocol;
    }
    const model::Snapshot &snapshot = m_document->snapshot();
    const sim::reach::Network network = sim::reach::Network::build(snapshot);
    const bool fromOutside = from.compare(QLatin1String("internet"), Qt::CaseInsensitive) == 0;
    std::optional<sim::reach::Connection> chosen;
    if (fromOutside) {
        for (sim::reach::Connection &connection : sim::reach::exposures(network, snapshot)) {
            const sim::reach::Peer &pod = network.peers()[std::size_t(connection.to)];
            const bool matches = to.isEmpty() || pod.workload == to || pod.name == to || connection.service == to || connection.via == to;
            if (matches && (!portNumber || connection.port == *portNumber || connection.servicePort == *portNumber)
                && (!protocol || connection.protocol == *protocol)) {
                chosen = std::move(connection);
                break;
            }
        }
        if (!chosen)
            return fail(tr("Nothing outside the cluster reaches %1: no LoadBalancer or NodePort Service, Ingress or Gateway "
                           "route leads there.")
                            .arg(to.isEmpty() ? tr("any pod") : to));
    } else {
        sim::reach::Query query;
        query.from = from;
        query.to = to;
        query.port = portNumber;
        query.protocol = protocol;
        sim::reach::QueryResult result = sim::reach::runQuery(network, query);
        if (!result.error.isEmpty())
            return fail(result.error);
        // The first pair of different pods (a pod to itself teaches nothing).
        for (sim::reach::Connection &connection : result.connections) {
            if (connection.from != connection.to) {
                chosen = std::move(connection);
                break;
            }
        }
        if (!chosen)
            return fail(tr("No connection between two different pods to follow."));
    }
    const sim::reach::Connection &connection = *chosen;
    const sim::reach::Peer &destination = network.peers()[std::size_t(connection.to)];
    const QString source = connection.from >= 0 ? network.peers()[std::size_t(connection.from)].name : connection.fromName;
    const QString portText = QStringLiteral("%1/%2").arg(connection.port).arg(sim::reach::protocolName(connection.protocol));
    const auto objectOf = [&snapshot](const QString &kind, const QString &qualified) {
        const model::Object *object = snapshot.find(kind, qualified.section(QLatin1Char('/'), 0, 0), qualified.section(QLatin1Char('/'), 1));
        return object ? object->id : model::noObject;
    };
    const model::ObjectId sourceObject = connection.from >= 0
        ? objectOf(network.peers()[std::size_t(connection.from)].workloadKind, network.peers()[std::size_t(connection.from)].workload)
        : model::noObject;
    const model::ObjectId destinationObject = objectOf(destination.workloadKind, destination.workload);
    const model::ObjectId serviceObject = connection.service.isEmpty() ? model::noObject : objectOf(QStringLiteral("Service"), connection.service);
    const QStringList clauses = connection.reason.split(QStringLiteral("; "));
    const QString title = tr("%1 → %2 on %3").arg(source, destination.name, portText);
    const auto networkPolicies = doc("concepts/services-networking/network-policies/");
    // 1. The question.
    {
        Step step;
        step.phase = QStringLiteral("Connection");
        step.title = title;
        step.html = tr("<p>A packet from <b>%1</b> to <b>%2</b> on port <b>%3</b>.</p><p>A NetworkPolicy decides per "
                       "direction: the source's <i>egress</i> policies must let it out and the destination's "
                       "<i>ingress</i> policies must let it in. A pod that no policy selects for a direction is not "
                       "isolated in it: everything is allowed.</p>")
                        .arg(escaped(source), escaped(destination.name), escaped(portText));
        step.docs = {{tr("Isolated and non-isolated pods"), networkPolicies.resolved(QUrl(QStringLiteral("#isolated-and-non-isolated-pods")))}};
        step.focus = {sourceObject, destinationObject};
        m_steps << step;
    }
    // 2. The way in: Service, Ingress, Gateway, LoadBalancer or NodePort (the reason's clauses
    // before the policy sentences).
    QStringList wayIn;
    for (const QString &clause : clauses) {
        if (!clause.startsWith(QLatin1String("egress from ")) && !clause.startsWith(QLatin1String("ingress to ")))
            wayIn << clause;
    }
    if (!wayIn.isEmpty() || !connection.service.isEmpty()) {
        Step step;
        step.phase = QStringLiteral("Service");
        step.title = title + tr(": the way in");
        QString html;
        if (fromOutside)
            html += tr("<p>From outside the cluster through <b>%1 %2</b> (%3).</p>").arg(escaped(connection.exposure), escaped(connection.via), escaped(connection.route));
        else if (!connection.service.isEmpty())
            html += tr("<p>Through Service <b>%1</b> port %2: kube-proxy sends the packet to one of the Service's "
                       "pods, on its targetPort.</p>")
                        .arg(escaped(connection.service))
                        .arg(connection.servicePort);
        html += QStringLiteral("<ul>");
        for (const QString &clause : std::as_const(wayIn))
            html += QStringLiteral("<li>%1</li>").arg(escaped(clause));
        html += QStringLiteral("</ul>");
        step.html = html;
        if (connection.exposure == QLatin1String("Ingress"))
            step.docs << std::pair(tr("Ingress"), doc("concepts/services-networking/ingress/"));
        else if (connection.exposure == QLatin1String("Gateway"))
            step.docs << std::pair(tr("Gateway API"), doc("concepts/services-networking/gateway/"));
        else if (connection.exposure == QLatin1String("LoadBalancer"))
            step.docs << std::pair(tr("Service type LoadBalancer"), doc("concepts/services-networking/service/#loadbalancer"));
        else if (connection.exposure == QLatin1String("NodePort"))
            step.docs << std::pair(tr("Service type NodePort"), doc("concepts/services-networking/service/#type-nodeport"));
        step.docs << std::pair(tr("Services"), doc("concepts/services-networking/service/"));
        if (fromOutside && (connection.exposure == QLatin1String("LoadBalancer") || connection.exposure == QLatin1String("NodePort")))
            step.docs << std::pair(tr("Preserving the client source IP"),
                                   doc("tasks/access-application-cluster/create-external-load-balancer/#preserving-the-client-source-ip"));
        if (fromOutside)
            step.focus << objectOf(connection.exposure == QLatin1String("Ingress") ? QStringLiteral("Ingress")
                                   : connection.exposure == QLatin1String("Gateway") ? QStringLiteral("Gateway")
                                                                                     : QStringLiteral("Service"),
                                   connection.via);
        step.focus << serviceObject << destinationObject;
        m_steps << step;
    }
    // 3, 4. Egress of the source, ingress of the destination. Between two pods of the design the
    // decisions come as data (with the rules spelled out); from outside, as the reason's sentences.
    for (const sim::reach::Direction direction : {sim::reach::Direction::Egress, sim::reach::Direction::Ingress}) {
        const bool egress = direction == sim::reach::Direction::Egress;
        Step step;
        step.phase = egress ? QStringLiteral("Egress") : QStringLiteral("Ingress");
        step.title = title + (egress ? tr(": egress of %1").arg(source) : tr(": ingress of %1").arg(destination.name));
        QStringList lines;
        bool directionAllowed = true;
        if (connection.from >= 0) {
            const sim::reach::DirectionDecision decision = network.decide(connection.from, connection.to, direction, connection.protocol, connection.port);
            lines = decisionLines(network, decision);
            directionAllowed = decision.allowed;
        } else {
            const QString prefix = egress ? QStringLiteral("egress from ") : QStringLiteral("ingress to ");
            for (const QString &clause : clauses) {
                if (clause.startsWith(prefix))
                    lines << clause;
            }
            if (lines.isEmpty())
                lines << (egress ? tr("egress: the source is outside the cluster (or its way in was refused before any policy): "
                                      "no NetworkPolicy applies")
                                 : tr("ingress: not reached"));
            directionAllowed = !lines.join(QLatin1Char(' ')).contains(QLatin1String(": denied"));
        }
        QString html = QStringLiteral("<p style=\"font-size:large\"><b>%1</b></p><ul>")
                           .arg(directionAllowed ? tr("✔ let through") : tr("✘ dropped"));
        for (const QString &line : std::as_const(lines))
            html += QStringLiteral("<li>%1</li>").arg(escaped(line.trimmed()));
        step.html = html + QStringLiteral("</ul>");
        step.docs = {{egress ? tr("Egress rules") : tr("Ingress rules"), networkPolicies.resolved(QUrl(QStringLiteral("#networkpolicy-resource")))},
                     {tr("Behavior of to and from selectors"), networkPolicies.resolved(QUrl(QStringLiteral("#behavior-of-to-and-from-selectors")))}};
        step.focus = {egress ? sourceObject : destinationObject};
        m_steps << step;
    }
    // 5. The verdict.
    {
        Step step;
        step.phase = QStringLiteral("Verdict");
        step.title = title + (connection.allowed ? tr(": allowed") : tr(": denied"));
        step.html = connection.allowed
                        ? tr("<p style=\"font-size:x-large\"><b>✔ Allowed.</b></p><p>Both directions let it through.</p>")
                        : tr("<p style=\"font-size:x-large\"><b>✘ Denied.</b></p><p>One refusal is enough: the packet is "
                             "dropped, and the client sees a timeout.</p>");
        step.html += QStringLiteral("<p><small>%1</small></p>").arg(escaped(connection.reason));
        step.docs = {{tr("Network policies"), networkPolicies}};
        step.focus = {sourceObject, serviceObject, destinationObject};
        m_steps << step;
    }
    show(0);
    return true;
}

const ClassroomView::Step *ClassroomView::step() const
{
    return m_current >= 0 && m_current < m_steps.size() ? &m_steps.at(m_current) : nullptr;
}

void ClassroomView::goTo(int index)
{
    if (index < 0 || index >= m_steps.size() || index == m_current)
        return;
    show(index);
}

bool ClassroomView::goToPod(const QString &pod)
{
    const qsizetype cycle = m_cyclePod.lastIndexOf(pod);
    if (cycle < 0)
        return false;
    show(m_cycleStart.at(cycle));
    return true;
}

QString ClassroomView::stepText() const
{
    return m_body->toPlainText();
}

void ClassroomView::show(int index)
{
    m_current = index;
    const Step &step = m_steps.at(index);
    m_title->setText(step.title);
    m_body->setHtml(step.html);
    QStringList links;
    for (const auto &[title, url] : step.docs)
        links << QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toString(), escaped(title));
    m_docs->setText(tr("Kubernetes docs: ") + links.join(QStringLiteral(" · ")));
    m_position->setText(tr("Step %1 of %2 · %3").arg(index + 1).arg(m_steps.size()).arg(step.phase));
    m_previous->setEnabled(index > 0);
    m_next->setEnabled(index + 1 < m_steps.size());
    if (m_mode == Mode::Scheduling) {
        const auto cycle = std::upper_bound(m_cycleStart.begin(), m_cycleStart.end(), index) - m_cycleStart.begin() - 1;
        if (cycle >= 0 && cycle < m_pods->count() && m_pods->currentIndex() != cycle) {
            const QSignalBlocker blocker(m_pods);
            m_pods->setCurrentIndex(int(cycle));
        }
    }
    QList<model::ObjectId> focus = step.focus;
    focus.removeAll(model::noObject);
    Q_EMIT stepChanged();
    Q_EMIT focusChanged(focus);
}

} // namespace kstudio::editors
