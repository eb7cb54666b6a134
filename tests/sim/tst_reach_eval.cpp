// SPDX-License-Identifier: GPL-3.0-or-later
// NetworkPolicy semantics, one row per statement of the Kubernetes documentation. Row names cite
// the statement: "NP §<section>" is kubernetes/website content/en/docs/concepts/services-
// networking/network-policies.md, "API <Type>.<field>" is k8s.io/api networking/v1/types.go,
// "validation" is kubernetes/kubernetes pkg/apis/networking/validation/validation.go.
// Every row runs on the documentation's three-namespaces-by-three-pods model: namespaces x, y, z
// (label ns=<name>), pods a, b, c (label pod=<name>) serving 80 and 81 on TCP, UDP and SCTP with
// ports named serve-<port>-<proto>.
#include <sim/reach/connection_set.h>
#include <sim/reach/exposure.h>
#include <sim/reach/peer.h>
#include <sim/reach/reach.h>

#include <model/core/document.h>
#include <model/io/manifest_reader.h>

#include <support/test_support.h>

using namespace kstudio;
using namespace kstudio::sim::reach;
using namespace Qt::StringLiterals;

class tst_ReachEval : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void portSetAlgebra_data();
    void portSetAlgebra();
    void connectionSetAlgebra();
    void portSpec_data();
    void portSpec();
    void gatewayExposureNamesItsRoute();
    void cidr_data();
    void cidr();
    void policy_data();
    void policy();
    void invalidPoliciesAreIgnored_data();
    void invalidPoliciesAreIgnored();
    void reasonNamesPoliciesAndRules();
    void decisionsAsData();
    void serviceResolvesNamedTargetPortPerPod();
    void controllerSpec_data();
    void controllerSpec();
    void classesAndAdHocPeers();
};

namespace {

QString threeByThree()
{
    QString yaml;
    for (const char *ns : {"x", "y", "z"}) {
        yaml += u"---\napiVersion: v1\nkind: Namespace\nmetadata: {name: %1, labels: {ns: %1}}\n"_s
                    .arg(QLatin1String(ns));
        for (const char *pod : {"a", "b", "c"}) {
            yaml += u"---\napiVersion: v1\nkind: Pod\nmetadata: {name: %2, namespace: %1, labels: "
                    u"{pod: %2}}\n"
                    "spec:\n  containers:\n  - name: cont\n    image: agnhost\n    ports:\n"_s.arg(
                        QLatin1String(ns), QLatin1String(pod));
            for (int port : {80, 81}) {
                for (const char *protocol : {"TCP", "UDP", "SCTP"}) {
                    yaml += u"    - {name: serve-%1-%2, containerPort: %1, protocol: %3}\n"_s
                                .arg(port)
                                .arg(QString::fromLatin1(protocol).toLower(),
                                     QLatin1String(protocol));
                }
            }
        }
    }
    return yaml;
}

struct Built
{
    model::Document document;
    Network network;
};

std::unique_ptr<Built> build(const QString &extraYaml, const QStringList &externals = {})
{
    auto built = std::make_unique<Built>();
    model::LoadResult loaded;
    const std::string text = QString(threeByThree() + u"---\n"_s + extraYaml).toStdString();
    model::readManifests(text, u"row.yaml"_s, loaded);
    for (const auto &diagnostic : loaded.diagnostics)
        qWarning("%s", qPrintable(diagnostic.toString()));
    built->document.addObjects(std::move(loaded.objects));
    QList<Cidr> cidrs;
    for (const QString &external : externals)
        cidrs << *Cidr::parse(external);
    built->network = Network::build(built->document.snapshot(), cidrs);
    return built;
}

QStringList externalsOf(const QString &from, const QString &to)
{
    QStringList externals;
    for (const QString &name : {from, to}) {
        if (name.startsWith(u"ip:"_s))
            externals << name.mid(3);
    }
    return externals;
}

const char *denyAllIngressY = R"(
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress, namespace: y}
spec:
  podSelector: {}
  policyTypes: [Ingress]
)";

} // namespace

void tst_ReachEval::portSetAlgebra_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("expected");
    QTest::newRow("union merges adjacent intervals") << u"union"_s << u"80-90,100"_s;
    QTest::newRow("intersection keeps the overlap") << u"intersection"_s << u"85-90"_s;
    QTest::newRow("subtraction splits an interval") << u"subtraction"_s << u"80-84"_s;
}

void tst_ReachEval::portSetAlgebra()
{
    QFETCH(QString, operation);
    QFETCH(QString, expected);
    PortSet left = PortSet::range(80, 84);
    left.add(85, 90);
    PortSet right = PortSet::range(85, 95).subtracted(PortSet::range(91, 95));
    right.add(100, 100);
    PortSet result;
    if (operation == u"union"_s)
        result = left.united(right);
    else if (operation == u"intersection"_s)
        result = left.intersected(right);
    else
        result = left.subtracted(right);
    QCOMPARE(result.toString(), expected);
}

