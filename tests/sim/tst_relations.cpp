// SPDX-License-Identifier: GPL-3.0-or-later
// The relations the canvas draws (sim/relations) and the edits that make them by connecting
// two objects (model/edits/connect): each connect must produce exactly the relation it names.
// Selector semantics: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
// (an empty Service selector selects nothing; an empty NetworkPolicy podSelector every pod of
// its namespace: https://kubernetes.io/docs/concepts/services-networking/network-policies/).
#include <model/core/document.h>
#include <model/edits/connect.h>
#include <model/edits/new_object.h>
#include <model/io/manifest_reader.h>
#include <model/kinds/kind_registry.h>
#include <sim/relations/relations.h>

#include <support/test_support.h>

using namespace kstudio;
using sim::relations::Relation;

class tst_Relations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void derivedFromTheDesign();
    void connectMakesTheRelation_data();
    void connectMakesTheRelation();
    void connectRefusesWhatKubernetesCannotRelate();
    void starterObjectsAreNamedUniquely();
};

static QStringList describe(const model::Snapshot &snapshot, const QList<Relation> &relations)
{
    QStringList lines;
    for (const Relation &relation : relations) {
        lines.append(QStringLiteral("%1 %2 %3 (%4)")
                         .arg(snapshot.object(relation.from)->displayName(), sim::relations::kindName(relation.kind),
                              snapshot.object(relation.to)->displayName(), relation.label));
    }
    lines.sort();
    return lines;
}

void tst_Relations::derivedFromTheDesign()
{
    model::LoadResult loaded = model::loadPaths({test::dataDir() + QStringLiteral("/relations/design.yaml")});
    QVERIFY(!model::hasErrors(loaded.diagnostics));
    model::Document document;
    document.addObjects(std::move(loaded.objects));
    const QStringList actual = describe(document.snapshot(), sim::relations::deriveRelations(document.snapshot()));
    const QStringList expected = QString::fromUtf8(test::readAll(test::dataDir() + QStringLiteral("/relations/expected.txt")))
                                     .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(actual, expected);
}

void tst_Relations::connectMakesTheRelation_data()
{
    QTest::addColumn<QString>("fromKind");
    QTest::addColumn<QString>("toKind");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("expected");
    QTest::newRow("service-to-deployment") << "Service" << "Deployment" << 0 << "Service default/service selects Deployment default/deployment (app=deployment)";
    QTest::newRow("deployment-to-service (either direction)") << "Deployment" << "Service" << 0 << "Service default/service selects Deployment default/deployment (app=deployment)";
    QTest::newRow("ingress-to-service") << "Ingress" << "Service" << 0 << "Ingress default/ingress routes to Service default/service (example.local/)";
    QTest::newRow("deployment-to-configmap envFrom") << "Deployment" << "ConfigMap" << int(model::ConnectMode::EnvFrom) << "Deployment default/deployment uses ConfigMap default/configmap (ConfigMap)";
    QTest::newRow("statefulset-to-secret volume") << "StatefulSet" << "Secret" << int(model::ConnectMode::Volume) << "StatefulSet default/statefulset uses Secret default/secret (Secret)";
    QTest::newRow("cronjob-to-pvc") << "CronJob" << "PersistentVolumeClaim" << 0 << "CronJob default/cronjob uses PersistentVolumeClaim default/persistentvolumeclaim (volume)";
    QTest::newRow("hpa-to-statefulset") << "HorizontalPodAutoscaler" << "StatefulSet" << 0 << "HorizontalPodAutoscaler default/horizontalpodautoscaler scales StatefulSet default/statefulset (scales)";
    QTest::newRow("pdb-to-deployment") << "PodDisruptionBudget" << "Deployment" << 0 << "PodDisruptionBudget default/poddisruptionbudget protects Deployment default/deployment (app=deployment)";
    QTest::newRow("networkpolicy-to-daemonset") << "NetworkPolicy" << "DaemonSet" << 0 << "NetworkPolicy default/networkpolicy applies to DaemonSet default/daemonset (app=daemonset)";
    QTest::newRow("deployment-to-serviceaccount") << "Deployment" << "ServiceAccount" << 0 << "Deployment default/deployment uses ServiceAccount default/serviceaccount (serviceAccount)";
    QTest::newRow("rolebinding-to-serviceaccount") << "RoleBinding" << "ServiceAccount" << 0 << "RoleBinding default/rolebinding binds ServiceAccount default/serviceaccount (subject)";
}

