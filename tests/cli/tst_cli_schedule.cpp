// SPDX-License-Identifier: GPL-3.0-or-later
// `kstudio schedule` as scripts see it (CLI.md): exit codes, the JSON keys, summary and explain.
#include <support/test_support.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace kstudio;

class tst_CliSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exitCodes_data();
    void exitCodes();
    void jsonHasTheContractKeys();
    void summaryHasTotalsAndPendingReasons();
    void explainShowsEachPluginPerNode();
    void whatIfJsonKeepsPlacementsAndAddsTheReport();
    void cordonAndScaleReportOnlyWhatChanged();
};

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QStringList &arguments)
{
    QProcess process;
    process.start(test::kstudioBinary(), QStringList{QStringLiteral("schedule")} + arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

QString scenario(const char *name)
{
    return test::dataDir() + QStringLiteral("/sched/") + QLatin1String(name) + QStringLiteral("/input.yaml");
}

QString capacityCase(const char *name)
{
    return test::dataDir() + QStringLiteral("/capacity/") + QLatin1String(name) + QStringLiteral("/input.yaml");
}

} // namespace

void tst_CliSchedule::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stdoutContains");
    QTest::addColumn<QString>("stderrContains");
    QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << "--explain" << "";
    QTest::newRow("all-placed") << QStringList{scenario("node-affinity")} << 0 << "default/with-node-affinity -> west-1" << "";
    QTest::newRow("pending-is-no") << QStringList{scenario("taint-untolerated")} << 1
                                   << "default/web-1 Pending: 0/3 nodes are available" << "";
    QTest::newRow("no-paths") << QStringList{} << 2 << "" << "usage: kstudio schedule";
    QTest::newRow("bad-format") << QStringList{scenario("node-affinity"), QStringLiteral("--format"), QStringLiteral("xml")}
                                << 2 << "" << "--format";
    QTest::newRow("drain-unknown-node") << QStringList{scenario("node-affinity"), QStringLiteral("--drain"), QStringLiteral("n1")}
                                        << 2 << "" << "--drain: no node named n1";
    QTest::newRow("drain-refused-by-pdb")
        << QStringList{scenario("drain-pdb"), QStringLiteral("--drain"), QStringLiteral("node-a")} << 1
        << "eviction refused default/web-2: Cannot evict pod as it would violate the pod's disruption budget." << "";
    QTest::newRow("fail-zone-unknown") << QStringList{scenario("fail-zone"), QStringLiteral("--fail-zone"), QStringLiteral("mars")}
                                       << 2 << "" << "no node has topology.kubernetes.io/zone=mars";
    QTest::newRow("fail-zone") << QStringList{scenario("fail-zone"), QStringLiteral("--fail-zone"), QStringLiteral("zone-a")}
                               << 1 << "left Pending default/web-2" << "";
    QTest::newRow("drain-and-fail-zone")
        << QStringList{scenario("fail-zone"), QStringLiteral("--drain"), QStringLiteral("a-1"), QStringLiteral("--fail-zone"),
                       QStringLiteral("zone-a")}
        << 2 << "" << "separate what-ifs";
    QTest::newRow("fail-node") << QStringList{scenario("fail-node"), QStringLiteral("--fail-node"), QStringLiteral("n-1")} << 1
                               << "Service default/pinned lost all endpoints" << "";
    QTest::newRow("fail-node-unknown") << QStringList{scenario("fail-node"), QStringLiteral("--fail-node"), QStringLiteral("n-9")}
                                       << 2 << "" << "--fail-node: no node named n-9";
    QTest::newRow("fail-node-and-drain")
        << QStringList{scenario("fail-node"), QStringLiteral("--fail-node"), QStringLiteral("n-1"), QStringLiteral("--drain"),
                       QStringLiteral("n-2")}
        << 2 << "" << "separate what-ifs";
    QTest::newRow("drain-keeps-endpoints") << QStringList{scenario("drain-pdb"), QStringLiteral("--drain"), QStringLiteral("node-a")}
                                           << 1 << "What if node node-a is drained" << "";
    QTest::newRow("help-cordon-scale") << QStringList{QStringLiteral("--help")} << 0 << "--scale <NS/NAME=N>" << "";
    QTest::newRow("help-cordon") << QStringList{QStringLiteral("--help")} << 0 << "--cordon <NODE>" << "";
    QTest::newRow("cordon") << QStringList{scenario("cordon"), QStringLiteral("--cordon"), QStringLiteral("n-1")} << 1
                            << "Service default/pinned lost all endpoints" << "";
    QTest::newRow("cordon-moves") << QStringList{scenario("cordon"), QStringLiteral("--cordon"), QStringLiteral("n-1")} << 1
                                  << "moved default/web-1: n-1 -> n-3" << "";
    QTest::newRow("cordon-totals") << QStringList{scenario("cordon"), QStringLiteral("--cordon"), QStringLiteral("n-1")} << 1
                                   << "3 pods moved, 1 left Pending, 1 Services without ready endpoints" << "";
    QTest::newRow("cordon-unknown") << QStringList{scenario("cordon"), QStringLiteral("--cordon"), QStringLiteral("zz")} << 2 << ""
                                    << "--cordon: no node named zz";
    QTest::newRow("cordon-and-scale") << QStringList{scenario("cordon"), QStringLiteral("--cordon"), QStringLiteral("n-1"),
                                                     QStringLiteral("--scale"), QStringLiteral("web=2")}
                                      << 2 << "" << "separate what-ifs";
    QTest::newRow("scale-up") << QStringList{scenario("scale-up"), QStringLiteral("--scale"), QStringLiteral("default/api=4")} << 1
                              << "created default/api-1 -> n-2" << "";
    QTest::newRow("scale-up-preempts") << QStringList{scenario("scale-up"), QStringLiteral("--scale"), QStringLiteral("default/api=4")}
                                       << 1 << "moved default/batch-1: n-1 -> Pending" << "";
    QTest::newRow("scale-down") << QStringList{scenario("scale-down"), QStringLiteral("--scale"), QStringLiteral("default/web=1")}
                                << 0 << "deleted default/web-0\n  deleted default/web-2\n  scheduled default/report-0 (was Pending)"
                                << "";
    QTest::newRow("scale-to-zero") << QStringList{scenario("scale-down"), QStringLiteral("--scale"), QStringLiteral("web=0"),
                                                  QStringLiteral("--format"), QStringLiteral("summary")}
                                   << 0 << "Service default/web lost all endpoints" << "";
    QTest::newRow("scale-from-zero") << QStringList{scenario("scale-down"), QStringLiteral("--scale"), QStringLiteral("default/db=2")}
                                     << 1 << "What if default/db is scaled from 0 to 2 replicas:\n  created default/db-0 -> " << "";
    QTest::newRow("scale-unknown") << QStringList{scenario("scale-down"), QStringLiteral("--scale"), QStringLiteral("default/nope=2")}
                                   << 2 << ""
                                   << "--scale: no Deployment, ReplicaSet, StatefulSet or ReplicationController default/nope";
    QTest::newRow("scale-bad") << QStringList{scenario("scale-down"), QStringLiteral("--scale"), QStringLiteral("default/web")} << 2
                               << "" << "--scale wants NS/NAME=N";
    QTest::newRow("scale-negative") << QStringList{scenario("scale-down"), QStringLiteral("--scale"), QStringLiteral("web=-1")} << 2
                                    << "" << "--scale wants NS/NAME=N";
    QTest::newRow("plan-capacity") << QStringList{capacityCase("largest-node-two-zones"), QStringLiteral("--plan-capacity")} << 0
                                   << "fewest nodes that survive the loss of any one zone: 6" << "";
    QTest::newRow("plan-capacity-shape-zones")
        << QStringList{capacityCase("shape-three-zones"), QStringLiteral("--plan-capacity"), QStringLiteral("--node-shape"),
                       QStringLiteral("cpu=2,memory=8Gi"), QStringLiteral("--zones"), QStringLiteral("a,b,c"),
                       QStringLiteral("--format"), QStringLiteral("summary")}
        << 0 << "fewest nodes with nothing Pending: 3 (requests alone need 3)" << "";
    QTest::newRow("plan-capacity-none-fits")
        << QStringList{capacityCase("unplaceable"), QStringLiteral("--plan-capacity"), QStringLiteral("--node-shape"),
                       QStringLiteral("cpu=4")}
        << 1 << "still Pending default/huge-0: 0/" << "";
    QTest::newRow("plan-capacity-no-shape") << QStringList{capacityCase("unplaceable"), QStringLiteral("--plan-capacity")} << 2 << ""
                                            << "--plan-capacity: no node shape";
    QTest::newRow("node-shape-bad") << QStringList{capacityCase("unplaceable"), QStringLiteral("--plan-capacity"),
                                                   QStringLiteral("--node-shape"), QStringLiteral("gpu=1")}
                                    << 2 << "" << "--node-shape: 'gpu=1'";
    QTest::newRow("node-shape-without-plan")
        << QStringList{capacityCase("unplaceable"), QStringLiteral("--node-shape"), QStringLiteral("cpu=4")} << 2 << ""
        << "go with --plan-capacity";
    QTest::newRow("hpa-max") << QStringList{scenario("hpa-max"), QStringLiteral("--hpa"), QStringLiteral("max")} << 1
                             << "default/web-4 Pending" << "";
    QTest::newRow("hpa-min-default") << QStringList{scenario("hpa-min")} << 0 << "default/web-1 -> only" << "";
    QTest::newRow("hpa-bad") << QStringList{scenario("hpa-min"), QStringLiteral("--hpa"), QStringLiteral("half")} << 2 << ""
                             << "--hpa must be min or max";
    QTest::newRow("missing-file") << QStringList{QStringLiteral("/nonexistent.yaml")} << 2 << "" << "/nonexistent.yaml";
    QTest::newRow("explain-unknown-pod") << QStringList{scenario("node-affinity"), QStringLiteral("--explain"), QStringLiteral("x/y")}
                                         << 2 << "" << "no pod named x/y";
}

