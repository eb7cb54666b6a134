// SPDX-License-Identifier: GPL-3.0-or-later
// The kinds table and the typed views over it.
#include <model/io/manifest_reader.h>
#include <model/kinds/kind_registry.h>
#include <model/kinds/views.h>

#include <support/test_support.h>

using namespace kstudio::model;

class tst_Kinds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKindHasARoundTripFixture();
    void podTemplateOfEveryWorkload_data();
    void podTemplateOfEveryWorkload();
    void replicaDefaults_data();
    void replicaDefaults();
    void containersIncludeInitAndSidecars();
    void serviceView();
    void scopeDecidesEffectiveNamespace();
    void helmInstallOrder();
    void podReferencesFromEverySource();
    void ingressBackendsV1AndLegacy();
    void hpaTargetAndNodeView();
};

static Object objectFrom(const char *yaml)
{
    LoadResult result;
    readManifests(yaml, QStringLiteral("inline.yaml"), result);
    Q_ASSERT(result.objects.size() == 1);
    return std::move(result.objects.front());
}

// STYLE.md 4.6a: a kind is one file + one kinds.def line + a round-trip fixture; this keeps the
// last part honest.
void tst_Kinds::everyKindHasARoundTripFixture()
{
    const QDir dir(kstudio::test::dataDir() + QStringLiteral("/model/roundtrip"));
    QStringList missing;
    for (const KindSpec *spec : allKinds()) {
        const QString file = QString::fromLatin1(spec->icon).replace(QLatin1Char('_'), QLatin1Char('-')) + QStringLiteral(".yaml");
        LoadResult result = loadPaths({dir.filePath(file)});
        const bool found = std::any_of(result.objects.begin(), result.objects.end(), [&](const Object &object) {
            return object.kind() == QLatin1String(spec->kind);
        });
        if (!found)
            missing.append(QStringLiteral("%1 (%2)").arg(QLatin1String(spec->kind), file));
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
}

void tst_Kinds::podTemplateOfEveryWorkload_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("firstContainer");
    QTest::newRow("pod") << "pod" << "shell";
    QTest::newRow("deployment") << "deployment" << "web";
    QTest::newRow("replica-set") << "replica-set" << "php-redis";
    QTest::newRow("replication-controller") << "replication-controller" << "nginx";
    QTest::newRow("stateful-set") << "stateful-set" << "db";
    QTest::newRow("daemon-set") << "daemon-set" << "node-exporter";
    QTest::newRow("job") << "job" << "migrate";
    QTest::newRow("cron-job(jobTemplate.spec.template)") << "cron-job" << "report";
}

void tst_Kinds::podTemplateOfEveryWorkload()
{
    QFETCH(QString, fixture);
    QFETCH(QString, firstContainer);
    LoadResult result = loadPaths({kstudio::test::dataDir() + QStringLiteral("/model/roundtrip/") + fixture + QStringLiteral(".yaml")});
    QCOMPARE(result.objects.size(), std::size_t(1));
    const Object &object = result.objects.front();
    QVERIFY(podTemplate(object));
    QVERIFY(podSpec(object));
    const QList<ContainerView> list = containers(object);
    QVERIFY(!list.isEmpty());
    QCOMPARE(list.front().name, firstContainer);
}

// Defaults from the API reference: DeploymentSpec/ReplicaSetSpec/StatefulSetSpec replicas
// "Defaults to 1"; JobSpec parallelism "Defaults to 1"; DaemonSet has no replica count.
void tst_Kinds::replicaDefaults_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("expected"); // -1: no replica count
    QTest::newRow("deployment-absent-defaults-to-1") << QByteArray("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {template: {spec: {}}}}") << 1;
    QTest::newRow("deployment-5") << QByteArray("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {replicas: 5, template: {spec: {}}}}") << 5;
    QTest::newRow("deployment-0") << QByteArray("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {replicas: 0, template: {spec: {}}}}") << 0;
    QTest::newRow("job-parallelism") << QByteArray("{apiVersion: batch/v1, kind: Job, metadata: {name: j}, spec: {parallelism: 3, template: {spec: {}}}}") << 3;
    QTest::newRow("daemonset-none") << QByteArray("{apiVersion: apps/v1, kind: DaemonSet, metadata: {name: d}, spec: {template: {spec: {}}}}") << -1;
    QTest::newRow("pod-1") << QByteArray("{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {}}") << 1;
    QTest::newRow("service-none") << QByteArray("{apiVersion: v1, kind: Service, metadata: {name: s}}") << -1;
}

