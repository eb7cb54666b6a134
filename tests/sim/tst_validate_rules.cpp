// SPDX-License-Identifier: GPL-3.0-or-later
// The validation rules against their fixtures (tests/data/validate/<rule-id>/{bad,good}.yaml,
// with clang-tidy-style "# expect: <rule-id> <severity> <path>" lines in bad.yaml), the
// meta-tests that keep rules.def and the fixtures in step, and the corpus check: schema rules
// find no error in real-world manifests.
#include <sim/validate/engine.h>
#include <sim/validate/rule.h>

#include <model/core/document.h>
#include <model/io/manifest_reader.h>

#include <support/test_support.h>

#include <QDirIterator>
#include <QRegularExpression>

using namespace kstudio;
using namespace Qt::StringLiterals;
namespace validate = kstudio::sim::validate;

class tst_ValidateRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void everyRuleHasFixtures();
    void everyFixtureNamesARule();
    void rulesAreSortedAndDocumented();
    void schemaRulesFindNoErrorInTheCorpus_data();
    void schemaRulesFindNoErrorInTheCorpus();
};

namespace {

QString fixturesDir()
{
    return test::dataDir() + u"/validate"_s;
}

struct Expectation
{
    QString rule;
    QString severity;
    QString path;
};

// The document a 1-based line belongs to: the number of "---" separators before it.
int documentOf(const QStringList &lines, int line)
{
    int document = 0;
    for (int i = 0; i < line - 1 && i < lines.size(); ++i) {
        if (lines[i].startsWith(u"---"_s))
            ++document;
    }
    return document;
}

struct Fixture
{
    model::Snapshot snapshot;
    QStringList lines;
    QList<QPair<int, Expectation>> expectations; // document -> expectation
    validate::Config config;
    QString error;
};

Fixture loadFixture(const QString &path)
{
    Fixture fixture;
    const QByteArray bytes = test::readAll(path);
    fixture.lines = QString::fromUtf8(bytes).split(u'\n');
    static const QRegularExpression expect(u"#\\s*expect:\\s*(\\S+)\\s+(\\S+)\\s+(\\S+)\\s*$"_s);
    static const QRegularExpression version(u"#\\s*k8s-version:\\s*(\\S+)"_s);
    for (int i = 0; i < fixture.lines.size(); ++i) {
        const QString &line = fixture.lines[i];
        if (const QRegularExpressionMatch match = expect.match(line); match.hasMatch()) {
            fixture.expectations.append(
                {documentOf(fixture.lines, i + 1),
                 {match.captured(1), match.captured(2), match.captured(3)}});
        }
        if (const QRegularExpressionMatch match = version.match(line); match.hasMatch()) {
            const auto parsed = validate::KubeVersion::parse(match.captured(1));
            if (!parsed)
                fixture.error = u"bad k8s-version line %1"_s.arg(i + 1);
            else
                fixture.config.target = *parsed;
        }
    }
    model::LoadResult loaded;
    model::readManifests(
        std::string_view(bytes.constData(), std::size_t(bytes.size())), path, loaded);
    for (const model::Diagnostic &diagnostic : loaded.diagnostics)
        fixture.error += diagnostic.toString() + u'\n';
    model::Document document;
    document.addObjects(std::move(loaded.objects));
    fixture.snapshot = document.snapshot();
    return fixture;
}

QString describe(int document, const QString &rule, const QString &severity, const QString &path)
{
    return u"doc %1: %2 %3 %4"_s.arg(document).arg(rule, severity, path);
}

QStringList ruleDirectories()
{
    QStringList out = QDir(fixturesDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    return out;
}

} // namespace

void tst_ValidateRules::fixtures_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("file");
    for (const QString &rule : ruleDirectories()) {
        for (const QString &which : {u"bad"_s, u"good"_s}) {
            const QString file = fixturesDir() + u'/' + rule + u'/' + which + u".yaml"_s;
            if (QFileInfo::exists(file))
                QTest::newRow(qPrintable(rule + u'/' + which)) << rule << file;
        }
    }
}

