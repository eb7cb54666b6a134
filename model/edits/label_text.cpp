// SPDX-License-Identifier: GPL-3.0-or-later
#include "label_text.h"

#include <QStringList>

namespace kstudio::model {

QString labelMapText(const Node *map, QStringView separator)
{
    QStringList parts;
    if (map && map->isMapping()) {
        for (const Node &child : map->children())
            parts.append(QString::fromStdString(child.key()) + QLatin1Char('=') + child.qtext());
    }
    return parts.join(separator);
}

QString labelMapText(const Labels &labels, QStringView separator)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.join(separator);
}

std::optional<Node> labelMapFromText(const QString &text, QString *error)
{
    Node map = Node::mapping();
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString pair = part.trimmed();
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            *error = QStringLiteral("'%1' is not key=value").arg(pair);
            return std::nullopt;
        }
        map.set(pair.left(eq).trimmed().toStdString(), Node::string(pair.mid(eq + 1).trimmed().toStdString()));
    }
    return map;
}

QStringList listFromText(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            out.append(part.trimmed());
    }
    out.removeDuplicates();
    return out;
}

} // namespace kstudio::model
