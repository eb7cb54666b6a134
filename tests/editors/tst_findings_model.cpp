// SPDX-License-Identifier: GPL-3.0-or-later
// The findings table follows the document: an edit that breaks a reference shows up, its undo
// takes it away again.
#include <editors/findings/findings_model.h>
#include <editors/outline/outline_model.h>
#include <model/io/manifest_reader.h>
#include <sim/validate/engine.h>
#include <model/io/project_file.h>

#include <support/test_support.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace kstudio;

class tst_FindingsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsEdits();
    void outlineFindsTheObjectOfAFinding();
    void incrementalEqualsFullRun();
    void projectRuleSettingsApply();
    void networkLintJoinsOffTheGuiThread();
};

static void loadExample(model::Document &document)
{
    model::LoadResult result = model::loadPaths({QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml")});
    QVERIFY(!model::hasErrors(result.diagnostics));
    document.addObjects(std::move(result.objects));
}

static int errorsFor(const editors::FindingsModel &findings, const QString &rule)
{
    int count = 0;
    for (const auto &finding : findings.findings())
        count += finding.rule == rule && finding.severity == sim::validate::Severity::Error;
    return count;
}

void tst_FindingsModel::followsEdits()
{
    model::Document document;
    loadExample(document);
    editors::FindingsModel findings(&document);
    QAbstractItemModelTester tester(&findings, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(findings.count(sim::validate::Severity::Error), 0); // the bundled example is clean

    // Point the api Service at labels no pod has: service-selector-matches-nothing.
    const model::Object *api = document.snapshot().find(QStringLiteral("Service"), QStringLiteral("shop"), QStringLiteral("api"));
    QVERIFY(api);
    const auto path = model::FieldPath::parse("spec.selector[\"app.kubernetes.io/name\"]");
    std::optional<model::Edit> undo = document.apply(model::Edit(model::SetField{api->id, path, model::Node::string("nothing")}));
    QVERIFY(undo);
    // Re-validated after the pause, not at once.
    QCOMPARE(errorsFor(findings, QStringLiteral("service-selector-matches-nothing")), 0);
    QTRY_COMPARE_WITH_TIMEOUT(errorsFor(findings, QStringLiteral("service-selector-matches-nothing")), 1, 3000);
    const QModelIndex row = findings.index(0, editors::FindingsModel::RuleColumn);
    QVERIFY(row.isValid());

    QVERIFY(document.apply(*undo));
    findings.refresh();
    QCOMPARE(errorsFor(findings, QStringLiteral("service-selector-matches-nothing")), 0);
}

void tst_FindingsModel::outlineFindsTheObjectOfAFinding()
{
    model::Document document;
    loadExample(document);
    editors::FindingsModel findings(&document);
    editors::OutlineModel outline(&document);
    QVERIFY(findings.rowCount() > 0); // info-level advice on the example
    const auto id = model::ObjectId{findings.index(0, 0).data(editors::FindingsModel::ObjectIdRole).toULongLong()};
    const QModelIndex row = outline.indexOf(id);
    QVERIFY(row.isValid());
    QCOMPARE(outline.objectAt(row), id);
    QVERIFY(!outline.indexOf(model::ObjectId{987654}).isValid());
}

// The panel re-checks only what an edit can affect (sim/validate/engine.h affectedBy); after
// any sequence of edits (cross-object ones included: a rename that breaks a reference, a
// removal, an addition in another namespace) it must show what a full run shows.
void tst_FindingsModel::incrementalEqualsFullRun()
{
    model::Document document;
    loadExample(document);
    editors::FindingsModel findings(&document);
    findings.setNetworkLint(false); // compared with the validation engine's own run
    const model::Snapshot &snapshot = document.snapshot();
    const model::ObjectId configMap = snapshot.find(QStringLiteral("ConfigMap"), QStringLiteral("shop"), QStringLiteral("api-config"))->id;
    const model::ObjectId api = snapshot.find(QStringLiteral("Deployment"), QStringLiteral("shop"), QStringLiteral("api"))->id;
    const model::ObjectId service = snapshot.find(QStringLiteral("Service"), QStringLiteral("shop"), QStringLiteral("api"))->id;
    std::vector<model::Edit> edits;
    edits.push_back(model::Edit(model::SetField{configMap, model::FieldPath::parse("metadata.name"), model::Node::string("renamed")}));
    edits.push_back(model::Edit(model::SetField{api, model::FieldPath::parse("spec.template.spec.containers[0].image"), model::Node::string("shop-api:latest")}));
    edits.push_back(model::Edit(model::RemoveObject{service}));
    model::Object other;
    other.id = document.newId();
    model::LoadResult loaded;
    model::readManifests("apiVersion: v1\nkind: Service\nmetadata: {name: lost, namespace: elsewhere}\nspec: {selector: {app: none}, ports: [{port: 80}]}\n",
                         QStringLiteral("inline"), loaded);
    QCOMPARE(loaded.objects.size(), std::size_t(1));
    other.body = loaded.objects.front().body;
    edits.push_back(model::Edit(model::AddObject{std::move(other)}));
    for (const model::Edit &edit : edits) {
        QVERIFY(document.apply(edit));
        findings.refresh();
        QCOMPARE(findings.findings(), sim::validate::run(document.snapshot()));
    }
    // Two edits between refreshes (the debounce collects them).
    QVERIFY(document.apply(model::Edit(model::SetField{api, model::FieldPath::parse("spec.replicas"), model::Node::integer(1)})));
    QVERIFY(document.apply(model::Edit(model::SetField{configMap, model::FieldPath::parse("metadata.name"), model::Node::string("api-config")})));
    findings.refresh();
    QCOMPARE(findings.findings(), sim::validate::run(document.snapshot()));
}

// The panel shows what `kstudio validate` shows for a project: its saved rule settings apply
// (a disabled rule is gone, a re-levelled one has its new severity), on later edits too.
void tst_FindingsModel::projectRuleSettingsApply()
{
    model::LoadResult loaded = model::loadPaths({QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml")});
    model::ProjectReadResult project;
    project.ok = true;
    quint64 next = 1;
    for (model::Object &object : loaded.objects) {
        object.id = model::ObjectId{next++};
        project.objects.push_back(std::move(object));
    }
    project.rules.disabled.append(QStringLiteral("liveness-probe-missing"));
    project.rules.severities.insert(QStringLiteral("service-selector-matches-nothing"), QStringLiteral("warning"));
    model::Document document;
    document.reset(model::toSnapshot(std::move(project)));
    editors::FindingsModel findings(&document);
    const auto count = [&findings](const QString &rule, sim::validate::Severity severity) {
        int n = 0;
        for (const auto &finding : findings.findings())
            n += finding.rule == rule && finding.severity == severity;
        return n;
    };
    QCOMPARE(count(QStringLiteral("liveness-probe-missing"), sim::validate::Severity::Info), 0);
    const model::ObjectId api = document.snapshot().find(QStringLiteral("Service"), QStringLiteral("shop"), QStringLiteral("api"))->id;
    QVERIFY(document.apply(model::Edit(model::SetField{api, model::FieldPath::parse("spec.selector[\"app.kubernetes.io/name\"]"), model::Node::string("nothing")})));
    findings.refresh();
    QCOMPARE(count(QStringLiteral("service-selector-matches-nothing"), sim::validate::Severity::Warning), 1);
    QCOMPARE(count(QStringLiteral("service-selector-matches-nothing"), sim::validate::Severity::Error), 0);
    QCOMPARE(count(QStringLiteral("liveness-probe-missing"), sim::validate::Severity::Info), 0);
}

// sim/reach/lint.h in the panel: a namespace isolated for egress without a DNS rule cannot
// resolve names (https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/);
// allowing 53/UDP+TCP to kube-dns takes the finding away.
void tst_FindingsModel::networkLintJoinsOffTheGuiThread()
{
    model::LoadResult loaded;
    model::readManifests(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n"
        "spec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
        "    spec: {containers: [{name: web, image: nginx:1.27}]}\n---\n"
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-egress, namespace: shop}\n"
        "spec: {podSelector: {}, policyTypes: [Egress]}\n",
        QStringLiteral("inline"), loaded);
    QCOMPARE(loaded.objects.size(), std::size_t(2));
    model::Document document;
    document.addObjects(std::move(loaded.objects));
    editors::FindingsModel findings(&document);
    findings.waitForNetworkLint();
    const auto dnsFindings = [&findings] {
        int n = 0;
        for (const auto &finding : findings.findings())
            n += finding.rule == QLatin1String("network-policy-blocks-dns");
        return n;
    };
    QCOMPARE(dnsFindings(), 1);
    // Allow DNS: the finding goes once the lint of the edited design is in.
    const model::ObjectId policy = document.snapshot().find(QStringLiteral("NetworkPolicy"), QStringLiteral("shop"), QStringLiteral("deny-egress"))->id;
    model::YamlReadResult parsed = model::readYaml("- to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]\n"
                                                   "  ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]\n",
                                                   QStringLiteral("inline"));
    QVERIFY(parsed.ok);
    QVERIFY(document.apply(model::Edit(model::SetField{policy, model::FieldPath::parse("spec.egress"), parsed.documents.front().root})));
    findings.refresh();
    findings.waitForNetworkLint();
    QCOMPARE(dnsFindings(), 0);
}

QTEST_MAIN(tst_FindingsModel)
#include "tst_findings_model.moc"
