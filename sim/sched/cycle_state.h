// SPDX-License-Identifier: GPL-3.0-or-later
// CycleState: what plugins compute for one pod in PreFilter/PreScore and read later in the cycle.
// Mirrors: kubernetes/kubernetes pkg/scheduler/framework/cycle_state.go at v1.33, with typed keys
// instead of string keys and type assertions.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <utility>

namespace kstudio::sim::sched {

class NodeInfo;
struct ClusterInfo;

// One slot per piece of state; a plugin that needs state adds its slot here.
enum class StateSlot : int {
    NodeResourcesFitPreFilter,
    NodeResourcesFitPreScore,
    BalancedAllocationPreScore,
    NodeAffinityPreFilter,
    NodeAffinityPreScore,
    NodePortsPreFilter,
    TaintTolerationPreScore,
    PodTopologySpreadPreFilter,
    PodTopologySpreadPreScore,
    InterPodAffinityPreFilter,
    InterPodAffinityPreScore,
    Count
};

// A key names a slot and the type stored there, so reads are type-checked at compile time.
template<class T>
struct StateKey
{
    StateSlot slot;
};

class CycleState
{
public:
    // Every node of the snapshot, as upstream plugins list them through the framework handle's
    // SnapshotSharedLister (PodTopologySpread counts pods on nodes that did not pass Filter).
    void setNodes(std::span<const NodeInfo> nodes) { m_nodes = nodes; }
    std::span<const NodeInfo> nodes() const { return m_nodes; }
    // Namespaces and PodDisruptionBudgets (the handle's other listers); never null in a cycle.
    void setCluster(const ClusterInfo *cluster) { m_cluster = cluster; }
    const ClusterInfo &cluster() const;

    // Whether plugins may use state they keep up to date across cycles (incremental counts)
    // instead of recounting from the nodes; off when the framework runs from scratch.
    void setIncremental(bool incremental) { m_incremental = incremental; }
    bool incremental() const { return m_incremental; }

    template<class T>
    void write(StateKey<T> key, T value)
    {
        m_slots[index(key.slot)] = std::make_unique<Holder<T>>(std::move(value));
    }
    // nullptr when nothing was written under key (e.g. the writer returned Skip).
    template<class T>
    const T *read(StateKey<T> key) const
    {
        const std::unique_ptr<Data> &data = m_slots[index(key.slot)];
        return data ? &static_cast<const Holder<T> &>(*data).value : nullptr;
    }

private:
    struct Data
    {
        virtual ~Data() = default;
    };
    template<class T>
    struct Holder final : Data
    {
        explicit Holder(T v)
            : value(std::move(v))
        {}
        T value;
    };
    static constexpr std::size_t index(StateSlot slot) { return static_cast<std::size_t>(slot); }

    std::array<std::unique_ptr<Data>, static_cast<std::size_t>(StateSlot::Count)> m_slots;
    std::span<const NodeInfo> m_nodes;
    const ClusterInfo *m_cluster = nullptr;
    bool m_incremental = false;
};

} // namespace kstudio::sim::sched
