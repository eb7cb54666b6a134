// SPDX-License-Identifier: GPL-3.0-or-later
#include "json.h"

#include <QJsonArray>

namespace kstudio::sim::sched {

QJsonObject toJson(const WhatIf &whatIf)
{
    QJsonArray moved;
    for (const Move &move : whatIf.moved)
        moved.append(QJsonObject{{QStringLiteral("pod"), move.pod},
                                 {QStringLiteral("from"), move.from},
                                 {QStringLiteral("to"), move.to ? QJsonValue(*move.to) : QJsonValue(QJsonValue::Null)}});
    QJsonArray blocked;
    for (const WhatIf::Refusal &refusal : whatIf.blocked) {
        QJsonObject entry{{QStringLiteral("pod"), refusal.pod}, {QStringLiteral("reason"), refusal.reason}};
        if (!refusal.pdb.isEmpty())
            entry.insert(QStringLiteral("podDisruptionBudget"), refusal.pdb);
        blocked.append(entry);
    }
    QJsonObject object{{whatIf.kind, whatIf.target},
                       {QStringLiteral("moved"), moved},
                       {QStringLiteral("pending"), QJsonArray::fromStringList(whatIf.pending)},
                       {QStringLiteral("servicesWithoutEndpoints"), QJsonArray::fromStringList(whatIf.servicesWithoutEndpoints)}};
    if (whatIf.kind == QLatin1String("drain")) {
        object.insert(QStringLiteral("blocked"), blocked);
    } else if (whatIf.kind == QLatin1String("scale")) {
        QJsonArray created;
        for (const Move &move : whatIf.created)
            created.append(QJsonObject{{QStringLiteral("pod"), move.pod},
                                       {QStringLiteral("node"), move.to ? QJsonValue(*move.to) : QJsonValue(QJsonValue::Null)}});
        object.insert(QStringLiteral("replicasBefore"), whatIf.replicasBefore);
        object.insert(QStringLiteral("replicasAfter"), whatIf.replicasAfter);
        object.insert(QStringLiteral("created"), created);
        object.insert(QStringLiteral("deleted"), QJsonArray::fromStringList(whatIf.deleted));
        object.insert(QStringLiteral("scheduled"), QJsonArray::fromStringList(whatIf.scheduled));
    } else if (whatIf.kind != QLatin1String("cordon")) {
        object.insert(QStringLiteral("nodesLost"), QJsonArray::fromStringList(whatIf.nodesLost));
    }
    return object;
}

QJsonObject toJson(const CapacityPlan &plan)
{
    const auto count = [](const std::optional<int> &value) { return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null); };
    QJsonObject object{{QStringLiteral("shape"),
                        QJsonObject{{QStringLiteral("cpu"), plan.shape.cpu},
                                    {QStringLiteral("memory"), plan.shape.memory},
                                    {QStringLiteral("pods"), plan.shape.pods},
                                    {QStringLiteral("source"), plan.shapeSource}}},
                       {QStringLiteral("zones"), QJsonArray::fromStringList(plan.shape.zones)},
                       {QStringLiteral("lowerBound"), plan.lowerBound},
                       {QStringLiteral("nodes"), count(plan.nodes)},
                       {QStringLiteral("nodesZoneFailure"), count(plan.nodesZoneFailure)},
                       {QStringLiteral("unplaceable"), QJsonArray::fromStringList(plan.unplaceable)},
                       {QStringLiteral("simulations"), plan.simulations}};
    if (!plan.zoneFailureNote.isEmpty())
        object.insert(QStringLiteral("zoneFailureNote"), plan.zoneFailureNote);
    return object;
}

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
    QJsonObject root{{QStringLiteral("placements"), placements}};
    if (result.whatIf)
        root.insert(QStringLiteral("whatIf"), toJson(*result.whatIf));
    return root;
}

} // namespace kstudio::sim::sched
