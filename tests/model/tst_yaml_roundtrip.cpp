// SPDX-License-Identifier: GPL-3.0-or-later
// Import -> export -> import gives the same objects field for field: the project's fixtures
// (tests/data/model/roundtrip) and every file of ../shared/corpus.
#include <model/io/manifest_reader.h>
#include <model/io/yaml_writer.h>

#include <support/test_support.h>

#include <QDirIterator>

using namespace kstudio::model;

class tst_YamlRoundtrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void corpus();
    void stylesSurvive();
    void fuzzerFindings_data();
    void fuzzerFindings();
};

namespace {

// Describes the first difference between two trees, or returns an empty string.
QString firstDifference(const Node &a, const Node &b, const std::string &path)
{
    if (a.sameValue(b))
        return {};
    if (a.type() != b.type() || a.isScalar())
        return QStringLiteral("%1: '%2' (kind %3) became '%4' (kind %5)")
            .arg(QString::fromStdString(path), a.qtext())
            .arg(int(a.scalarKind()))
            .arg(b.qtext())
            .arg(int(b.scalarKind()));
    if (a.size() != b.size())
        return QStringLiteral("%1: %2 children became %3").arg(QString::fromStdString(path)).arg(a.size()).arg(b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const Node &x = a.children()[i];
        const Node &y = b.children()[i];
        const std::string childPath = path + (a.isMapping() ? "." + x.key() : "[" + std::to_string(i) + "]");
        if (x.key() != y.key())
            return QStringLiteral("%1: key '%2' became '%3'").arg(QString::fromStdString(path), QString::fromStdString(x.key()), QString::fromStdString(y.key()));
        const QString d = firstDifference(x, y, childPath);
        if (!d.isEmpty())
            return d;
    }
    return QStringLiteral("%1: differs").arg(QString::fromStdString(path));
}

std::string exportObjects(const std::vector<Object> &objects)
{
    std::vector<const Node *> bodies;
    for (const Object &object : objects)
        bodies.push_back(&object.body);
    return writeYamlStream(bodies);
}

// Returns an empty string when the round trip holds, else what broke.
QString checkRoundTrip(const QString &file, const LoadResult &first)
{
    const std::string exported = exportObjects(first.objects);
    LoadResult second;
    readManifests(exported, file + QStringLiteral(" (exported)"), second);
    if (hasErrors(second.diagnostics))
        return QStringLiteral("re-import failed: ") + second.diagnostics.front().toString();
    if (second.objects.size() != first.objects.size())
        return QStringLiteral("%1 objects became %2").arg(first.objects.size()).arg(second.objects.size());
    for (std::size_t i = 0; i < first.objects.size(); ++i) {
        const QString d = firstDifference(first.objects[i].body, second.objects[i].body, "");
        if (!d.isEmpty())
            return QStringLiteral("object %1 (%2): %3").arg(i).arg(first.objects[i].displayName(), d);
    }
    // Export is stable: exporting what was re-imported gives the same text.
    if (exportObjects(second.objects) != exported)
        return QStringLiteral("the second export differs from the first");
    return {};
}

} // namespace

void tst_YamlRoundtrip::fixtures_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(kstudio::test::dataDir() + QStringLiteral("/model/roundtrip"));
    const QStringList files = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString &file : files)
        QTest::newRow(qPrintable(file.chopped(5))) << dir.filePath(file);
}

