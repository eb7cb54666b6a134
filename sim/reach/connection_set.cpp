// SPDX-License-Identifier: GPL-3.0-or-later
// ConnectionSet and PortSet: interval arithmetic over ports 1..65535.
#include "connection_set.h"

#include <QStringList>

#include <algorithm>

namespace kstudio::sim::reach {

std::optional<Protocol> parseProtocol(QStringView text)
{
    if (text == u"TCP")
        return Protocol::TCP;
    if (text == u"UDP")
        return Protocol::UDP;
    if (text == u"SCTP")
        return Protocol::SCTP;
    return std::nullopt;
}

std::optional<PortSpec> parsePortSpec(QStringView text, QString *error)
{
    const qsizetype slash = text.indexOf(u'/');
    const QStringView number = slash < 0 ? text : text.left(slash);
    bool ok = false;
    PortSpec spec;
    spec.port = number.toInt(&ok);
    if (!ok || spec.port < minPort || spec.port > maxPort) {
        *error = QStringLiteral("%1 is not a port (N or N/PROTO: N in %2..%3, PROTO TCP, UDP or SCTP)")
                     .arg(text.isEmpty() ? QStringLiteral("an empty text") : text.toString())
                     .arg(minPort)
                     .arg(maxPort);
        return std::nullopt;
    }
    if (slash >= 0) {
        spec.protocol = parseProtocol(text.mid(slash + 1).toString().toUpper());
        if (!spec.protocol) {
            *error = QStringLiteral("unknown protocol %1 in %2 (TCP, UDP or SCTP)")
                         .arg(text.mid(slash + 1).toString(), text.toString());
            return std::nullopt;
        }
    }
    return spec;
}

QString protocolName(Protocol protocol)
{
    switch (protocol) {
    case Protocol::TCP:
        return QStringLiteral("TCP");
    case Protocol::UDP:
        return QStringLiteral("UDP");
    case Protocol::SCTP:
        return QStringLiteral("SCTP");
    }
    return {};
}

PortSet PortSet::all()
{
    return range(minPort, maxPort);
}

PortSet PortSet::range(int first, int last)
{
    PortSet set;
    set.add(first, last);
    return set;
}

void PortSet::add(int first, int last)
{
    first = std::max(first, minPort);
    last = std::min(last, maxPort);
    if (first > last)
        return;
    std::vector<std::pair<int, int>> merged;
    merged.reserve(m_intervals.size() + 1);
    bool placed = false;
    for (const auto &interval : m_intervals) {
        if (interval.second + 1 < first) {
            merged.push_back(interval);
            continue;
        }
        if (last + 1 < interval.first) {
            if (!placed) {
                merged.emplace_back(first, last);
                placed = true;
            }
            merged.push_back(interval);
            continue;
        }
        first = std::min(first, interval.first);
        last = std::max(last, interval.second);
    }
    if (!placed)
        merged.emplace_back(first, last);
    m_intervals = std::move(merged);
}

PortSet PortSet::united(const PortSet &other) const
{
    PortSet result = *this;
    for (const auto &interval : other.m_intervals)
        result.add(interval.first, interval.second);
    return result;
}

PortSet PortSet::intersected(const PortSet &other) const
{
    PortSet result;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < m_intervals.size() && j < other.m_intervals.size()) {
        const int first = std::max(m_intervals[i].first, other.m_intervals[j].first);
        const int last = std::min(m_intervals[i].second, other.m_intervals[j].second);
        if (first <= last)
            result.m_intervals.emplace_back(first, last);
        if (m_intervals[i].second < other.m_intervals[j].second)
            ++i;
        else
            ++j;
    }
    return result;
}

PortSet PortSet::subtracted(const PortSet &other) const
{
    PortSet complement = all();
    for (const auto &interval : other.m_intervals) {
        PortSet next;
        for (const auto &kept : complement.m_intervals) {
            if (interval.second < kept.first || interval.first > kept.second) {
                next.m_intervals.push_back(kept);
                continue;
            }
            if (kept.first < interval.first)
                next.m_intervals.emplace_back(kept.first, interval.first - 1);
            if (interval.second < kept.second)
                next.m_intervals.emplace_back(interval.second + 1, kept.second);
        }
        complement = std::move(next);
    }
    return intersected(complement);
}

bool PortSet::contains(int port) const
{
    const auto it = std::upper_bound(
        m_intervals.cbegin(),
        m_intervals.cend(),
        port,
        [](int value, const std::pair<int, int> &interval) { return value < interval.first; });
    return it != m_intervals.cbegin() && std::prev(it)->second >= port;
}

bool PortSet::isAll() const
{
    return m_intervals.size() == 1 && m_intervals.front().first == minPort
           && m_intervals.front().second == maxPort;
}

QString PortSet::toString() const
{
    if (isAll())
        return QStringLiteral("all ports");
    QStringList parts;
    for (const auto &interval : m_intervals) {
        parts << (interval.first == interval.second
                      ? QString::number(interval.first)
                      : QString::number(interval.first) + QLatin1Char('-')
                            + QString::number(interval.second));
    }
    return parts.join(QLatin1Char(','));
}

ConnectionSet ConnectionSet::all()
{
    ConnectionSet set;
    for (Protocol protocol : allProtocols)
        set.addAll(protocol);
    return set;
}

void ConnectionSet::add(Protocol protocol, const PortSet &ports)
{
    m_ports[index(protocol)] = m_ports[index(protocol)].united(ports);
}

ConnectionSet ConnectionSet::united(const ConnectionSet &other) const
{
    ConnectionSet result;
    for (std::size_t i = 0; i < m_ports.size(); ++i)
        result.m_ports[i] = m_ports[i].united(other.m_ports[i]);
    return result;
}

ConnectionSet ConnectionSet::intersected(const ConnectionSet &other) const
{
    ConnectionSet result;
    for (std::size_t i = 0; i < m_ports.size(); ++i)
        result.m_ports[i] = m_ports[i].intersected(other.m_ports[i]);
    return result;
}

ConnectionSet ConnectionSet::subtracted(const ConnectionSet &other) const
{
    ConnectionSet result;
    for (std::size_t i = 0; i < m_ports.size(); ++i)
        result.m_ports[i] = m_ports[i].subtracted(other.m_ports[i]);
    return result;
}

bool ConnectionSet::contains(Protocol protocol, int port) const
{
    return m_ports[index(protocol)].contains(port);
}

bool ConnectionSet::isEmpty() const
{
    return std::all_of(
        m_ports.cbegin(), m_ports.cend(), [](const PortSet &p) { return p.isEmpty(); });
}

bool ConnectionSet::isAll() const
{
    return std::all_of(
        m_ports.cbegin(), m_ports.cend(), [](const PortSet &p) { return p.isAll(); });
}

QString ConnectionSet::toString() const
{
    if (isAll())
        return QStringLiteral("All connections");
    if (isEmpty())
        return QStringLiteral("No connections");
    QStringList parts;
    for (Protocol protocol : allProtocols) {
        const PortSet &set = ports(protocol);
        if (!set.isEmpty())
            parts << protocolName(protocol) + QLatin1Char(' ') + set.toString();
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace kstudio::sim::reach
