// SPDX-License-Identifier: GPL-3.0-or-later
// The scheduling trace (Options::trace) the studio's classroom mode steps through: one record
// per cycle in queue order (kube-scheduler's PrioritySort, pkg/scheduler/framework/plugins/
// queuesort/priority_sort.go), each with every node's filter verdicts and scores; and the trace
// changes nothing in the result.
#include <model/core/document.h>
#include <model/io/manifest_reader.h>
#include <sim/sched/framework.h>
#include <sim/sched/json.h>

#include <support/test_support.h>

#include <QJsonDocument>
#include <QtTest>

using namespace kstudio;

class tst_SchedTrace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void traceDoesNotChangeTheResult_data();
    void traceDoesNotChangeTheResult();
    void cyclesFollowTheQueue();
    void everyNodeIsExplained();
    void preemptionIsRecorded();
    void whatIfCyclesAreTagged();
    void noTraceWithoutAsking();
    void recordsAtMostMaxCycles();
};

namespace {

model::Snapshot load(const QString &caseName)
{
    model::Document document;
    model::LoadResult loaded
        = model::loadPaths({test::dataDir() + QStringLiteral("/sched/") + caseName + QStringLiteral("/input.yaml")});
    document.addObjects(std::move(loaded.objects));
    return document.snapshot();
}

const sim::sched::CycleTrace *cycleOf(const sim::sched::ScheduleTrace &trace, const QString &pod)
{
    for (const sim::sched::CycleTrace &cycle : trace.cycles) {
        if (cycle.pod == pod)
            return &cycle;
    }
    return nullptr;
}

} // namespace

