// SPDX-License-Identifier: GPL-3.0-or-later
// Reachability scenarios: tests/data/reach/<case>/{input.yaml, args, expected.json, README.md}
// and, for the network-policy-recipes, a `corpus` file naming recipe files under
// ../shared/corpus that are read at test time (never copied here). `args` holds the query as
// `kstudio reach` takes it (--from, --to, --port, --external, --exposure, --ingress-controller,
// --gateway-controller). expected.json is compared as JSON;
// KSTUDIO_UPDATE_GOLDEN=1 rewrites it (review the diff), and a mismatch leaves actual.json under
// the build directory.
#include <sim/reach/exposure.h>
#include <sim/reach/reach.h>
#include <sim/reach/report.h>

#include <model/core/document.h>
#include <model/io/manifest_reader.h>

#include <support/test_support.h>

#include <QJsonDocument>
#include <QJsonParseError>

using namespace kstudio;
using namespace Qt::StringLiterals;

class tst_ReachGolden : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scenario_data();
    void scenario();
    void deterministic();
    void classSummaryMatchesTheListing_data() { scenario_data(); }
    void classSummaryMatchesTheListing();
};

namespace {

QString casesDir()
{
    return test::dataDir() + u"/reach"_s;
}

struct Case
{
    QStringList inputs;
    sim::reach::Query query;
    QList<sim::reach::Cidr> externals;
    bool exposure = false; // --exposure: every way in from outside
    sim::reach::ExposureOptions exposureOptions;
    QString error;
};

Case readCase(const QString &dir)
{
    Case result;
    result.inputs << dir + u"/input.yaml"_s;
    const QString corpusList = QString::fromUtf8(test::readAll(dir + u"/corpus"_s));
    for (const QString &line : corpusList.split(u'\n', Qt::SkipEmptyParts)) {
        if (!line.trimmed().isEmpty() && !line.startsWith(u'#'))
            result.inputs << test::corpusDir() + u'/' + line.trimmed();
    }
    const QStringList args = QString::fromUtf8(test::readAll(dir + u"/args"_s))
                                 .split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
    for (int i = 0; i < args.size(); ++i) {
        const QString &option = args.at(i);
        if (option == u"--exposure"_s) {
            result.exposure = true;
            continue;
        }
        if (i + 1 >= args.size()) {
            result.error = u"option without a value in args: "_s + option;
            break;
        }
        const QString &value = args.at(++i);
        if (option == u"--from"_s) {
            result.query.from = value;
        } else if (option == u"--to"_s) {
            result.query.to = value;
        } else if (option == u"--port"_s) {
            const QStringList parts = value.split(u'/');
            result.query.port = parts.front().toInt();
            if (parts.size() > 1)
                result.query.protocol = sim::reach::parseProtocol(parts.at(1));
        } else if (option == u"--external"_s) {
            result.externals << *sim::reach::Cidr::parse(value);
        } else if (option == u"--ingress-controller"_s || option == u"--gateway-controller"_s) {
            QString error;
            const auto spec = sim::reach::ControllerSpec::parse(value, &error);
            if (!spec)
                result.error = error;
            else if (option == u"--ingress-controller"_s)
                result.exposureOptions.ingressController = *spec;
            else
                result.exposureOptions.gatewayController = *spec;
        } else {
            result.error = u"unknown option in args: "_s + option;
        }
    }
    return result;
}

QByteArray runCase(const Case &scenario)
{
    model::Document document;
    const model::LoadResult loaded = model::loadPaths(scenario.inputs);
    for (const auto &diagnostic : loaded.diagnostics)
        qWarning("%s", qPrintable(diagnostic.toString()));
    document.addObjects(std::vector<model::Object>(loaded.objects));
    const auto network = sim::reach::Network::build(document.snapshot(), scenario.externals);
    if (scenario.exposure) {
        return sim::reach::toJson(
            network, sim::reach::exposures(network, document.snapshot(), scenario.exposureOptions));
    }
    const sim::reach::QueryResult result = sim::reach::runQuery(network, scenario.query);
    if (!result.error.isEmpty())
        return result.error.toUtf8();
    return sim::reach::toJson(network, result.connections);
}

} // namespace

