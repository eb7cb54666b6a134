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
    state.setNodes(fixture.cluster.nodes);
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

// A node with hostname and (unless zone is empty) zone labels.
QByteArray zoneNode(const QByteArray &name, const QByteArray &zone, const QByteArray &spec = {})
{
    QByteArray labels = "{kubernetes.io/hostname: " + name;
    if (!zone.isEmpty())
        labels += ", topology.kubernetes.io/zone: " + zone;
    return "apiVersion: v1\nkind: Node\nmetadata: {name: " + name + ", labels: " + labels + "}}\nspec: {" + spec
           + "}\nstatus: {allocatable: {cpu: '4', memory: 8Gi, pods: '110'}}\n---\n";
}

// A pod already on node (spec.nodeName).
QByteArray boundPod(const QByteArray &name, const QByteArray &nodeName, const QByteArray &labels = "{foo: bar}",
                    const QByteArray &ns = "default")
{
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", namespace: " + ns + ", labels: " + labels
           + "}\nspec: {nodeName: " + nodeName + ", containers: [{name: c, image: i}]}\n---\n";
}

QByteArray labelledPod(const QByteArray &labels, const QByteArray &spec)
{
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: " + labels + "}\nspec:\n" + container + spec
           + "\n---\n";
}

// topology-spread-constraints.md, "Example: one TopologySpreadConstraint": zoneA holds node1 and
// node2, zoneB node3 and node4; three foo=bar pods run on node1, node2 and node3.
QByteArray fourNodes(const QByteArray &node4Spec = {})
{
    return zoneNode("node1", "zoneA") + zoneNode("node2", "zoneA") + zoneNode("node3", "zoneB")
           + zoneNode("node4", "zoneB", node4Spec) + boundPod("p1", "node1") + boundPod("p2", "node2")
           + boundPod("p3", "node3");
}

// A multi-node cluster with the pods bound by spec.nodeName placed on their nodes.
struct SpreadFixture
{
    model::Document document;
    Cluster cluster;
    const PodInfo *pod = nullptr;

    explicit SpreadFixture(const QByteArray &yaml)
    {
        model::LoadResult loaded;
        model::readManifests(yaml.toStdString(), QStringLiteral("test.yaml"), loaded);
        document.addObjects(std::move(loaded.objects));
        cluster = buildCluster(document.snapshot());
        for (const PodInfo &p : cluster.pods) {
            if (p.name == QLatin1String("p"))
                pod = &p;
            for (NodeInfo &n : cluster.nodes) {
                if (!p.spec->nodeName.isEmpty() && p.spec->nodeName == n.name)
                    n.addPod(p);
            }
        }
    }
};

QString shortVerdict(const Status &status)
{
    if (status.isSuccess())
        return QStringLiteral("pass");
    if (status.code() == Code::Unschedulable && status.message() == QString(reasons::topologySpread))
        return QStringLiteral("skew");
    if (status.code() == Code::UnschedulableAndUnresolvable
        && status.message() == QString(reasons::topologySpreadMissingLabel))
        return QStringLiteral("missing-label");
    return verdict(status);
}

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
    void topologySpreadFilter_data();
    void topologySpreadFilter();
    void topologySpreadScore_data();
    void topologySpreadScore();
    void topologySpreadDefaultSelector();
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
    state.setNodes(fixture.cluster.nodes);
    PreFilterResult result;
    plugin->preFilter(state, p, result);
    const NodeInfo *nodes[] = {&fixture.cluster.nodes.front()};
    QVERIFY(!plugin->preScore(state, p, nodes).isSkip());
    QCOMPARE(plugin->score(state, p, fixture.cluster.nodes.front()), expected);
}