// CLI.md's --port N[/PROTO], as the CLI, the Reachability dock and the classroom read it.
void tst_ReachEval::portSpec_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("port");       // 0: refused
    QTest::addColumn<QString>("protocol"); // empty: every protocol
    QTest::addColumn<QString>("error");
    QTest::newRow("number") << "80" << 80 << "" << "";
    QTest::newRow("udp") << "53/UDP" << 53 << "UDP" << "";
    QTest::newRow("lowercase protocol") << "8080/tcp" << 8080 << "TCP" << "";
    QTest::newRow("sctp") << "9/SCTP" << 9 << "SCTP" << "";
    QTest::newRow("bounds low") << "1" << 1 << "" << "";
    QTest::newRow("bounds high") << "65535" << 65535 << "" << "";
    QTest::newRow("zero") << "0" << 0 << "" << "0 is not a port";
    QTest::newRow("too high") << "65536" << 0 << "" << "65536 is not a port";
    QTest::newRow("named") << "http" << 0 << "" << "http is not a port";
    QTest::newRow("empty") << "" << 0 << "" << "an empty text is not a port";
    QTest::newRow("icmp") << "80/ICMP" << 0 << "" << "unknown protocol ICMP in 80/ICMP";
    QTest::newRow("two slashes") << "80/TCP/x" << 0 << "" << "unknown protocol TCP/x";
    QTest::newRow("no protocol after slash") << "80/" << 0 << "" << "unknown protocol  in 80/";
}

void tst_ReachEval::portSpec()
{
    QFETCH(QString, text);
    QFETCH(int, port);
    QFETCH(QString, protocol);
    QFETCH(QString, error);
    QString reason;
    const std::optional<PortSpec> spec = parsePortSpec(text, &reason);
    if (port == 0) {
        QVERIFY(!spec);
        QVERIFY2(reason.startsWith(error), qPrintable(reason));
        return;
    }
    QVERIFY2(spec, qPrintable(reason));
    QCOMPARE(spec->port, port);
    QCOMPARE(spec->protocol ? protocolName(*spec->protocol) : QString(), protocol);
}

// A connection in through a Gateway names the route object it follows (the canvas draws the path
// through it), as data rather than inside the route sentence.
void tst_ReachEval::gatewayExposureNamesItsRoute()
{
    const model::LoadResult loaded
        = model::loadPaths({test::dataDir() + u"/reach/exposure-gateway-httproute/input.yaml"_s});
    QVERIFY(loaded.diagnostics.isEmpty());
    model::Document document;
    document.addObjects(std::vector<model::Object>(loaded.objects));
    const Network network = Network::build(document.snapshot());
    QSet<QString> routes;
    int throughGateway = 0;
    for (const Connection &connection : exposures(network, document.snapshot())) {
        if (connection.exposure != u"Gateway"_s) {
            QVERIFY(connection.routeKind.isEmpty());
            continue;
        }
        ++throughGateway;
        QCOMPARE(connection.routeKind, u"HTTPRoute"_s);
        QVERIFY2(connection.route.contains(connection.routeName), qPrintable(connection.route));
        routes.insert(connection.routeName);
    }
    QVERIFY(throughGateway > 0);
    // billing/invoices is not attached (the listener's allowedRoutes does not select billing).
    QCOMPARE(routes, (QSet<QString>{u"shop/store"_s}));
}

void tst_ReachEval::connectionSetAlgebra()
{
    ConnectionSet dns;
    dns.add(Protocol::UDP, PortSet::range(53, 53));
    dns.add(Protocol::TCP, PortSet::range(53, 53));
    QCOMPARE(dns.toString(), u"TCP 53; UDP 53"_s);
    QVERIFY(dns.contains(Protocol::UDP, 53));
    QVERIFY(!dns.contains(Protocol::SCTP, 53));
    const ConnectionSet rest = ConnectionSet::all().subtracted(dns);
    QCOMPARE(rest.toString(), u"TCP 1-52,54-65535; UDP 1-52,54-65535; SCTP all ports"_s);
    QVERIFY(rest.united(dns).isAll());
    QVERIFY(rest.intersected(dns).isEmpty());
    QCOMPARE(ConnectionSet().toString(), u"No connections"_s);
    QCOMPARE(ConnectionSet::all().toString(), u"All connections"_s);
}

void tst_ReachEval::cidr_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("container");
    QTest::addColumn<bool>("contained");
    QTest::newRow("API IPBlock.cidr: IPv4 example 192.168.1.0/24")
        << u"192.168.1.7"_s << u"192.168.1.7"_s << u"192.168.1.0/24"_s << true;
    QTest::newRow("API IPBlock.cidr: IPv6 example 2001:db8::/64")
        << u"2001:db8::5"_s << u"2001:db8::5"_s << u"2001:db8::/64"_s << true;
    QTest::newRow("IPv6 outside the prefix")
        << u"2001:db9::5"_s << u"2001:db9::5"_s << u"2001:db8::/64"_s << false;
    QTest::newRow("families never contain each other")
        << u"::ffff:10.0.0.1"_s << u"::ffff:a00:1"_s << u"10.0.0.0/8"_s << false;
    QTest::newRow("a wider range is not inside a narrower one")
        << u"10.0.0.0/8"_s << u"10.0.0.0/8"_s << u"10.0.0.0/16"_s << false;
    QTest::newRow("host bits are masked")
        << u"10.1.2.3/8"_s << u"10.0.0.0/8"_s << u"0.0.0.0/0"_s << true;
    QTest::newRow("RFC 5952 compression of the longest zero run")
        << u"2001:0db8:0:0:1:0:0:1"_s << u"2001:db8::1:0:0:1"_s << u"::/0"_s << true;
}

