// SPDX-License-Identifier: GPL-3.0-or-later
// Workloads to pods, named as ../shared/CLI.md says (ns/name-0 .. name-(N-1), bare Pods keep
// their names, DaemonSets ns/name-<node>).
#include <model/core/document.h>
#include <model/io/manifest_reader.h>
#include <model/semantics/workload_pods.h>

#include <support/test_support.h>

using namespace kstudio::model;

class tst_WorkloadPods : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counts_data();
    void counts();
    void namesAndLabels();
    void controlledObjectsAreNotCountedTwice();
};

static Snapshot snapshotOf(const char *yaml)
{
    LoadResult result;
    readManifests(yaml, QStringLiteral("inline.yaml"), result);
    Document document;
    document.addObjects(std::move(result.objects));
    return document.snapshot();
}

void tst_WorkloadPods::counts_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("count");
    QTest::newRow("deployment-replicas-absent-is-1(DeploymentSpec)") << QByteArray("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {template: {spec: {}}}}") << 1;
    QTest::newRow("statefulset-3") << QByteArray("{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: s}, spec: {replicas: 3, template: {spec: {}}}}") << 3;
    QTest::newRow("deployment-scaled-to-0") << QByteArray("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {replicas: 0, template: {spec: {}}}}") << 0;
    QTest::newRow("job-parallelism-capped-by-completions(JobSpec)") << QByteArray("{apiVersion: batch/v1, kind: Job, metadata: {name: j}, spec: {parallelism: 5, completions: 2, template: {spec: {}}}}") << 2;
    QTest::newRow("job-defaults-1") << QByteArray("{apiVersion: batch/v1, kind: Job, metadata: {name: j}, spec: {template: {spec: {}}}}") << 1;
    QTest::newRow("cronjob-job-template") << QByteArray("{apiVersion: batch/v1, kind: CronJob, metadata: {name: c}, spec: {schedule: '* * * * *', jobTemplate: {spec: {parallelism: 2, template: {spec: {}}}}}}") << 2;
    QTest::newRow("daemonset-needs-nodes") << QByteArray("{apiVersion: apps/v1, kind: DaemonSet, metadata: {name: d}, spec: {template: {spec: {}}}}") << 0;
    QTest::newRow("pod") << QByteArray("{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {}}") << 1;
    QTest::newRow("service-none") << QByteArray("{apiVersion: v1, kind: Service, metadata: {name: s}}") << 0;
}

void tst_WorkloadPods::counts()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, count);
    const Snapshot snapshot = snapshotOf(yaml.constData());
    QCOMPARE(podCount(*snapshot.objects().first()), count);
    QCOMPARE(static_cast<int>(expandPods(snapshot).size()), count);
}

void tst_WorkloadPods::namesAndLabels()
{
    const Snapshot snapshot = snapshotOf(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n"
        "spec:\n  replicas: 2\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: x}]}\n"
        "---\napiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec: {}\n");
    const std::vector<PodInstance> pods = expandPods(snapshot);
    QCOMPARE(pods.size(), std::size_t(3));
    QCOMPARE(pods[0].qualifiedName(), QStringLiteral("shop/web-0"));
    QCOMPARE(pods[1].qualifiedName(), QStringLiteral("shop/web-1"));
    QCOMPARE(pods[1].ordinal, 1);
    QCOMPARE(pods[0].labels.value(QStringLiteral("app")), QStringLiteral("web"));
    QCOMPARE(pods[2].qualifiedName(), QStringLiteral("default/debug"));
    const PodInstance ds = daemonSetPod(*snapshot.objects().first(), QStringLiteral("node-1"));
    QCOMPARE(ds.qualifiedName(), QStringLiteral("shop/web-node-1"));
}

void tst_WorkloadPods::controlledObjectsAreNotCountedTwice()
{
    const Snapshot snapshot = snapshotOf(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 1, template: {spec: {}}}\n"
        "---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web-5d4f\n  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true, uid: x}]\n"
        "spec: {replicas: 1, template: {spec: {}}}\n"
        "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-5d4f-abcde\n  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f, controller: true, uid: y}]\nspec: {}\n"
        "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: orphan\n  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: gone, controller: true, uid: z}]\nspec: {}\n");
    const std::vector<PodInstance> pods = expandPods(snapshot);
    QCOMPARE(pods.size(), std::size_t(2));
    QCOMPARE(pods[0].qualifiedName(), QStringLiteral("default/web-0"));
    QCOMPARE(pods[1].qualifiedName(), QStringLiteral("default/orphan")); // its owner is not in the design
}

QTEST_GUILESS_MAIN(tst_WorkloadPods)
#include "tst_workload_pods.moc"