void tst_SchedPlugins::topologySpreadFilter_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("expected"); // node: verdict, in node name order

    const QByteArray zoneSkew1 = "  topologySpreadConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, "
                                 "whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {foo: bar}}";
    const QByteArray close = "}]";
    // "Example: one TopologySpreadConstraint": zoneA would reach 3 against zoneB's 1.
    QTest::newRow("doc-one-constraint") << fourNodes() + labelledPod("{foo: bar}", zoneSkew1 + close)
                                        << "node1: skew, node2: skew, node3: pass, node4: pass";
    // "Example: multiple TopologySpreadConstraints": also maxSkew 1 per node; only node4.
    QTest::newRow("doc-multiple-constraints")
        << fourNodes()
               + labelledPod("{foo: bar}", zoneSkew1 + "}, {maxSkew: 1, topologyKey: kubernetes.io/hostname, "
                                                       "whenUnsatisfiable: DoNotSchedule, labelSelector: "
                                                       "{matchLabels: {foo: bar}}}]")
        << "node1: skew, node2: skew, node3: skew, node4: pass";
    // The incoming pod counts itself only when the selector matches its own labels.
    QTest::newRow("pod-not-matching-itself") << fourNodes() + labelledPod("{foo: other}", zoneSkew1 + close)
                                             << "node1: pass, node2: pass, node3: pass, node4: pass";
    // maxSkew 2 tolerates zoneA's 3 against 1.
    QTest::newRow("max-skew-2")
        << fourNodes()
               + labelledPod("{foo: bar}", "  topologySpreadConstraints: [{maxSkew: 2, topologyKey: "
                                           "topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, "
                                           "labelSelector: {matchLabels: {foo: bar}}}]")
        << "node1: pass, node2: pass, node3: pass, node4: pass";
    // A node without the topology key is UnschedulableAndUnresolvable and its pods do not count.
    QTest::newRow("missing-topology-key")
        << fourNodes() + zoneNode("node5", {}) + boundPod("p5", "node5") + labelledPod("{foo: bar}", zoneSkew1 + close)
        << "node1: skew, node2: skew, node3: pass, node4: pass, node5: missing-label";
    // minDomains 3 with two domains: the global minimum is 0, so zoneB's 1 + 1 exceeds 1 too.
    QTest::newRow("min-domains") << fourNodes() + labelledPod("{foo: bar}", zoneSkew1 + ", minDomains: 3" + close)
                                 << "node1: skew, node2: skew, node3: skew, node4: skew";
    QTest::newRow("min-domains-met") << fourNodes() + labelledPod("{foo: bar}", zoneSkew1 + ", minDomains: 2" + close)
                                     << "node1: skew, node2: skew, node3: pass, node4: pass";
    // A null labelSelector counts no pod (and not the pod itself).
    QTest::newRow("null-selector")
        << fourNodes()
               + labelledPod("{foo: bar}", "  topologySpreadConstraints: [{maxSkew: 1, topologyKey: "
                                           "topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule}]")
        << "node1: pass, node2: pass, node3: pass, node4: pass";
    // Pods of another namespace do not count.
    QTest::newRow("other-namespace")
        << zoneNode("node1", "zoneA") + zoneNode("node3", "zoneB") + boundPod("x1", "node1", "{foo: bar}", "other")
               + boundPod("x2", "node1", "{foo: bar}", "other") + labelledPod("{foo: bar}", zoneSkew1 + close)
        << "node1: pass, node3: pass";
    // matchLabelKeys: only pods with the pod's own pod-template-hash count (none do).
    QTest::newRow("match-label-keys")
        << fourNodes() + labelledPod("{foo: bar, pod-template-hash: b}", zoneSkew1 + ", matchLabelKeys: [pod-template-hash]" + close)
        << "node1: pass, node2: pass, node3: pass, node4: pass";
    // matchLabelKeys with a null selector: the pod's values alone select.
    QTest::newRow("match-label-keys-null-selector")
        << fourNodes()
               + labelledPod("{foo: bar}", "  topologySpreadConstraints: [{maxSkew: 1, topologyKey: "
                                           "topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, "
                                           "matchLabelKeys: [foo]}]")
        << "node1: skew, node2: skew, node3: pass, node4: pass";
    // "Interaction with node affinity and node selectors": with nodeAffinityPolicy Honor (the
    // default) zoneC, which the pod's affinity excludes, is not a domain; with Ignore its 0 is
    // the global minimum and zoneB's 1 + 1 exceeds maxSkew 1.
    const QByteArray withZoneC = fourNodes() + zoneNode("node5", "zoneC");
    const QByteArray notZoneC = "  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: "
                                "{nodeSelectorTerms: [{matchExpressions: [{key: topology.kubernetes.io/zone, "
                                "operator: NotIn, values: [zoneC]}]}]}}}\n";
    QTest::newRow("node-affinity-policy-honor") << withZoneC + labelledPod("{foo: bar}", notZoneC + zoneSkew1 + close)
                                                << "node1: skew, node2: skew, node3: pass, node4: pass, node5: pass";
    QTest::newRow("node-affinity-policy-ignore")
        << withZoneC + labelledPod("{foo: bar}", notZoneC + zoneSkew1 + ", nodeAffinityPolicy: Ignore" + close)
        << "node1: skew, node2: skew, node3: skew, node4: skew, node5: pass";
    // nodeTaintsPolicy: Ignore (the default) counts the tainted zoneC as a domain with 0 pods;
    // Honor leaves it out (the pod does not tolerate the taint).
    const QByteArray taintedZoneC = fourNodes() + zoneNode("node5", "zoneC", "taints: [{key: k, effect: NoSchedule}]");
    QTest::newRow("node-taints-policy-ignore") << taintedZoneC + labelledPod("{foo: bar}", zoneSkew1 + close)
                                               << "node1: skew, node2: skew, node3: skew, node4: skew, node5: pass";
    QTest::newRow("node-taints-policy-honor")
        << taintedZoneC + labelledPod("{foo: bar}", zoneSkew1 + ", nodeTaintsPolicy: Honor" + close)
        << "node1: skew, node2: skew, node3: pass, node4: pass, node5: pass";
    // ScheduleAnyway constraints and the system defaults never filter.
    QTest::newRow("schedule-anyway-does-not-filter")
        << fourNodes()
               + labelledPod("{foo: bar}", "  topologySpreadConstraints: [{maxSkew: 1, topologyKey: "
                                           "topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, "
                                           "labelSelector: {matchLabels: {foo: bar}}}]")
        << "node1: pass, node2: pass, node3: pass, node4: pass";
}

