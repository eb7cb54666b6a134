// SPDX-License-Identifier: GPL-3.0-or-later
// The YAML reader: scalar meaning as Kubernetes reads it, YAML features, errors and hostile input.
#include <model/io/manifest_reader.h>
#include <model/io/yaml_reader.h>
#include <model/io/yaml_writer.h>

#include <support/test_support.h>

#include <QElapsedTimer>
#include <QScopeGuard>

using namespace kstudio::model;

Q_DECLARE_METATYPE(kstudio::model::ScalarKind)

class tst_YamlReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scalarMeaning_data();
    void scalarMeaning();
    void features_data();
    void features();
    void errorsNameLineAndColumn_data();
    void errorsNameLineAndColumn();
    void duplicateKeysAreReported();
    void listKinds();
    void hostileOneByteComma();
    void hostileBillionLaughs();
    void hostileDeepNesting_data();
    void hostileDeepNesting();
    void hostileHugeFile();
    void hostileInvalidUtf8_data();
    void hostileInvalidUtf8();
};

static const Node *readValue(const QByteArray &yaml, YamlReadResult &keep)
{
    keep = readYaml(std::string_view(yaml.constData(), static_cast<std::size_t>(yaml.size())),
                    QStringLiteral("test.yaml"));
    if (!keep.ok || keep.documents.empty())
        return nullptr;
    return keep.documents.front().root.get("v");
}

// Rows: the value of key v as Kubernetes' decoder gives it. sigs.k8s.io/yaml goyaml.v3 README:
// YAML 1.1 bools (yes/no, on/off) are strings unless decoded into a bool; octals 0777 are read
// as YAML 1.1 octal. goyaml.v2/resolve.go: ints via strconv.ParseInt(s, 0, 64), floats by
// yamlStyleFloat, null as ~/null/empty.
void tst_YamlReader::scalarMeaning_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<ScalarKind>("kind");
    QTest::addColumn<QString>("value");

    QTest::newRow("quoted-8080-stays-string") << QByteArray("v: \"8080\"") << ScalarKind::String << "8080";
    QTest::newRow("plain-8080-is-int") << QByteArray("v: 8080") << ScalarKind::Int << "8080";
    QTest::newRow("octal-0755-is-493(yaml-1.1-octal)") << QByteArray("v: 0755") << ScalarKind::Int << "493";
    QTest::newRow("octal-0o755-is-493") << QByteArray("v: 0o755") << ScalarKind::Int << "493";
    QTest::newRow("hex-0x1F") << QByteArray("v: 0x1F") << ScalarKind::Int << "31";
    QTest::newRow("exponent-1e3-is-float-1000") << QByteArray("v: 1e3") << ScalarKind::Float << "1000";
    QTest::newRow("08-is-float-8(not-octal)") << QByteArray("v: 08") << ScalarKind::Float << "8";
    QTest::newRow("1.10-is-float") << QByteArray("v: 1.10") << ScalarKind::Float << "1.1";
    QTest::newRow("quoted-1.10-is-string") << QByteArray("v: '1.10'") << ScalarKind::String << "1.10";
    QTest::newRow("equals-sign-is-string") << QByteArray("v: =") << ScalarKind::String << "=";
    QTest::newRow("y-is-string") << QByteArray("v: y") << ScalarKind::String << "y";
    QTest::newRow("n-is-string") << QByteArray("v: n") << ScalarKind::String << "n";
    QTest::newRow("on-is-string") << QByteArray("v: on") << ScalarKind::String << "on";
    QTest::newRow("off-is-string") << QByteArray("v: off") << ScalarKind::String << "off";
    QTest::newRow("yes-is-string") << QByteArray("v: yes") << ScalarKind::String << "yes";
    QTest::newRow("true-is-bool") << QByteArray("v: true") << ScalarKind::Bool << "true";
    QTest::newRow("False-is-bool") << QByteArray("v: False") << ScalarKind::Bool << "false";
    QTest::newRow("quoted-true-is-string") << QByteArray("v: \"true\"") << ScalarKind::String << "true";
    QTest::newRow("tilde-is-null") << QByteArray("v: ~") << ScalarKind::Null << "";
    QTest::newRow("empty-is-null") << QByteArray("v:") << ScalarKind::Null << "";
    QTest::newRow("null-is-null") << QByteArray("v: null") << ScalarKind::Null << "";
    QTest::newRow("negative-int") << QByteArray("v: -42") << ScalarKind::Int << "-42";
    QTest::newRow("dot-inf") << QByteArray("v: .inf") << ScalarKind::Float << "inf";
    QTest::newRow("version-string-1.2.3") << QByteArray("v: 1.2.3") << ScalarKind::String << "1.2.3";
    QTest::newRow("cpu-500m-is-string") << QByteArray("v: 500m") << ScalarKind::String << "500m";
    QTest::newRow("explicit-str-tag") << QByteArray("v: !!str 42") << ScalarKind::String << "42";
    QTest::newRow("explicit-int-tag") << QByteArray("v: !!int \"42\"") << ScalarKind::Int << "42";
    QTest::newRow("custom-tag-is-string(goyaml.v2-resolvableTag)") << QByteArray("v: !foo 42") << ScalarKind::String << "42";
    QTest::newRow("literal-block") << QByteArray("v: |\n  a\n  b\n") << ScalarKind::String << "a\nb\n";
    QTest::newRow("folded-block") << QByteArray("v: >-\n  a\n  b\n") << ScalarKind::String << "a b";
    QTest::newRow("backslash-continued-double-quoted(kyaml)")
        << QByteArray("v: \"abc\\\n  def\"") << ScalarKind::String << "abcdef";
    QTest::newRow("unicode-kept") << QByteArray("v: \"caf\xc3\xa9 \xe2\x9c\x93\"") << ScalarKind::String
                                  << QString::fromUtf8("caf\xc3\xa9 \xe2\x9c\x93");
}

