// SPDX-License-Identifier: GPL-3.0-or-later
// Reachability findings: tests/data/reach-lint/<case>/input.yaml carries
// `# expect-lint: <rule> <Kind> <ns/name>` lines; the findings must be exactly those (each object
// at least once per expected rule, nothing else). Every case says what it pins in README.md.
#include <sim/reach/lint.h>
#include <sim/reach/reach.h>

#include <model/core/document.h>
#include <model/io/manifest_reader.h>

#include <support/test_support.h>

#include <set>

using namespace kstudio;
using namespace Qt::StringLiterals;

class tst_ReachLint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scenario_data();
    void scenario();
};

namespace {

QString casesDir()
{
    return test::dataDir() + u"/reach-lint"_s;
}

} // namespace

void tst_ReachLint::scenario_data()
{
    QTest::addColumn<QString>("dir");
    const QStringList cases
        = QDir(casesDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(cases.size() >= 3);
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << casesDir() + u'/' + name;
}

void tst_ReachLint::scenario()
{
    QFETCH(QString, dir);
    QVERIFY2(QFileInfo::exists(dir + u"/README.md"_s), "every case says what it pins in README.md");
    const QString input = dir + u"/input.yaml"_s;
    std::set<QString> expected;
    const QString text = QString::fromUtf8(test::readAll(input));
    for (const QString &line : text.split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(u"# expect-lint:"_s))
            expected.insert(trimmed.mid(14).simplified());
    }
    QVERIFY2(!expected.empty(), "a case pins at least one finding");

    const model::LoadResult loaded = model::loadPaths({input});
    QVERIFY(loaded.diagnostics.isEmpty());
    model::Document document;
    document.addObjects(std::vector<model::Object>(loaded.objects));
    const auto network = sim::reach::Network::build(document.snapshot());
    const auto findings = sim::reach::lint(network, document.snapshot());
    std::set<QString> actual;
    QStringList messages;
    for (const sim::reach::LintFinding &finding : findings) {
        QVERIFY(!finding.message.isEmpty());
        QVERIFY(finding.path.startsWith(u"spec."_s));
        actual.insert(finding.rule + u' ' + finding.kind + u' ' + finding.qualifiedName());
        messages << finding.rule + u' ' + finding.qualifiedName() + u": "_s + finding.message;
    }
    if (actual != expected)
        QFAIL(qPrintable(u"findings differ; got:\n"_s + messages.join(u'\n')));
    // Deterministic: the same findings in the same order.
    const auto again = sim::reach::lint(network, document.snapshot());
    QCOMPARE(again.size(), findings.size());
    for (std::size_t i = 0; i < findings.size(); ++i)
        QCOMPARE(again[i].message, findings[i].message);
}

QTEST_GUILESS_MAIN(tst_ReachLint)
#include "tst_reach_lint.moc"