void tst_ReachGolden::scenario_data()
{
    QTest::addColumn<QString>("dir");
    const QStringList cases
        = QDir(casesDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(cases.size() >= 10);
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << casesDir() + u'/' + name;
}

void tst_ReachGolden::scenario()
{
    QFETCH(QString, dir);
    QVERIFY2(QFileInfo::exists(dir + u"/README.md"_s), "every case says what it pins in README.md");
    const Case scenario = readCase(dir);
    QVERIFY2(scenario.error.isEmpty(), qPrintable(scenario.error));
    if (QFileInfo::exists(dir + u"/corpus"_s))
        KS_REQUIRE_CORPUS();
    const QByteArray actual = runCase(scenario);
    QJsonParseError parseError;
    const QJsonDocument actualJson = QJsonDocument::fromJson(actual, &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, actual.constData());

    const QString expectedPath = dir + u"/expected.json"_s;
    if (qEnvironmentVariableIntValue("KSTUDIO_UPDATE_GOLDEN") == 1) {
        QFile file(expectedPath);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(actual);
        return;
    }
    const QJsonDocument expectedJson
        = QJsonDocument::fromJson(test::readAll(expectedPath), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError,
             qPrintable(expectedPath + u": "_s + parseError.errorString()));
    if (actualJson != expectedJson) {
        const QString actualPath = QStringLiteral(KS_BUILD_DIR "/reach-golden-")
                                   + QFileInfo(dir).fileName() + u"-actual.json"_s;
        QFile file(actualPath);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(actual);
        QFAIL(qPrintable(u"differs from "_s + expectedPath + u"; actual output: "_s + actualPath
                         + u" (diff -u the two; KSTUDIO_UPDATE_GOLDEN=1 rewrites)"_s));
    }
}

void tst_ReachGolden::deterministic()
{
    const Case scenario = readCase(casesDir() + u"/xyz-allow-from-namespace"_s);
    QCOMPARE(runCase(scenario), runCase(scenario));
}

// summarize() and workloadMatrix() (one verdict per pair of equivalence classes) must give
// exactly the totals, matrix and dot of the full listing, on every scenario's design and port
// filter.
void tst_ReachGolden::classSummaryMatchesTheListing()
{
    QFETCH(QString, dir);
    Case scenario = readCase(dir);
    if (QFileInfo::exists(dir + u"/corpus"_s))
        KS_REQUIRE_CORPUS();
    scenario.query.from.clear();
    scenario.query.to.clear();
    scenario.query.withReasons = false;
    model::Document document;
    const model::LoadResult loaded = model::loadPaths(scenario.inputs);
    document.addObjects(std::vector<model::Object>(loaded.objects));
    const auto network = sim::reach::Network::build(document.snapshot(), scenario.externals);
    const sim::reach::QueryResult listing = sim::reach::runQuery(network, scenario.query);
    QVERIFY2(listing.error.isEmpty(), qPrintable(listing.error));
    QCOMPARE(sim::reach::summaryText(sim::reach::summarize(network, scenario.query)),
             sim::reach::toSummary(network, listing.connections));
    QVERIFY(network.classCount() <= network.peers().size());
    const sim::reach::WorkloadMatrix byClasses
        = sim::reach::workloadMatrix(network, scenario.query);
    QCOMPARE(sim::reach::matrixText(byClasses), sim::reach::toMatrix(network, listing.connections));
    QCOMPARE(sim::reach::dotText(byClasses), sim::reach::toDot(network, listing.connections));
}

QTEST_GUILESS_MAIN(tst_ReachGolden)
#include "tst_reach_golden.moc"