void tst_YamlReader::scalarMeaning()
{
    QFETCH(QByteArray, yaml);
    QFETCH(ScalarKind, kind);
    QFETCH(QString, value);
    YamlReadResult keep;
    const Node *node = readValue(yaml, keep);
    QVERIFY2(node, qPrintable(keep.diagnostics.isEmpty() ? QStringLiteral("no v") : keep.diagnostics.front().toString()));
    QCOMPARE(node->scalarKind(), kind);
    switch (kind) {
    case ScalarKind::Int:
        QCOMPARE(QString::number(*node->toInt()), value);
        break;
    case ScalarKind::Float:
        QCOMPARE(QString::number(*node->toDouble()), value);
        break;
    case ScalarKind::Bool:
        QCOMPARE(*node->toBool() ? QStringLiteral("true") : QStringLiteral("false"), value);
        break;
    case ScalarKind::String:
        QCOMPARE(node->qtext(), value);
        break;
    case ScalarKind::Null:
        break;
    }
    // Whatever it means, writing it back and reading again keeps that meaning.
    const std::string written = writeYaml(keep.documents.front().root);
    YamlReadResult again = readYaml(written, QStringLiteral("again.yaml"));
    QVERIFY2(again.ok, written.c_str());
    QVERIFY2(again.documents.front().root.get("v")->sameValue(*node), written.c_str());
    QCOMPARE(again.documents.front().root.get("v")->scalarKind(), kind);
}

