// SPDX-License-Identifier: GPL-3.0-or-later
// Scheduler plugins one at a time, as upstream's table tests do (pkg/scheduler/framework/plugins/
// */..._test.go at v1.33): a node and a pod written as YAML, the plugin's verdict or score.
// The rows concatenate QByteArrays; QTest's columns need QByteArray, not a QStringBuilder.
#undef QT_USE_QSTRINGBUILDER

#include <model/core/document.h>
#include <model/io/manifest_reader.h>
#include <sim/sched/framework.h>
#include <sim/sched/plugins/plugins.h>
#include <sim/sched/reasons.h>

#include <QtTest>

using namespace kstudio;
using namespace kstudio::sim::sched;

namespace {

// A one-node cluster with pods, built from YAML the way `kstudio schedule` builds it.
struct Fixture
{
    model::Document document;
    Cluster cluster;

    explicit Fixture(const QByteArray &yaml)
    {
        model::LoadResult loaded;
        model::readManifests(yaml.toStdString(), QStringLiteral("test.yaml"), loaded);
        document.addObjects(std::move(loaded.objects));
        cluster = buildCluster(document.snapshot());
        // Pods bound with spec.nodeName are on their node, as schedule() places them.
        for (const PodInfo &p : cluster.pods) {
            if (p.spec->nodeName == cluster.nodes.front().name)
                cluster.nodes.front().addPod(p);
        }
    }
    const PodInfo &pod(const QString &name) const
    {
        for (const PodInfo &p : cluster.pods) {
            if (p.name == name)
                return p;
        }
        qFatal("no pod");
    }
};

QByteArray node(const QByteArray &spec = {}, const QByteArray &labels = "{}",
                const QByteArray &allocatable = "{cpu: '4', memory: 8Gi, pods: '110'}")
{
    return "apiVersion: v1\nkind: Node\nmetadata: {name: n1, labels: " + labels + "}\nspec: {" + spec
           + "}\nstatus: {allocatable: " + allocatable + "}\n---\n";
}

QByteArray pod(const QByteArray &name, const QByteArray &spec)
{
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + "}\nspec:\n" + spec + "\n---\n";
}

const QByteArray container = "  containers: [{name: c, image: i}]\n";

Status filterWith(std::unique_ptr<Plugin> plugin, const Fixture &fixture, const PodInfo &p)
{
    CycleState state;
    PreFilterResult result;
    const Status pre = plugin->preFilter(state, p, result);
    if (pre.isSkip())
        return {};
    if (!pre.isSuccess())
        return pre;
    return plugin->filter(state, p, fixture.cluster.nodes.front());
}

QString verdict(const Status &status)
{
    if (status.isSuccess())
        return QStringLiteral("pass");
    return (status.code() == Code::Unschedulable ? QStringLiteral("Unschedulable: ")
                                                 : QStringLiteral("UnschedulableAndUnresolvable: "))
           + status.message();
}

using Factory = std::unique_ptr<Plugin> (*)();

} // namespace

Q_DECLARE_METATYPE(Factory)

class tst_SchedPlugins : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filter_data();
    void filter();
    void requests_data();
    void requests();
    void scores_data();
    void scores();
    void fitErrorHistogramIsSortedAsStrings();
    void profileIsUpstreamOrder();
};