void tst_YamlRoundtrip::fixtures()
{
    QFETCH(QString, path);
    LoadResult first = loadPaths({path});
    QVERIFY2(!hasErrors(first.diagnostics), qPrintable(first.diagnostics.value(0).toString()));
    QVERIFY(!first.objects.empty());
    const QString problem = checkRoundTrip(path, first);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void tst_YamlRoundtrip::corpus()
{
    KS_REQUIRE_CORPUS();
    // The files the corpus's SOURCES.md lists as not parsing at all (and the cross-document
    // alias, which no YAML reader can resolve); every other file must round-trip.
    const QStringList expectedFailures = {
        QStringLiteral("_tricky/invalid/test__e2e__smoke__basic-invalid.yaml"),
        QStringLiteral("_tricky/invalid/test__gator__test__fixtures__manifests__invalid-resources__object.yaml"),
        QStringLiteral("_tricky/invalid/_archived__newrelic__newrelic-config-template.yaml"),
        QStringLiteral("_tricky/synthetic/cross-doc-alias.yaml"),
    };
    const QDir root(kstudio::test::corpusDir());
    QStringList files;
    QDirIterator it(root.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (file.endsWith(QLatin1String(".yaml")) || file.endsWith(QLatin1String(".yml")) || file.endsWith(QLatin1String(".json")))
            files.append(file);
    }
    files.sort();
    QVERIFY(files.size() > 800);
    int objects = 0;
    QStringList failures;
    QStringList unexpectedlyRead;
    for (const QString &file : files) {
        const QString relative = root.relativeFilePath(file);
        std::string bytes;
        Diagnostics diagnostics;
        QVERIFY(readFileBytes(file, bytes, diagnostics, std::size_t(256) << 20));
        LoadResult first;
        readManifests(bytes, relative, first);
        const bool fatal = std::any_of(first.diagnostics.begin(), first.diagnostics.end(), [](const Diagnostic &d) {
            return d.severity == DiagnosticSeverity::Fatal;
        });
        if (expectedFailures.contains(relative)) {
            if (!fatal)
                unexpectedlyRead.append(relative);
            continue;
        }
        if (fatal) {
            failures.append(first.diagnostics.front().toString());
            continue;
        }
        objects += static_cast<int>(first.objects.size());
        const QString problem = checkRoundTrip(relative, first);
        if (!problem.isEmpty())
            failures.append(relative + QStringLiteral(": ") + problem);
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    QVERIFY2(unexpectedlyRead.isEmpty(), qPrintable(unexpectedlyRead.join(QLatin1Char('\n'))));
    // SOURCES.md counts 2,292 objects with PyYAML, which drops none of the List items we keep.
    QVERIFY2(objects > 2200, qPrintable(QString::number(objects)));
    qInfo("round-tripped %d objects from %lld files", objects, static_cast<long long>(files.size()));
}

// Beyond meaning, the way each scalar was written comes back: quotes, block scalars, flow maps.
void tst_YamlRoundtrip::stylesSurvive()
{
    const char *source = "apiVersion: v1\n"
                         "kind: ConfigMap\n"
                         "metadata:\n"
                         "  name: styles\n"
                         "  annotations:\n"
                         "    a: \"8080\"\n"
                         "    b: '1.10'\n"
                         "    c: \"yes\"\n"
                         "data:\n"
                         "  script: |\n"
                         "    #!/bin/sh\n"
                         "    echo {{ .Values.x }}\n"
                         "  keep: |+\n"
                         "    trailing\n"
                         "\n"
                         "  strip: |-\n"
                         "    no newline\n"
                         "  folded: >\n"
                         "    one long line\n"
                         "\n"
                         "    second paragraph\n"
                         "  folded-strip: >-\n"
                         "    a b\n"
                         "  mode: 0755\n"
                         "  empty: \"\"\n"
                         "  flow: {cpu: 100m, memory: 128Mi}\n"
                         "  list: [a, b]\n"
                         "  quote: 'it''s'\n";
    LoadResult first;
    readManifests(source, QStringLiteral("styles.yaml"), first);
    QVERIFY(!hasErrors(first.diagnostics));
    const std::string exported = writeYaml(first.objects.front().body);
    QCOMPARE(QString::fromStdString(exported), QString::fromUtf8(source));
}

// Inputs the libFuzzer target once broke the round trip with (fuzz/crashes): each must now either
// be refused with a diagnostic or survive export and re-import with the same values.
void tst_YamlRoundtrip::fuzzerFindings_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(KS_SOURCE_DIR "/fuzz/crashes"));
    for (const QString &file : dir.entryList(QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

void tst_YamlRoundtrip::fuzzerFindings()
{
    QFETCH(QString, path);
    const QByteArray bytes = kstudio::test::readAll(path);
    LoadResult first;
    readManifests(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), path, first);
    if (first.objects.empty()) {
        QVERIFY(!first.diagnostics.isEmpty());
        return;
    }
    const QString problem = checkRoundTrip(path, first);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QTEST_GUILESS_MAIN(tst_YamlRoundtrip)
#include "tst_yaml_roundtrip.moc"