void tst_Kinds::replicaDefaults()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, expected);
    const std::optional<long long> count = replicaCount(objectFrom(yaml.constData()));
    QCOMPARE(count ? static_cast<int>(*count) : -1, expected);
}

void tst_Kinds::containersIncludeInitAndSidecars()
{
    const Object pod = objectFrom("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
                                  "  initContainers:\n  - {name: init, image: busybox}\n"
                                  "  - {name: proxy, image: envoy, restartPolicy: Always}\n"
                                  "  containers:\n  - name: app\n    image: app:1\n    ports:\n"
                                  "    - {name: http, containerPort: 8080}\n    - {containerPort: 53, protocol: UDP}\n");
    const QList<ContainerView> list = containers(pod);
    QCOMPARE(list.size(), 3);
    QVERIFY(list[0].init && !list[0].restartableSidecar);
    QVERIFY(list[1].init && list[1].restartableSidecar);
    QCOMPARE(list[2].ports.size(), 2);
    QCOMPARE(list[2].ports[0].name, QStringLiteral("http"));
    QCOMPARE(list[2].ports[1].protocol, QStringLiteral("UDP"));
    QCOMPARE(list[2].ports[0].protocol, QStringLiteral("TCP")); // default protocol
}

void tst_Kinds::serviceView()
{
    const auto view = kstudio::model::serviceView(objectFrom(
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  clusterIP: None\n  selector: {app: db}\n"
        "  ports:\n  - {name: pg, port: 5432}\n  - {port: 80, targetPort: http}\n"));
    QVERIFY(view);
    QCOMPARE(view->type, QStringLiteral("ClusterIP"));
    QVERIFY(view->headless);
    QVERIFY(view->hasSelector);
    QCOMPARE(view->ports[0].targetPort, QStringLiteral("5432")); // targetPort defaults to port
    QCOMPARE(view->ports[1].targetPort, QStringLiteral("http"));
    // An empty selector means the Service's endpoints are not derived from pods (API reference:
    // "If empty or not present, the service is assumed to have an external process managing its
    // endpoints").
    const auto manual = kstudio::model::serviceView(objectFrom("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {}}\n"));
    QVERIFY(!manual->hasSelector);
}

void tst_Kinds::scopeDecidesEffectiveNamespace()
{
    QCOMPARE(objectFrom("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}").qualifiedName(), QStringLiteral("default/c"));
    QCOMPARE(objectFrom("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: x}}").qualifiedName(), QStringLiteral("x/c"));
    QCOMPARE(objectFrom("{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: r}}").qualifiedName(), QStringLiteral("r"));
    QCOMPARE(objectFrom("{apiVersion: v1, kind: Namespace, metadata: {name: n}}").effectiveNamespace(), QString());
    // generateName stands in for a missing name (argo Workflow examples).
    QCOMPARE(objectFrom("{apiVersion: argoproj.io/v1alpha1, kind: Workflow, metadata: {generateName: hello-}}").name(), QStringLiteral("hello-"));
}

void tst_Kinds::helmInstallOrder()
{
    QVERIFY(helmInstallRank(QStringLiteral("Namespace")) < helmInstallRank(QStringLiteral("ServiceAccount")));
    QVERIFY(helmInstallRank(QStringLiteral("ConfigMap")) < helmInstallRank(QStringLiteral("Deployment")));
    QVERIFY(helmInstallRank(QStringLiteral("Service")) < helmInstallRank(QStringLiteral("Deployment")));
    QVERIFY(helmInstallRank(QStringLiteral("Deployment")) < helmInstallRank(QStringLiteral("Ingress")));
    QVERIFY(helmInstallRank(QStringLiteral("Ingress")) < helmInstallRank(QStringLiteral("SomeCustomKind")));
}

