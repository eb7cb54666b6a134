// SPDX-License-Identifier: GPL-3.0-or-later
// Status: a plugin's verdict, with kube-scheduler's codes (a default Status is Success).
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/interface.go (Code, Status) at v1.33.
#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>

namespace kstudio::sim::sched {

// Unschedulable: the pod may fit once other pods go (preemption may help).
// UnschedulableAndUnresolvable: removing pods cannot help; preemption skips the node.
// Skip: the plugin has nothing to do for this pod (its Filter or Score is not run).
// Error is reserved for internal failures, never for "does not fit".
enum class Code : std::uint8_t { Success, Error, Unschedulable, UnschedulableAndUnresolvable, Skip };

class Status
{
public:
    Status() = default;
    explicit Status(Code code, QStringList reasons = {})
        : m_reasons(std::move(reasons))
        , m_code(code)
    {}
    Status(Code code, const QString &reason)
        : m_reasons{reason}
        , m_code(code)
    {}

    Code code() const { return m_code; }
    bool isSuccess() const { return m_code == Code::Success; }
    bool isSkip() const { return m_code == Code::Skip; }
    bool isRejected() const
    {
        return m_code == Code::Unschedulable || m_code == Code::UnschedulableAndUnresolvable;
    }
    const QStringList &reasons() const { return m_reasons; }
    // Status.Message(): the reasons joined with ", ".
    QString message() const { return m_reasons.join(QStringLiteral(", ")); }
    // The plugin that returned it; stamped by the framework.
    const char *plugin() const { return m_plugin; }
    void setPlugin(const char *plugin) { m_plugin = plugin; }

private:
    QStringList m_reasons;
    const char *m_plugin = nullptr;
    Code m_code = Code::Success;
};

} // namespace kstudio::sim::sched
