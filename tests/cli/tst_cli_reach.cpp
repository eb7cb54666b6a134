// SPDX-License-Identifier: GPL-3.0-or-later
// `kstudio reach` as scripts and graders call it (../shared/CLI.md): the built binary, its exit
// codes, its JSON shape and order, and every --format.
#include <support/test_support.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace kstudio;
using namespace Qt::StringLiterals;

class tst_CliReach : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exitCodes_data();
    void exitCodes();
    void jsonIsTheContractShapeAndSorted();
    void pointQueryThroughAService();
    void externalNamedInTo();
    void exposureJsonShape();
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
    process.start(test::kstudioBinary(), QStringList{u"reach"_s} + arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString fixture(const QString &name)
{
    return test::dataDir() + u"/reach/"_s + name + u"/input.yaml"_s;
}

} // namespace

void tst_CliReach::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stdoutContains");
    QTest::addColumn<QString>("stderrContains");
    const QString xyz = fixture(u"xyz-allow-from-namespace"_s);
    const QString shop = fixture(u"service-named-targetport"_s);
    QTest::newRow("help") << QStringList{u"--help"_s} << 0 << u"--external"_s << QString();
    QTest::newRow("no-paths") << QStringList{} << 2 << QString() << u"usage: kstudio reach"_s;
    QTest::newRow("unknown-format")
        << QStringList{xyz, u"--format"_s, u"yaml"_s} << 2 << QString() << u"unknown --format"_s;
    QTest::newRow("bad-port") << QStringList{xyz, u"--port"_s, u"http"_s} << 2 << QString()
                              << u"invalid --port"_s;
    QTest::newRow("bad-protocol") << QStringList{xyz, u"--port"_s, u"80/ICMP"_s} << 2 << QString()
                                  << u"invalid --port"_s;
    QTest::newRow("bad-external") << QStringList{xyz, u"--external"_s, u"10.0.0.0/40"_s} << 2
                                  << QString() << u"invalid external"_s;
    QTest::newRow("unknown-pod") << QStringList{xyz, u"--from"_s, u"x/nope"_s} << 2 << QString()
                                 << u"no pod, workload or external endpoint named 'x/nope'"_s;
    QTest::newRow("missing-file") << QStringList{u"/nonexistent.yaml"_s} << 2 << QString()
                                  << u"/nonexistent.yaml"_s;
    QTest::newRow("malformed-file") << QStringList{test::dataDir() + u"/cli/malformed.yaml"_s} << 2
                                    << QString() << u"malformed.yaml:"_s;
    QTest::newRow("full-listing-exits-0-even-with-denials")
        << QStringList{xyz, u"--port"_s, u"80/TCP"_s} << 0 << u"denied  z/a -> x/b 80/TCP"_s
        << QString();
    QTest::newRow("point-allowed")
        << QStringList{xyz, u"--from"_s, u"y/a"_s, u"--to"_s, u"x/b"_s, u"--port"_s, u"80"_s} << 0
        << u"allowed by x/allow-from-y ingress[0]"_s << QString();
    QTest::newRow("point-denied")
        << QStringList{xyz, u"--from"_s, u"z/a"_s, u"--to"_s, u"x/b"_s, u"--port"_s, u"80/TCP"_s}
        << 1 << u"isolated by x/allow-from-y"_s << QString();
    QTest::newRow("who-can-reach-denied-some")
        << QStringList{xyz, u"--to"_s, u"x/a"_s, u"--port"_s, u"81/UDP"_s} << 1
        << u"denied  z/c -> x/a 81/UDP"_s << QString();
    QTest::newRow("a-pod-cannot-block-itself")
        << QStringList{xyz, u"--from"_s, u"x/a"_s, u"--to"_s, u"x/a"_s, u"--port"_s, u"80"_s} << 0
        << u"a pod cannot block access to itself"_s << QString();
    QTest::newRow("summary")
        << QStringList{xyz, u"--format"_s, u"summary"_s, u"--port"_s, u"80/TCP"_s} << 0
        << u"z -> x: 0 allowed, 9 denied\n"_s << QString();
    QTest::newRow("matrix") << QStringList{xyz, u"--format"_s, u"matrix"_s} << 0
                            << u"y/a -> x/a: TCP 80-81; UDP 80-81; SCTP 80-81\n"_s << QString();
    QTest::newRow("dot") << QStringList{xyz, u"--format"_s, u"dot"_s, u"--port"_s, u"80/TCP"_s} << 0
                         << u"\"y/a\" -> \"x/a\" [label=\"TCP 80\"];"_s << QString();
    QTest::newRow("unknown-service")
        << QStringList{shop, u"--to"_s, u"shop/nothing"_s} << 2 << QString()
        << u"no pod, workload, Service or external endpoint"_s;
    QTest::newRow("workload-name-stands-for-its-pods")
        << QStringList{shop,
                       u"--from"_s,
                       u"shop/client"_s,
                       u"--to"_s,
                       u"shop/web-v1"_s,
                       u"--port"_s,
                       u"8080"_s}
        << 0 << u"2 connections: 2 allowed, 0 denied"_s << QString();
    // Exposure (Services concept page: LoadBalancer, NodePort; Ingress concept page).
    const QString lb = fixture(u"exposure-loadbalancer-traffic-policy"_s);
    const QString ingress = fixture(u"exposure-ingress-controller"_s);
    const QString client = fixture(u"external-client-to-service-types"_s);
    QTest::newRow("exposure-text")
        << QStringList{lb, u"--exposure"_s} << 0
        << u"path: LoadBalancer shop/web-local, load balancer port 443/TCP"_s << QString();
    QTest::newRow("exposure-default-controller")
        << QStringList{ingress, u"--exposure"_s} << 0
        << u"allowed ingress-nginx/ingress-controller -> shop/api-0 8080/TCP"_s << QString();
    QTest::newRow("exposure-custom-controller")
        << QStringList{ingress,
                       u"--exposure"_s,
                       u"--ingress-controller"_s,
                       u"traefik:app=traefik"_s}
        << 0 << u"denied  traefik/ingress-controller -> shop/api-0 8080/TCP"_s << QString();
    QTest::newRow("exposure-bad-controller")
        << QStringList{ingress, u"--exposure"_s, u"--ingress-controller"_s, u"ns:novalue"_s} << 2
        << QString() << u"invalid --ingress-controller 'ns:novalue'"_s;
    QTest::newRow("exposure-not-matrix")
        << QStringList{ingress, u"--exposure"_s, u"--format"_s, u"matrix"_s} << 2 << QString()
        << u"--exposure prints text or json"_s;
    QTest::newRow("exposure-no-from")
        << QStringList{ingress, u"--exposure"_s, u"--from"_s, u"shop/api-0"_s} << 2 << QString()
        << u"takes no --from"_s;
    QTest::newRow("external-client-in-except-denied")
        << QStringList{client,
                       u"--from"_s,
                       u"ip:198.51.100.200"_s,
                       u"--to"_s,
                       u"shop/web-nodeport"_s}
        << 1 << u"no ingress rule allows ip:198.51.100.200 on 8080/TCP"_s << QString();
    QTest::newRow("external-client-to-clusterip-denied")
        << QStringList{lb, u"--from"_s, u"ip:203.0.113.9"_s, u"--to"_s, u"shop/web-internal"_s} << 1
        << u"ClusterIP Service has no node port or load balancer"_s << QString();
    const QString lintCase
        = test::dataDir() + u"/reach-lint/service-unreachable-from-clients/input.yaml"_s;
    QTest::newRow("lint-findings-exit-1")
        << QStringList{lintCase, u"--lint"_s} << 1
        << u"warning service-unreachable-from-clients Service shop/api spec.ports[0]: "
           "shop/frontend names this Service in its containers but shop/frontend-0 cannot reach 1 "
           "of 1 backends on port 8080/TCP"_s
        << QString();
    QTest::newRow("lint-clean-exit-0")
        << QStringList{xyz, u"--lint"_s} << 0 << u"0 findings"_s << QString();
    QTest::newRow("lint-not-with-exposure") << QStringList{xyz, u"--lint"_s, u"--exposure"_s} << 2
                                            << QString() << u"--lint prints text or json"_s;
    QTest::newRow("external-client-outside-source-ranges")
        << QStringList{lb, u"--from"_s, u"ip:192.0.2.1"_s, u"--to"_s, u"shop/web-local"_s} << 1
        << u"is not within loadBalancerSourceRanges (203.0.113.0/24)"_s << QString();
}