void tst_ValidateRules::fixtures()
{
    QFETCH(QString, rule);
    QFETCH(QString, file);
    const Fixture fixture = loadFixture(file);
    QVERIFY2(fixture.error.isEmpty(), qPrintable(fixture.error));
    QVERIFY(fixture.snapshot.size() > 0);

    QSet<QString> rules{rule};
    QStringList expected;
    for (const auto &[document, expectation] : fixture.expectations) {
        rules.insert(expectation.rule);
        expected.append(
            describe(document, expectation.rule, expectation.severity, expectation.path));
    }
    QStringList actual;
    QStringList messages;
    for (const validate::Finding &finding : validate::run(fixture.snapshot, fixture.config)) {
        if (!rules.contains(finding.rule))
            continue;
        actual.append(describe(documentOf(fixture.lines, finding.line),
                               finding.rule,
                               validate::severityName(finding.severity),
                               finding.path));
        messages.append(u"%1:%2: %3"_s.arg(finding.line).arg(finding.column).arg(finding.message));
    }
    expected.sort();
    QStringList sortedActual = actual;
    sortedActual.sort();
    if (sortedActual != expected)
        qWarning().noquote() << (u"findings:\n  "_s + messages.join(u"\n  "_s));
    QCOMPARE(sortedActual.join(u'\n'), expected.join(u'\n'));
}

void tst_ValidateRules::everyRuleHasFixtures()
{
    for (const validate::Rule *rule : validate::allRules()) {
        const QString dir = fixturesDir() + u'/' + QLatin1StringView(rule->id);
        QVERIFY2(QFileInfo::exists(dir + u"/bad.yaml"_s), rule->id);
        QVERIFY2(QFileInfo::exists(dir + u"/good.yaml"_s), rule->id);
        const Fixture bad = loadFixture(dir + u"/bad.yaml"_s);
        const bool firesItself = std::any_of(
            bad.expectations.cbegin(), bad.expectations.cend(), [&](const auto &entry) {
                return entry.second.rule == QLatin1StringView(rule->id);
            });
        QVERIFY2(firesItself,
                 qPrintable(u"%1/bad.yaml expects no finding of its own rule"_s.arg(
                     QLatin1StringView(rule->id))));
    }
}

void tst_ValidateRules::everyFixtureNamesARule()
{
    for (const QString &dir : ruleDirectories()) {
        QVERIFY2(validate::findRule(dir),
                 qPrintable(u"tests/data/validate/%1 names no rule"_s.arg(dir)));
        for (const QString &which : {u"bad.yaml"_s, u"good.yaml"_s}) {
            const Fixture fixture = loadFixture(fixturesDir() + u'/' + dir + u'/' + which);
            for (const auto &entry : fixture.expectations) {
                QVERIFY2(validate::findRule(entry.second.rule),
                         qPrintable(u"%1/%2: # expect: names unknown rule %3"_s.arg(
                             dir, which, entry.second.rule)));
                QVERIFY2(
                    validate::parseSeverity(entry.second.severity),
                    qPrintable(u"%1/%2: bad severity %3"_s.arg(dir, which, entry.second.severity)));
                QVERIFY2(which == u"bad.yaml"_s || entry.second.rule != dir,
                         qPrintable(u"%1/good.yaml expects its own rule"_s.arg(dir)));
            }
        }
    }
}

void tst_ValidateRules::rulesAreSortedAndDocumented()
{
    static const QRegularExpression kebab(u"^[a-z0-9]+(-[a-z0-9]+)*$"_s);
    QString previous;
    for (const validate::Rule *rule : validate::allRules()) {
        const QString id = QString::fromLatin1(rule->id);
        QVERIFY2(kebab.match(id).hasMatch(), rule->id);
        QVERIFY2(previous < id, qPrintable(u"rules.def is not alphabetical at "_s + id));
        previous = id;
        QVERIFY2(*rule->summary && *rule->why && *rule->fix, rule->id);
        QVERIFY2(QByteArray(rule->docUrl).startsWith("https://kubernetes.io/docs/"), rule->id);
        QVERIFY(rule->check);
    }
}

