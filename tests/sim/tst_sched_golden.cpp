// SPDX-License-Identifier: GPL-3.0-or-later
// Scheduler scenarios: tests/data/sched/<case>/{input.yaml, expected.json, README.md}, each
// following a Kubernetes scheduling doc its README names; an optional options.json sets the
// what-if options ({"drain": NODE} | {"failZone": ZONE} | {"failNode": NODE} | {"cordon": NODE} |
// {"scale": "NS/NAME=N"}, {"hpa": "min"|"max"}). The JSON is compared semantically;
// KSTUDIO_UPDATE_GOLDEN=1 rewrites expected.json (review the diff before committing), and a
// mismatch leaves actual.json under the build directory.
#include <model/core/document.h>
#include <model/io/manifest_reader.h>
#include <sim/sched/framework.h>
#include <sim/sched/json.h>

#include <support/test_support.h>

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <random>

using namespace kstudio;

class tst_SchedGolden : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scenarios_data();
    void scenarios();
    void exactUnschedulableMessages_data();
    void exactUnschedulableMessages();
    void deterministic();
    void indexedAndPlainCountingAgree();
    void cachedScoresAgreeOnAGeneratedCluster();
    void incrementalAgreesWithFromScratchOnScenarios_data();
    void incrementalAgreesWithFromScratchOnScenarios();
    void incrementalAgreesWithFromScratchOnGeneratedClusters_data();
    void incrementalAgreesWithFromScratchOnGeneratedClusters();
    void preemptionVictims_data();
    void preemptionVictims();
};

namespace {

QString casesDir()
{
    return test::dataDir() + QStringLiteral("/sched");
}

sim::sched::Options optionsOf(const QString &dir)
{
    sim::sched::Options options;
    if (QFileInfo::exists(dir + QStringLiteral("/options.json"))) {
        const QJsonObject json = QJsonDocument::fromJson(test::readAll(dir + QStringLiteral("/options.json"))).object();
        options.drainNode = json.value(QStringLiteral("drain")).toString();
        options.failZone = json.value(QStringLiteral("failZone")).toString();
        options.failNode = json.value(QStringLiteral("failNode")).toString();
        options.cordonNode = json.value(QStringLiteral("cordon")).toString();
        if (const QString scale = json.value(QStringLiteral("scale")).toString(); !scale.isEmpty()) {
            const qsizetype equals = scale.lastIndexOf(QLatin1Char('='));
            options.scale = sim::sched::Scale{scale.left(equals), scale.mid(equals + 1).toInt()};
        }
        options.hpa = json.value(QStringLiteral("hpa")).toString() == QLatin1String("max") ? sim::sched::HpaMode::Max
                                                                                           : sim::sched::HpaMode::Min;
    }
    return options;
}

sim::sched::ScheduleResult run(const QString &caseName, model::Document &document)
{
    const QString dir = casesDir() + QLatin1Char('/') + caseName;
    model::LoadResult loaded = model::loadPaths({dir + QStringLiteral("/input.yaml")});
    document.addObjects(std::move(loaded.objects));
    const sim::sched::Options options = optionsOf(dir);
    return sim::sched::schedule(document.snapshot(), options);
}

} // namespace