void tst_ReachEval::cidr()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QFETCH(QString, container);
    QFETCH(bool, contained);
    const auto parsed = Cidr::parse(text);
    QVERIFY(parsed);
    QCOMPARE(parsed->toString(), canonical);
    QCOMPARE(Cidr::parse(container)->contains(*parsed), contained);
    QVERIFY(!Cidr::parse(u"10.0.0.256"_s));
    QVERIFY(!Cidr::parse(u"10.0.0.0/33"_s));
    QVERIFY(!Cidr::parse(u"1::2::3"_s));
}

void tst_ReachEval::policy_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("allowed");

    const QString none;
    const auto policy = [](const char *ns, const char *name, const char *spec) -> QString {
        return u"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: %1, namespace: %2}\nspec:\n"_s
                   .arg(QLatin1String(name), QLatin1String(ns))
               + QString::fromUtf8(spec);
    };

    QTest::newRow("NP §Isolated and Non-isolated Pods: by default, pods are non-isolated")
        << none << u"x/a"_s << u"y/b"_s << 80 << u"TCP"_s << true;
    QTest::newRow("NP §Default deny all ingress traffic: a policy selecting all pods with no "
                  "ingress isolates them")
        << QString::fromUtf8(denyAllIngressY) << u"x/a"_s << u"y/b"_s << 80 << u"TCP"_s << false;
    QTest::newRow("NP §Default deny all ingress traffic: it does not change egress isolation")
        << QString::fromUtf8(denyAllIngressY) << u"y/b"_s << u"x/a"_s << 80 << u"TCP"_s << true;
    const QString selectsA
        = policy("y", "isolate-a", "  podSelector: {matchLabels: {pod: a}}\n  ingress: []\n");
    QTest::newRow(
        "NP §Isolated: pods not selected by any NetworkPolicy continue to accept all traffic")
        << selectsA << u"x/a"_s << u"y/b"_s << 80 << u"TCP"_s << true;
    QTest::newRow("NP §Isolated: a selected pod rejects connections no NetworkPolicy allows")
        << selectsA << u"x/a"_s << u"y/a"_s << 80 << u"TCP"_s << false;
    const QString additive
        = selectsA + u"---\n"_s
          + policy("y",
                   "from-x-b",
                   "  podSelector: {matchLabels: {pod: a}}\n  ingress:\n  - from:\n    - "
                   "namespaceSelector: {matchLabels: {ns: x}}\n      podSelector: {matchLabels: "
                   "{pod: b}}\n")
          + u"---\n"_s
          + policy("y",
                   "from-z-c",
                   "  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: "
                   "{matchLabels: {ns: z}}\n      podSelector: {matchLabels: {pod: c}}\n");
    QTest::newRow("NP §Isolated: policies are additive (first policy's rule)")
        << additive << u"x/b"_s << u"y/a"_s << 80 << u"TCP"_s << true;
    QTest::newRow("NP §Isolated: policies are additive (second policy's rule)")
        << additive << u"z/c"_s << u"y/a"_s << 80 << u"TCP"_s << true;
    QTest::newRow("NP §Isolated: the union allows nothing else")
        << additive << u"x/c"_s << u"y/a"_s << 80 << u"TCP"_s << false;

    const QString egressOnlyRules = policy(
        "y",
        "egress-rules",
        "  podSelector: {matchLabels: {pod: a}}\n  egress:\n  - to:\n    - podSelector: {}\n");
    QTest::newRow("NP §policyTypes: without policyTypes, Ingress is always set")
        << egressOnlyRules << u"x/b"_s << u"y/a"_s << 80 << u"TCP"_s << false;
    QTest::newRow("NP §policyTypes: Egress is set when the policy has egress rules")
        << egressOnlyRules << u"y/a"_s << u"x/b"_s << 80 << u"TCP"_s << false;
    QTest::newRow("NP §policyTypes: egress rules allow what they name")
        << egressOnlyRules << u"y/a"_s << u"y/b"_s << 80 << u"TCP"_s << true;
    const QString emptyEgress = policy("y", "empty-egress", "  podSelector: {}\n  egress: []\n");
    QTest::newRow("API NetworkPolicySpec.policyTypes: no egress section defaults to just Ingress")
        << emptyEgress << u"y/a"_s << u"x/b"_s << 80 << u"TCP"_s << true;
    const QString egressOnly
        = policy("y", "deny-egress", "  podSelector: {}\n  policyTypes: [Egress]\n");
    QTest::newRow("NP §Default deny all egress traffic: selected pods are not allowed egress")
        << egressOnly << u"y/a"_s << u"x/b"_s << 80 << u"TCP"_s << false;
    QTest::newRow("API NetworkPolicySpec.policyTypes: an egress-only policy must say [Egress], and "
                  "leaves ingress")
        << egressOnly << u"x/b"_s << u"y/a"_s << 80 << u"TCP"_s << true;
    QTest::newRow("NP §Isolated: a connection needs the source's egress to allow it")
        << egressOnly + u"---\n"_s
               + policy("x", "allow-all-in", "  podSelector: {}\n  ingress: [{}]\n")
        << u"y/a"_s << u"x/b"_s << 80 << u"TCP"_s << false;
    QTest::newRow("NP §Isolated: a connection needs the destination's ingress to allow it")
        << QString::fromUtf8(denyAllIngressY) + u"---\n"_s
               + policy("x",
                        "allow-all-out",
                        "  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{}]\n")
        << u"x/a"_s << u"y/b"_s << 80 << u"TCP"_s << false;

    QTest::newRow("NP §Default allow all ingress traffic: an empty rule allows everything, "
                  "whatever else isolates")
        << QString::fromUtf8(denyAllIngressY) + u"---\n"_s
               + policy("y", "allow-all", "  podSelector: {}\n  ingress:\n  - {}\n")
        << u"z/c"_s << u"y/b"_s << 81 << u"SCTP"_s << true;
    QTest::newRow("API NetworkPolicySpec.ingress: an empty list allows no traffic")
        << policy("y", "none", "  podSelector: {}\n  ingress: []\n") << u"y/a"_s << u"y/b"_s << 80
        << u"TCP"_s << false;
    QTest::newRow("API NetworkPolicyIngressRule.from: empty or missing matches all sources")
        << policy("y", "ports-only", "  podSelector: {}\n  ingress:\n  - ports: [{port: 80}]\n")
        << u"z/c"_s << u"y/b"_s << 80 << u"TCP"_s << true;

    const QString fromPodB = policy(
        "y",
        "from-b",
        "  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {pod: b}}\n");
    QTest::newRow(
        "NP §Behavior of to and from selectors: podSelector selects pods in the policy's namespace")
        << fromPodB << u"y/b"_s << u"y/a"_s << 80 << u"TCP"_s << true;
    QTest::newRow(
        "NP §Behavior of to and from selectors: podSelector alone does not reach other namespaces")
        << fromPodB << u"x/b"_s << u"y/a"_s << 80 << u"TCP"_s << false;
    const QString fromNsX = policy("y",
                                   "from-x",
                                   "  podSelector: {}\n  ingress:\n  - from:\n    - "
                                   "namespaceSelector: {matchLabels: {ns: x}}\n");
    QTest::newRow("NP §Behavior of to and from selectors: namespaceSelector selects all pods of "
                  "those namespaces")
        << fromNsX << u"x/c"_s << u"y/a"_s << 80 << u"TCP"_s << true;
    QTest::newRow(
        "NP §Behavior of to and from selectors: namespaceSelector excludes other namespaces")
        << fromNsX << u"z/c"_s << u"y/a"_s << 80 << u"TCP"_s << false;
    const QString andPeer
        = policy("y",
                 "and",
                 "  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: "
                 "{ns: x}}\n      podSelector: {matchLabels: {pod: b}}\n");
    const QString orPeers
        = policy("y",
                 "or",
                 "  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: "
                 "{ns: x}}\n    - podSelector: {matchLabels: {pod: b}}\n");
    QTest::newRow(
        "NP §namespaceSelector and podSelector: one entry selects pods within namespaces (match)")
        << andPeer << u"x/b"_s << u"y/a"_s << 80 << u"TCP"_s << true;
    QTest::newRow("NP §namespaceSelector and podSelector: one entry is an AND (wrong pod)")
        << andPeer << u"x/c"_s << u"y/a"_s << 80 << u"TCP"_s << false;
    QTest::newRow("NP §namespaceSelector and podSelector: one entry is an AND (wrong namespace)")
        << andPeer << u"z/b"_s << u"y/a"_s << 80 << u"TCP"_s << false;
    QTest::newRow("NP §namespaceSelector and podSelector: two entries are an OR (namespace)")
        << orPeers << u"x/c"_s << u"y/a"_s << 80 << u"TCP"_s << true;
    QTest::newRow("NP §namespaceSelector and podSelector: two entries are an OR (local pod)")
        << orPeers << u"y/b"_s << u"y/a"_s << 80 << u"TCP"_s << true;
    QTest::newRow("NP §namespaceSelector and podSelector: two entries, neither matches")
        << orPeers << u"z/b"_s << u"y/a"_s << 80 << u"TCP"_s << false;
    QTest::newRow(
        "API NetworkPolicyPeer.namespaceSelector: present but empty selects all namespaces")
        << policy("y",
                  "all-ns",
                  "  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: {}\n")
        << u"z/c"_s << u"y/a"_s << 80 << u"TCP"_s << true;
    QTest::newRow(
        "API NetworkPolicyPeer.podSelector: present but empty selects all pods (of the namespace)")
        << policy("y",
                  "all-local",
                  "  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: {}\n")
        << u"z/c"_s << u"y/a"_s << 80 << u"TCP"_s << false;
    const QString byName
        = policy("y",
                 "by-name",
                 "  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: "
                 "{kubernetes.io/metadata.name: w}}\n")
          + u"---\napiVersion: v1\nkind: Pod\nmetadata: {name: d, namespace: w}\nspec: {containers: [{name: c, image: i}]}\n"_s;
    QTest::newRow("NP §Targeting a Namespace by its name: the control plane labels every namespace "
                  "kubernetes.io/metadata.name")
        << byName << u"w/d"_s << u"y/a"_s << 80 << u"TCP"_s << true;

    const QString tcpDefault
        = policy("y", "port-80", "  podSelector: {}\n  ingress:\n  - ports: [{port: 80}]\n");
    QTest::newRow("API NetworkPolicyPort.protocol: defaults to TCP (TCP allowed)")
        << tcpDefault << u"x/a"_s << u"y/a"_s << 80 << u"TCP"_s << true;
    QTest::newRow("API NetworkPolicyPort.protocol: defaults to TCP (UDP denied)")
        << tcpDefault << u"x/a"_s << u"y/a"_s << 80 << u"UDP"_s << false;
    QTest::newRow(
        "API NetworkPolicyPort.port: traffic on the protocol AND port (other port denied)")
        << tcpDefault << u"x/a"_s << u"y/a"_s << 81 << u"TCP"_s << false;
    QTest::newRow("NP §SCTP support: protocol SCTP") << policy(
        "y", "sctp", "  podSelector: {}\n  ingress:\n  - ports: [{protocol: SCTP, port: 81}]\n")
                                                     << u"x/a"_s << u"y/a"_s << 81 << u"SCTP"_s
                                                     << true;
    const QString anyUdp
        = policy("y", "udp", "  podSelector: {}\n  ingress:\n  - ports: [{protocol: UDP}]\n");
    QTest::newRow(
        "API NetworkPolicyPort.port: not provided matches all port numbers (of the protocol)")
        << anyUdp << u"x/a"_s << u"y/a"_s << 81 << u"UDP"_s << true;
    QTest::newRow("API NetworkPolicyPort.port: not provided still restricts the protocol")
        << anyUdp << u"x/a"_s << u"y/a"_s << 81 << u"TCP"_s << false;
    QTest::newRow("API NetworkPolicyIngressRule.ports: empty or missing matches all ports")
        << fromPodB << u"y/b"_s << u"y/a"_s << 81 << u"SCTP"_s << true;
    const QString named = policy(
        "y",
        "named",
        "  podSelector: {}\n  ingress:\n  - ports: [{protocol: UDP, port: serve-81-udp}]\n");
    QTest::newRow("API NetworkPolicyPort.port: a named port on the pod")
        << named << u"x/a"_s << u"y/a"_s << 81 << u"UDP"_s << true;
    QTest::newRow("API NetworkPolicyPort.port: a named port allows only its own number")
        << named << u"x/a"_s << u"y/a"_s << 80 << u"UDP"_s << false;
    QTest::newRow(
        "NP §named ports resolve with the rule's protocol (serve-80-tcp on UDP matches nothing)")
        << policy(
               "y",
               "mismatch",
               "  podSelector: {}\n  ingress:\n  - ports: [{protocol: UDP, port: serve-80-tcp}]\n")
        << u"x/a"_s << u"y/a"_s << 80 << u"UDP"_s << false;
    const QString perPod
        = policy("y",
                 "web",
                 "  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - ports: [{port: web}]\n")
          + u"---\napiVersion: v1\nkind: Pod\nmetadata: {name: d, namespace: y, labels: {app: "
            u"web}}\nspec: {containers: [{name: c, image: i, ports: [{name: web, containerPort: "
            u"8080}]}]}\n"
            "---\napiVersion: v1\nkind: Pod\nmetadata: {name: e, namespace: y, labels: {app: web}}\nspec: {containers: [{name: c, image: i, ports: [{name: web, containerPort: 9090}]}]}\n"_s;
    QTest::newRow("API NetworkPolicyPort.port: a named port resolves per destination pod (d: 8080)")
        << perPod << u"x/a"_s << u"y/d"_s << 8080 << u"TCP"_s << true;
    QTest::newRow("API NetworkPolicyPort.port: a named port resolves per destination pod (e: 9090)")
        << perPod << u"x/a"_s << u"y/e"_s << 9090 << u"TCP"_s << true;
    QTest::newRow(
        "API NetworkPolicyPort.port: a named port resolves per destination pod (e: not 8080)")
        << perPod << u"x/a"_s << u"y/e"_s << 8080 << u"TCP"_s << false;
    const QString range = policy(
        "y",
        "range",
        "  podSelector: {}\n  ingress:\n  - ports: [{protocol: TCP, port: 80, endPort: 81}]\n");
    QTest::newRow("NP §Targeting a range of ports: endPort includes its last port")
        << range << u"x/a"_s << u"y/a"_s << 81 << u"TCP"_s << true;
    QTest::newRow("API NetworkPolicyPort.endPort: ports past the range are not allowed")
        << range << u"x/a"_s << u"y/a"_s << 82 << u"TCP"_s << false;

    const QString ipBlock = policy("y",
                                   "ipblock",
                                   "  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: "
                                   "{cidr: 172.17.0.0/16, except: [172.17.1.0/24]}\n");
    QTest::newRow("NP §The NetworkPolicy resource: ipBlock allows 172.17.0.0-172.17.0.255")
        << ipBlock << u"ip:172.17.0.5"_s << u"y/a"_s << 80 << u"TCP"_s << true;
    QTest::newRow("NP §The NetworkPolicy resource: ipBlock except 172.17.1.0/24 is not allowed")
        << ipBlock << u"ip:172.17.1.5"_s << u"y/a"_s << 80 << u"TCP"_s << false;
    QTest::newRow("NP §The NetworkPolicy resource: ipBlock allows 172.17.2.0-172.17.255.255")
        << ipBlock << u"ip:172.17.200.1"_s << u"y/a"_s << 80 << u"TCP"_s << true;
    QTest::newRow("API IPBlock.except: a range that straddles an except is not wholly allowed")
        << ipBlock << u"ip:172.17.0.0/16"_s << u"y/a"_s << 80 << u"TCP"_s << false;
    QTest::newRow("NP §ipBlock: outside the cidr is not allowed")
        << ipBlock << u"ip:10.0.0.1"_s << u"y/a"_s << 80 << u"TCP"_s << false;
    QTest::newRow(
        "NP §ipBlock: these should be cluster-external IPs (pods are never selected by ipBlock)")
        << policy("y",
                  "world",
                  "  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 0.0.0.0/0}\n")
        << u"x/a"_s << u"y/a"_s << 80 << u"TCP"_s << false;
    const QString ipv6 = policy("y",
                                "v6",
                                "  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: "
                                "'2001:db8::/32', except: ['2001:db8:1::/48']}\n");
    QTest::newRow("API IPBlock.cidr: IPv6 2001:db8::/32 allowed")
        << ipv6 << u"ip:2001:db8::1"_s << u"y/a"_s << 80 << u"TCP"_s << true;
    QTest::newRow("API IPBlock.except: IPv6 except 2001:db8:1::/48")
        << ipv6 << u"ip:2001:db8:1::1"_s << u"y/a"_s << 80 << u"TCP"_s << false;
    const QString egressCidr
        = policy("y",
                 "egress-cidr",
                 "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock: "
                 "{cidr: 10.0.0.0/24}\n    ports: [{protocol: TCP, port: 5978}]\n");
    QTest::newRow("NP §The NetworkPolicy resource: egress to CIDR 10.0.0.0/24 on TCP port 5978")
        << egressCidr << u"y/a"_s << u"ip:10.0.0.7"_s << 5978 << u"TCP"_s << true;
    QTest::newRow("NP §The NetworkPolicy resource: egress elsewhere is not allowed")
        << egressCidr << u"y/a"_s << u"ip:8.8.8.8"_s << 5978 << u"TCP"_s << false;
    QTest::newRow("NP §Isolated: ingress to an external endpoint is not NetworkPolicy's to decide")
        << QString::fromUtf8(denyAllIngressY) << u"y/a"_s << u"ip:8.8.8.8"_s << 443 << u"TCP"_s
        << true;
    const QString dns = policy("y",
                               "dns-only",
                               "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - ports: "
                               "[{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]\n");
    QTest::newRow("NP §Default deny all egress traffic: with DNS allowed, 53/UDP flows")
        << dns << u"y/a"_s << u"x/b"_s << 53 << u"UDP"_s << true;
    QTest::newRow("NP §Default deny all egress traffic: with DNS allowed, 80/TCP does not")
        << dns << u"y/a"_s << u"x/b"_s << 80 << u"TCP"_s << false;
    QTest::newRow("NP §Isolated and Non-isolated Pods: a pod cannot block access to itself")
        << QString::fromUtf8(denyAllIngressY) + u"---\n"_s + egressOnly << u"y/a"_s << u"y/a"_s
        << 80 << u"TCP"_s << true;
    QTest::newRow("API NetworkPolicySpec.podSelector: a policy applies only in its own namespace")
        << policy("x", "deny-x", "  podSelector: {}\n  ingress: []\n") << u"x/a"_s << u"y/a"_s << 80
        << u"TCP"_s << true;
    QTest::newRow("API NetworkPolicySpec.podSelector: matchExpressions select too")
        << policy("y",
                  "not-a",
                  "  podSelector: {matchExpressions: [{key: pod, operator: NotIn, values: [a]}]}\n "
                  " ingress: []\n")
        << u"x/a"_s << u"y/a"_s << 80 << u"TCP"_s << true;
}