// Rows: a stream, the expected number of objects, and a path whose value must read as given.
void tst_YamlReader::features_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("objects");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");

    QTest::newRow("multi-document-with-empty-docs-and-end-markers")
        << QByteArray("---\n---\nkind: A\nmetadata: {name: a}\n...\n---\n# only a comment\n---\nkind: B\nmetadata: {name: b}\n...\n")
        << 2 << "metadata.name" << "a";
    QTest::newRow("byte-order-mark") << QByteArray("\xEF\xBB\xBFkind: ConfigMap\nmetadata:\n  name: bom\n")
                                     << 1 << "metadata.name" << "bom";
    QTest::newRow("crlf-line-ends") << QByteArray("kind: ConfigMap\r\nmetadata:\r\n  name: crlf\r\ndata:\r\n  a: |\r\n    x\r\n    y\r\n")
                                    << 1 << "data.a" << "x\ny\n";
    QTest::newRow("anchors-and-aliases")
        << QByteArray("kind: Deployment\nmetadata: {name: d, labels: &l {app: web}}\nspec:\n  selector: {matchLabels: *l}\n")
        << 1 << "spec.selector.matchLabels.app" << "web";
    QTest::newRow("merge-key-explicit-wins")
        << QByteArray("kind: C\nbase: &b {a: 1, b: 2}\nmetadata: {name: m}\nx:\n  <<: *b\n  b: 3\n")
        << 1 << "x.b" << "3";
    QTest::newRow("merge-key-brings-missing")
        << QByteArray("kind: C\nbase: &b {a: 1, b: 2}\nmetadata: {name: m}\nx:\n  <<: *b\n  b: 3\n")
        << 1 << "x.a" << "1";
    QTest::newRow("merge-key-list-earlier-wins")
        << QByteArray("kind: C\np: &p {a: 1}\nq: &q {a: 2, c: 3}\nmetadata: {name: m}\nx:\n  <<: [*p, *q]\n")
        << 1 << "x.a" << "1";
    QTest::newRow("kyaml-flow-with-comments-and-trailing-commas")
        << QByteArray("{\n  apiVersion: \"v1\",  # the core group\n  kind: \"ConfigMap\",\n  metadata: {\n    name: \"kyaml\", # comment inside braces\n  },\n  data: {a: \"1\",},\n}\n")
        << 1 << "metadata.name" << "kyaml";
    QTest::newRow("json-document") << QByteArray("{\"kind\": \"Service\", \"metadata\": {\"name\": \"j\"}, \"spec\": {\"ports\": [{\"port\": 80}]}}")
                                   << 1 << "spec.ports[0].port" << "80";
    QTest::newRow("trailing-tab-after-plain-scalar(go-yaml-accepts)")
        << QByteArray("kind: Service\nmetadata: {name: t}\nspec:\n  type: LoadBalancer\t\n")
        << 1 << "spec.type" << "LoadBalancer";
    QTest::newRow("list-kind-expanded")
        << QByteArray("apiVersion: v1\nkind: List\nitems:\n- {kind: A, metadata: {name: a}}\n- {kind: B, metadata: {name: b}}\n")
        << 2 << "metadata.name" << "a";
    QTest::newRow("yaml-directive") << QByteArray("%YAML 1.1\n---\nkind: ConfigMap\nmetadata: {name: d}\n")
                                    << 1 << "metadata.name" << "d";
}

void tst_YamlReader::features()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, objects);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    LoadResult result;
    readManifests(std::string_view(yaml.constData(), static_cast<std::size_t>(yaml.size())), QStringLiteral("f.yaml"), result);
    QString problems;
    for (const Diagnostic &d : result.diagnostics)
        problems += d.toString() + QLatin1Char('\n');
    QVERIFY2(!hasErrors(result.diagnostics), qPrintable(problems));
    QCOMPARE(static_cast<int>(result.objects.size()), objects);
    const Node *node = result.objects.front().body.at(FieldPath::parse(path.toStdString()));
    QVERIFY2(node, qPrintable(path));
    QCOMPARE(node->qtext(), expected);
}

void tst_YamlReader::errorsNameLineAndColumn_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("contains");

    QTest::newRow("unclosed-flow-sequence") << QByteArray("kind: A\nmetadata:\n  name: [a, b\n") << 4 << 1 << "malformed YAML";
    QTest::newRow("bad-indentation") << QByteArray("kind: A\nmetadata:\n  name: a\n bad: x\n") << 4 << 2 << "malformed YAML";
    QTest::newRow("undefined-alias") << QByteArray("kind: A\nmetadata: {name: *nope}\n") << 2 << 18 << "unknown anchor 'nope'";
    QTest::newRow("alias-across-documents")
        << QByteArray("kind: A\nx: &s {a: 1}\n---\nkind: B\ny: *s\n") << 5 << 4 << "unknown anchor 's'";
    QTest::newRow("mapping-as-key") << QByteArray("? {a: 1}\n: x\n") << 1 << 3 << "used as a mapping key";
}