void tst_Relations::connectMakesTheRelation()
{
    QFETCH(QString, fromKind);
    QFETCH(QString, toKind);
    QFETCH(int, mode);
    QFETCH(QString, expected);
    model::Document document;
    // Starters of two kinds, whose own selectors/targets point elsewhere (other names).
    const auto add = [&document](const QString &kind) {
        model::Object object = model::starterObject(document.snapshot(), *model::findKind(kind), QStringLiteral("default"));
        object.id = document.newId();
        const model::ObjectId id = object.id;
        document.apply(model::Edit(model::AddObject{std::move(object)}));
        return id;
    };
    const model::ObjectId from = add(fromKind);
    const model::ObjectId to = add(toKind);
    const QStringList before = describe(document.snapshot(), sim::relations::deriveRelations(document.snapshot()));
    QVERIFY2(!before.contains(expected), qPrintable(before.join(QLatin1Char('\n'))));
    model::ConnectResult result = model::connectEdit(document.snapshot(), from, to, model::ConnectMode(mode));
    QVERIFY2(result.edit, qPrintable(result.why));
    QVERIFY(document.apply(*result.edit));
    const QStringList after = describe(document.snapshot(), sim::relations::deriveRelations(document.snapshot()));
    QVERIFY2(after.contains(expected), qPrintable(after.join(QLatin1Char('\n'))));
}

void tst_Relations::connectRefusesWhatKubernetesCannotRelate()
{
    model::Document document;
    const auto add = [&document](const QString &kind, const QString &ns) {
        model::Object object = model::starterObject(document.snapshot(), *model::findKind(kind), ns);
        object.id = document.newId();
        const model::ObjectId id = object.id;
        document.apply(model::Edit(model::AddObject{std::move(object)}));
        return id;
    };
    const model::ObjectId a = add(QStringLiteral("ConfigMap"), QStringLiteral("default"));
    const model::ObjectId b = add(QStringLiteral("Secret"), QStringLiteral("default"));
    QVERIFY(!model::connectEdit(document.snapshot(), a, b).edit);
    // A Service selects pods of its own namespace only.
    const model::ObjectId service = add(QStringLiteral("Service"), QStringLiteral("shop"));
    const model::ObjectId deployment = add(QStringLiteral("Deployment"), QStringLiteral("other"));
    const model::ConnectResult crossing = model::connectEdit(document.snapshot(), service, deployment);
    QVERIFY(!crossing.edit);
    QVERIFY(crossing.why.contains(QStringLiteral("different namespaces")));
    // An HPA cannot scale a DaemonSet (it has no scale subresource).
    const model::ObjectId hpa = add(QStringLiteral("HorizontalPodAutoscaler"), QStringLiteral("default"));
    const model::ObjectId daemonSet = add(QStringLiteral("DaemonSet"), QStringLiteral("default"));
    QVERIFY(!model::connectEdit(document.snapshot(), hpa, daemonSet).edit);
}

void tst_Relations::starterObjectsAreNamedUniquely()
{
    model::Document document;
    QStringList names;
    for (int i = 0; i < 3; ++i) {
        model::Object object = model::starterObject(document.snapshot(), *model::findKind(QStringLiteral("Deployment")), QStringLiteral("shop"));
        names.append(object.name());
        object.id = document.newId();
        document.apply(model::Edit(model::AddObject{std::move(object)}));
    }
    QCOMPARE(names, (QStringList{QStringLiteral("deployment"), QStringLiteral("deployment-2"), QStringLiteral("deployment-3")}));
}

QTEST_GUILESS_MAIN(tst_Relations)
#include "tst_relations.moc"