void tst_CliSchedule::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, stdoutContains);
    QFETCH(QString, stderrContains);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.out.contains(stdoutContains), qPrintable(result.out));
    QVERIFY2(result.err.contains(stderrContains), qPrintable(result.err));
}

void tst_CliSchedule::jsonHasTheContractKeys()
{
    const Run result = run({scenario("taint-untolerated"), QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(result.exitCode, 1);
    const QJsonArray placements = QJsonDocument::fromJson(result.out.toUtf8()).object().value(QStringLiteral("placements")).toArray();
    QCOMPARE(placements.size(), 3);
    QStringList pods;
    for (const QJsonValue &value : placements) {
        const QJsonObject placement = value.toObject();
        for (const char *key : {"pod", "node", "feasibleNodes", "scores", "reason", "preempted"})
            QVERIFY2(placement.contains(QLatin1String(key)), key);
        pods.append(placement.value(QStringLiteral("pod")).toString());
    }
    QCOMPARE(pods.join(QLatin1Char(',')), QStringLiteral("default/trainer,default/web-0,default/web-1"));
    QVERIFY(placements[2].toObject().value(QStringLiteral("node")).isNull());
    QCOMPARE(placements[0].toObject().value(QStringLiteral("node")).toString(), QStringLiteral("n2"));
}

void tst_CliSchedule::summaryHasTotalsAndPendingReasons()
{
    const Run result = run({scenario("resource-fit"), QStringLiteral("--format"), QStringLiteral("summary")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.contains(QStringLiteral("6 pods on 2 nodes: 4 placed, 2 Pending")), qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral("  large 3\n")), qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral("  default/huge: 0/2 nodes are available: 2 Insufficient cpu")), qPrintable(result.out));
    QVERIFY(!result.out.contains(QStringLiteral("feasibleNodes")));
}

void tst_CliSchedule::explainShowsEachPluginPerNode()
{
    const Run result = run({scenario("node-affinity"), QStringLiteral("--explain"), QStringLiteral("default/with-node-affinity")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(QStringLiteral("Node north-1\n")), qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral("filter NodeAffinity: UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector")),
             qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral("score  NodeAffinity: 1 -> normalized 100 x weight 2 = 200")), qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral("total  597")), qPrintable(result.out));
}