void tst_SchedPlugins::filter_data()
{
    QTest::addColumn<Factory>("factory");
    QTest::addColumn<QByteArray>("nodeYaml");
    QTest::addColumn<QByteArray>("podSpec");
    QTest::addColumn<QString>("expected");

    const QString unresolvable = QStringLiteral("UnschedulableAndUnresolvable: ");
    // https://kubernetes.io/docs/concepts/architecture/nodes/#manual-node-administration (cordon)
    QTest::newRow("unschedulable-node") << Factory(plugins::makeNodeUnschedulable) << node("unschedulable: true")
                                        << container << unresolvable + QString(reasons::nodeUnschedulable);
    QTest::newRow("unschedulable-node-tolerated")
        << Factory(plugins::makeNodeUnschedulable) << node("unschedulable: true")
        << container + "  tolerations: [{key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoSchedule}]"
        << QStringLiteral("pass");
    QTest::newRow("node-name-other") << Factory(plugins::makeNodeName) << node() << container + "  nodeName: n2"
                                     << unresolvable + QString(reasons::nodeName);
    // https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
    const QByteArray gpuTaint = "taints: [{key: dedicated, value: gpu, effect: NoSchedule}]";
    QTest::newRow("taint-untolerated") << Factory(plugins::makeTaintToleration) << node(gpuTaint) << container
                                       << unresolvable + QStringLiteral("node(s) had untolerated taint {dedicated: gpu}");
    QTest::newRow("taint-tolerated-equal")
        << Factory(plugins::makeTaintToleration) << node(gpuTaint)
        << container + "  tolerations: [{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}]"
        << QStringLiteral("pass");
    QTest::newRow("taint-tolerated-exists-any-key")
        << Factory(plugins::makeTaintToleration) << node(gpuTaint) << container + "  tolerations: [{operator: Exists}]"
        << QStringLiteral("pass");
    QTest::newRow("taint-other-value") << Factory(plugins::makeTaintToleration) << node(gpuTaint)
                                       << container + "  tolerations: [{key: dedicated, value: cpu}]"
                                       << unresolvable + QStringLiteral("node(s) had untolerated taint {dedicated: gpu}");
    QTest::newRow("taint-other-effect") << Factory(plugins::makeTaintToleration) << node(gpuTaint)
                                        << container + "  tolerations: [{key: dedicated, operator: Exists, effect: NoExecute}]"
                                        << unresolvable + QStringLiteral("node(s) had untolerated taint {dedicated: gpu}");
    QTest::newRow("taint-no-execute") << Factory(plugins::makeTaintToleration)
                                      << node("taints: [{key: k, effect: NoExecute}]") << container
                                      << unresolvable + QStringLiteral("node(s) had untolerated taint {k: }");
    QTest::newRow("taint-prefer-no-schedule-passes")
        << Factory(plugins::makeTaintToleration) << node("taints: [{key: k, value: v, effect: PreferNoSchedule}]")
        << container << QStringLiteral("pass");
    // https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/
    const QByteArray labels = "{disktype: ssd, cores: '8', topology.kubernetes.io/zone: a}";
    QTest::newRow("node-selector-match") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                         << container + "  nodeSelector: {disktype: ssd}" << QStringLiteral("pass");
    QTest::newRow("node-selector-mismatch") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                            << container + "  nodeSelector: {disktype: hdd}"
                                            << unresolvable + QString(reasons::nodeAffinity);
    const auto required = [](const QByteArray &terms) -> QByteArray {
        return container + "  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
               + terms + "}}}";
    };
    const QString affinityFails = unresolvable + QString(reasons::nodeAffinity);
    const QString pass = QStringLiteral("pass");
    QTest::newRow("affinity-in") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                 << required("[{matchExpressions: [{key: disktype, operator: In, values: [ssd, nvme]}]}]") << pass;
    QTest::newRow("affinity-not-in") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                     << required("[{matchExpressions: [{key: disktype, operator: NotIn, values: [ssd]}]}]")
                                     << affinityFails;
    QTest::newRow("affinity-not-in-absent-key") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                                << required("[{matchExpressions: [{key: gpu, operator: NotIn, values: [x]}]}]") << pass;
    QTest::newRow("affinity-exists") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                     << required("[{matchExpressions: [{key: disktype, operator: Exists}]}]") << pass;
    QTest::newRow("affinity-does-not-exist") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                             << required("[{matchExpressions: [{key: disktype, operator: DoesNotExist}]}]")
                                             << affinityFails;
    QTest::newRow("affinity-gt") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                 << required("[{matchExpressions: [{key: cores, operator: Gt, values: ['4']}]}]") << pass;
    QTest::newRow("affinity-lt") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                 << required("[{matchExpressions: [{key: cores, operator: Lt, values: ['8']}]}]") << affinityFails;
    QTest::newRow("affinity-gt-not-a-number") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                              << required("[{matchExpressions: [{key: disktype, operator: Gt, values: ['1']}]}]")
                                              << affinityFails;
    QTest::newRow("affinity-terms-ored") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                         << required("[{matchExpressions: [{key: a, operator: Exists}]}, "
                                                     "{matchExpressions: [{key: disktype, operator: Exists}]}]")
                                         << pass;
    QTest::newRow("affinity-expressions-anded") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                                << required("[{matchExpressions: [{key: a, operator: Exists}, "
                                                            "{key: disktype, operator: Exists}]}]")
                                                << affinityFails;
    QTest::newRow("affinity-empty-term-matches-nothing") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                                         << required("[{}]") << affinityFails;
    QTest::newRow("affinity-match-fields-name") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                                << required("[{matchFields: [{key: metadata.name, operator: In, values: [n1]}]}]")
                                                << pass;
    QTest::newRow("affinity-match-fields-not-in") << Factory(plugins::makeNodeAffinity) << node({}, labels)
                                                  << required("[{matchFields: [{key: metadata.name, operator: NotIn, values: [n1]}]}]")
                                                  << affinityFails;
    QTest::newRow("affinity-match-fields-conflict")
        << Factory(plugins::makeNodeAffinity) << node({}, labels)
        << required("[{matchFields: [{key: metadata.name, operator: In, values: [n1]}, "
                    "{key: metadata.name, operator: In, values: [n2]}]}]")
        << unresolvable + QString(reasons::nodeAffinityConflict);
    // https://kubernetes.io/docs/concepts/configuration/overview/ (hostPort)
    QTest::newRow("host-port-free") << Factory(plugins::makeNodePorts) << node()
                                    << QByteArray("  containers: [{name: c, image: i, ports: [{containerPort: 80, hostPort: 8080}]}]")
                                    << pass;
    const QByteArray bound = pod("q", "  nodeName: n1\n  containers: [{name: c, image: i, ports: [{containerPort: 80, hostPort: 8080}]}]");
    const auto wants = [](const QByteArray &port) {
        return QByteArray("  containers: [{name: c, image: i, ports: [") + port + "]}]";
    };
    const QString portsTaken = QStringLiteral("Unschedulable: ") + QString(reasons::nodePorts);
    QTest::newRow("host-port-taken") << Factory(plugins::makeNodePorts) << node() + bound
                                     << wants("{containerPort: 80, hostPort: 8080}") << portsTaken;
    QTest::newRow("host-port-taken-specific-ip") << Factory(plugins::makeNodePorts) << node() + bound
                                                 << wants("{containerPort: 80, hostPort: 8080, hostIP: 10.0.0.1}") << portsTaken;
    QTest::newRow("host-port-other-protocol") << Factory(plugins::makeNodePorts) << node() + bound
                                              << wants("{containerPort: 80, hostPort: 8080, protocol: UDP}") << pass;
    // https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
    const QByteArray big = "  containers: [{name: c, image: i, resources: {requests: {cpu: '5', memory: 9Gi, example.com/foo: '1'}}}]";
    QTest::newRow("fit-insufficient-all") << Factory(plugins::makeNodeResourcesFit) << node() << big
                                          << QStringLiteral("Unschedulable: Insufficient cpu, Insufficient memory, Insufficient example.com/foo");
    QTest::newRow("fit-extended-resource")
        << Factory(plugins::makeNodeResourcesFit) << node({}, "{}", "{cpu: '4', memory: 8Gi, pods: '110', example.com/foo: '2'}")
        << QByteArray("  containers: [{name: c, image: i, resources: {requests: {example.com/foo: '2'}}}]") << pass;
    QTest::newRow("fit-too-many-pods") << Factory(plugins::makeNodeResourcesFit)
                                       << node({}, "{}", "{cpu: '4', memory: 8Gi, pods: '1'}") + bound << container
                                       << QStringLiteral("Unschedulable: Too many pods");
    QTest::newRow("fit-cpu-used-by-bound-pod")
        << Factory(plugins::makeNodeResourcesFit) << node() + pod("q", "  nodeName: n1\n  containers: [{name: c, resources: {requests: {cpu: '3'}}}]")
        << QByteArray("  containers: [{name: c, image: i, resources: {requests: {cpu: 1001m}}}]")
        << QStringLiteral("Unschedulable: Insufficient cpu");
}