void tst_SchedPlugins::topologySpreadFilter()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, expected);
    const SpreadFixture fixture(yaml);
    QVERIFY(fixture.pod);
    const std::unique_ptr<Plugin> plugin = plugins::makePodTopologySpread();
    CycleState state;
    state.setNodes(fixture.cluster.nodes);
    PreFilterResult result;
    const Status pre = plugin->preFilter(state, *fixture.pod, result);
    QVERIFY(pre.isSuccess() || pre.isSkip());
    QStringList verdicts;
    for (const NodeInfo &n : fixture.cluster.nodes)
        verdicts.append(n.name + QStringLiteral(": ")
                        + (pre.isSkip() ? QStringLiteral("pass") : shortVerdict(plugin->filter(state, *fixture.pod, n))));
    QCOMPARE(verdicts.join(QStringLiteral(", ")), expected);
}

void tst_SchedPlugins::topologySpreadScore_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("raw");        // Score per node
    QTest::addColumn<QString>("normalized"); // after NormalizeScore

    // One zone constraint, maxSkew 1: zoneA has 2 matching pods, zoneB 1; two domains weigh
    // ln(4) = 1.386: zoneA 2.77 -> 3, zoneB 1.39 -> 1. Normalised 100 * (3 + 1 - s) / 3.
    QTest::newRow("zone-schedule-anyway")
        << fourNodes()
               + labelledPod("{foo: bar}", "  topologySpreadConstraints: [{maxSkew: 1, topologyKey: "
                                           "topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, "
                                           "labelSelector: {matchLabels: {foo: bar}}}]")
        << "node1: 3, node2: 3, node3: 1, node4: 1" << "node1: 33, node2: 33, node3: 100, node4: 100";
    // Hostname with maxSkew 2: per-node counts weigh ln(4 + 2) = 1.79, plus maxSkew - 1.
    QTest::newRow("hostname-schedule-anyway")
        << fourNodes()
               + labelledPod("{foo: bar}", "  topologySpreadConstraints: [{maxSkew: 2, topologyKey: "
                                           "kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, "
                                           "labelSelector: {matchLabels: {foo: bar}}}]")
        << "node1: 3, node2: 3, node3: 3, node4: 1" << "node1: 33, node2: 33, node3: 33, node4: 100";
    // The pod's own constraints need every key: node5 without a zone is ignored (0).
    QTest::newRow("missing-key-ignored")
        << fourNodes() + zoneNode("node5", {})
               + labelledPod("{foo: bar}", "  topologySpreadConstraints: [{maxSkew: 1, topologyKey: "
                                           "topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, "
                                           "labelSelector: {matchLabels: {foo: bar}}}]")
        << "node1: 3, node2: 3, node3: 1, node4: 1, node5: 0"
        << "node1: 33, node2: 33, node3: 100, node4: 100, node5: 0";
    // System defaults (hostname maxSkew 3, zone maxSkew 5) with the selector of the Service
    // that selects the pod; node5 without a zone still gets hostname spreading. Hostname: five
    // nodes weigh ln(7) = 1.95, zone: three values (zoneA, zoneB, none) weigh ln(5) = 1.61.
    // node1: 1 * 1.95 + 2 + 2 * 1.61 + 4 = 11.17 -> 11; node4: 0 + 2 + 1.61 + 4 = 7.61 -> 8;
    // node5: 2 (no zone label: only the hostname term). Normalised 100 * (11 + 2 - s) / 11.
    QTest::newRow("system-defaults")
        << fourNodes() + zoneNode("node5", {})
               + "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {foo: bar}, ports: [{port: 80}]}\n---\n"
               + labelledPod("{foo: bar}", {})
        << "node1: 11, node2: 11, node3: 10, node4: 8, node5: 2"
        << "node1: 18, node2: 18, node3: 27, node4: 45, node5: 100";
}

