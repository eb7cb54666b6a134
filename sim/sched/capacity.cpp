// SPDX-License-Identifier: GPL-3.0-or-later
// Capacity planning over the scheduling simulation (see capacity.h). The what-if it answers is
// the one kubernetes/website content/en/docs/setup/best-practices/multiple-zones.md and
// cluster-large.md pose: enough nodes for the workloads, and enough that losing a zone leaves
// room for the pods re-created elsewhere.
#include "capacity.h"

#include <model/kinds/views.h>
#include <model/semantics/quantity.h>

#include <algorithm>
#include <map>
#include <set>

namespace kstudio::sim::sched {

namespace {

const QString zoneLabel = QStringLiteral("topology.kubernetes.io/zone");

// Pods the scheduler places (not bound by spec.nodeName) that are Pending.
int pendingOf(const ScheduleResult &result, QStringList *reasons = nullptr)
{
    int pending = 0;
    for (const Placement &placement : result.placements) {
        if (placement.node || placement.bound)
            continue;
        ++pending;
        if (reasons)
            reasons->append(placement.qualifiedName() + QStringLiteral(": ") + placement.reason);
    }
    return pending;
}

std::int64_t ceilDiv(std::int64_t a, std::int64_t b)
{
    return b <= 0 ? 0 : (a + b - 1) / b;
}

// Thrown by Search::run when CapacityOptions::cancel is set; caught in planCapacity.
struct Cancelled
{
};

class Search
{
public:
    Search(const model::Snapshot &snapshot, const CapacityPlan &plan, HpaMode hpa, const std::atomic<bool> *cancel)
        : m_snapshot(snapshot)
        , m_plan(plan)
        , m_hpa(hpa)
        , m_cancel(cancel)
    {}

    int simulations = 0;
    int lastTried = 0; // the largest count fewest() tried

    // Pods left Pending on count nodes (plain), or the most left Pending after the loss of
    // any one zone (zoneFailure).
    int pending(int count, bool zoneFailure, QStringList *reasons = nullptr)
    {
        const auto key = std::make_pair(count, zoneFailure);
        if (!reasons) {
            if (const auto it = m_memo.find(key); it != m_memo.end())
                return it->second;
        }
        Options options;
        options.details = false;
        options.hpa = m_hpa;
        int worst = 0;
        if (!zoneFailure) {
            worst = pendingOf(run(count, options), reasons);
        } else {
            for (const QString &zone : m_plan.shape.zones) {
                options.failZone = zone;
                QStringList zoneReasons;
                const int pending = pendingOf(run(count, options), reasons ? &zoneReasons : nullptr);
                if (pending > worst) {
                    worst = pending;
                    if (reasons) {
                        *reasons = zoneReasons;
                        for (QString &reason : *reasons)
                            reason += QStringLiteral(" (zone %1 lost)").arg(zone);
                    }
                }
            }
        }
        m_memo[key] = worst;
        return worst;
    }

    // The fewest count in [from, max] with nothing Pending.
    std::optional<int> fewest(int from, int max, bool zoneFailure)
    {
        int failed = from - 1; // the largest count known to leave pods Pending
        int count = from;
        int previous = -1;
        int stalls = 0;
        std::optional<int> fits;
        while (count <= max) {
            lastTried = std::max(lastTried, count);
            const int left = pending(count, zoneFailure);
            if (left == 0) {
                fits = count;
                break;
            }
            failed = count;
            stalls = left == previous ? stalls + 1 : 0;
            if (stalls >= 2)
                return std::nullopt;
            previous = left;
            if (count == max)
                break;
            count = std::min(max, count + std::max(1, count));
        }
        if (!fits)
            return std::nullopt;
        int low = failed + 1;
        int high = *fits;
        while (low < high) {
            const int middle = low + (high - low) / 2;
            if (pending(middle, zoneFailure) == 0)
                high = middle;
            else
                low = middle + 1;
        }
        return high;
    }

private:
    ScheduleResult run(int count, const Options &options)
    {
        if (m_cancel && m_cancel->load())
            throw Cancelled{};
        ++simulations;
        model::NodePool pool = m_plan.shape;
        pool.count = count;
        Cluster cluster = buildCluster(m_snapshot, m_hpa, poolNodes(pool));
        return schedule(cluster, options);
    }