void tst_SchedPlugins::filter()
{
    QFETCH(Factory, factory);
    QFETCH(QByteArray, nodeYaml);
    QFETCH(QByteArray, podSpec);
    QFETCH(QString, expected);
    const Fixture fixture(nodeYaml + pod("p", podSpec));
    QCOMPARE(verdict(filterWith(factory(), fixture, fixture.pod(QStringLiteral("p")))), expected);
}

void tst_SchedPlugins::requests_data()
{
    QTest::addColumn<QByteArray>("podSpec");
    QTest::addColumn<qint64>("milliCpu");
    QTest::addColumn<qint64>("memory");
    QTest::addColumn<qint64>("nonZeroMilliCpu");

    // https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers
    QTest::newRow("containers-summed") << QByteArray("  containers: [{name: a, resources: {requests: {cpu: 500m, memory: 1Gi}}}, "
                                                     "{name: b, resources: {requests: {cpu: 250m}}}]")
                                       << qint64(750) << qint64(1) * 1024 * 1024 * 1024 << qint64(750);
    QTest::newRow("init-container-max") << QByteArray("  initContainers: [{name: i, resources: {requests: {cpu: '2'}}}]\n"
                                                      "  containers: [{name: a, resources: {requests: {cpu: 500m}}}]")
                                        << qint64(2000) << qint64(0) << qint64(2000);
    // https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/#resource-sharing-within-containers
    QTest::newRow("sidecar-added") << QByteArray("  initContainers: [{name: s, restartPolicy: Always, resources: {requests: {cpu: 300m}}}, "
                                                 "{name: i, resources: {requests: {cpu: 600m}}}]\n"
                                                 "  containers: [{name: a, resources: {requests: {cpu: 500m}}}]")
                                   << qint64(900) << qint64(0) << qint64(900);
    QTest::newRow("sidecar-before-big-init") << QByteArray("  initContainers: [{name: s, restartPolicy: Always, resources: {requests: {cpu: 300m}}}, "
                                                           "{name: i, resources: {requests: {cpu: '1'}}}]\n"
                                                           "  containers: [{name: a, resources: {requests: {cpu: 100m}}}]")
                                             << qint64(1300) << qint64(0) << qint64(1300);
    // https://kubernetes.io/docs/concepts/scheduling-eviction/pod-overhead/
    QTest::newRow("overhead-added") << QByteArray("  overhead: {cpu: 250m, memory: 120Mi}\n"
                                                  "  containers: [{name: a, resources: {requests: {cpu: 500m, memory: 100Mi}}}]")
                                    << qint64(750) << qint64(220) * 1024 * 1024 << qint64(750);
    QTest::newRow("best-effort-scored-as-defaults") << QByteArray("  containers: [{name: a}]") << qint64(0) << qint64(0)
                                                    << qint64(100);
}

