// SPDX-License-Identifier: GPL-3.0-or-later
// `kstudio validate` as scripts see it (../shared/CLI.md): the built binary, its exit codes,
// text, JSON and SARIF output, --k8s-version, --disable, --severity, a project's saved rule
// settings, and the usage errors.
#include <model/io/manifest_reader.h>
#include <model/io/project_file.h>

#include <support/test_support.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

using namespace kstudio;
using namespace Qt::StringLiterals;

class tst_CliValidate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exitCodes_data();
    void exitCodes();
    void textIsOneFindingPerLine();
    void jsonHasTheContractKeys();
    void sarifIsMinimalValid();
    void k8sVersionDrivesApiRules();
    void disableDropsARule();
    void severityReLevelsARule();
    void projectRuleSettingsApply();
    void listRules();
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
    process.start(test::kstudioBinary(), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString fixture(const QString &rule, const QString &which)
{
    return test::dataDir() + u"/validate/"_s + rule + u'/' + which + u".yaml"_s;
}

QString selectorBad()
{
    return fixture(u"service-selector-matches-nothing"_s, u"bad"_s);
}

QString cronJobBeta()
{
    return fixture(u"api-version-deprecated"_s, u"bad"_s);
}

} // namespace

void tst_CliValidate::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrContains");
    QTest::newRow("errors") << QStringList{u"validate"_s, selectorBad()} << 1 << QString();
    QTest::newRow("clean") << QStringList{u"validate"_s,
                                          fixture(u"service-selector-matches-nothing"_s, u"good"_s),
                                          u"--min-severity"_s,
                                          u"error"_s}
                           << 0 << QString();
    QTest::newRow("warnings-only")
        << QStringList{u"validate"_s, fixture(u"secret-reference-missing"_s, u"bad"_s)} << 0
        << QString();
    QTest::newRow("help") << QStringList{u"validate"_s, u"--help"_s} << 0 << QString();
    QTest::newRow("no-path") << QStringList{u"validate"_s} << 2 << u"usage: kstudio validate"_s;
    QTest::newRow("bad-format") << QStringList{u"validate"_s,
                                               selectorBad(),
                                               u"--format"_s,
                                               u"xml"_s}
                                << 2 << u"unknown --format"_s;
    QTest::newRow("bad-version") << QStringList{u"validate"_s,
                                                selectorBad(),
                                                u"--k8s-version"_s,
                                                u"one"_s}
                                 << 2 << u"invalid --k8s-version"_s;
    QTest::newRow("unknown-rule") << QStringList{u"validate"_s,
                                                 selectorBad(),
                                                 u"--disable"_s,
                                                 u"no-such-rule"_s}
                                  << 2 << u"unknown rule no-such-rule"_s;
    QTest::newRow("missing-file") << QStringList{u"validate"_s, u"/nonexistent.yaml"_s} << 2
                                  << u"/nonexistent.yaml: error: no such file"_s;
    QTest::newRow("malformed") << QStringList{u"validate"_s,
                                              test::dataDir() + u"/cli/malformed.yaml"_s}
                               << 2 << u"malformed.yaml:"_s;
}

void tst_CliValidate::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrContains);
    const Run result = run(arguments);
    QVERIFY2(result.exitCode == exitCode, qPrintable(result.out + result.err));
    QVERIFY2(result.err.contains(stderrContains), qPrintable(result.err));
}

void tst_CliValidate::textIsOneFindingPerLine()
{
    const Run result = run({u"validate"_s, selectorBad(), u"--min-severity"_s, u"error"_s});
    QCOMPARE(result.exitCode, 1);
    const QStringList lines = result.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    // file:line:col: severity: message [rule]
    // Sorted by namespace, then name: default/frontend, edge/shop-web, shop/api.
    QCOMPARE(
        lines[0],
        selectorBad()
            + u":9:3: error: selector app.kubernetes.io/name=guestbook,tier=frontend matches no pod template in namespace default: the Service has no endpoints [service-selector-matches-nothing]"_s);
    QVERIFY2(lines[1].contains(u"in namespace edge"_s), qPrintable(lines[1]));
    QCOMPARE(
        lines[2],
        selectorBad()
            + u":38:3: error: selector app=api matches no pod template in namespace shop: the Service has no endpoints [service-selector-matches-nothing]"_s);
}