void tst_CliSchedule::whatIfJsonKeepsPlacementsAndAddsTheReport()
{
    const Run result = run({scenario("drain-pdb"), QStringLiteral("--drain"), QStringLiteral("node-a"), QStringLiteral("--format"),
                            QStringLiteral("json")});
    QCOMPARE(result.exitCode, 1);
    const QJsonObject root = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QVERIFY(root.value(QStringLiteral("placements")).isArray());
    const QJsonObject whatIf = root.value(QStringLiteral("whatIf")).toObject();
    QCOMPARE(whatIf.value(QStringLiteral("drain")).toString(), QStringLiteral("node-a"));
    QCOMPARE(whatIf.value(QStringLiteral("pending")).toArray().size(), 1);
    QCOMPARE(whatIf.value(QStringLiteral("blocked")).toArray().size(), 2);
    QVERIFY(whatIf.value(QStringLiteral("servicesWithoutEndpoints")).isArray());
    // --plan-capacity adds one top-level key and keeps the others.
    const Run planned = run({test::dataDir() + QStringLiteral("/capacity/largest-node-two-zones/input.yaml"),
                             QStringLiteral("--plan-capacity"), QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(planned.exitCode, 0);
    const QJsonObject plannedRoot = QJsonDocument::fromJson(planned.out.toUtf8()).object();
    QCOMPARE(plannedRoot.keys(), (QStringList{QStringLiteral("capacityPlan"), QStringLiteral("placements")}));
    QCOMPARE(plannedRoot.value(QStringLiteral("capacityPlan")).toObject().value(QStringLiteral("nodes")).toInt(), 3);
    QCOMPARE(plannedRoot.value(QStringLiteral("capacityPlan")).toObject().value(QStringLiteral("nodesZoneFailure")).toInt(), 6);
    // Without a what-if the contract's shape is unchanged.
    const Run plain = run({scenario("drain-pdb"), QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(QJsonDocument::fromJson(plain.out.toUtf8()).object().keys(), QStringList{QStringLiteral("placements")});
}

// What must not be reported: the Service that keeps endpoints, the DaemonSet pod that tolerates
// the cordon, running pods a scale-down keeps, and pods of the scaled workload a scale-up
// leaves running.
void tst_CliSchedule::cordonAndScaleReportOnlyWhatChanged()
{
    const Run cordoned = run({scenario("cordon"), QStringLiteral("--cordon"), QStringLiteral("n-1")});
    QVERIFY2(!cordoned.out.contains(QStringLiteral("Service default/web lost")), qPrintable(cordoned.out));
    QVERIFY2(!cordoned.out.contains(QStringLiteral("moved default/agent-n-1")), qPrintable(cordoned.out));
    QVERIFY2(cordoned.out.contains(QStringLiteral("default/agent-n-1 -> n-1")), qPrintable(cordoned.out));
    const Run down = run({scenario("scale-down"), QStringLiteral("--scale"), QStringLiteral("default/web=1"), QStringLiteral("--format"),
                          QStringLiteral("json")});
    QCOMPARE(down.exitCode, 0);
    const QJsonObject whatIf = QJsonDocument::fromJson(down.out.toUtf8()).object().value(QStringLiteral("whatIf")).toObject();
    QCOMPARE(whatIf.value(QStringLiteral("scale")).toString(), QStringLiteral("default/web"));
    QCOMPARE(whatIf.value(QStringLiteral("replicasBefore")).toInt(), 3);
    QCOMPARE(whatIf.value(QStringLiteral("replicasAfter")).toInt(), 1);
    QCOMPARE(whatIf.value(QStringLiteral("deleted")).toArray().size(), 2);
    QVERIFY(whatIf.value(QStringLiteral("servicesWithoutEndpoints")).toArray().isEmpty());
    QVERIFY(whatIf.value(QStringLiteral("moved")).toArray().isEmpty());
    QVERIFY(whatIf.value(QStringLiteral("pending")).toArray().isEmpty());
    const QJsonArray placements = QJsonDocument::fromJson(down.out.toUtf8()).object().value(QStringLiteral("placements")).toArray();
    for (const QJsonValue &placement : placements)
        QVERIFY(placement.toObject().value(QStringLiteral("pod")).toString() != QLatin1String("default/web-0"));
    const Run up = run({scenario("scale-up"), QStringLiteral("--scale"), QStringLiteral("default/api=4")});
    QVERIFY2(!up.out.contains(QStringLiteral("moved default/api-0")), qPrintable(up.out));
}

QTEST_GUILESS_MAIN(tst_CliSchedule)
#include "tst_cli_schedule.moc"