void tst_ReachEval::policy()
{
    QFETCH(QString, yaml);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(int, port);
    QFETCH(QString, protocol);
    QFETCH(bool, allowed);
    const auto built = build(yaml, externalsOf(from, to));
    const Network &network = built->network;
    QVERIFY2(network.warnings().isEmpty(), qPrintable(network.warnings().join(u'\n')));
    const auto source = network.findPeer(from);
    const auto destination = network.findPeer(to);
    QVERIFY2(source && destination, qPrintable(from + u" / "_s + to));
    const Protocol proto = *parseProtocol(protocol);
    const QString reason = network.explain(*source, *destination, proto, port);
    QVERIFY2(network.isAllowed(*source, *destination, proto, port) == allowed, qPrintable(reason));
    // The ConnectionSet view agrees with the point answer.
    QCOMPARE(network.allowed(*source, *destination).contains(proto, port), allowed);
}

void tst_ReachEval::invalidPoliciesAreIgnored_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");
    QTest::newRow("validation: endPort may not be set with a named port")
        << u"  ingress: [{ports: [{port: web, endPort: 90}]}]\n"_s << u"non-numeric"_s;
    QTest::newRow("validation: endPort must be >= port")
        << u"  ingress: [{ports: [{port: 90, endPort: 80}]}]\n"_s << u"greater than or equal"_s;
    QTest::newRow("validation: except must be a strict subset of cidr")
        << u"  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/8]}}]}]\n"_s
        << u"strict subset"_s;
    QTest::newRow("API NetworkPolicyPeer.ipBlock: if set, neither of the other fields can be")
        << u"  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]\n"_s
        << u"more than 1 peer type"_s;
    QTest::newRow("validation: a peer must specify something")
        << u"  ingress: [{from: [{}]}]\n"_s << u"must specify a peer"_s;
    QTest::newRow("API NetworkPolicyPort.protocol: TCP, UDP or SCTP")
        << u"  ingress: [{ports: [{protocol: tcp, port: 80}]}]\n"_s << u"Unsupported value"_s;
}