void tst_CliReach::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, stdoutContains);
    QFETCH(QString, stderrContains);
    const Run result = run(arguments);
    QVERIFY2(result.out.contains(stdoutContains), qPrintable(result.out.left(4000)));
    QVERIFY2(result.err.contains(stderrContains), qPrintable(result.err));
    QCOMPARE(result.exitCode, exitCode);
}

void tst_CliReach::jsonIsTheContractShapeAndSorted()
{
    const Run result = run({fixture(u"xyz-named-ports"_s), u"--format"_s, u"json"_s});
    QCOMPARE(result.exitCode, 0);
    const QJsonDocument document = QJsonDocument::fromJson(result.out.toUtf8());
    QVERIFY(document.isObject());
    const QJsonArray connections = document.object().value(u"connections"_s).toArray();
    QCOMPARE(connections.size(), 9 * 8 * 6);
    QString previous;
    for (const QJsonValue &value : connections) {
        const QJsonObject entry = value.toObject();
        for (const char *key : {"from", "to", "port", "protocol", "allowed", "reason"})
            QVERIFY2(entry.contains(QLatin1String(key)), key);
        QVERIFY(entry.value(u"port"_s).isDouble());
        QVERIFY(entry.value(u"allowed"_s).isBool());
        const QString sortKey
            = entry.value(u"from"_s).toString() + u'\x01' + entry.value(u"to"_s).toString()
              + u'\x01' + QString::number(entry.value(u"port"_s).toInt()).rightJustified(5, u'0')
              + u'\x01' + entry.value(u"protocol"_s).toString();
        QVERIFY2(previous < sortKey, qPrintable(sortKey));
        previous = sortKey;
    }
}