// Where a pod names other objects (API reference, PodSpec: volumes, env valueFrom, envFrom,
// imagePullSecrets, serviceAccountName which defaults to "default").
void tst_Kinds::podReferencesFromEverySource()
{
    const Object deployment = objectFrom(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n"
        "      priorityClassName: high\n"
        "      imagePullSecrets: [{name: regcred}]\n"
        "      initContainers:\n      - name: i\n        envFrom: [{configMapRef: {name: init-env}}]\n"
        "      containers:\n      - name: c\n        envFrom: [{secretRef: {name: app-secrets}}, {configMapRef: {name: app-env}}]\n"
        "        env:\n        - {name: A, valueFrom: {configMapKeyRef: {name: app-env, key: a}}}\n"
        "        - {name: B, valueFrom: {secretKeyRef: {name: db, key: password}}}\n"
        "      volumes:\n      - {name: v1, configMap: {name: files}}\n      - {name: v2, secret: {secretName: tls}}\n"
        "      - {name: v3, persistentVolumeClaim: {claimName: data}}\n"
        "      - name: v4\n        projected:\n          sources: [{configMap: {name: proj-cm}}, {secret: {name: proj-s}}]\n");
    const PodReferences refs = podReferences(deployment);
    QCOMPARE(refs.configMaps, (QStringList{QStringLiteral("init-env"), QStringLiteral("app-env"), QStringLiteral("files"), QStringLiteral("proj-cm")}));
    QCOMPARE(refs.secrets, (QStringList{QStringLiteral("app-secrets"), QStringLiteral("db"), QStringLiteral("regcred"), QStringLiteral("tls"), QStringLiteral("proj-s")}));
    QCOMPARE(refs.persistentVolumeClaims, QStringList{QStringLiteral("data")});
    QCOMPARE(refs.serviceAccount, QStringLiteral("default"));
    QCOMPARE(refs.priorityClassName, QStringLiteral("high"));
}

void tst_Kinds::ingressBackendsV1AndLegacy()
{
    const QList<IngressBackend> v1 = ingressBackends(objectFrom(
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n"
        "  defaultBackend: {service: {name: fallback, port: {number: 80}}}\n"
        "  rules:\n  - host: a.example.com\n    http:\n      paths:\n"
        "      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}\n"));
    QCOMPARE(v1.size(), 2);
    QCOMPARE(v1[0].service, QStringLiteral("fallback"));
    QCOMPARE(v1[0].port, QStringLiteral("80"));
    QCOMPARE(v1[1].host, QStringLiteral("a.example.com"));
    QCOMPARE(v1[1].service, QStringLiteral("web"));
    QCOMPARE(v1[1].port, QStringLiteral("http"));
    // extensions/v1beta1 (removed in 1.22) wrote serviceName/servicePort.
    const QList<IngressBackend> legacy = ingressBackends(objectFrom(
        "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\nspec:\n"
        "  rules:\n  - http:\n      paths:\n      - {path: /, backend: {serviceName: old, servicePort: 8080}}\n"));
    QCOMPARE(legacy.size(), 1);
    QCOMPARE(legacy[0].service, QStringLiteral("old"));
    QCOMPARE(legacy[0].port, QStringLiteral("8080"));
}

void tst_Kinds::hpaTargetAndNodeView()
{
    LoadResult hpa = loadPaths({kstudio::test::dataDir() + QStringLiteral("/model/roundtrip/horizontal-pod-autoscaler.yaml")});
    const auto target = scaleTarget(hpa.objects.front());
    QVERIFY(target);
    QCOMPARE(target->kind, QStringLiteral("Deployment"));
    QCOMPARE(target->name, QStringLiteral("php-apache"));

    LoadResult node = loadPaths({kstudio::test::dataDir() + QStringLiteral("/model/roundtrip/node.yaml")});
    const auto view = nodeView(node.objects.front());
    QVERIFY(view);
    QCOMPARE(view->allocatable.value(QStringLiteral("cpu")), QStringLiteral("4"));
    QCOMPARE(view->labels.value(QStringLiteral("topology.kubernetes.io/zone")), QStringLiteral("zone-1"));
    QCOMPARE(view->taints.size(), 1);
    QCOMPARE(view->taints[0].effect, QStringLiteral("NoSchedule"));
    QVERIFY(!view->unschedulable);
}

QTEST_GUILESS_MAIN(tst_Kinds)
#include "tst_kinds.moc"