void tst_ReachEval::invalidPoliciesAreIgnored()
{
    QFETCH(QString, spec);
    QFETCH(QString, message);
    const auto built = build(
        u"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: y}\nspec:\n  podSelector: {}\n"_s
        + spec);
    const Network &network = built->network;
    QCOMPARE(network.warnings().size(), 1);
    QVERIFY2(network.warnings().front().contains(message), qPrintable(network.warnings().front()));
    QVERIFY(network.policies().empty());
    // The API server never stores it, so it isolates nothing.
    QVERIFY(network.isAllowed(
        *network.findPeer(u"x/a"_s), *network.findPeer(u"y/a"_s), Protocol::TCP, 80));
}

void tst_ReachEval::reasonNamesPoliciesAndRules()
{
    const auto built = build(
        QString::fromUtf8(denyAllIngressY)
        + u"---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-x, "
          u"namespace: y}\n"
          "spec:\n  podSelector: {}\n  ingress:\n  - from: [{podSelector: {}}]\n  - from: [{namespaceSelector: {matchLabels: {ns: x}}}]\n"_s);
    const Network &network = built->network;
    const int xa = *network.findPeer(u"x/a"_s);
    const int yb = *network.findPeer(u"y/b"_s);
    const int zc = *network.findPeer(u"z/c"_s);
    QCOMPARE(network.explain(xa, yb, Protocol::TCP, 80),
             u"egress from x/a: not isolated (no NetworkPolicy in x selects it for Egress); "
             "ingress to y/b: allowed by y/allow-x ingress[1]"_s);
    QCOMPARE(
        network.explain(zc, yb, Protocol::TCP, 80),
        u"egress from z/c: not isolated (no NetworkPolicy in z selects it for Egress); "
        "ingress to y/b: denied: isolated by y/allow-x, y/default-deny-ingress and no ingress rule "
        "allows z/c on 80/TCP"_s);
}

