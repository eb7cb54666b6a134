// SPDX-License-Identifier: GPL-3.0-or-later
// FindingsFilter: the findings panel's filter — a minimum severity and a text matched against
// the rule id, the object and the message.
#pragma once

#include <sim/validate/finding.h>

#include <QSortFilterProxyModel>

namespace kstudio::editors {

class FindingsFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    // Show findings at least this severe (Info: all).
    void setMinimumSeverity(sim::validate::Severity severity);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    sim::validate::Severity m_minimum = sim::validate::Severity::Info;
    QString m_text;
};

} // namespace kstudio::editors
