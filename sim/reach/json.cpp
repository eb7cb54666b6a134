// SPDX-License-Identifier: GPL-3.0-or-later
// JSON output of `kstudio reach`, written directly (a full matrix has millions of entries, too
// many for a QJsonDocument) with the keys in the order CLI.md lists them.
#include "report.h"

#include <algorithm>

namespace kstudio::sim::reach {

namespace {

void appendString(QByteArray &out, const QString &text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    const bool plain = std::none_of(utf8.cbegin(), utf8.cend(), [](char c) {
        return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
    });
    if (plain) {
        out += utf8;
        out += '"';
        return;
    }
    for (char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (byte < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[byte >> 4];
                out += hex[byte & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace

QByteArray jsonOpening()
{
    return QByteArrayLiteral("{\"connections\": [");
}

void appendJsonEntry(QByteArray &out,
                     const Network &network,
                     const Connection &connection,
                     bool first)
{
    out += first ? "\n  {" : ",\n  {";
    out += "\"from\": ";
    appendString(out, sourceName(network, connection));
    out += ", \"to\": ";
    appendString(out, network.peers()[static_cast<std::size_t>(connection.to)].name);
    out += ", \"port\": ";
    out += QByteArray::number(connection.port);
    out += ", \"protocol\": ";
    appendString(out, protocolName(connection.protocol));
    out += ", \"allowed\": ";
    out += connection.allowed ? "true" : "false";
    out += ", \"reason\": ";
    appendString(out, connection.reason);
    if (!connection.service.isEmpty()) {
        out += ", \"service\": ";
        appendString(out, connection.service);
        out += ", \"servicePort\": ";
        out += QByteArray::number(connection.servicePort);
    }
    if (!connection.exposure.isEmpty()) {
        out += ", \"exposure\": ";
        appendString(out, connection.exposure);
        out += ", \"via\": ";
        appendString(out, connection.via);
        out += ", \"route\": ";
        appendString(out, connection.route);
    }
    out += '}';
}

QByteArray jsonClosing(bool empty)
{
    return empty ? QByteArrayLiteral("]}\n") : QByteArrayLiteral("\n]}\n");
}

QByteArray toJson(const Network &network, const std::vector<Connection> &connections)
{
    QByteArray out = jsonOpening();
    out.reserve(static_cast<qsizetype>(connections.size()) * 160 + 32);
    bool first = true;
    for (const Connection &connection : connections) {
        appendJsonEntry(out, network, connection, first);
        first = false;
    }
    return out + jsonClosing(connections.empty());
}

} // namespace kstudio::sim::reach