// decide(): the same verdicts and sentences as explain(), with the policies and rules as data
// (network-policies.md "Isolated and Non-isolated Pods": egress of the source, ingress of the
// destination; a pod cannot block access to itself).
void tst_ReachEval::decisionsAsData()
{
    const auto built = build(
        QString::fromUtf8(denyAllIngressY)
        + u"---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-x, "
          u"namespace: y}\n"
          "spec:\n  podSelector: {}\n  ingress:\n  - from: [{podSelector: {}}]\n  - from: [{namespaceSelector: {matchLabels: {ns: x}}}]\n"_s);
    const Network &network = built->network;
    const int xa = *network.findPeer(u"x/a"_s);
    const int yb = *network.findPeer(u"y/b"_s);
    const int zc = *network.findPeer(u"z/c"_s);
    const auto policyName = [&network](int index) {
        return network.policies()[static_cast<std::size_t>(index)].qualifiedName();
    };
    // Fires: y/b is isolated, allow-x's second rule admits x/a.
    const DirectionDecision in = network.decide(xa, yb, Direction::Ingress, Protocol::TCP, 80);
    QVERIFY(in.allowed);
    QCOMPARE(in.subject, u"y/b"_s);
    QCOMPARE(in.isolating.size(), std::size_t(2));
    QCOMPARE(in.allowingRules.size(), std::size_t(1));
    QCOMPARE(policyName(in.allowingRules.front().first), u"y/allow-x"_s);
    QCOMPARE(in.allowingRules.front().second, 1);
    // Must not fire: x/a's egress is not isolated, nothing decides it.
    const DirectionDecision out = network.decide(xa, yb, Direction::Egress, Protocol::TCP, 80);
    QVERIFY(out.allowed);
    QVERIFY(out.isolating.empty());
    QVERIFY(out.allowingRules.empty());
    // Denied: isolated, no rule.
    const DirectionDecision denied = network.decide(zc, yb, Direction::Ingress, Protocol::TCP, 80);
    QVERIFY(!denied.allowed);
    QVERIFY(denied.allowingRules.empty());
    QCOMPARE(denied.isolating.size(), std::size_t(2));
    // The sentences are explain()'s.
    QCOMPARE(out.text + u"; "_s + in.text, network.explain(xa, yb, Protocol::TCP, 80));
    QCOMPARE(network.decide(zc, zc, Direction::Ingress, Protocol::TCP, 80).text,
             network.explain(zc, zc, Protocol::TCP, 80));
    Peer standIn = network.peers()[static_cast<std::size_t>(zc)];
    standIn.name = u"z/stand-in"_s;
    QCOMPARE(network.decideFrom(standIn, yb, Direction::Ingress, Protocol::TCP, 80).allowed, false);
}

