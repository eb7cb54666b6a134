// SPDX-License-Identifier: GPL-3.0-or-later
// Field shapes from the NetworkPolicy API (networking.k8s.io/v1 NetworkPolicyPeer,
// NetworkPolicyPort): https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/
#include "network_policy_text.h"

#include "label_text.h"

#include <QRegularExpression>
#include <QStringList>

namespace kstudio::model {

namespace {

// matchLabels only: "k=v,k2=v2", "*" for the empty selector.
std::optional<QString> selectorText(const Node &selector)
{
    if (!selector.isMapping())
        return std::nullopt;
    if (selector.size() == 0)
        return QStringLiteral("*");
    const Node *labels = selector.get("matchLabels");
    if (selector.size() != 1 || !labels || !labels->isMapping())
        return std::nullopt;
    const QString text = labelMapText(labels, u",");
    return text.isEmpty() ? QStringLiteral("*") : text;
}

std::optional<Node> selectorFromText(const QString &text, QString *error)
{
    Node selector = Node::mapping();
    if (text == QLatin1String("*"))
        return selector;
    std::optional<Node> labels = labelMapFromText(text, error);
    if (!labels)
        return std::nullopt;
    if (labels->size() == 0) {
        *error = QStringLiteral("a selector needs key=value labels or *");
        return std::nullopt;
    }
    selector.set("matchLabels", std::move(*labels));
    return selector;
}

} // namespace

std::optional<QString> peersToText(const Node *peers)
{
    if (!peers || peers->isNull())
        return QString();
    if (!peers->isSequence())
        return std::nullopt;
    QStringList out;
    for (const Node &peer : peers->children()) {
        if (!peer.isMapping())
            return std::nullopt;
        QStringList words;
        const Node *ns = peer.get("namespaceSelector");
        const Node *pods = peer.get("podSelector");
        const Node *block = peer.get("ipBlock");
        if (peer.size() != std::size_t((ns ? 1 : 0) + (pods ? 1 : 0) + (block ? 1 : 0)))
            return std::nullopt;
        if (block) {
            const Node *cidr = block->get("cidr");
            if (!cidr || ns || pods)
                return std::nullopt;
            QString text = QStringLiteral("cidr ") + cidr->qtext();
            if (const Node *except = block->get("except"); except && except->isSequence() && except->size() > 0) {
                QStringList cidrs;
                for (const Node &item : except->children())
                    cidrs.append(item.qtext());
                text += QStringLiteral(" except ") + cidrs.join(QLatin1Char(','));
            }
            out.append(text);
            continue;
        }
        if (ns) {
            const auto text = selectorText(*ns);
            if (!text)
                return std::nullopt;
            words.append(QStringLiteral("namespaces ") + *text);
        }
        if (pods) {
            const auto text = selectorText(*pods);
            if (!text)
                return std::nullopt;
            words.append(QStringLiteral("pods ") + *text);
        }
        if (words.isEmpty())
            return std::nullopt; // an empty peer is invalid in the API; the YAML tab shows it
        out.append(words.join(QLatin1Char(' ')));
    }
    return out.join(QStringLiteral("; "));
}

std::optional<Node> peersFromText(const QString &text, QString *error)
{
    if (text.trimmed().isEmpty())
        return Node::null();
    Node peers = Node::sequence();
    for (const QString &rawPeer : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QStringList words = rawPeer.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (words.isEmpty())
            continue;
        Node peer = Node::mapping();
        if (words.first() == QLatin1String("cidr")) {
            if (words.size() != 2 && !(words.size() == 4 && words.at(2) == QLatin1String("except"))) {
                *error = QStringLiteral("write 'cidr 10.0.0.0/8' or 'cidr 10.0.0.0/8 except 10.1.0.0/16,...'");
                return std::nullopt;
            }
            Node block = Node::mapping();
            block.set("cidr", Node::string(words.at(1).toStdString()));
            if (words.size() == 4) {
                Node except = Node::sequence();
                for (const QString &cidr : words.at(3).split(QLatin1Char(','), Qt::SkipEmptyParts))
                    except.append(Node::string(cidr.toStdString()));
                block.set("except", std::move(except));
            }
            peer.set("ipBlock", std::move(block));
        } else {
            for (qsizetype i = 0; i < words.size(); i += 2) {
                const QString &what = words.at(i);
                const bool isNs = what == QLatin1String("namespaces");
                if ((!isNs && what != QLatin1String("pods")) || i + 1 >= words.size()
                    || peer.get(isNs ? "namespaceSelector" : "podSelector")) {
                    *error = QStringLiteral("'%1': a peer is 'pods K=V', 'namespaces K=V', both, or 'cidr CIDR'").arg(rawPeer.trimmed());
                    return std::nullopt;
                }
                auto selector = selectorFromText(words.at(i + 1), error);
                if (!selector)
                    return std::nullopt;
                peer.set(isNs ? "namespaceSelector" : "podSelector", std::move(*selector));
            }
            // namespaceSelector first, as the API reference lists it.
            if (peer.size() == 2 && peer.children().front().key() == "podSelector")
                std::swap(peer.children()[0], peer.children()[1]);
        }
        peers.append(std::move(peer));
    }
    return peers;
}

std::optional<QString> policyPortsToText(const Node *ports)
{
    if (!ports || ports->isNull())
        return QString();
    if (!ports->isSequence())
        return std::nullopt;
    QStringList out;
    for (const Node &port : ports->children()) {
        if (!port.isMapping())
            return std::nullopt;
        const Node *number = port.get("port");
        const Node *end = port.get("endPort");
        const Node *protocol = port.get("protocol");
        QString text = number ? number->qtext() : QStringLiteral("*");
        if (end)
            text += QLatin1Char('-') + end->qtext();
        if (protocol && protocol->text() != "TCP")
            text += QLatin1Char('/') + protocol->qtext();
        out.append(text);
    }
    return out.join(QStringLiteral(", "));
}

std::optional<Node> policyPortsFromText(const QString &text, QString *error)
{
    if (text.trimmed().isEmpty())
        return Node::null();
    static const QRegularExpression form(QStringLiteral("^(\\*|\\d+|[a-z0-9-]+)(?:-(\\d+))?(?:/(TCP|UDP|SCTP))?$"),
                                         QRegularExpression::CaseInsensitiveOption);
    Node ports = Node::sequence();
    for (const QString &raw : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString item = raw.trimmed();
        const QRegularExpressionMatch match = form.match(item);
        if (!match.hasMatch()) {
            *error = QStringLiteral("'%1' is not PORT, PORT-END, NAME or *, with an optional /TCP, /UDP or /SCTP").arg(item);
            return std::nullopt;
        }
        Node port = Node::mapping();
        const QString protocol = match.captured(3).toUpper();
        if (!protocol.isEmpty())
            port.set("protocol", Node::string(protocol.toStdString()));
        const QString first = match.captured(1);
        bool numeric = false;
        const int number = first.toInt(&numeric);
        if (numeric) {
            if (number < 1 || number > 65535) {
                *error = QStringLiteral("port %1 is out of 1-65535").arg(number);
                return std::nullopt;
            }
            port.set("port", Node::integer(number));
        } else if (first != QLatin1String("*")) {
            // A port name is an IANA_SVC_NAME (validation.IsValidPortName): at most 15
            // characters, a-z 0-9 and '-', at least one letter, no '-' at either end or twice.
            static const QRegularExpression letter(QStringLiteral("[a-z]"));
            const QString name = first.toLower();
            if (name.size() > 15 || !name.contains(letter) || name.startsWith(QLatin1Char('-'))
                || name.endsWith(QLatin1Char('-')) || name.contains(QStringLiteral("--"))) {
                *error = QStringLiteral("'%1' is not a port name (IANA_SVC_NAME: up to 15 of a-z, 0-9 and '-', with a letter)").arg(first);
                return std::nullopt;
            }
            port.set("port", Node::string(name.toStdString()));
        }
        if (!match.captured(2).isEmpty()) {
            const int end = match.captured(2).toInt();
            if (!numeric || end < number || end > 65535) {
                *error = QStringLiteral("'%1': endPort needs a numeric port and must not be below it").arg(item);
                return std::nullopt;
            }
            port.set("endPort", Node::integer(end));
        }
        ports.append(std::move(port));
    }
    return ports;
}

} // namespace kstudio::model
