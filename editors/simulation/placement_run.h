// SPDX-License-Identifier: GPL-3.0-or-later
// One run of the Placement view's simulation, free of widgets so that it can run on a worker
// thread: a snapshot of the design and a what-if scenario in, the nodes with their pods, the
// Pending pods with kube-scheduler's reasons and the what-if's summary out. The engine is
// sim/sched's, the CLI's `kstudio schedule` (what-ifs: --drain, --cordon, --fail-node,
// --fail-zone, --scale, --hpa max).
#pragma once

#include <model/core/snapshot.h>

#include <QHash>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace kstudio::editors {

struct PlacedNode
{
    QString name;
    QString zone;
    bool cordoned = false;
    bool lost = false; // failed with its zone (what-if)
    double cpuUsed = 0, cpuTotal = 0;       // cores
    double memoryUsed = 0, memoryTotal = 0; // bytes
    int podsUsed = 0, podsTotal = 0;
    QStringList pods; // ns/name, sorted
    QStringList labels;      // key=value, sorted
    QStringList taints;      // key=value:Effect
    QString allocatable;     // "cpu 4, memory 16Gi, pods 110" as the scheduler counts it
};

// A what-if's consequences: sim/sched's own report (WhatIf), worded.
struct WhatIfSummary
{
    struct Moved
    {
        QString pod;
        QString from;
        QString to; // empty: Pending
    };
    QString whatIf;            // "" when none is set, else "Zone zone-a fails", "Drain node-1", ...
    std::vector<Moved> moved;
    QStringList pending;       // placed before the what-if, Pending after it
    QStringList servicesDown;  // ns/name: Services all of whose selected pods are Pending or gone
    QStringList notes;         // refused evictions, pods added or removed by a scale
    QString toText() const;
};

// The what-ifs in force: HPAs at maxReplicas (a mode, as `kstudio schedule --hpa max`) and at
// most one disruption, cordon or scale (one what-if of the engine's at a time, as in the CLI).
// Each change is one step on the Placement view's what-if undo stack. Nothing here changes
// the design.
struct WhatIfScenario
{
    enum class Action { None, Drain, Cordon, FailNode, FailZone, Scale };
    bool hpaMax = false;
    Action action = Action::None;
    QString target;       // the node, the zone, or the workload "Kind/namespace/name" (Scale)
    int replicas = 0;     // Scale

    bool isAsDesigned() const { return !hpaMax && action == Action::None; }
    // "Drain node-1", "Cordon node-2", "Scale Deployment default/web to 6", "HPAs at
    // maxReplicas + Zone zone-a fails" ...; "As designed" when none.
    QString describe() const;
    friend bool operator==(const WhatIfScenario &, const WhatIfScenario &) = default;
};

struct PlacementOutcome
{
    std::vector<PlacedNode> nodes;                     // sorted by name
    std::vector<std::pair<QString, QString>> pending;  // ns/name, kube-scheduler's reason; by name
    QHash<QString, QString> workloadOf;                // ns/name -> "Kind/namespace/name" (scalable pods)
    WhatIfSummary whatIf;
    QString whatIfReport; // one line for the summary bar: "3 pod(s) moved, 2 now Pending"
    QString explanation;  // the explained pod's cycle, node by node (empty without one)
    double engineMs = 0;  // building the cluster and scheduling
};

// Runs the scheduler on snapshot under scenario; with explainPod ("ns/name"), records that pod's
// scheduling cycle plugin by plugin (`kstudio schedule --explain`). Thread-safe: reads only
// its arguments.
PlacementOutcome simulatePlacement(const model::Snapshot &snapshot, const WhatIfScenario &scenario,
                                   const QString &explainPod);

} // namespace kstudio::editors