    const model::Snapshot &m_snapshot;
    const CapacityPlan &m_plan;
    HpaMode m_hpa;
    const std::atomic<bool> *m_cancel;
    std::map<std::pair<int, bool>, int> m_memo;
};

// The design's largest Node as a pool shape (its labels and taints, without per-node labels).
std::optional<std::pair<model::NodePool, QString>> largestNode(const model::Snapshot &snapshot)
{
    std::optional<std::pair<model::NodePool, QString>> best;
    std::tuple<std::int64_t, std::int64_t> bestSize{-1, -1};
    QString bestName;
    for (const auto &object : snapshot.objects()) {
        if (object->kind() != QLatin1String("Node"))
            continue;
        const std::optional<model::NodeView> view = model::nodeView(*object);
        if (!view)
            continue;
        const auto value = [&view](const char *name, bool milli) -> std::int64_t {
            const std::optional<model::Quantity> quantity = model::Quantity::parse(view->allocatable.value(QLatin1String(name)));
            if (!quantity)
                return 0;
            return (milli ? quantity->milliValue() : quantity->value()).value_or(0);
        };
        const std::tuple<std::int64_t, std::int64_t> size{value("cpu", true), value("memory", false)};
        if (best && (size < bestSize || (size == bestSize && view->name > bestName)))
            continue;
        model::NodePool pool;
        pool.name = QStringLiteral("plan");
        pool.cpu = view->allocatable.value(QStringLiteral("cpu"), QStringLiteral("0"));
        pool.memory = view->allocatable.value(QStringLiteral("memory"), QStringLiteral("0"));
        pool.pods = static_cast<int>(value("pods", false));
        pool.labels = view->labels;
        pool.labels.remove(QStringLiteral("kubernetes.io/hostname"));
        pool.labels.remove(zoneLabel);
        for (const model::NodeView::Taint &taint : view->taints)
            pool.taints.append(taint.key + (taint.value.isEmpty() ? QString() : QLatin1Char('=') + taint.value)
                               + QLatin1Char(':') + taint.effect);
        best = std::make_pair(pool, QStringLiteral("node ") + view->name);
        bestSize = size;
        bestName = view->name;
    }
    return best;
}

QStringList nodeZones(const model::Snapshot &snapshot)
{
    std::set<QString> zones;
    for (const auto &object : snapshot.objects()) {
        if (object->kind() != QLatin1String("Node"))
            continue;
        if (const std::optional<model::NodeView> view = model::nodeView(*object)) {
            const QString zone = view->labels.value(zoneLabel);
            if (!zone.isEmpty())
                zones.insert(zone);
        }
    }
    return QStringList(zones.begin(), zones.end());
}

} // namespace

std::optional<model::NodePool> parseNodeShape(const QString &text, QString *error)
{
    model::NodePool pool;
    pool.name = QStringLiteral("plan");
    for (const QString &item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        const QString key = item.left(equals).trimmed();
        const QString value = equals < 0 ? QString() : item.mid(equals + 1).trimmed();
        bool ok = equals > 0 && model::Quantity::parse(value).has_value();
        if (ok && key == QLatin1String("cpu"))
            pool.cpu = value;
        else if (ok && key == QLatin1String("memory"))
            pool.memory = value;
        else if (ok && key == QLatin1String("pods"))
            pool.pods = value.toInt(&ok);
        else if (ok)
            ok = false;
        if (!ok || (key == QLatin1String("pods") && pool.pods <= 0)) {
            if (error)
                *error = QStringLiteral("'%1': expected cpu=QUANTITY, memory=QUANTITY or pods=N").arg(item);
            return std::nullopt;
        }
    }
    return pool;
}

CapacityPlan planCapacity(const model::Snapshot &snapshot, const CapacityOptions &options)
{
    CapacityPlan plan;
    if (options.shape) {
        plan.shape = *options.shape;
        plan.shapeSource = QStringLiteral("--node-shape");
    } else if (!snapshot.nodePools().isEmpty()) {
        plan.shape = snapshot.nodePools().front();
        plan.shapeSource = QStringLiteral("node pool ") + plan.shape.name;
    } else if (const auto node = largestNode(snapshot)) {
        plan.shape = node->first;
        plan.shapeSource = node->second;
    } else {
        plan.error = QStringLiteral("no node shape: the design has no node pool and no Node; give --node-shape");
        return plan;
    }
    if (plan.shape.name.isEmpty())
        plan.shape.name = QStringLiteral("plan");
    if (options.zones)
        plan.shape.zones = *options.zones;
    else if (!options.shape && snapshot.nodePools().isEmpty())
        plan.shape.zones = nodeZones(snapshot);
    else if (options.shape)
        plan.shape.zones = !snapshot.nodePools().isEmpty() ? snapshot.nodePools().front().zones : nodeZones(snapshot);
    plan.shape.zones.removeDuplicates();

    // Lower bound: the summed requests of the pods the scheduler places (DaemonSet pods come
    // with their nodes) over one node's allocatable.
    model::NodePool one = plan.shape;
    one.count = 1;
    const std::vector<NodeInfo> probe = poolNodes(one);
    const Cluster bare = buildCluster(snapshot, options.hpa, {});
    Resource sum;
    std::int64_t pods = 0;
    for (const PodInfo &pod : bare.pods) {
        if (!pod.spec->nodeName.isEmpty())
            continue;
        sum.add(pod.spec->requests);
        ++pods;
    }
    const Resource &allocatable = probe.front().allocatable;
    std::int64_t bound = 1;
    bound = std::max(bound, ceilDiv(sum.milliCpu, allocatable.milliCpu));
    bound = std::max(bound, ceilDiv(sum.memory, allocatable.memory));
    bound = std::max(bound, ceilDiv(pods, allocatable.allowedPodNumber));
    plan.lowerBound = static_cast<int>(std::min<std::int64_t>(bound, options.maxNodes));

    Search search(snapshot, plan, options.hpa, options.cancel);
    try {
        plan.nodes = search.fewest(plan.lowerBound, options.maxNodes, false);
        if (!plan.nodes) {
            search.pending(search.lastTried, false, &plan.unplaceable);
            plan.zoneFailureNote = QStringLiteral("no node count fits without a zone failure");
        } else if (plan.shape.zones.size() < 2) {
            plan.zoneFailureNote = QStringLiteral("fewer than two zones: losing the only zone loses every node");
        } else {
            plan.nodesZoneFailure = search.fewest(*plan.nodes, options.maxNodes, true);
            if (!plan.nodesZoneFailure) {
                search.pending(search.lastTried, true, &plan.unplaceable);
                plan.zoneFailureNote = QStringLiteral("no node count up to %1 survives the loss of a zone").arg(options.maxNodes);
            }
        }
    } catch (const Cancelled &) {
        plan.cancelled = true;
        plan.nodes.reset();
        plan.nodesZoneFailure.reset();
        plan.unplaceable.clear();
        plan.zoneFailureNote.clear();
    }
    plan.simulations = search.simulations;
    return plan;
}

} // namespace kstudio::sim::sched
