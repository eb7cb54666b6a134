// SPDX-License-Identifier: GPL-3.0-or-later
// The validation engine around the rules: configuration (disabled and re-levelled rules,
// target version), per-object silencing annotations, findings order and locations, the
// subset run used for incremental re-checks, and the index's selector queries.
#include <sim/validate/engine.h>
#include <sim/validate/index.h>
#include <sim/validate/rule.h>

#include <model/core/document.h>
#include <model/io/manifest_reader.h>

#include <QtTest>

using namespace kstudio;
using namespace Qt::StringLiterals;
namespace validate = kstudio::sim::validate;

class tst_ValidateEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kubeVersionParse_data();
    void kubeVersionParse();
    void findingsAreSortedAndLocated();
    void disabledAndRelevelledRules();
    void annotationsSilenceRules();
    void subsetRunMatchesFullRun();
    void incrementalRecheckMatchesFullRun_data();
    void incrementalRecheckMatchesFullRun();
    void indexAnswersSelectors();
    void runIsDeterministic();
    void unknownRuleIdsAreReported();
};

namespace {

model::Snapshot load(const char *yaml)
{
    model::LoadResult loaded;
    model::readManifests(yaml, u"design.yaml"_s, loaded);
    model::Document document;
    document.addObjects(std::move(loaded.objects));
    return document.snapshot();
}

const char *design = R"(apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: api
---
apiVersion: v1
kind: Service
metadata:
  name: admin
  namespace: alpha
  annotations:
    ignore-check.kstudio.dev/service-selector-matches-nothing: "endpoints come from an EndpointSlice managed elsewhere"
spec:
  selector: {app: admin}
  ports:
  - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: alpha
  annotations:
    kstudio.dev/ignore-all: "a throwaway debugging pod"
spec:
  containers:
  - name: debug
    image: busybox
)";

QStringList rulesOf(const validate::Findings &findings, const QString &name)
{
    QStringList out;
    for (const validate::Finding &finding : findings) {
        if (finding.name == name)
            out.append(finding.rule);
    }
    return out;
}

} // namespace

void tst_ValidateEngine::kubeVersionParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty: refused
    QTest::newRow("minor") << u"1.33"_s << u"1.33"_s;
    QTest::newRow("v-prefix") << u"v1.29"_s << u"1.29"_s;
    QTest::newRow("patch") << u"1.25.16"_s << u"1.25"_s;
    QTest::newRow("major-only") << u"1"_s << QString();
    QTest::newRow("words") << u"latest"_s << QString();
}

void tst_ValidateEngine::kubeVersionParse()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto version = validate::KubeVersion::parse(text);
    QCOMPARE(version ? version->toString() : QString(), expected);
}

void tst_ValidateEngine::findingsAreSortedAndLocated()
{
    const validate::Findings findings = validate::run(load(design));
    QVERIFY(!findings.isEmpty());
    QVERIFY(std::is_sorted(findings.cbegin(), findings.cend(), validate::findingLessThan));
    // alpha sorts before shop (alpha/admin: labels-recommended-missing, then namespace-missing;
    // only its selector rule is silenced), and shop/api before shop/web.
    QCOMPARE(findings.front().ns, u"alpha"_s);
    QCOMPARE(findings.front().name, u"admin"_s);
    QCOMPARE(findings.front().rule, u"labels-recommended-missing"_s);
    QVERIFY(std::any_of(findings.cbegin(), findings.cend(), [](const validate::Finding &finding) {
        return finding.name == u"admin"_s && finding.rule == u"namespace-missing"_s;
    }));
    QCOMPARE(findings.back().name, u"web"_s);
    bool sawSelector = false;
    for (const validate::Finding &finding : findings) {
        QCOMPARE(finding.file, u"design.yaml"_s);
        QVERIFY(finding.line > 0);
        if (finding.rule == u"service-selector-matches-nothing"_s) {
            sawSelector = true;
            QCOMPARE(finding.name, u"web"_s);
            QCOMPARE(finding.path, u"spec.selector"_s);
            QCOMPARE(finding.line, 7); // the selector key's line
            QCOMPARE(finding.column, 3);
            QCOMPARE(finding.severity, validate::Severity::Error);
        }
    }
    QVERIFY(sawSelector);
}

void tst_ValidateEngine::disabledAndRelevelledRules()
{
    validate::Config config;
    config.disabled.insert(u"image-tag-latest"_s);
    config.severities.insert(u"service-selector-matches-nothing"_s, validate::Severity::Info);
    const validate::Findings findings = validate::run(load(design), config);
    for (const validate::Finding &finding : findings) {
        QVERIFY(finding.rule != u"image-tag-latest"_s);
        if (finding.rule == u"service-selector-matches-nothing"_s)
            QCOMPARE(finding.severity, validate::Severity::Info);
    }
    QVERIFY(rulesOf(findings, u"web"_s).contains(u"service-selector-matches-nothing"_s));
}

