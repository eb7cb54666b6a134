// SPDX-License-Identifier: GPL-3.0-or-later
// ConnectionSet: the algebra of allowed traffic, protocol -> set of port intervals.
// Mirrors: np-guard/netpol-analyzer pkg/netpol/internal/common/connectionset.go (shape only).
#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <optional>
#include <utility>
#include <vector>

namespace kstudio::sim::reach {

// The protocols a NetworkPolicyPort and a ContainerPort may name (core/v1 Protocol).
enum class Protocol : unsigned char { TCP, UDP, SCTP };
inline constexpr std::array<Protocol, 3> allProtocols{Protocol::TCP, Protocol::UDP, Protocol::SCTP};

inline constexpr int minPort = 1;
inline constexpr int maxPort = 65535;

// Exact API spelling only ("TCP", not "tcp"): the API server rejects anything else.
std::optional<Protocol> parseProtocol(QStringView text);
QString protocolName(Protocol protocol);

// A port as the CLI's --port takes it (CLI.md): "80", or "53/UDP" (the protocol in any case).
struct PortSpec
{
    int port = 0;
    std::optional<Protocol> protocol; // none: every protocol
};
// The error names the text and what was expected; the CLI, the Reachability dock and the
// classroom's connection stepper all read ports through this.
std::optional<PortSpec> parsePortSpec(QStringView text, QString *error);

// A set of ports as sorted, disjoint, non-adjacent closed intervals within 1..65535.
class PortSet
{
public:
    PortSet() = default; // empty
    static PortSet all();
    static PortSet range(int first, int last);

    void add(int first, int last);
    PortSet united(const PortSet &other) const;
    PortSet intersected(const PortSet &other) const;
    PortSet subtracted(const PortSet &other) const;

    bool contains(int port) const;
    bool isEmpty() const { return m_intervals.empty(); }
    bool isAll() const;
    const std::vector<std::pair<int, int>> &intervals() const { return m_intervals; }
    // "80,443,8000-8080"; "all ports"; "" when empty.
    QString toString() const;
    friend bool operator==(const PortSet &, const PortSet &) = default;

private:
    std::vector<std::pair<int, int>> m_intervals;
};

// Allowed traffic: a PortSet per protocol. Empty means nothing is allowed.
class ConnectionSet
{
public:
    ConnectionSet() = default; // nothing
    static ConnectionSet all();

    void add(Protocol protocol, const PortSet &ports);
    void addAll(Protocol protocol) { add(protocol, PortSet::all()); }
    ConnectionSet united(const ConnectionSet &other) const;
    ConnectionSet intersected(const ConnectionSet &other) const;
    ConnectionSet subtracted(const ConnectionSet &other) const;

    bool contains(Protocol protocol, int port) const;
    bool isEmpty() const;
    bool isAll() const;
    const PortSet &ports(Protocol protocol) const { return m_ports[index(protocol)]; }
    // "All connections", "No connections" or "TCP 80,443; UDP 53" (protocols in API order).
    QString toString() const;
    friend bool operator==(const ConnectionSet &, const ConnectionSet &) = default;

private:
    static std::size_t index(Protocol protocol) { return static_cast<std::size_t>(protocol); }
    std::array<PortSet, 3> m_ports;
};

} // namespace kstudio::sim::reach
