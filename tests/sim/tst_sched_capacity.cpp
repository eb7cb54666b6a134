// SPDX-License-Identifier: GPL-3.0-or-later
// Capacity planning: tests/data/capacity/<case>/{input.yaml, options.json, expected.json,
// README.md}; options.json: {"shape": "cpu=..,memory=..,pods=..", "zones": [...]} (both
// optional). expected.json is the "capacityPlan" JSON; KSTUDIO_UPDATE_GOLDEN=1 rewrites it
// (review the diff: each README derives its numbers by hand).
#include <model/core/document.h>
#include <model/io/manifest_reader.h>
#include <sim/sched/capacity.h>
#include <sim/sched/json.h>

#include <support/test_support.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace kstudio;

class tst_SchedCapacity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plans_data();
    void plans();
    void nodeShapeParsing_data();
    void nodeShapeParsing();
    void noShapeIsAnError();
    void cancelStopsTheSearch();
};

namespace {

QString casesDir()
{
    return test::dataDir() + QStringLiteral("/capacity");
}

} // namespace

void tst_SchedCapacity::plans_data()
{
    QTest::addColumn<QString>("caseName");
    const QStringList cases = QDir(casesDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(!cases.isEmpty());
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << name;
}

void tst_SchedCapacity::plans()
{
    QFETCH(QString, caseName);
    const QString dir = casesDir() + QLatin1Char('/') + caseName;
    QVERIFY2(QFileInfo::exists(dir + QStringLiteral("/README.md")), "each case names the doc it follows");
    model::Document document;
    model::LoadResult loaded = model::loadPaths({dir + QStringLiteral("/input.yaml")});
    document.addObjects(std::move(loaded.objects));
    sim::sched::CapacityOptions options;
    const QJsonObject json = QJsonDocument::fromJson(test::readAll(dir + QStringLiteral("/options.json"))).object();
    if (json.contains(QStringLiteral("shape"))) {
        QString error;
        options.shape = sim::sched::parseNodeShape(json.value(QStringLiteral("shape")).toString(), &error);
        QVERIFY2(options.shape, qPrintable(error));
    }
    if (json.contains(QStringLiteral("zones"))) {
        QStringList zones;
        for (const QJsonValue &zone : json.value(QStringLiteral("zones")).toArray())
            zones.append(zone.toString());
        options.zones = zones;
    }
    const QJsonDocument actual(sim::sched::toJson(sim::sched::planCapacity(document.snapshot(), options)));
    const QString expectedPath = dir + QStringLiteral("/expected.json");
    if (qEnvironmentVariableIsSet("KSTUDIO_UPDATE_GOLDEN")) {
        QFile file(expectedPath);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(actual.toJson(QJsonDocument::Indented));
        return;
    }
    const QJsonDocument expected = QJsonDocument::fromJson(test::readAll(expectedPath));
    QVERIFY2(!expected.isNull(), qPrintable(expectedPath));
    QCOMPARE(QString::fromUtf8(actual.toJson(QJsonDocument::Indented)), QString::fromUtf8(expected.toJson(QJsonDocument::Indented)));
}

void tst_SchedCapacity::nodeShapeParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("cpu");
    QTest::addColumn<QString>("memory");
    QTest::addColumn<int>("pods");
    QTest::newRow("full") << "cpu=4,memory=16Gi,pods=110" << true << "4" << "16Gi" << 110;
    QTest::newRow("cpu-only-keeps-defaults") << "cpu=500m" << true << "500m" << "16Gi" << 110;
    QTest::newRow("unknown-key") << "gpu=1" << false << "" << "" << 0;
    QTest::newRow("bad-quantity") << "memory=lots" << false << "" << "" << 0;
    QTest::newRow("no-value") << "cpu" << false << "" << "" << 0;
    QTest::newRow("zero-pods") << "pods=0" << false << "" << "" << 0;
}

void tst_SchedCapacity::nodeShapeParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QString error;
    const std::optional<model::NodePool> shape = sim::sched::parseNodeShape(text, &error);
    QCOMPARE(shape.has_value(), ok);
    if (!ok) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QFETCH(QString, cpu);
    QFETCH(QString, memory);
    QFETCH(int, pods);
    QCOMPARE(shape->cpu, cpu);
    QCOMPARE(shape->memory, memory);
    QCOMPARE(shape->pods, pods);
}

void tst_SchedCapacity::noShapeIsAnError()
{
    model::Document document;
    const sim::sched::CapacityPlan plan = sim::sched::planCapacity(document.snapshot());
    QVERIFY(plan.error.contains(QStringLiteral("--node-shape")));
    QVERIFY(!plan.nodes);
}

// CapacityOptions::cancel (the GUI's dialog closing): set before the search, no scheduling run
// is made and the plan says cancelled, with no counts; unset, the same design gets its answer.
void tst_SchedCapacity::cancelStopsTheSearch()
{
    const QString dir = test::dataDir() + QStringLiteral("/capacity/shape-three-zones");
    model::Document document;
    document.addObjects(model::loadPaths({dir + QStringLiteral("/input.yaml")}).objects);
    sim::sched::CapacityOptions options;
    QString error;
    options.shape = sim::sched::parseNodeShape(QStringLiteral("cpu=4,memory=16Gi,pods=110"), &error);
    QVERIFY2(options.shape, qPrintable(error));
    options.zones = QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    std::atomic<bool> cancel{true};
    options.cancel = &cancel;
    const sim::sched::CapacityPlan cancelled = sim::sched::planCapacity(document.snapshot(), options);
    QVERIFY(cancelled.cancelled);
    QCOMPARE(cancelled.simulations, 0);
    QVERIFY(!cancelled.nodes);
    cancel = false;
    const sim::sched::CapacityPlan plan = sim::sched::planCapacity(document.snapshot(), options);
    QVERIFY(!plan.cancelled);
    QVERIFY(plan.simulations > 0);
    QVERIFY(plan.nodes);
}

QTEST_GUILESS_MAIN(tst_SchedCapacity)
#include "tst_sched_capacity.moc"