void tst_CliValidate::jsonHasTheContractKeys()
{
    const Run result = run(
        {u"validate"_s, selectorBad(), u"--format"_s, u"json"_s, u"--min-severity"_s, u"error"_s});
    QCOMPARE(result.exitCode, 1);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.out.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonArray findings = document.object().value(u"findings"_s).toArray();
    QCOMPARE(findings.size(), 3);
    const QJsonObject first = findings[0].toObject();
    QCOMPARE(first.value(u"rule"_s).toString(), u"service-selector-matches-nothing"_s);
    QCOMPARE(first.value(u"severity"_s).toString(), u"error"_s);
    QCOMPARE(first.value(u"path"_s).toString(), u"spec.selector"_s);
    QVERIFY(first.value(u"message"_s).toString().contains(u"matches no pod template"_s));
    const QJsonObject object = first.value(u"object"_s).toObject();
    QCOMPARE(object.value(u"kind"_s).toString(), u"Service"_s);
    QCOMPARE(object.value(u"namespace"_s).toString(), u"default"_s);
    QCOMPARE(object.value(u"name"_s).toString(), u"frontend"_s);
    QCOMPARE(findings[2].toObject().value(u"object"_s).toObject().value(u"namespace"_s).toString(),
             u"shop"_s);
}

void tst_CliValidate::sarifIsMinimalValid()
{
    const Run result = run({u"validate"_s, selectorBad(), u"--format"_s, u"sarif"_s});
    QCOMPARE(result.exitCode, 1);
    const QJsonObject sarif = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(sarif.value(u"version"_s).toString(), u"2.1.0"_s);
    QVERIFY(sarif.value(u"$schema"_s).toString().contains(u"sarif-2.1.0"_s));
    const QJsonObject runObject = sarif.value(u"runs"_s).toArray().at(0).toObject();
    const QJsonObject driver = runObject.value(u"tool"_s).toObject().value(u"driver"_s).toObject();
    QCOMPARE(driver.value(u"name"_s).toString(), u"kstudio"_s);
    const QJsonArray rules = driver.value(u"rules"_s).toArray();
    QVERIFY(!rules.isEmpty());
    const QJsonArray results = runObject.value(u"results"_s).toArray();
    QVERIFY(!results.isEmpty());
    for (const QJsonValue &value : results) {
        const QJsonObject resultObject = value.toObject();
        const int index = resultObject.value(u"ruleIndex"_s).toInt(-1);
        QVERIFY(index >= 0 && index < rules.size());
        QCOMPARE(rules[index].toObject().value(u"id"_s).toString(),
                 resultObject.value(u"ruleId"_s).toString());
        QVERIFY(QStringList({u"error"_s, u"warning"_s, u"note"_s})
                    .contains(resultObject.value(u"level"_s).toString()));
        QVERIFY(!resultObject.value(u"message"_s).toObject().value(u"text"_s).toString().isEmpty());
        const QJsonObject physical = resultObject.value(u"locations"_s)
                                         .toArray()
                                         .at(0)
                                         .toObject()
                                         .value(u"physicalLocation"_s)
                                         .toObject();
        QVERIFY(physical.value(u"region"_s).toObject().value(u"startLine"_s).toInt() >= 1);
        QVERIFY(
            !physical.value(u"artifactLocation"_s).toObject().value(u"uri"_s).toString().isEmpty());
    }
}

