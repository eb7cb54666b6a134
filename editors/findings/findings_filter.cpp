// SPDX-License-Identifier: GPL-3.0-or-later
#include "findings_filter.h"

#include "findings_model.h"

namespace kstudio::editors {

namespace {

int rank(sim::validate::Severity severity)
{
    switch (severity) {
    case sim::validate::Severity::Error:
        return 2;
    case sim::validate::Severity::Warning:
        return 1;
    case sim::validate::Severity::Info:
        return 0;
    }
    return 0;
}

} // namespace

void FindingsFilter::setMinimumSeverity(sim::validate::Severity severity)
{
    m_minimum = severity;
    invalidateFilter();
}

void FindingsFilter::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool FindingsFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *findings = qobject_cast<const FindingsModel *>(sourceModel());
    if (!findings || sourceParent.isValid() || sourceRow >= findings->findings().size())
        return false;
    const sim::validate::Finding &finding = findings->findings().at(sourceRow);
    if (rank(finding.severity) < rank(m_minimum))
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column : {FindingsModel::RuleColumn, FindingsModel::ObjectColumn, FindingsModel::MessageColumn}) {
        if (findings->index(sourceRow, column).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace kstudio::editors
