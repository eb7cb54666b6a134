// SPDX-License-Identifier: GPL-3.0-or-later
// Findings table over the validation engine.
#include "findings_model.h"

#include <sim/validate/engine.h>
#include <sim/validate/index.h>
#include <sim/reach/lint.h>

#include <QThread>

#include <QApplication>
#include <QCoreApplication>
#include <QStyle>

#include <algorithm>

namespace kstudio::editors {

FindingsModel::FindingsModel(const model::Document *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    m_pause.setSingleShot(true);
    m_pause.setInterval(150);
    m_lintPause.setSingleShot(true);
    m_lintPause.setInterval(600);
    connect(&m_lintPause, &QTimer::timeout, this, &FindingsModel::startNetworkLint);
    connect(&m_pause, &QTimer::timeout, this, &FindingsModel::refresh);
    connect(document, &model::Document::changed, this, [this](const model::ChangeSet &changes) {
        if (changes.reset) {
            m_fullRun = true;
        } else {
            for (const QList<model::ObjectId> *ids : {&changes.added, &changes.removed, &changes.modified})
                m_changed.append(*ids);
        }
        if (m_fullRun || !m_changed.isEmpty())
            m_pause.start();
    });
    refresh();
}

FindingsModel::~FindingsModel()
{
    // A lint still running holds a copy of a snapshot, not this model; wait for it so that it
    // never posts to a model that is gone.
    m_lintGeneration = ~quint64(0);
    if (m_lintThread) {
        m_lintThread->wait();
        delete m_lintThread;
    }
}

void FindingsModel::setNetworkLint(bool enabled)
{
    m_lintEnabled = enabled;
    if (!enabled)
        m_lintPause.stop();
    beginResetModel();
    m_networkLint.clear();
    merge();
    endResetModel();
    if (enabled)
        startNetworkLint();
}

void FindingsModel::merge()
{
    m_findings = m_validation;
    m_findings.append(m_networkLint);
    std::stable_sort(m_findings.begin(), m_findings.end(), sim::validate::findingLessThan);
}

void FindingsModel::startNetworkLint()
{
    m_lintPause.stop();
    if (!m_lintEnabled)
        return;
    if (m_lintThread) {
        m_lintAgain = true; // the running one is of an older design: one more when it ends
        return;
    }
    const quint64 generation = ++m_lintGeneration;
    const model::Snapshot snapshot = m_document->snapshot(); // shared, immutable: safe to read elsewhere
    const sim::validate::Config config = m_config;
    m_lintThread = QThread::create([this, snapshot, config, generation] {
        const sim::reach::Network network = sim::reach::Network::build(snapshot);
        sim::validate::Findings found;
        for (const sim::reach::LintFinding &lint : sim::reach::lint(network, snapshot)) {
            const model::Object *object = snapshot.find(lint.kind, lint.ns, lint.name);
            if (!object || config.disabled.contains(lint.rule) || sim::validate::isSilenced(*object, lint.rule))
                continue;
            sim::validate::Finding finding;
            finding.rule = lint.rule;
            finding.severity = config.severities.value(lint.rule, sim::validate::Severity::Warning);
            finding.object = object->id;
            finding.kind = lint.kind;
            finding.ns = lint.ns;
            finding.name = lint.name;
            finding.path = lint.path;
            finding.file = object->origin.file;
            finding.line = object->origin.mark.line;
            finding.column = object->origin.mark.column;
            finding.message = lint.message;
            found.append(finding);
        }
        QMetaObject::invokeMethod(this, [this, found = std::move(found), generation] {
            if (generation == m_lintGeneration && !m_lintAgain && m_lintEnabled) {
                beginResetModel();
                m_networkLint = found;
                merge();
                endResetModel();
                Q_EMIT refreshed();
            }
            lintFinished();
        }, Qt::QueuedConnection);
    });
    m_lintThread->start(QThread::LowPriority);
}

void FindingsModel::lintFinished()
{
    if (m_lintThread) {
        m_lintThread->wait();
        delete m_lintThread;
        m_lintThread = nullptr;
    }
    if (std::exchange(m_lintAgain, false))
        startNetworkLint();
}

void FindingsModel::waitForNetworkLint()
{
    if (m_lintPause.isActive())
        startNetworkLint();
    while (m_lintThread) {
        m_lintThread->wait();
        QCoreApplication::sendPostedEvents(this); // delivers the result, may start one more
    }
}

void FindingsModel::refresh()
{
    m_pause.stop();
    const model::Snapshot &now = m_document->snapshot();
    beginResetModel();
    if (m_fullRun || !m_index || now.ruleSettings() != m_validated.ruleSettings()) {
        // A new design: everything, and the index that later edits update. The project's rule
        // settings (disabled rules, severities) apply as they do to `kstudio validate`.
        m_config = sim::validate::Config();
        QStringList problems;
        sim::validate::applyRuleSettings(m_config, now.ruleSettings(), &problems);
        m_index = std::make_unique<sim::validate::Index>(now);
        m_validation = sim::validate::run(now, m_config);
    } else if (!m_changed.isEmpty()) {
        // After edits: only the edited objects and those whose cross-object findings may
        // depend on them (sim/validate/engine.h affectedBy), merged into the previous list.
        std::sort(m_changed.begin(), m_changed.end());
        m_changed.erase(std::unique(m_changed.begin(), m_changed.end()), m_changed.end());
        m_index->update(m_validated, now, m_changed);
        const QList<model::ObjectId> affected = sim::validate::affectedBy(m_validated, now, *m_index, m_changed);
        m_validation = sim::validate::replaceFindings(std::move(m_validation), affected,
                                                      sim::validate::run(now, *m_index, m_config, affected));
    }
    const bool designChanged = m_fullRun || !m_changed.isEmpty() || m_lintGeneration == 0;
    merge();
    m_validated = now;
    m_changed.clear();
    m_fullRun = false;
    endResetModel();
    Q_EMIT refreshed();
    // Network findings cross namespaces (namespace selectors, kube-dns in kube-system), so
    // they are recomputed whole, off the GUI thread; the previous ones stay until then.
    if (designChanged && m_lintEnabled)
        m_lintPause.start();
}

int FindingsModel::count(sim::validate::Severity severity) const
{
    return static_cast<int>(std::count_if(m_findings.cbegin(), m_findings.cend(), [&](const auto &finding) {
        return finding.severity == severity;
    }));
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_findings.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_findings.size())
        return {};
    const sim::validate::Finding &finding = m_findings.at(index.row());
    if (role == ObjectIdRole)
        return QVariant::fromValue(model::toInt(finding.object));
    if (role == PathRole)
        return finding.path;
    if (role == Qt::DecorationRole && index.column() == SeverityColumn) {
        switch (finding.severity) {
        case sim::validate::Severity::Error:
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
        case sim::validate::Severity::Warning:
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        case sim::validate::Severity::Info:
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
        }
        return {};
    }
    if (role == Qt::ToolTipRole)
        return finding.file.isEmpty() ? finding.path
                                      : QStringLiteral("%1:%2:%3 (%4)").arg(finding.file).arg(finding.line).arg(finding.column).arg(finding.path);
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(index.column())) {
    case SeverityColumn:
        return sim::validate::severityName(finding.severity);
    case ObjectColumn:
        return QString(finding.kind + QLatin1Char(' ')
                       + (finding.ns.isEmpty() ? finding.name : finding.ns + QLatin1Char('/') + finding.name));
    case MessageColumn:
        return finding.message;
    case RuleColumn:
        return finding.rule;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case SeverityColumn:
        return tr("Severity");
    case ObjectColumn:
        return tr("Object");
    case MessageColumn:
        return tr("Message");
    case RuleColumn:
        return tr("Rule");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace kstudio::editors
