// SPDX-License-Identifier: GPL-3.0-or-later
// The rule editor's text forms of NetworkPolicy peers and ports, both ways. Shapes follow
// https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/ ;
// the meaning of absent vs empty `from` follows
// https://kubernetes.io/docs/concepts/services-networking/network-policies/ (absent = everyone).
#include <model/edits/network_policy_text.h>
#include <model/io/yaml_reader.h>
#include <model/io/yaml_writer.h>

#include <QtTest>

using namespace kstudio;

class tst_NetworkPolicyText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void peers_data();
    void peers();
    void ports_data();
    void ports();
    void refused_data();
    void refused();
    void expressionsHaveNoTextForm();
};

static model::Node parse(const QString &yaml)
{
    const std::string text = yaml.toStdString();
    model::YamlReadResult result = model::readYaml(text, QStringLiteral("test"));
    return result.documents.empty() ? model::Node::null() : result.documents.front().root;
}

static QString flow(const model::Node &node)
{
    return QString::fromStdString(model::writeYaml(node)).trimmed();
}

void tst_NetworkPolicyText::peers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("yaml"); // the list, as YAML; "" for absent
    QTest::newRow("everyone (absent)") << "" << "";
    QTest::newRow("pods of the namespace") << "pods app=web" << "- podSelector:\n    matchLabels:\n      app: web";
    QTest::newRow("every pod of the namespace") << "pods *" << "- podSelector: {}";
    QTest::newRow("namespace AND pods in one peer") << "namespaces team=a pods role=db"
                                                    << "- namespaceSelector:\n    matchLabels:\n      team: a\n  podSelector:\n    matchLabels:\n      role: db";
    QTest::newRow("two peers (OR)") << "pods app=a; namespaces *" << "- podSelector:\n    matchLabels:\n      app: a\n- namespaceSelector: {}";
    QTest::newRow("ipBlock with except") << "cidr 10.0.0.0/8 except 10.1.0.0/16,10.2.0.0/16"
                                         << "- ipBlock:\n    cidr: 10.0.0.0/8\n    except:\n    - 10.1.0.0/16\n    - 10.2.0.0/16";
    QTest::newRow("IPv6") << "cidr 2001:db8::/32" << "- ipBlock:\n    cidr: 2001:db8::/32";
    QTest::newRow("two labels") << "pods app=web,tier=front" << "- podSelector:\n    matchLabels:\n      app: web\n      tier: front";
}

void tst_NetworkPolicyText::peers()
{
    QFETCH(QString, text);
    QFETCH(QString, yaml);
    QString error;
    const std::optional<model::Node> node = model::peersFromText(text, &error);
    QVERIFY2(node, qPrintable(error));
    if (yaml.isEmpty()) {
        QVERIFY(node->isNull());
    } else {
        QVERIFY2(node->sameValue(parse(yaml)), qPrintable(flow(*node)));
    }
    // And back.
    const std::optional<QString> back = model::peersToText(node->isNull() ? nullptr : &*node);
    QVERIFY(back);
    QCOMPARE(*back, text);
}

void tst_NetworkPolicyText::ports_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("yaml");
    QTest::newRow("all ports (absent)") << "" << "";
    QTest::newRow("number") << "80" << "- port: 80";
    QTest::newRow("UDP") << "53/UDP" << "- protocol: UDP\n  port: 53";
    QTest::newRow("range with endPort") << "8000-9000" << "- port: 8000\n  endPort: 9000";
    QTest::newRow("named port") << "http" << "- port: http";
    QTest::newRow("named port with a hyphen and digits") << "http-9000" << "- port: http-9000";
    QTest::newRow("every port of a protocol") << "*/SCTP" << "- protocol: SCTP";
    QTest::newRow("list") << "80, 443" << "- port: 80\n- port: 443";
}

void tst_NetworkPolicyText::ports()
{
    QFETCH(QString, text);
    QFETCH(QString, yaml);
    QString error;
    const std::optional<model::Node> node = model::policyPortsFromText(text, &error);
    QVERIFY2(node, qPrintable(error));
    if (yaml.isEmpty())
        QVERIFY(node->isNull());
    else
        QVERIFY2(node->sameValue(parse(yaml)), qPrintable(flow(*node)));
    const std::optional<QString> back = model::policyPortsToText(node->isNull() ? nullptr : &*node);
    QVERIFY(back);
    QCOMPARE(*back, text);
}

void tst_NetworkPolicyText::refused_data()
{
    QTest::addColumn<bool>("isPorts");
    QTest::addColumn<QString>("text");
    QTest::newRow("unknown peer word") << false << "services web";
    QTest::newRow("selector without value") << false << "pods app";
    QTest::newRow("pods twice") << false << "pods a=b pods c=d";
    QTest::newRow("cidr without address") << false << "cidr";
    QTest::newRow("port out of range") << true << "70000";
    QTest::newRow("endPort below port") << true << "9000-8000";
    QTest::newRow("port name with a double hyphen") << true << "a--b";
    QTest::newRow("port name too long") << true << "a-very-long-port-name";
    QTest::newRow("unknown protocol") << true << "80/ICMP";
}

void tst_NetworkPolicyText::refused()
{
    QFETCH(bool, isPorts);
    QFETCH(QString, text);
    QString error;
    const std::optional<model::Node> node = isPorts ? model::policyPortsFromText(text, &error)
                                                    : model::peersFromText(text, &error);
    QVERIFY(!node);
    QVERIFY(!error.isEmpty());
}

void tst_NetworkPolicyText::expressionsHaveNoTextForm()
{
    const model::Node peers = parse(QStringLiteral("- podSelector:\n    matchExpressions:\n    - {key: app, operator: In, values: [a, b]}"));
    QVERIFY(!model::peersToText(&peers));
}

QTEST_GUILESS_MAIN(tst_NetworkPolicyText)
#include "tst_network_policy_text.moc"