void tst_SchedGolden::scenarios_data()
{
    QTest::addColumn<QString>("caseName");
    const QStringList cases = QDir(casesDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(!cases.isEmpty());
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << name;
}

void tst_SchedGolden::scenarios()
{
    QFETCH(QString, caseName);
    const QString dir = casesDir() + QLatin1Char('/') + caseName;
    QVERIFY2(QFileInfo::exists(dir + QStringLiteral("/README.md")), "each case names the doc it follows");
    model::Document document;
    const QJsonDocument actual(sim::sched::toJson(run(caseName, document)));
    const QString expectedPath = dir + QStringLiteral("/expected.json");
    if (qEnvironmentVariableIsSet("KSTUDIO_UPDATE_GOLDEN")) {
        QFile file(expectedPath);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(actual.toJson(QJsonDocument::Indented));
        return;
    }
    const QJsonDocument expected = QJsonDocument::fromJson(test::readAll(expectedPath));
    QVERIFY2(!expected.isNull(), qPrintable(expectedPath));
    if (actual != expected) {
        const QString actualPath = QStringLiteral(KS_BUILD_DIR "/tests/sched-") + caseName + QStringLiteral("-actual.json");
        QFile file(actualPath);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(actual.toJson(QJsonDocument::Indented));
        QCOMPARE(QString::fromUtf8(actual.toJson(QJsonDocument::Indented)),
                 QString::fromUtf8(expected.toJson(QJsonDocument::Indented)));
    }
}

void tst_SchedGolden::exactUnschedulableMessages_data()
{
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<QString>("pod");
    QTest::addColumn<QString>("message");
    // kube-scheduler v1.33 FitError.Error() with DefaultPreemption's PostFilter message.
    QTest::newRow("taint-untolerated")
        << "taint-untolerated" << "default/web-1"
        << "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {dedicated: gpu}. "
           "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, "
           "2 Preemption is not helpful for scheduling.";
    QTest::newRow("node-selector")
        << "node-selector" << "default/nvme-only"
        << "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node "
           "affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    QTest::newRow("resource-fit")
        << "resource-fit" << "default/huge"
        << "0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are "
           "available: 2 No preemption victims found for incoming pod.";
    QTest::newRow("daemonset")
        << "daemonset" << "kube-system/agent-n1"
        << "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. "
           "preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption "
           "is not helpful for scheduling.";
    QTest::newRow("topology-spread-min-domains")
        << "topology-spread-min-domains" << "default/web-2"
        << "0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required "
           "label), 2 node(s) didn't match pod topology spread constraints. preemption: 0/3 nodes are available: "
           "1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";
    // topology-spread-constraints.md "Example: conflicting topology spread constraints".
    QTest::newRow("topology-spread-conflicting")
        << "topology-spread-conflicting" << "default/mypod"
        << "0/3 nodes are available: 3 node(s) didn't match pod topology spread constraints. preemption: 0/3 nodes are "
           "available: 3 No preemption victims found for incoming pod.";
    QTest::newRow("no-nodes(schedule_one.go ErrNoNodesAvailable)")
        << "no-nodes" << "default/web-0" << "no nodes available to schedule pods";
    // plugins/interpodaffinity/filtering.go: each of the three reasons.
    QTest::newRow("interpodaffinity-anti(filtering.go ErrReasonAntiAffinityRulesNotMatch)")
        << "inter-pod-affinity" << "default/web-server-3"
        << "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are "
           "available: 3 No preemption victims found for incoming pod.";
    QTest::newRow("interpodaffinity-existing(filtering.go ErrReasonExistingAntiAffinityRulesNotMatch)")
        << "inter-pod-affinity-existing-anti" << "default/batch-pinned"
        << "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) didn't satisfy "
           "existing pods anti-affinity rules. preemption: 0/2 nodes are available: 1 No preemption victims found for "
           "incoming pod, 1 Preemption is not helpful for scheduling.";
    QTest::newRow("interpodaffinity-affinity(filtering.go ErrReasonAffinityRulesNotMatch)")
        << "inter-pod-affinity-namespaces" << "app/lonely"
        << "0/3 nodes are available: 3 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: "
           "3 Preemption is not helpful for scheduling.";
    QTest::newRow("preemption-no-lower-priority(default_preemption.go SelectVictimsOnNode)")
        << "preemption" << "default/equal"
        << "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims "
           "found for incoming pod.";
    QTest::newRow("limitrange-default-request(limitranger/admission.go)")
        << "limit-range-defaults" << "limited/app-2"
        << "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims "
           "found for incoming pod.";
    QTest::newRow("preemption-policy-never")
        << "priority-order" << "default/batch"
        << "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.";
}

void tst_SchedGolden::exactUnschedulableMessages()
{
    QFETCH(QString, caseName);
    QFETCH(QString, pod);
    QFETCH(QString, message);
    model::Document document;
    const sim::sched::ScheduleResult result = run(caseName, document);
    for (const sim::sched::Placement &placement : result.placements) {
        if (placement.qualifiedName() != pod)
            continue;
        QVERIFY(!placement.node);
        QCOMPARE(placement.reason, message);
        return;
    }
    QFAIL("pod not found");
}

void tst_SchedGolden::deterministic()
{
    const QStringList cases = QDir(casesDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : cases) {
        model::Document first;
        model::Document second;
        QCOMPARE(QJsonDocument(sim::sched::toJson(run(name, first))).toJson(),
                 QJsonDocument(sim::sched::toJson(run(name, second))).toJson());
    }
}

void tst_SchedGolden::preemptionVictims_data()
{
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<QString>("pod");
    QTest::addColumn<QString>("node");
    QTest::addColumn<QStringList>("victims");
    // preemption.go pickOneNodeForPreemption: the lowest highest-priority victim; reprieve keeps
    // low-100 and low-200 (default_preemption.go SelectVictimsOnNode).
    QTest::newRow("minimal-victims") << "preemption" << "default/urgent" << "node-1" << QStringList{QStringLiteral("default/low-0")};
    // Fewest PDB violations first; then, with no other node, the PDB is violated (best effort).
    QTest::newRow("pdb-avoided") << "preemption-pdb" << "default/critical" << "node-2" << QStringList{QStringLiteral("default/plain-0")};
    QTest::newRow("pdb-best-effort") << "preemption-pdb" << "default/critical-2" << "node-1"
                                     << QStringList{QStringLiteral("default/protected-0")};
    // Must not fire: a placed pod that preempted nobody.
    QTest::newRow("no-preemption") << "inter-pod-affinity" << "default/web-server-0" << "node-1" << QStringList{};
}

void tst_SchedGolden::preemptionVictims()
{
    QFETCH(QString, caseName);
    QFETCH(QString, pod);
    QFETCH(QString, node);
    QFETCH(QStringList, victims);
    model::Document document;
    const sim::sched::ScheduleResult result = run(caseName, document);
    for (const sim::sched::Placement &placement : result.placements) {
        if (placement.qualifiedName() != pod)
            continue;
        QCOMPARE(placement.node.value_or(QString()), node);
        QCOMPARE(placement.preempted, victims);
        return;
    }
    QFAIL("pod not found");
}

// PodTopologySpread and InterPodAffinity count through the cluster's pod index and filter by
// node position; without the index they walk every pod. Both must give the same answers.
void tst_SchedGolden::indexedAndPlainCountingAgree()
{
    const QStringList cases = QDir(casesDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : cases) {
        const QString dir = casesDir() + QLatin1Char('/') + name;
        model::Document document;
        const QJsonDocument indexed(sim::sched::toJson(run(name, document)));
        const sim::sched::Options options = optionsOf(dir);
        sim::sched::Cluster cluster = options.scale
                                          ? sim::sched::buildCluster(document.snapshot(), options.hpa, *options.scale, nullptr)
                                          : sim::sched::buildCluster(document.snapshot(), options.hpa);
        for (sim::sched::NodeInfo &node : cluster.nodes)
            node.index = nullptr;
        const QJsonDocument plain(sim::sched::toJson(sim::sched::schedule(cluster, options)));
        QVERIFY2(indexed == plain, qPrintable(name));
    }
}

// The framework keeps NodeResourcesFit's and BalancedAllocation's raw scores per pod spec and
// recomputes only the nodes that changed; without a PodIndex it recomputes every node. Both
// must place a few hundred pods of shared specs (varied requests, best-effort pods, uneven
// nodes, preemption by a high-priority Deployment) identically, scores included.
void tst_SchedGolden::cachedScoresAgreeOnAGeneratedCluster()
{
    QString yaml = QStringLiteral("apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\n");
    for (int i = 0; i < 24; ++i)
        yaml += QStringLiteral("---\napiVersion: v1\nkind: Node\nmetadata: {name: n-%1, labels: {kubernetes.io/hostname: n-%1, "
                               "topology.kubernetes.io/zone: z-%2}}\nstatus: {allocatable: {cpu: \"%3\", memory: %4Gi, pods: \"40\"}}\n")
                    .arg(i)
                    .arg(i % 3)
                    .arg(2 + i % 4)
                    .arg(4 + (i % 5) * 2);
    for (int d = 0; d < 12; ++d) {
        const QString requests = d % 4 == 3 ? QStringLiteral("{}")
                                            : QStringLiteral("{requests: {cpu: %1m, memory: %2Mi}}").arg(100 + d * 70).arg(64 + d * 150);
        yaml += QStringLiteral("---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d-%1}\nspec:\n  replicas: %2\n"
                               "  selector: {matchLabels: {app: d-%1}}\n  template:\n    metadata: {labels: {app: d-%1}}\n"
                               "    spec:\n%3      containers: [{name: c, image: c, resources: %4}]\n")
                    .arg(d)
                    .arg(20 + d * 3)
                    .arg(d == 11 ? QStringLiteral("      priorityClassName: high\n") : QString())
                    .arg(requests);
    }
    model::LoadResult loaded;
    model::readManifests(yaml.toStdString(), QStringLiteral("generated.yaml"), loaded);
    QVERIFY(loaded.objects.size() > 30);
    model::Document document;
    document.addObjects(std::move(loaded.objects));
    const sim::sched::ScheduleResult cachedResult = sim::sched::schedule(document.snapshot());
    QVERIFY(cachedResult.pending() > 0); // the cluster is full: preemption and Pending pods occur
    sim::sched::Cluster cluster = sim::sched::buildCluster(document.snapshot());
    for (sim::sched::NodeInfo &node : cluster.nodes)
        node.index = nullptr;
    const QJsonDocument plain(sim::sched::toJson(sim::sched::schedule(cluster)));
    QCOMPARE(QString::fromUtf8(QJsonDocument(sim::sched::toJson(cachedResult)).toJson()), QString::fromUtf8(plain.toJson()));
}

// The incremental mode (Framework's equivalence cache of node-local verdicts and scores,
// PodTopologySpread's counts caught up from PodIndex::changed) must give what evaluating every
// plugin on every node for every pod gives (Options::incremental = false): placements, feasible
// nodes, every node's total score, messages, preemption victims and what-if reports.
void tst_SchedGolden::incrementalAgreesWithFromScratchOnScenarios_data()
{
    scenarios_data();
}

void tst_SchedGolden::incrementalAgreesWithFromScratchOnScenarios()
{
    QFETCH(QString, caseName);
    const QString dir = casesDir() + QLatin1Char('/') + caseName;
    model::LoadResult loaded = model::loadPaths({dir + QStringLiteral("/input.yaml")});
    model::Document document;
    document.addObjects(std::move(loaded.objects));
    sim::sched::Options options = optionsOf(dir);
    const QJsonDocument incremental(sim::sched::toJson(sim::sched::schedule(document.snapshot(), options)));
    options.incremental = false;
    const QJsonDocument scratch(sim::sched::toJson(sim::sched::schedule(document.snapshot(), options)));
    QCOMPARE(QString::fromUtf8(incremental.toJson()), QString::fromUtf8(scratch.toJson()));
}

namespace {

// A random cluster with every kind of constraint the plugins read: zones and racks (some nodes
// without a zone label), taints (NoSchedule, PreferNoSchedule) and a cordoned node, uneven
// allocatable; Deployments with and without requests, nodeSelector, required and preferred
// node affinity, tolerations, hostPorts, topology spread (DoNotSchedule and ScheduleAnyway,
// minDomains, matchLabelKeys, nodeTaintsPolicy Honor), required and preferred pod (anti-)
// affinity, priorities (so that preemption happens) with PDBs, and Services (default spreading).
// More pods than fit, so that some stay Pending.
QString generatedCluster(unsigned seed)
{
    std::mt19937 random(seed);
    const auto pick = [&random](int n) { return int(random() % unsigned(n)); };
    QString yaml = QStringLiteral("apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\n"
                                  "---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: low}\nvalue: -10\n");
    const int nodes = 12 + pick(14);
    for (int i = 0; i < nodes; ++i) {
        QString labels = QStringLiteral("kubernetes.io/hostname: n-%1, rack: r-%2, disk: %3").arg(i).arg(i % 4).arg(i % 3 ? QStringLiteral("ssd") : QStringLiteral("hdd"));
        if (pick(8) != 0)
            labels += QStringLiteral(", topology.kubernetes.io/zone: z-%1").arg(i % 3);
        QString spec;
        if (pick(7) == 0)
            spec += QStringLiteral("  taints: [{key: dedicated, value: gpu, effect: NoSchedule}]\n");
        else if (pick(6) == 0)
            spec += QStringLiteral("  taints: [{key: spot, effect: PreferNoSchedule}]\n");
        if (pick(15) == 0)
            spec += QStringLiteral("  unschedulable: true\n");
        yaml += QStringLiteral("---\napiVersion: v1\nkind: Node\nmetadata: {name: n-%1, labels: {%2}}\n%3"
                               "status: {allocatable: {cpu: \"%4\", memory: %5Gi, pods: \"%6\"}}\n")
                    .arg(i)
                    .arg(labels)
                    .arg(spec.isEmpty() ? QString() : QStringLiteral("spec:\n") + spec)
                    .arg(2 + pick(4))
                    .arg(4 + pick(6) * 2)
                    .arg(8 + pick(30));
    }
    const int deployments = 10 + pick(10);
    for (int d = 0; d < deployments; ++d) {
        const QString name = QStringLiteral("d-%1").arg(d);
        const QString ns = QStringLiteral("ns-%1").arg(d % 3);
        QString spec;
        const int priority = pick(6);
        if (priority == 0)
            spec += QStringLiteral("      priorityClassName: high\n");
        else if (priority == 1)
            spec += QStringLiteral("      priorityClassName: low\n");
        if (pick(6) == 0)
            spec += QStringLiteral("      nodeSelector: {disk: ssd}\n");
        if (pick(5) == 0)
            spec += QStringLiteral("      tolerations: [{key: dedicated, operator: Exists}]\n");
        QString affinity;
        QString nodeAffinity;
        if (pick(6) == 0)
            nodeAffinity += QStringLiteral("          requiredDuringSchedulingIgnoredDuringExecution:\n"
                                           "            nodeSelectorTerms: [{matchExpressions: [{key: rack, operator: NotIn, values: [r-3]}]}]\n");
        if (pick(4) == 0)
            nodeAffinity += QStringLiteral("          preferredDuringSchedulingIgnoredDuringExecution:\n"
                                           "          - {weight: %1, preference: {matchExpressions: [{key: rack, operator: In, values: [r-%2]}]}}\n")
                                .arg(1 + pick(100))
                                .arg(pick(4));
        if (!nodeAffinity.isEmpty())
            affinity += QStringLiteral("        nodeAffinity:\n") + nodeAffinity;
        const int pod = pick(8);
        if (pod == 0)
            affinity += QStringLiteral("        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n"
                                       "          - {labelSelector: {matchLabels: {app: %1}}, topologyKey: kubernetes.io/hostname}\n")
                            .arg(name);
        else if (pod == 1)
            affinity += QStringLiteral("        podAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n"
                                       "          - {labelSelector: {matchLabels: {app: d-%1}}, topologyKey: topology.kubernetes.io/zone}\n")
                            .arg(pick(d + 1));
        else if (pod == 2)
            affinity += QStringLiteral("        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n"
                                       "          - weight: %1\n            podAffinityTerm: {labelSelector: {matchLabels: {tier: t%2}}, "
                                       "topologyKey: rack, namespaceSelector: {}}\n")
                            .arg(1 + pick(100))
                            .arg(pick(3));
        else if (pod == 3)
            affinity += QStringLiteral("        podAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n"
                                       "          - weight: %1\n            podAffinityTerm: {labelSelector: {matchLabels: {tier: t%2}}, "
                                       "topologyKey: kubernetes.io/hostname}\n")
                            .arg(1 + pick(100))
                            .arg(pick(3));
        if (!affinity.isEmpty())
            spec += QStringLiteral("      affinity:\n") + affinity;
        const int spread = pick(6);
        if (spread == 0)
            spec += QStringLiteral("      topologySpreadConstraints:\n"
                                   "      - {maxSkew: %1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, "
                                   "labelSelector: {matchLabels: {app: %2}}, minDomains: %3}\n"
                                   "      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, "
                                   "labelSelector: {matchLabels: {app: %2}}}\n")
                        .arg(1 + pick(2))
                        .arg(name)
                        .arg(1 + pick(4));
        else if (spread == 1)
            spec += QStringLiteral("      topologySpreadConstraints:\n"
                                   "      - {maxSkew: 2, topologyKey: rack, whenUnsatisfiable: ScheduleAnyway, "
                                   "labelSelector: {matchLabels: {tier: t%1}}, matchLabelKeys: [app], nodeTaintsPolicy: Honor}\n")
                        .arg(d % 3);
        else if (spread == 2)
            spec += QStringLiteral("      topologySpreadConstraints:\n"
                                   "      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, "
                                   "labelSelector: {matchLabels: {app: %1}}}\n")
                        .arg(name);
        QString ports;
        if (pick(10) == 0)
            ports = QStringLiteral(", ports: [{containerPort: 80, hostPort: 8080}]");
        const QString requests = pick(5) == 0 ? QStringLiteral("{}")
                                              : QStringLiteral("{requests: {cpu: %1m, memory: %2Mi}}")
                                                    .arg(100 + pick(10) * 90)
                                                    .arg(64 + pick(10) * 200);
        yaml += QStringLiteral("---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: %1, namespace: %2}\nspec:\n"
                               "  replicas: %3\n  selector: {matchLabels: {app: %1}}\n  template:\n"
                               "    metadata: {labels: {app: %1, tier: t%4}}\n    spec:\n%5"
                               "      containers: [{name: c, image: c, resources: %6%7}]\n")
                    .arg(name, ns)
                    .arg(3 + pick(12))
                    .arg(d % 3)
                    .arg(spec, requests, ports);
        if (pick(3) == 0)
            yaml += QStringLiteral("---\napiVersion: v1\nkind: Service\nmetadata: {name: %1, namespace: %2}\n"
                                   "spec: {selector: {app: %1}, ports: [{port: 80}]}\n")
                        .arg(name, ns);
        if (pick(4) == 0)
            yaml += QStringLiteral("---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: %1, namespace: %2}\n"
                                   "spec: {minAvailable: %3, selector: {matchLabels: {app: %1}}}\n")
                        .arg(name, ns)
                        .arg(1 + pick(3));
    }
    return yaml;
}

} // namespace

void tst_SchedGolden::incrementalAgreesWithFromScratchOnGeneratedClusters_data()
{
    QTest::addColumn<unsigned>("seed");
    QTest::addColumn<QString>("whatIf");
    const QStringList whatIfs = {QString(), QStringLiteral("drain"), QStringLiteral("failZone"), QStringLiteral("failNode"),
                                 QStringLiteral("cordon"), QStringLiteral("scale")};
    for (unsigned seed = 1; seed <= 24; ++seed) {
        const QString whatIf = whatIfs[int(seed % unsigned(whatIfs.size()))];
        QTest::newRow(qPrintable(QStringLiteral("seed %1 %2").arg(seed).arg(whatIf))) << seed << whatIf;
    }
}

void tst_SchedGolden::incrementalAgreesWithFromScratchOnGeneratedClusters()
{
    QFETCH(unsigned, seed);
    QFETCH(QString, whatIf);
    model::LoadResult loaded;
    model::readManifests(generatedCluster(seed).toStdString(), QStringLiteral("generated.yaml"), loaded);
    QVERIFY(loaded.objects.size() > 20);
    model::Document document;
    document.addObjects(std::move(loaded.objects));
    sim::sched::Options options;
    if (whatIf == QLatin1String("drain"))
        options.drainNode = QStringLiteral("n-3");
    else if (whatIf == QLatin1String("failZone"))
        options.failZone = QStringLiteral("z-1");
    else if (whatIf == QLatin1String("failNode"))
        options.failNode = QStringLiteral("n-2");
    else if (whatIf == QLatin1String("cordon"))
        options.cordonNode = QStringLiteral("n-1");
    else if (whatIf == QLatin1String("scale"))
        options.scale = sim::sched::Scale{QStringLiteral("ns-1/d-1"), seed % 12 < 6 ? 30 : 1};
    const sim::sched::ScheduleResult incremental = sim::sched::schedule(document.snapshot(), options);
    options.incremental = false;
    const sim::sched::ScheduleResult scratch = sim::sched::schedule(document.snapshot(), options);
    // The fixtures exercise what they claim: pods placed and pods Pending.
    QVERIFY(incremental.pending() < int(incremental.placements.size()));
    QCOMPARE(QString::fromUtf8(QJsonDocument(sim::sched::toJson(incremental)).toJson()),
             QString::fromUtf8(QJsonDocument(sim::sched::toJson(scratch)).toJson()));
    // With a trace every cycle takes the node-by-node path (--explain's: each plugin's filter()
    // and score() per node) instead of the batched filterNodes/scoreNodes: the same answers.
    sim::sched::ScheduleTrace trace;
    options.trace = &trace;
    const sim::sched::ScheduleResult nodeByNode = sim::sched::schedule(document.snapshot(), options);
    QCOMPARE(QString::fromUtf8(QJsonDocument(sim::sched::toJson(nodeByNode)).toJson()),
             QString::fromUtf8(QJsonDocument(sim::sched::toJson(scratch)).toJson()));
}

QTEST_GUILESS_MAIN(tst_SchedGolden)
#include "tst_sched_golden.moc"
