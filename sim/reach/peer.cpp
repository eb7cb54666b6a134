// SPDX-License-Identifier: GPL-3.0-or-later
// Address parsing and prefix containment for ipBlock and external endpoints (IPv4 and IPv6).
#include "peer.h"

#include <QStringList>

namespace kstudio::sim::reach {

namespace {

std::optional<std::array<std::uint8_t, 4>> parseIpv4(QStringView text)
{
    const QList<QStringView> parts = text.split(u'.');
    if (parts.size() != 4)
        return std::nullopt;
    std::array<std::uint8_t, 4> bytes{};
    for (int i = 0; i < 4; ++i) {
        const QStringView part = parts.at(i);
        if (part.isEmpty() || part.size() > 3)
            return std::nullopt;
        int value = 0;
        for (QChar c : part) {
            if (c < u'0' || c > u'9')
                return std::nullopt;
            value = value * 10 + (c.unicode() - u'0');
        }
        if (value > 255)
            return std::nullopt;
        bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(value);
    }
    return bytes;
}

// Groups of up to four hex digits; the last may be dotted IPv4 when allowIpv4Tail.
bool parseGroups(QStringView text, bool allowIpv4Tail, std::vector<std::uint16_t> &groups)
{
    if (text.isEmpty())
        return true;
    const QList<QStringView> parts = text.split(u':');
    for (int i = 0; i < parts.size(); ++i) {
        const QStringView part = parts.at(i);
        if (allowIpv4Tail && i == parts.size() - 1 && part.contains(u'.')) {
            const auto v4 = parseIpv4(part);
            if (!v4)
                return false;
            groups.push_back(static_cast<std::uint16_t>((*v4)[0] << 8 | (*v4)[1]));
            groups.push_back(static_cast<std::uint16_t>((*v4)[2] << 8 | (*v4)[3]));
            continue;
        }
        if (part.isEmpty() || part.size() > 4)
            return false;
        bool ok = false;
        const uint value = part.toUInt(&ok, 16);
        if (!ok)
            return false;
        groups.push_back(static_cast<std::uint16_t>(value));
    }
    return true;
}

std::optional<std::array<std::uint8_t, 16>> parseIpv6(QStringView text)
{
    std::vector<std::uint16_t> head;
    std::vector<std::uint16_t> tail;
    const qsizetype gap = text.indexOf(u"::");
    if (gap >= 0) {
        if (text.indexOf(u"::", gap + 1) >= 0)
            return std::nullopt;
        if (!parseGroups(text.left(gap), false, head)
            || !parseGroups(text.mid(gap + 2), true, tail))
            return std::nullopt;
        if (head.size() + tail.size() > 7)
            return std::nullopt;
    } else {
        if (!parseGroups(text, true, head) || head.size() != 8)
            return std::nullopt;
    }
    std::array<std::uint8_t, 16> bytes{};
    std::size_t at = 0;
    for (std::uint16_t group : head) {
        bytes[at++] = static_cast<std::uint8_t>(group >> 8);
        bytes[at++] = static_cast<std::uint8_t>(group & 0xff);
    }
    at = 16 - tail.size() * 2;
    for (std::uint16_t group : tail) {
        bytes[at++] = static_cast<std::uint8_t>(group >> 8);
        bytes[at++] = static_cast<std::uint8_t>(group & 0xff);
    }
    return bytes;
}

void maskTo(Cidr &cidr)
{
    for (int bit = cidr.prefix; bit < 128; ++bit)
        cidr.bytes[static_cast<std::size_t>(bit / 8)]
            &= static_cast<std::uint8_t>(~(0x80u >> (bit % 8)));
}

bool samePrefixBits(const Cidr &a, const Cidr &b, int bits)
{
    for (int bit = 0; bit < bits; ++bit) {
        const std::size_t byte = static_cast<std::size_t>(bit / 8);
        const unsigned mask = 0x80u >> (bit % 8);
        if ((a.bytes[byte] & mask) != (b.bytes[byte] & mask))
            return false;
    }
    return true;
}

QString ipv6Text(const std::array<std::uint8_t, 16> &bytes)
{
    std::array<unsigned, 8> groups{};
    for (std::size_t i = 0; i < 8; ++i)
        groups[i] = static_cast<unsigned>(bytes[i * 2] << 8 | bytes[i * 2 + 1]);
    // RFC 5952: compress the longest run of two or more zero groups, the first on a tie.
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8;) {
        if (groups[static_cast<std::size_t>(i)] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && groups[static_cast<std::size_t>(j)] == 0)
            ++j;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j;
    }
    QString text;
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            text += QStringLiteral("::");
            i += bestLength - 1;
            continue;
        }
        if (!text.isEmpty() && !text.endsWith(QLatin1Char(':')))
            text += QLatin1Char(':');
        text += QString::number(groups[static_cast<std::size_t>(i)], 16);
    }
    return text;
}

} // namespace

std::optional<Cidr> Cidr::parse(QStringView text)
{
    text = text.trimmed();
    QStringView address = text;
    std::optional<int> prefix;
    const qsizetype slash = text.indexOf(u'/');
    if (slash >= 0) {
        address = text.left(slash);
        const QStringView bits = text.mid(slash + 1);
        if (bits.isEmpty() || bits.size() > 3)
            return std::nullopt;
        bool ok = false;
        prefix = bits.toInt(&ok);
        if (!ok || *prefix < 0)
            return std::nullopt;
    }
    Cidr cidr;
    if (address.contains(u':')) {
        const auto bytes = parseIpv6(address);
        if (!bytes)
            return std::nullopt;
        cidr.v6 = true;
        cidr.bytes = *bytes;
    } else {
        const auto bytes = parseIpv4(address);
        if (!bytes)
            return std::nullopt;
        std::copy(bytes->cbegin(), bytes->cend(), cidr.bytes.begin());
    }
    cidr.prefix = prefix.value_or(cidr.bitCount());
    if (cidr.prefix > cidr.bitCount())
        return std::nullopt;
    maskTo(cidr);
    return cidr;
}

bool Cidr::contains(const Cidr &other) const
{
    return v6 == other.v6 && prefix <= other.prefix && samePrefixBits(*this, other, prefix);
}

bool Cidr::overlaps(const Cidr &other) const
{
    return contains(other) || other.contains(*this);
}

QString Cidr::toString() const
{
    QString text;
    if (v6) {
        text = ipv6Text(bytes);
    } else {
        text
            = QStringLiteral("%1.%2.%3.%4").arg(bytes[0]).arg(bytes[1]).arg(bytes[2]).arg(bytes[3]);
    }
    if (!isHost())
        text += QLatin1Char('/') + QString::number(prefix);
    return text;
}

bool IpBlock::containsWhole(const Cidr &range) const
{
    if (!cidr.contains(range))
        return false;
    for (const Cidr &hole : except) {
        if (hole.overlaps(range))
            return false;
    }
    return true;
}

QString IpBlock::toString() const
{
    QString text = cidr.toString();
    if (cidr.isHost())
        text += QLatin1Char('/') + QString::number(cidr.prefix);
    if (except.isEmpty())
        return text;
    QStringList holes;
    for (const Cidr &hole : except)
        holes << hole.toString();
    return text + QStringLiteral(" except ") + holes.join(QStringLiteral(", "));
}

std::optional<int> Peer::namedPort(const QString &portName, QStringView protocol) const
{
    for (const model::ContainerPort &port : ports) {
        if (port.name == portName && port.protocol == protocol)
            return port.containerPort;
    }
    return std::nullopt;
}

} // namespace kstudio::sim::reach