void tst_SchedPlugins::requests()
{
    QFETCH(QByteArray, podSpec);
    QFETCH(qint64, milliCpu);
    QFETCH(qint64, memory);
    QFETCH(qint64, nonZeroMilliCpu);
    const Fixture fixture(node() + pod("p", podSpec));
    const PodInfo &p = fixture.pod(QStringLiteral("p"));
    QCOMPARE(p.spec->requests.milliCpu, milliCpu);
    QCOMPARE(p.spec->requests.memory, memory);
    QCOMPARE(p.spec->nonZeroRequests.milliCpu, nonZeroMilliCpu);
}

void tst_SchedPlugins::scores_data()
{
    QTest::addColumn<Factory>("factory");
    QTest::addColumn<QByteArray>("nodeYaml");
    QTest::addColumn<QByteArray>("podSpec");
    QTest::addColumn<qint64>("expected");

    const QByteArray half = "  containers: [{name: a, resources: {requests: {cpu: '2', memory: 2Gi}}}]";
    // LeastAllocated: cpu (4-2)/4 -> 50, memory (8-2)/8 -> 75; mean 62.
    QTest::newRow("least-allocated") << Factory(plugins::makeNodeResourcesFit) << node() << half << qint64(62);
    // Balanced: fractions 0.5 and 0.25, std 0.125 -> 87.
    QTest::newRow("balanced-allocation") << Factory(plugins::makeNodeResourcesBalancedAllocation) << node() << half
                                         << qint64(87);
    QTest::newRow("prefer-no-schedule-counted")
        << Factory(plugins::makeTaintToleration)
        << node("taints: [{key: a, effect: PreferNoSchedule}, {key: b, effect: PreferNoSchedule}]") << container
        << qint64(2);
    QTest::newRow("prefer-no-schedule-tolerated")
        << Factory(plugins::makeTaintToleration)
        << node("taints: [{key: a, effect: PreferNoSchedule}, {key: b, effect: PreferNoSchedule}]")
        << container + "  tolerations: [{key: a, operator: Exists}]" << qint64(1);
    QTest::newRow("preferred-affinity-weights")
        << Factory(plugins::makeNodeAffinity) << node({}, "{zone: a, disk: ssd}")
        << container + "  affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: ["
                       "{weight: 1, preference: {matchExpressions: [{key: zone, operator: In, values: [a]}]}}, "
                       "{weight: 50, preference: {matchExpressions: [{key: disk, operator: In, values: [ssd]}]}}, "
                       "{weight: 7, preference: {matchExpressions: [{key: gpu, operator: Exists}]}}]}}"
        << qint64(51);
}

