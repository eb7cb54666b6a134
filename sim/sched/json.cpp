// SPDX-License-Identifier: GPL-3.0-or-later
#include "json.h"

#include <QJsonArray>

namespace kstudio::sim::sched {

QJsonObject toJson(const ScheduleResult &result)
{
    QJsonArray placements;
    for (const Placement &placement : result.placements) {
        QJsonObject scores;
        for (const auto &[node, score] : placement.scores)
            scores.insert(node, static_cast<qint64>(score));
        placements.append(QJsonObject{
            {QStringLiteral("pod"), placement.qualifiedName()},
            {QStringLiteral("node"), placement.node ? QJsonValue(*placement.node) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("feasibleNodes"), QJsonArray::fromStringList(placement.feasibleNodes)},
            {QStringLiteral("scores"), scores},
            {QStringLiteral("reason"), placement.reason},
            {QStringLiteral("preempted"), QJsonArray::fromStringList(placement.preempted)},
        });
    }
    return QJsonObject{{QStringLiteral("placements"), placements}};
}

} // namespace kstudio::sim::sched