void tst_ReachEval::serviceResolvesNamedTargetPortPerPod()
{
    const auto built = build(
        u"apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: y}\n"
        "spec:\n  clusterIP: None\n  selector: {pod: a}\n  ports: [{port: 8081, protocol: UDP, targetPort: serve-81-udp}]\n"_s);
    Query query;
    query.from = u"x/a"_s;
    query.to = u"y/web"_s;
    const QueryResult result = runQuery(built->network, query);
    QVERIFY(result.error.isEmpty());
    QCOMPARE(result.connections.size(), std::size_t(1));
    const Connection &connection = result.connections.front();
    QCOMPARE(built->network.peers()[static_cast<std::size_t>(connection.to)].name, u"y/a"_s);
    QCOMPARE(connection.port, 81);
    QCOMPARE(connection.protocol, Protocol::UDP);
    QCOMPARE(connection.servicePort, 8081);
    QVERIFY2(connection.reason.startsWith(
                 u"via headless Service y/web (DNS returns the pod addresses) port 8081/UDP "
                 "-> targetPort serve-81-udp = 81 on y/a; "_s),
             qPrintable(connection.reason));
}

// --ingress-controller / --gateway-controller values: "NS" or "NS:KEY=VALUE[,KEY=VALUE]".
void tst_ReachEval::controllerSpec_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("namespace-only") << u"traefik"_s << true << u"traefik"_s;
    QTest::newRow("labels-sorted") << u"kong:b=2,a=1"_s << true << u"kong:a=1,b=2"_s;
    QTest::newRow("empty-value") << u"ns:k="_s << true << u"ns:k="_s;
    QTest::newRow("empty") << QString() << false << QString();
    QTest::newRow("no-namespace") << u":a=b"_s << false << QString();
    QTest::newRow("label-without-value") << u"ns:a"_s << false << QString();
    QTest::newRow("label-without-key") << u"ns:=b"_s << false << QString();
}