void tst_SchedPlugins::topologySpreadScore()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, raw);
    QFETCH(QString, normalized);
    const SpreadFixture fixture(yaml);
    QVERIFY(fixture.pod);
    const std::unique_ptr<Plugin> plugin = plugins::makePodTopologySpread();
    CycleState state;
    state.setNodes(fixture.cluster.nodes);
    std::vector<const NodeInfo *> nodes;
    for (const NodeInfo &n : fixture.cluster.nodes)
        nodes.push_back(&n);
    QVERIFY(!plugin->preScore(state, *fixture.pod, nodes).isSkip());
    std::vector<std::int64_t> scores;
    QStringList rawList;
    for (const NodeInfo *n : nodes) {
        scores.push_back(plugin->score(state, *fixture.pod, *n));
        rawList.append(n->name + QStringLiteral(": ") + QString::number(scores.back()));
    }
    QCOMPARE(rawList.join(QStringLiteral(", ")), raw);
    plugin->normalizeScores(state, *fixture.pod, scores);
    QStringList normalizedList;
    for (std::size_t i = 0; i < nodes.size(); ++i)
        normalizedList.append(nodes[i]->name + QStringLiteral(": ") + QString::number(scores[i]));
    QCOMPARE(normalizedList.join(QStringLiteral(", ")), normalized);
}

void tst_SchedPlugins::topologySpreadDefaultSelector()
{
    // helper.DefaultSelector: Services' labels (sorted by key), then the controller's selector;
    // a Deployment's stands for its ReplicaSet's, a Job contributes nothing, and a pod with an
    // empty default selector gets no default constraints.
    const QByteArray yaml =
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\n"
        "apiVersion: v1\nkind: Service\nmetadata: {name: t, namespace: other}\nspec: {selector: {app: web}}\n---\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 1, selector: {matchExpressions: "
        "[{key: tier, operator: In, values: [front]}]}, template: {metadata: {labels: {app: web, tier: front}}, spec: "
        "{containers: [{name: c, image: i}]}}}\n---\n"
        "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec: {replicas: 1, template: {metadata: "
        "{labels: {app: web, rc: x}}, spec: {containers: [{name: c, image: i}]}}}\n---\n"
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: job}\nspec: {template: {metadata: {labels: {job: x}}, spec: "
        "{restartPolicy: Never, containers: [{name: c, image: i}]}}}\n---\n";
    const SpreadFixture fixture(yaml);
    QStringList selectors;
    for (const PodInfo &p : fixture.cluster.pods) {
        QStringList requirements;
        for (const model::LabelRequirement &requirement : p.defaultSpreadSelector)
            requirements.append(requirement.toString());
        selectors.append(p.name + QStringLiteral(": ") + requirements.join(QLatin1Char(',')));
    }
    selectors.sort();
    QCOMPARE(selectors.join(QStringLiteral("; ")),
             QStringLiteral("job-0: ; rc-0: app=web,rc=x; web-0: app=web,tier in (front)"));
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
                            "PodTopologySpread,InterPodAffinity,DefaultPreemption,NodeResourcesBalancedAllocation"));
    QCOMPARE(weights, (QList<int>{0, 0, 3, 2, 0, 1, 2, 2, 0, 1}));
}

QTEST_GUILESS_MAIN(tst_SchedPlugins)
#include "tst_sched_plugins.moc"