void tst_SchedPlugins::scores()
{
    QFETCH(Factory, factory);
    QFETCH(QByteArray, nodeYaml);
    QFETCH(QByteArray, podSpec);
    QFETCH(qint64, expected);
    const Fixture fixture(nodeYaml + pod("p", podSpec));
    const PodInfo &p = fixture.pod(QStringLiteral("p"));
    const std::unique_ptr<Plugin> plugin = factory();
    CycleState state;
    PreFilterResult result;
    plugin->preFilter(state, p, result);
    const NodeInfo *nodes[] = {&fixture.cluster.nodes.front()};
    QVERIFY(!plugin->preScore(state, p, nodes).isSkip());
    QCOMPARE(plugin->score(state, p, fixture.cluster.nodes.front()), expected);
}

void tst_SchedPlugins::fitErrorHistogramIsSortedAsStrings()
{
    // types.go FitError.Error: sort.Strings over "count reason".
    const Status cpu(Code::Unschedulable, QStringLiteral("Insufficient cpu"));
    const Status taint(Code::UnschedulableAndUnresolvable, QStringLiteral("node(s) had untolerated taint {a: b}"));
    std::vector<const Status *> statuses(10, &taint);
    statuses.push_back(&cpu);
    statuses.push_back(&cpu);
    QCOMPARE(fitErrorMessage(12, {}, statuses, Status(), QStringLiteral("preemption: x")),
             QStringLiteral("0/12 nodes are available: 10 node(s) had untolerated taint {a: b}, 2 Insufficient cpu. preemption: x"));
    QCOMPARE(fitErrorMessage(3, QStringLiteral("pod affinity terms conflict"), {}, Status(), {}),
             QStringLiteral("0/3 nodes are available: pod affinity terms conflict."));
}

void tst_SchedPlugins::profileIsUpstreamOrder()
{
    // default_plugins.go at v1.33, the rows this engine has so far.
    QStringList names;
    QList<int> weights;
    for (const ProfileEntry &entry : defaultProfile()) {
        names.append(QLatin1String(entry.name));
        weights.append(entry.weight);
        QCOMPARE(QLatin1String(entry.factory()->name()), QLatin1String(entry.name));
    }
    QCOMPARE(names.join(QLatin1Char(',')),
             QStringLiteral("NodeUnschedulable,NodeName,TaintToleration,NodeAffinity,NodePorts,NodeResourcesFit,"
                            "NodeResourcesBalancedAllocation"));
    QCOMPARE(weights, (QList<int>{0, 0, 3, 2, 0, 1, 1}));
}

QTEST_GUILESS_MAIN(tst_SchedPlugins)
#include "tst_sched_plugins.moc"
