// SPDX-License-Identifier: GPL-3.0-or-later
// Peers of a connection: the design's pods, and external endpoints named by address or CIDR.
// Mirrors: np-guard/netpol-analyzer pkg/netpol/eval/internal/k8s/peer.go (shape only).
#pragma once

#include <model/kinds/views.h>

#include <QList>
#include <QString>
#include <QStringView>

#include <array>
#include <cstdint>
#include <optional>

namespace kstudio::sim::reach {

// An IPv4 or IPv6 prefix. IPv4 is kept in the first 4 bytes; bits past the prefix are zero.
struct Cidr
{
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};
    int prefix = 0;

    // "10.0.0.0/8", "10.1.2.3" (a /32), "2001:db8::/64", "::1" (a /128), "::ffff:1.2.3.4".
    // A prefix with host bits set is accepted and masked (netip.ParsePrefix().Masked()).
    static std::optional<Cidr> parse(QStringView text);
    int bitCount() const { return v6 ? 128 : 32; }
    bool isHost() const { return prefix == bitCount(); }
    // Every address of other is in this prefix (same family only).
    bool contains(const Cidr &other) const;
    bool overlaps(const Cidr &other) const;
    // Canonical text: dotted IPv4, RFC 5952 IPv6; the "/n" is left out for a single address.
    QString toString() const;
    friend bool operator==(const Cidr &, const Cidr &) = default;
};

// An ipBlock: cidr minus the except prefixes.
struct IpBlock
{
    Cidr cidr;
    QList<Cidr> except;

    // Every address of range is in cidr and none is in an except (a range that straddles an
    // except is not wholly selected).
    bool containsWhole(const Cidr &range) const;
    QString toString() const;
};

enum class PeerKind : unsigned char { Pod, External };

// One end of a connection. Pods carry what NetworkPolicy looks at (namespace, labels, the
// namespace's labels, container ports); externals carry their address range.
struct Peer
{
    PeerKind kind = PeerKind::Pod;
    QString name;     // "ns/pod" or "ip:ADDRESS"
    QString ns;       // empty for externals
    QString workload; // "ns/owner" (the owner object), or the external's name
    QString workloadKind;
    model::Labels labels;
    int namespaceIndex = -1;           // into Network::namespaces
    QList<model::ContainerPort> ports; // containers and restartable init containers
    Cidr address;                      // externals only

    bool isPod() const { return kind == PeerKind::Pod; }
    // The containerPort named name on protocol, if the pod declares one.
    std::optional<int> namedPort(const QString &portName, QStringView protocol) const;
};

} // namespace kstudio::sim::reach