void tst_SchedTrace::traceDoesNotChangeTheResult_data()
{
    QTest::addColumn<QString>("caseName");
    for (const char *name : {"priority-order", "preemption", "preemption-pdb", "topology-spread-zones", "taint-untolerated",
                             "inter-pod-affinity", "resource-fit", "fail-zone"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_SchedTrace::traceDoesNotChangeTheResult()
{
    QFETCH(QString, caseName);
    const model::Snapshot snapshot = load(caseName);
    sim::sched::Options plain;
    if (caseName == QLatin1String("fail-zone"))
        plain.failZone = QStringLiteral("zone-a");
    sim::sched::ScheduleTrace trace;
    sim::sched::Options traced = plain;
    traced.trace = &trace;
    const QByteArray expected = QJsonDocument(sim::sched::toJson(sim::sched::schedule(snapshot, plain))).toJson();
    const QByteArray actual = QJsonDocument(sim::sched::toJson(sim::sched::schedule(snapshot, traced))).toJson();
    QCOMPARE(actual, expected);
    QVERIFY(!trace.cycles.empty());
}

// priority_sort.go Less: higher priority first, then the earlier arrival.
void tst_SchedTrace::cyclesFollowTheQueue()
{
    const model::Snapshot snapshot = load(QStringLiteral("priority-order"));
    sim::sched::ScheduleTrace trace;
    sim::sched::Options options;
    options.trace = &trace;
    sim::sched::schedule(snapshot, options);
    QVERIFY(trace.cycles.size() >= 2);
    for (std::size_t i = 1; i < trace.cycles.size(); ++i)
        QVERIFY2(trace.cycles[i - 1].priority >= trace.cycles[i].priority, qPrintable(trace.cycles[i].pod));
    const sim::sched::CycleTrace &first = trace.cycles.front();
    QCOMPARE(first.queueLength, int(trace.cycles.size()));
    QCOMPARE(first.queuedBehind.size(), qMin(first.queueLength - 1, sim::sched::CycleTrace::maxQueueShown));
    QCOMPARE(first.queuedBehind.front(), trace.cycles[1].pod);
    QCOMPARE(trace.cycles.back().queueLength, 1);
    QVERIFY(trace.cycles.back().queuedBehind.isEmpty());
    for (const sim::sched::CycleTrace &cycle : trace.cycles)
        QCOMPARE(cycle.phase, QStringLiteral("schedule"));
}

// Each node gets the Filter verdict of every plugin (first failure wins, the rest "not run"),
// and the feasible ones a score per Score plugin (schedule_one.go findNodesThatFitPod,
// prioritizeNodes).
void tst_SchedTrace::everyNodeIsExplained()
{
    const model::Snapshot snapshot = load(QStringLiteral("taint-untolerated"));
    sim::sched::ScheduleTrace trace;
    sim::sched::Options options;
    options.trace = &trace;
    const sim::sched::ScheduleResult result = sim::sched::schedule(snapshot, options);
    QCOMPARE(trace.cycles.size(), result.placements.size());
    bool sawTaintFailure = false;
    for (const sim::sched::CycleTrace &cycle : trace.cycles) {
        if (cycle.placement.reason.startsWith(QLatin1String("0/")))
            continue; // PreFilter stopped it: no per-node verdicts
        QCOMPARE(int(cycle.placement.explanation.size()), int(result.nodes.size()));
        for (const sim::sched::NodeExplanation &node : cycle.placement.explanation) {
            QVERIFY(!node.filters.empty());
            for (const sim::sched::PluginVerdict &verdict : node.filters)
                sawTaintFailure = sawTaintFailure
                                  || (verdict.plugin == QLatin1String("TaintToleration") && verdict.verdict.startsWith(QLatin1String("Unschedulable")));
        }
    }
    QVERIFY(sawTaintFailure);
    // The result keeps no explanation unless --explain asked for one.
    for (const sim::sched::Placement &placement : result.placements)
        QVERIFY(placement.explanation.empty());
}

void tst_SchedTrace::preemptionIsRecorded()
{
    const model::Snapshot snapshot = load(QStringLiteral("preemption"));
    sim::sched::ScheduleTrace trace;
    sim::sched::Options options;
    options.trace = &trace;
    sim::sched::schedule(snapshot, options);
    const sim::sched::CycleTrace *urgent = cycleOf(trace, QStringLiteral("default/urgent"));
    QVERIFY(urgent);
    QCOMPARE(urgent->placement.node.value_or(QString()), QStringLiteral("node-1"));
    QCOMPARE(urgent->placement.preempted, QStringList{QStringLiteral("default/low-0")});
    QCOMPARE(urgent->requeued, QStringList{QStringLiteral("default/low-0")});
    // Each pod and victim names the design's object it comes from (the classroom highlights it).
    const model::Object *urgentPod = snapshot.find(QStringLiteral("Pod"), QStringLiteral("default"), QStringLiteral("urgent"));
    QVERIFY(urgentPod);
    QCOMPARE(urgent->owner, urgentPod->id);
    QCOMPARE(urgent->requeuedOwners.size(), 1);
    const model::Object *low = snapshot.object(urgent->requeuedOwners.front());
    QVERIFY(low);
    QCOMPARE(low->displayName(), QStringLiteral("Pod default/low-0"));
    // The victim was bound by spec.nodeName (no cycle); evicted, it is queued and gets one
    // cycle after the preemptor's.
    std::vector<std::size_t> victimCycles;
    std::size_t urgentCycle = 0;
    for (std::size_t i = 0; i < trace.cycles.size(); ++i) {
        if (trace.cycles[i].pod == QLatin1String("default/low-0"))
            victimCycles.push_back(i);
        if (trace.cycles[i].pod == QLatin1String("default/urgent"))
            urgentCycle = i;
    }
    QCOMPARE(victimCycles.size(), std::size_t(1));
    QVERIFY(victimCycles.front() > urgentCycle);
}

void tst_SchedTrace::whatIfCyclesAreTagged()
{
    const model::Snapshot snapshot = load(QStringLiteral("fail-zone"));
    sim::sched::ScheduleTrace trace;
    sim::sched::Options options;
    options.failZone = QStringLiteral("zone-a");
    options.trace = &trace;
    const sim::sched::ScheduleResult result = sim::sched::schedule(snapshot, options);
    QVERIFY(result.whatIf);
    int rescheduled = 0;
    for (const sim::sched::CycleTrace &cycle : trace.cycles)
        rescheduled += cycle.phase == QLatin1String("failZone") ? 1 : 0;
    QCOMPARE(rescheduled, int(result.whatIf->moved.size()));
    QVERIFY(rescheduled > 0);
}

void tst_SchedTrace::noTraceWithoutAsking()
{
    const model::Snapshot snapshot = load(QStringLiteral("preemption"));
    sim::sched::Options options;
    QVERIFY(!options.trace);
    const sim::sched::ScheduleResult result = sim::sched::schedule(snapshot, options);
    for (const sim::sched::Placement &placement : result.placements)
        QVERIFY(placement.explanation.empty());
}

// A large design is stepped through in part: the first cycles are recorded, the rest counted,
// and the result is the same.
void tst_SchedTrace::recordsAtMostMaxCycles()
{
    const model::Snapshot snapshot = load(QStringLiteral("inter-pod-affinity"));
    sim::sched::ScheduleTrace all;
    sim::sched::Options options;
    options.trace = &all;
    const QByteArray expected = QJsonDocument(sim::sched::toJson(sim::sched::schedule(snapshot, options))).toJson();
    QVERIFY(all.cycles.size() > 2);
    QCOMPARE(all.notRecorded, std::size_t(0));
    sim::sched::ScheduleTrace some;
    some.maxCycles = 2;
    options.trace = &some;
    QCOMPARE(QJsonDocument(sim::sched::toJson(sim::sched::schedule(snapshot, options))).toJson(), expected);
    QCOMPARE(some.cycles.size(), std::size_t(2));
    QCOMPARE(some.notRecorded, all.cycles.size() - 2);
    QCOMPARE(some.cycles[1].pod, all.cycles[1].pod);
    QVERIFY(!some.cycles[1].placement.explanation.empty() || all.cycles[1].placement.explanation.empty());
}

QTEST_GUILESS_MAIN(tst_SchedTrace)

#include "tst_sched_trace.moc"
