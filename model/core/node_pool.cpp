// SPDX-License-Identifier: GPL-3.0-or-later
#include "node_pool.h"

#include <map>

namespace kstudio::model {

namespace {

Node taintNode(const QString &text)
{
    // "key=value:Effect" or "key:Effect" (kubectl taint's spelling).
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    const QString keyValue = colon < 0 ? text : text.left(colon);
    const qsizetype equals = keyValue.indexOf(QLatin1Char('='));
    Node taint = Node::mapping();
    taint.set("key", Node::string((equals < 0 ? keyValue : keyValue.left(equals)).toStdString()));
    if (equals >= 0)
        taint.set("value", Node::string(keyValue.mid(equals + 1).toStdString()));
    if (colon >= 0)
        taint.set("effect", Node::string(text.mid(colon + 1).toStdString()));
    return taint;
}

} // namespace

std::vector<Node> nodePoolManifests(const NodePool &pool)
{
    Node resources = Node::mapping();
    resources.set("cpu", Node::string(pool.cpu.toStdString()));
    resources.set("memory", Node::string(pool.memory.toStdString()));
    resources.set("pods", Node::string(std::to_string(pool.pods)));
    Node taints = Node::sequence();
    for (const QString &text : pool.taints)
        taints.append(taintNode(text));

    std::vector<Node> nodes;
    nodes.reserve(std::size_t(std::max(0, pool.count)));
    std::map<QString, int> perZone;
    for (int i = 0; i < pool.count; ++i) {
        const QString zone = pool.zones.isEmpty() ? QString() : pool.zones[i % pool.zones.size()];
        const QString ordinal = QString::number(perZone[zone]++);
        const QString name = zone.isEmpty() ? QString(pool.name + QLatin1Char('-') + ordinal)
                                            : QString(pool.name + QLatin1Char('-') + zone + QLatin1Char('-') + ordinal);
        Node labels = Node::mapping();
        for (auto it = pool.labels.cbegin(); it != pool.labels.cend(); ++it)
            labels.set(it.key().toStdString(), Node::string(it.value().toStdString()));
        labels.set("kubernetes.io/hostname", Node::string(name.toStdString()));
        labels.set("kubernetes.io/os", Node::string("linux"));
        if (!zone.isEmpty())
            labels.set("topology.kubernetes.io/zone", Node::string(zone.toStdString()));

        Node node = Node::mapping();
        node.set("apiVersion", Node::string("v1"));
        node.set("kind", Node::string("Node"));
        Node &metadata = node.set("metadata", Node::mapping());
        metadata.set("name", Node::string(name.toStdString()));
        metadata.set("labels", std::move(labels));
        if (!pool.taints.isEmpty())
            node.set("spec", Node::mapping()).set("taints", taints);
        Node &status = node.set("status", Node::mapping());
        status.set("capacity", resources);
        status.set("allocatable", resources);
        nodes.push_back(std::move(node));
    }
    return nodes;
}

} // namespace kstudio::model