void tst_YamlReader::errorsNameLineAndColumn()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, contains);
    LoadResult result;
    readManifests(std::string_view(yaml.constData(), static_cast<std::size_t>(yaml.size())), QStringLiteral("bad.yaml"), result);
    QVERIFY(result.objects.empty()); // a malformed file is refused whole
    QCOMPARE(result.diagnostics.size(), 1);
    const Diagnostic &d = result.diagnostics.front();
    QCOMPARE(d.severity, DiagnosticSeverity::Fatal);
    QCOMPARE(d.file, QStringLiteral("bad.yaml"));
    QVERIFY2(d.message.contains(contains), qPrintable(d.toString()));
    QCOMPARE(d.line, line);
    QCOMPARE(d.column, column);
}

void tst_YamlReader::duplicateKeysAreReported()
{
    const QByteArray yaml("kind: PersistentVolumeClaim\nmetadata: {name: p}\nspec:\n  storageClassName: a\n  resources: {}\n  storageClassName: b\n");
    LoadResult result;
    readManifests(yaml.toStdString(), QStringLiteral("dup.yaml"), result);
    QCOMPARE(result.objects.size(), std::size_t(1));
    QCOMPARE(result.diagnostics.size(), 1);
    const Diagnostic &d = result.diagnostics.front();
    QCOMPARE(d.severity, DiagnosticSeverity::Warning);
    QCOMPARE(d.line, 6);
    QCOMPARE(d.column, 3);
    QVERIFY(d.message.contains(QStringLiteral("duplicate key \"storageClassName\" (first at line 4")));
    // The last value is kept (go-yaml's non-strict decoding), at the first key's position.
    const Node *spec = result.objects.front().body.get("spec");
    QCOMPARE(spec->children().front().key(), std::string("storageClassName"));
    QCOMPARE(spec->get("storageClassName")->text(), std::string("b"));
    QCOMPARE(spec->size(), std::size_t(2));
}

void tst_YamlReader::listKinds()
{
    struct Case
    {
        const char *yaml;
        int objects;
    };
    const Case cases[] = {
        {"apiVersion: v1\nkind: ConfigMapList\nitems: []\n", 0},
        {"apiVersion: v1\nkind: ConfigMapList\nitems:\n", 0},
        {"apiVersion: v1\nkind: List\nmetadata: {resourceVersion: \"\"}\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n", 1},
        // A kind that ends in List but carries a spec is an object, not a list (kept whole).
        {"apiVersion: v1\nkind: NotAList\nitems:\nspec:\n  foo: bar\n", 1},
    };
    for (const Case &c : cases) {
        LoadResult result;
        readManifests(c.yaml, QStringLiteral("list.yaml"), result);
        QVERIFY2(!hasErrors(result.diagnostics), c.yaml);
        QCOMPARE(static_cast<int>(result.objects.size()), c.objects);
    }
}

// ../shared/DEPENDENCIES.md: a one-byte "," makes yaml-cpp 0.7's LoadAll loop until memory runs
// out. Ours must answer at once with a position.
void tst_YamlReader::hostileOneByteComma()
{
    for (const char *input : {",", "[a],", "{a: 1},"}) {
        QElapsedTimer timer;
        timer.start();
        YamlReadResult result = readYaml(input, QStringLiteral("comma.yaml"));
        QVERIFY(!result.ok);
        QCOMPARE(result.diagnostics.size(), 1);
        QVERIFY(result.diagnostics.front().line >= 1);
        QVERIFY2(timer.elapsed() < 5000, input);
    }
}

