// SPDX-License-Identifier: GPL-3.0-or-later
// JSON output of `kstudio reach`, written directly (a full matrix has millions of entries, too
// many for a QJsonDocument) with the keys in the order CLI.md lists them.
#include "report.h"

namespace kstudio::sim::reach {

namespace {

void appendString(QByteArray &out, const QString &text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
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

QByteArray toJson(const Network &network, const std::vector<Connection> &connections)
{
    QByteArray out;
    out.reserve(static_cast<qsizetype>(connections.size()) * 160 + 32);
    out += "{\"connections\": [";
    bool first = true;
    for (const Connection &connection : connections) {
        out += first ? "\n  {" : ",\n  {";
        first = false;
        out += "\"from\": ";
        appendString(out, network.peers()[static_cast<std::size_t>(connection.from)].name);
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
        out += '}';
    }
    out += first ? "]}\n" : "\n]}\n";
    return out;
}

} // namespace kstudio::sim::reach