void tst_ReachEval::controllerSpec()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, canonical);
    QString error;
    const auto spec = sim::reach::ControllerSpec::parse(text, &error);
    QCOMPARE(spec.has_value(), valid);
    if (valid)
        QCOMPARE(spec->toString(), canonical);
    else
        QVERIFY(!error.isEmpty());
}

// The three-by-three pods are each their own class (distinct labels); the verdicts of an
// ad-hoc peer equal those of a network peer with the same namespace and labels.
void tst_ReachEval::classesAndAdHocPeers()
{
    const auto built = build(QString::fromLatin1(denyAllIngressY));
    const Network &network = built->network;
    QCOMPARE(network.classCount(), network.peers().size());
    const int xa = *network.findPeer(u"x/a"_s);
    const int yb = *network.findPeer(u"y/b"_s);
    QCOMPARE(network.classMembers(network.classOf(xa)), std::vector<int>{xa});
    Peer standIn = network.peers()[static_cast<std::size_t>(xa)];
    standIn.name = u"x/stand-in"_s;
    for (const auto protocol : {Protocol::TCP, Protocol::UDP}) {
        QCOMPARE(network.isAllowedFrom(standIn, yb, protocol, 80),
                 network.isAllowed(xa, yb, protocol, 80));
        QCOMPARE(network.isAllowedTo(yb, standIn, protocol, 80),
                 network.isAllowed(yb, xa, protocol, 80));
    }
    QVERIFY(!network.isAllowedFrom(standIn, yb, Protocol::TCP, 80)); // y denies all ingress
    QVERIFY(network.explainFrom(standIn, yb, Protocol::TCP, 80)
                .contains(u"isolated by y/default-deny-ingress"_s));
    QVERIFY(network.isAllowedTo(yb, standIn, Protocol::TCP, 80)); // x is open
    QCOMPARE(network.namespaceLabelsOf(u"nowhere"_s),
             (model::Labels{{u"kubernetes.io/metadata.name"_s, u"nowhere"_s}}));
}

QTEST_GUILESS_MAIN(tst_ReachEval)
#include "tst_reach_eval.moc"