void tst_YamlReader::hostileBillionLaughs()
{
    QByteArray yaml("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char previous = 'a';
    for (char c = 'b'; c <= 'j'; ++c) {
        yaml += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [";
        for (int i = 0; i < 9; ++i)
            yaml += (i ? ",*" : "*") + QByteArray(1, previous);
        yaml += "]\n";
        previous = c;
    }
    QElapsedTimer timer;
    timer.start();
    YamlReadResult result = readYaml(yaml.toStdString(), QStringLiteral("lol.yaml"));
    QVERIFY(!result.ok);
    QVERIFY2(result.diagnostics.front().message.contains(QStringLiteral("alias bomb")),
             qPrintable(result.diagnostics.front().toString()));
    QVERIFY(result.diagnostics.front().line > 1);
    QVERIFY(timer.elapsed() < 10000);
}

void tst_YamlReader::hostileDeepNesting_data()
{
    QTest::addColumn<QByteArray>("yaml");
    const int depth = 100000;
    QTest::newRow("flow-sequences-100000-deep") << QByteArray(depth, '[') + QByteArray(depth, ']');
    QTest::newRow("flow-mappings-100000-deep") << QByteArray(depth, '{').replace("{", "{a: ") + QByteArray(depth, '}');
    QByteArray block;
    for (int i = 0; i < 5000; ++i)
        block += QByteArray(i, ' ') + "a:\n";
    QTest::newRow("block-mappings-5000-deep") << block;
}

void tst_YamlReader::hostileDeepNesting()
{
    QFETCH(QByteArray, yaml);
    YamlReadResult result = readYaml(yaml.toStdString(), QStringLiteral("deep.yaml"));
    QVERIFY(!result.ok);
    QVERIFY2(result.diagnostics.front().message.contains(QStringLiteral("nesting deeper than")),
             qPrintable(result.diagnostics.front().toString()));
}

void tst_YamlReader::hostileHugeFile()
{
    // A 200 MB file is refused before a byte of it is read, with the default limits (64 MiB:
    // the 100,000-object benchmark design is 52 MB).
    const QString path = QDir::temp().filePath(QStringLiteral("kstudio-huge-%1.yaml").arg(QCoreApplication::applicationPid()));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(qint64(200) << 20)); // sparse: costs no disk
    }
    const auto cleanup = qScopeGuard([&] { QFile::remove(path); });
    QElapsedTimer timer;
    timer.start();
    LoadResult result = loadPaths({path});
    QVERIFY(result.objects.empty());
    QCOMPARE(result.diagnostics.size(), 1);
    QCOMPARE(result.diagnostics.front().severity, DiagnosticSeverity::Fatal);
    QVERIFY2(result.diagnostics.front().message.contains(QStringLiteral("200 MiB, larger than the 64 MiB")),
             qPrintable(result.diagnostics.front().toString()));
    QVERIFY(timer.elapsed() < 2000);

    // Text already in memory is held to the same limit.
    ReadLimits limits;
    limits.maxBytes = std::size_t(1) << 20;
    const std::string big((std::size_t(1) << 20) + 1, ' ');
    YamlReadResult tooBig = readYaml(big, QStringLiteral("big.yaml"), limits);
    QVERIFY(!tooBig.ok);
    QVERIFY(tooBig.diagnostics.front().message.contains(QStringLiteral("larger than")));
}

void tst_YamlReader::hostileInvalidUtf8_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("lone-continuation-byte") << QByteArray("kind: A\nname: ab\x80z\n") << 2 << 9;
    QTest::newRow("overlong-encoding") << QByteArray("kind: A\nx: \xC0\xAF\n") << 2 << 4;
    QTest::newRow("truncated-sequence") << QByteArray("x: \xE2\x82") << 1 << 4;
    QTest::newRow("surrogate") << QByteArray("x: \xED\xA0\x80\n") << 1 << 4;
    QTest::newRow("nul-byte") << QByteArray("kind: A\0\n", 9) << 1 << 8;
}

void tst_YamlReader::hostileInvalidUtf8()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    YamlReadResult result = readYaml(std::string_view(yaml.constData(), static_cast<std::size_t>(yaml.size())), QStringLiteral("bin.yaml"));
    QVERIFY(!result.ok);
    QCOMPARE(result.diagnostics.front().line, line);
    QCOMPARE(result.diagnostics.front().column, column);
}

QTEST_GUILESS_MAIN(tst_YamlReader)
#include "tst_yaml_reader.moc"
