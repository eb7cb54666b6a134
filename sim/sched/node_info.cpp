// SPDX-License-Identifier: GPL-3.0-or-later
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/types.go (NodeInfo.AddPod/RemovePod,
// updateUsedPorts over regular containers) at v1.33.
#include "node_info.h"

#include <algorithm>

namespace kstudio::sim::sched {

void PodIndex::add(const PodInfo &pod, int position, int delta)
{
    if (pod.spec->hasPodAffinity)
        podsWithAffinity += delta;
    if (!pod.spec->requiredAntiAffinity.empty())
        podsWithRequiredAntiAffinity += delta;
    if (!pod.spec->requiredAffinity.empty() || !pod.spec->preferredAffinity.empty() || !pod.spec->preferredAntiAffinity.empty())
        podsWithScoredAffinity += delta;
    if (pod.labelSetId < 0)
        return;
    const auto id = static_cast<std::size_t>(pod.labelSetId);
    if (id >= placed.size()) {
        placed.resize(id + 1);
        labelSets.resize(id + 1, nullptr);
    }
    if (!labelSets[id])
        labelSets[id] = &pod;
    std::vector<std::pair<int, int>> &list = placed[id];
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
        if (it->first != position)
            continue;
        it->second += delta;
        if (it->second == 0)
            list.erase(std::next(it).base());
        return;
    }
    if (delta > 0)
        list.emplace_back(position, delta);
}

KeyDomains keyDomains(std::span<const NodeInfo> nodes, const QString &key)
{
    KeyDomains domains;
    domains.domain.resize(nodes.size());
    domains.has.resize(nodes.size());
    for (std::size_t k = 0; k < nodes.size(); ++k) {
        const auto value = nodes[k].labels.constFind(key);
        domains.has[k] = value != nodes[k].labels.constEnd();
        const QString text = domains.has[k] ? value.value() : QString();
        const auto found = domains.ids.constFind(text);
        if (found != domains.ids.constEnd()) {
            domains.domain[k] = found.value();
        } else {
            domains.domain[k] = domains.count;
            domains.ids.insert(text, domains.count++);
        }
    }
    return domains;
}

void NodeInfo::addPod(const PodInfo &pod)
{
    if (index && position >= 0) {
        index->add(pod, position, 1);
        index->changed.push_back({position, pod.labelSetId, 1});
    }
    requested.add(pod.spec->requests);
    nonZeroRequested.milliCpu += pod.spec->nonZeroRequests.milliCpu;
    nonZeroRequested.memory += pod.spec->nonZeroRequests.memory;
    pods.push_back(&pod);
    if (pod.spec->hasPodAffinity)
        podsWithAffinity.push_back(&pod);
    if (!pod.spec->requiredAntiAffinity.empty())
        podsWithRequiredAntiAffinity.push_back(&pod);
    usedPorts.insert(usedPorts.end(), pod.spec->hostPorts.begin(), pod.spec->hostPorts.end());
}

void NodeInfo::setUnschedulable(bool value)
{
    unschedulable = value;
    if (index && position >= 0)
        index->changed.push_back({position, -1, 0});
}

void NodeInfo::removePod(const PodInfo &pod)
{
    const auto it = std::find(pods.begin(), pods.end(), &pod);
    if (it == pods.end())
        return;
    pods.erase(it);
    if (index && position >= 0) {
        index->add(pod, position, -1);
        index->changed.push_back({position, pod.labelSetId, -1});
    }
    const auto eraseFrom = [&pod](std::vector<const PodInfo *> &list) {
        const auto found = std::find(list.begin(), list.end(), &pod);
        if (found != list.end())
            list.erase(found);
    };
    eraseFrom(podsWithAffinity);
    eraseFrom(podsWithRequiredAntiAffinity);
    requested.subtract(pod.spec->requests);
    nonZeroRequested.milliCpu -= pod.spec->nonZeroRequests.milliCpu;
    nonZeroRequested.memory -= pod.spec->nonZeroRequests.memory;
    for (const HostPort &port : pod.spec->hostPorts) {
        const auto used = std::find_if(usedPorts.begin(), usedPorts.end(), [&port](const HostPort &p) {
            return p.port == port.port && p.ip == port.ip && p.protocol == port.protocol;
        });
        if (used != usedPorts.end())
            usedPorts.erase(used);
    }
}

} // namespace kstudio::sim::sched