void tst_ValidateEngine::annotationsSilenceRules()
{
    const validate::Findings findings = validate::run(load(design));
    QVERIFY(!rulesOf(findings, u"admin"_s).contains(u"service-selector-matches-nothing"_s));
    QVERIFY(rulesOf(findings, u"debug"_s).isEmpty());
    const model::Snapshot snapshot = load(design);
    QVERIFY(validate::isSilenced(*snapshot.find(u"Pod"_s, u"alpha"_s, u"debug"_s),
                                 u"image-tag-latest"_s));
    QVERIFY(!validate::isSilenced(*snapshot.find(u"Service"_s, u"shop"_s, u"web"_s),
                                  u"image-tag-latest"_s));
}

void tst_ValidateEngine::subsetRunMatchesFullRun()
{
    const model::Snapshot snapshot = load(design);
    const validate::Index index(snapshot);
    const validate::Findings full = validate::run(snapshot);
    validate::Findings pieces;
    for (const model::ObjectId id : snapshot.objects().keys())
        pieces += validate::run(snapshot, index, {}, {id});
    std::sort(pieces.begin(), pieces.end(), validate::findingLessThan);
    QCOMPARE(pieces, full);
}

void tst_ValidateEngine::incrementalRecheckMatchesFullRun_data()
{
    QTest::addColumn<QString>(
        "edited"); // the design with one object changed (same order: same ids)
    QTest::addColumn<int>("changedIndex"); // 0-based document of the change
    const QString base = QString::fromUtf8(design);
    QString relabel = base;
    relabel.replace(u"labels: {app: api}"_s, u"labels: {app: web}"_s); // the Service now selects it
    QTest::newRow("template-labels") << relabel << 1;
    QString rename = base;
    rename.replace(u"name: web\n  namespace: shop"_s, u"name: api2\n  namespace: shop"_s);
    QTest::newRow("service-renamed") << rename << 0;
    QString move = base;
    move.replace(u"name: admin\n  namespace: alpha"_s, u"name: admin\n  namespace: shop"_s);
    QTest::newRow("moved-namespace") << move << 2;
    QTest::newRow("namespace-added")
        << base + u"---\napiVersion: v1\nkind: Namespace\nmetadata: {name: alpha}\n"_s << 4;
}

void tst_ValidateEngine::incrementalRecheckMatchesFullRun()
{
    QFETCH(QString, edited);
    QFETCH(int, changedIndex);
    const model::Snapshot before = load(design);
    const QByteArray bytes = edited.toUtf8();
    const model::Snapshot after = load(bytes.constData());
    const model::ObjectId changed = after.objects().keys().at(changedIndex);
    // The index of before, updated to after, must answer as a fresh index of after does.
    validate::Index index(before);
    index.update(before, after, {changed});
    const QList<model::ObjectId> affected = validate::affectedBy(before, after, index, {changed});
    QCOMPARE(affected, validate::affectedBy(before, after, validate::Index(after), {changed}));
    QVERIFY(affected.contains(changed));
    QVERIFY(affected.size() < after.size() || after.size() <= 4);
    const validate::Findings incremental = validate::replaceFindings(
        validate::run(before), affected, validate::run(after, index, {}, affected));
    QCOMPARE(incremental, validate::run(after));
}

void tst_ValidateEngine::indexAnswersSelectors()
{
    const model::Snapshot snapshot = load(design);
    const validate::Index index(snapshot);
    QVERIFY(index.contains(u"Deployment"_s, u"shop"_s, u"api"_s));
    QVERIFY(!index.contains(u"Deployment"_s, u"alpha"_s, u"api"_s));
    const model::Selection api
        = model::Selection::of({{u"app"_s, model::SelectorOperator::Equals, {u"api"_s}}});
    QCOMPARE(index.templatesSelectedBy(u"shop"_s, api).size(), 1);
    QCOMPARE(index.templatesSelectedBy(u"alpha"_s, api).size(), 0);
    const model::Selection anyApp
        = model::Selection::of({{u"app"_s, model::SelectorOperator::Exists, {}}});
    QCOMPARE(index.templatesSelectedBy(u"shop"_s, anyApp).size(), 1);
    QCOMPARE(index.templatesSelectedBy(u"alpha"_s, anyApp).size(),
             0); // the debug Pod has no labels
    // NotIn matches a label set without the key (labels.Requirement.Matches).
    const model::Selection notX
        = model::Selection::of({{u"app"_s, model::SelectorOperator::NotIn, {u"x"_s}}});
    QCOMPARE(index.templatesSelectedBy(u"alpha"_s, notX).size(), 1);
    QVERIFY(!index.selectsAnyTemplate(u"shop"_s, model::Selection::nothing()));
    QVERIFY(index.selectsAnyTemplate(u"shop"_s, model::Selection::everything()));
}

void tst_ValidateEngine::runIsDeterministic()
{
    const model::Snapshot snapshot = load(design);
    QCOMPARE(validate::run(snapshot), validate::run(snapshot));
}

void tst_ValidateEngine::unknownRuleIdsAreReported()
{
    validate::Config config;
    config.disabled.insert(u"no-such-rule"_s);
    config.disabled.insert(u"image-tag-latest"_s);
    config.severities.insert(u"also-unknown"_s, validate::Severity::Warning);
    QCOMPARE(validate::unknownRuleIds(config), (QStringList{u"also-unknown"_s, u"no-such-rule"_s}));
}

QTEST_GUILESS_MAIN(tst_ValidateEngine)
#include "tst_validate_engine.moc"