void tst_CliReach::pointQueryThroughAService()
{
    const Run result = run({fixture(u"service-named-targetport"_s),
                            u"--from"_s,
                            u"shop/client"_s,
                            u"--to"_s,
                            u"shop/web"_s,
                            u"--port"_s,
                            u"80"_s,
                            u"--format"_s,
                            u"json"_s});
    QCOMPARE(result.exitCode, 1); // web-v2-0 refuses the client on 9090
    const QJsonArray connections
        = QJsonDocument::fromJson(result.out.toUtf8()).object().value(u"connections"_s).toArray();
    QCOMPARE(connections.size(), 3);
    QCOMPARE(connections.at(2).toObject().value(u"to"_s).toString(), u"shop/web-v2-0"_s);
    QCOMPARE(connections.at(2).toObject().value(u"port"_s).toInt(), 9090);
    QCOMPARE(connections.at(2).toObject().value(u"service"_s).toString(), u"shop/web"_s);
    QCOMPARE(connections.at(2).toObject().value(u"allowed"_s).toBool(), false);
}

void tst_CliReach::externalNamedInTo()
{
    const Run result = run({fixture(u"xyz-egress-dns"_s),
                            u"--from"_s,
                            u"x/a"_s,
                            u"--to"_s,
                            u"ip:8.8.8.8"_s,
                            u"--port"_s,
                            u"53/UDP"_s,
                            u"--format"_s,
                            u"json"_s});
    QCOMPARE(result.exitCode, 1);
    const QJsonArray connections
        = QJsonDocument::fromJson(result.out.toUtf8()).object().value(u"connections"_s).toArray();
    QCOMPARE(connections.size(), 1);
    QCOMPARE(connections.at(0).toObject().value(u"to"_s).toString(), u"ip:8.8.8.8"_s);
    QCOMPARE(connections.at(0).toObject().value(u"protocol"_s).toString(), u"UDP"_s);
    const Run none
        = run({fixture(u"xyz-no-policies"_s), u"--from"_s, u"x/a"_s, u"--to"_s, u"ip:8.8.8.8"_s});
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.err.contains(u"name one with --port"_s), qPrintable(none.err));
}

void tst_CliReach::exposureJsonShape()
{
    const Run result = run(
        {fixture(u"exposure-gateway-httproute"_s), u"--exposure"_s, u"--format"_s, u"json"_s});
    QCOMPARE(result.exitCode, 0);
    const QJsonArray connections
        = QJsonDocument::fromJson(result.out.toUtf8()).object().value(u"connections"_s).toArray();
    QCOMPARE(connections.size(), 1);
    const QJsonObject entry = connections.at(0).toObject();
    for (const char *key : {"from",
                            "to",
                            "port",
                            "protocol",
                            "allowed",
                            "reason",
                            "service",
                            "servicePort",
                            "exposure",
                            "via",
                            "route"})
        QVERIFY2(entry.contains(QLatin1String(key)), key);
    QCOMPARE(entry.value(u"exposure"_s).toString(), u"Gateway"_s);
    QCOMPARE(entry.value(u"from"_s).toString(), u"infra/public-proxy"_s);
}

QTEST_GUILESS_MAIN(tst_CliReach)
#include "tst_cli_reach.moc"