void tst_CliValidate::k8sVersionDrivesApiRules()
{
    const Run current = run({u"validate"_s, cronJobBeta(), u"--format"_s, u"json"_s});
    QCOMPARE(current.exitCode, 1);
    QVERIFY(current.out.contains(u"\"api-version-removed\""_s));
    const Run old = run({u"validate"_s,
                         cronJobBeta(),
                         u"--format"_s,
                         u"json"_s,
                         u"--k8s-version"_s,
                         u"1.24"_s,
                         u"--disable"_s,
                         u"hpa-target-missing"_s});
    QCOMPARE(old.exitCode, 0);
    QVERIFY(!old.out.contains(u"\"api-version-removed\""_s));
    QVERIFY(old.out.contains(u"\"api-version-deprecated\""_s));
}

void tst_CliValidate::disableDropsARule()
{
    const Run result = run({u"validate"_s,
                            selectorBad(),
                            u"--disable"_s,
                            u"service-selector-matches-nothing"_s,
                            u"--min-severity"_s,
                            u"error"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.isEmpty(), qPrintable(result.out));
}

void tst_CliValidate::severityReLevelsARule()
{
    const Run lowered = run({u"validate"_s,
                             selectorBad(),
                             u"--severity"_s,
                             u"service-selector-matches-nothing=warning"_s,
                             u"--format"_s,
                             u"json"_s});
    QCOMPARE(lowered.exitCode, 0);
    QVERIFY(lowered.out.contains(u"\"severity\": \"warning\""_s)
            || lowered.out.contains(u"\"severity\":\"warning\""_s));
    const Run bad = run({u"validate"_s, selectorBad(), u"--severity"_s, u"service-selector-matches-nothing=loud"_s});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(u"invalid --severity"_s), qPrintable(bad.err));
}

// A .kstudio project stores rule settings ("rules" in design.json); validate applies them, and
// the flags go on top: --severity overrides a saved level.
void tst_CliValidate::projectRuleSettingsApply()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    model::LoadResult loaded = model::loadPaths({selectorBad()});
    model::ProjectReadResult project;
    project.ok = true;
    quint64 next = 1;
    for (model::Object &object : loaded.objects) {
        object.id = model::ObjectId{next++};
        project.objects.push_back(std::move(object));
    }
    project.rules.severities.insert(u"service-selector-matches-nothing"_s, u"info"_s);
    project.rules.disabled.append(u"rule-from-the-future"_s);
    const QString path = dir.filePath(u"design.kstudio"_s);
    QString error;
    QVERIFY2(model::writeProject(path, model::toSnapshot(std::move(project)), &error),
             qPrintable(error));

    const model::ProjectReadResult reread = model::readProject(path);
    QVERIFY(reread.ok);
    QCOMPARE(reread.rules.severities.value(u"service-selector-matches-nothing"_s), u"info"_s);
    QCOMPARE(reread.rules.disabled, QList<QString>{u"rule-from-the-future"_s});

    const Run saved = run({u"validate"_s, path, u"--min-severity"_s, u"warning"_s});
    QCOMPARE(saved.exitCode, 0);
    QVERIFY2(!saved.out.contains(u"service-selector-matches-nothing"_s), qPrintable(saved.out));
    QVERIFY2(saved.err.contains(u"unknown rule rule-from-the-future"_s), qPrintable(saved.err));

    const Run flagged = run({u"validate"_s,
                             path,
                             u"--severity"_s,
                             u"service-selector-matches-nothing=error"_s,
                             u"--min-severity"_s,
                             u"error"_s});
    QCOMPARE(flagged.exitCode, 1);
    QVERIFY(flagged.out.contains(u"[service-selector-matches-nothing]"_s));
}

void tst_CliValidate::listRules()
{
    const Run result = run({u"validate"_s, u"--list-rules"_s, u"--format"_s, u"json"_s});
    QCOMPARE(result.exitCode, 0);
    const QJsonArray rules
        = QJsonDocument::fromJson(result.out.toUtf8()).object().value(u"rules"_s).toArray();
    QVERIFY(rules.size() >= 20);
    for (const QJsonValue &rule : rules)
        QVERIFY(
            rule.toObject().value(u"docUrl"_s).toString().startsWith(u"https://kubernetes.io/"_s));
}

QTEST_GUILESS_MAIN(tst_CliValidate)
#include "tst_cli_validate.moc"