void tst_ValidateRules::schemaRulesFindNoErrorInTheCorpus_data()
{
    QTest::addColumn<QString>("dir");
    if (!test::corpusPresent())
        return;
    const QDir corpus(test::corpusDir());
    for (const QString &app : corpus.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (app != u"_tricky"_s) {
            QTest::newRow(qPrintable(app)) << corpus.filePath(app);
            continue;
        }
        const QDir tricky(corpus.filePath(app));
        for (const QString &group : tricky.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            QTest::newRow(qPrintable(app + u'/' + group)) << tricky.filePath(group);
    }
}

// Error-level schema findings on the corpus that are real: the API server of v1.33 refuses
// these objects as written. Each names the file, rule and path, and why; the test fails when
// one of them is no longer found, as it does for any error not listed.
struct KnownDefect
{
    const char *group; // the corpus directory validated as one design
    const char *file;  // path suffix below it
    const char *rule;
    const char *path;
    const char *why;
};

constexpr KnownDefect knownCorpusDefects[] = {
    // ValidateResourceRequirements: request <= limit. 64Mi = 67108864 bytes > 64M = 64000000.
    {"gke-samples",
     "gke-shift-left-cost/api/testdata/manifests/test.yaml",
     "quantity-invalid",
     "spec.template.spec.containers[0].resources.requests.memory",
     "64Mi request above a 64M limit"},
    {"gke-samples",
     "k8s-cost-estimator-local/app-v1/deployment.yaml",
     "quantity-invalid",
     "spec.template.spec.containers[0].resources.requests.memory",
     "64Mi request above a 64M limit"},
    {"gke-samples",
     "k8s-cost-estimator-local/app-v2/deployment.yaml",
     "quantity-invalid",
     "spec.template.spec.containers[0].resources.requests.memory",
     "64Mi request above a 64M limit"},
    // The synthetic kitchen sink (SOURCES.md: written for YAML features, not validity).
    {"_tricky/synthetic",
     "kitchen-sink.yaml",
     "quantity-invalid",
     "spec.template.spec.containers[0].resources.requests.memory",
     "64Mi request above a 1e3 (1000 byte) limit"},
    {"_tricky/synthetic",
     "kitchen-sink.yaml",
     "quantity-invalid",
     "spec.template.spec.containers[1].resources.requests.memory",
     "the same, through the merge key"},
    {"_tricky/synthetic",
     "kitchen-sink.yaml",
     "service-port-invalid",
     "spec.ports[0].targetPort",
     "a quoted \"8080\" is an IntOrString string, i.e. a port name, and a port name needs a "
     "letter"},
    {"_tricky/synthetic",
     "kitchen-sink.yaml",
     "field-type-invalid",
     "spec.selector.version",
     "version: 1.10 is a YAML float; a Service selector is map[string]string, so decoding fails "
     "(the file's own comment says so)"},
    // argo-cd's reposerver testdata of invalid input: ConfigMap has data and binaryData; stringData
    // is a Secret field, so strict decoding refuses it ("unknown field \"stringData\"").
    {"_tricky/non-string-values",
     "reposerver__repository__testdata__invalid-metadata__bad.yaml",
     "field-unknown",
     "stringData",
     "stringData on a ConfigMap (2 objects)"},
};

void tst_ValidateRules::schemaRulesFindNoErrorInTheCorpus()
{
    KS_REQUIRE_CORPUS();
    QFETCH(QString, dir);
    model::LoadResult loaded = model::loadPaths({dir});
    model::Document document;
    document.addObjects(std::move(loaded.objects));
    QStringList errors;
    QSet<int> seen;
    for (const validate::Finding &finding : validate::run(document.snapshot())) {
        const validate::Rule *rule = validate::findRule(finding.rule);
        QVERIFY(rule);
        if (rule->family != validate::Family::Schema
            || finding.severity != validate::Severity::Error)
            continue;
        bool known = false;
        for (int i = 0; i < int(std::size(knownCorpusDefects)); ++i) {
            const KnownDefect &defect = knownCorpusDefects[i];
            if (finding.file.endsWith(QLatin1StringView(defect.file))
                && finding.rule == QLatin1StringView(defect.rule)
                && finding.path == QLatin1StringView(defect.path)) {
                known = true;
                seen.insert(i);
            }
        }
        if (!known)
            errors.append(u"%1:%2: %3 [%4]"_s.arg(finding.file)
                              .arg(finding.line)
                              .arg(finding.message, finding.rule));
    }
    for (const QString &error : std::as_const(errors))
        qWarning().noquote() << error;
    QVERIFY2(errors.isEmpty(), qPrintable(u"%1 error-level schema findings"_s.arg(errors.size())));
    const QString group = QDir(test::corpusDir()).relativeFilePath(dir);
    for (int i = 0; i < int(std::size(knownCorpusDefects)); ++i) {
        const KnownDefect &defect = knownCorpusDefects[i];
        QVERIFY2(group != QLatin1StringView(defect.group) || seen.contains(i),
                 qPrintable(u"known defect no longer found: %1 %2 %3"_s.arg(
                     QLatin1StringView(defect.file),
                     QLatin1StringView(defect.rule),
                     QLatin1StringView(defect.path))));
    }
}

QTEST_GUILESS_MAIN(tst_ValidateRules)
#include "tst_validate_rules.moc"
