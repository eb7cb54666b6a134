// SPDX-License-Identifier: GPL-3.0-or-later
// The Helm chart's text, without helm (tests/cli/tst_cli_helm.cpp proves it with the real helm):
// escaping, Secrets kept out, HPA-governed replicas, namespaces, layout. Fixtures: tests/data/helm.
#include <model/core/document.h>
#include <model/io/export_helm.h>
#include <model/io/manifest_reader.h>

#include <support/test_support.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace kstudio;
using namespace kstudio::model;

class tst_ExportHelm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapesTemplateText();
    void secretDataStaysOut();
    void hpaOwnsReplicas();
    void oneNamespaceIsTheRelease();
    void severalNamespacesAreKept();
    void layout();
    void chartNames_data();
    void chartNames();
    void reExportReplacesOnlyWhatChanged();
    void writeErrorNamesTheFile();
};

namespace {

HelmChart chartOf(const QString &fixture)
{
    LoadResult loaded = loadPaths({test::dataDir() + QStringLiteral("/helm/") + fixture});
    Document document;
    document.addObjects(std::move(loaded.objects));
    HelmChartOptions options;
    options.chartName = QStringLiteral("fixture");
    return buildHelmChart(document.snapshot(), options);
}

QString fileText(const HelmChart &chart, const QString &path)
{
    for (const ChartFile &file : chart.files)
        if (file.path == path)
            return QString::fromStdString(file.text);
    return {};
}

} // namespace

void tst_ExportHelm::escapesTemplateText()
{
    const HelmChart chart = chartOf(QStringLiteral("one-namespace.yaml"));
    const QString templated = fileText(chart, QStringLiteral("templates/configmap-templated.yaml"));
    QVERIFY(templated.contains(QStringLiteral("Hello {{ \"{{\" }} .Name }}, {{ \"{{\" }}- range .Items }}")));
    QVERIFY(templated.contains(QStringLiteral("note: \"{{ \"{{\" }} .Values.fromAnnotation }}\"")));
    QVERIFY(fileText(chart, QStringLiteral("templates/deployment-api.yaml")).contains(QStringLiteral("--greeting={{ \"{{\" }} .Greeting }}")));
    // Text without braces is left alone.
    const QString plain = fileText(chart, QStringLiteral("templates/configmap-plain.yaml"));
    QVERIFY(plain.contains(QStringLiteral("key: \"no braces here\"")));
    QVERIFY(!plain.contains(QStringLiteral("\"{{\"")));
    QCOMPARE(escapeForTemplate("a {{ b }} c"), std::string("a {{ \"{{\" }} b }} c"));
    QCOMPARE(escapeForTemplate("a } b { c"), std::string("a } b { c"));
}

void tst_ExportHelm::secretDataStaysOut()
{
    const HelmChart chart = chartOf(QStringLiteral("one-namespace.yaml"));
    for (const ChartFile &file : chart.files)
        QVERIFY2(file.text.find("c3VwZXItc2VjcmV0LXZhbHVl") == std::string::npos, qPrintable(file.path));
    const QString secret = fileText(chart, QStringLiteral("templates/secret-db.yaml"));
    QVERIFY(secret.startsWith(QStringLiteral("{{- if $.Values.db.create }}")));
    QVERIFY(secret.contains(QStringLiteral("list \"password\"")));
    const QString values = fileText(chart, QStringLiteral("values.yaml"));
    QVERIFY(values.contains(QStringLiteral("db:\n")));
    QVERIFY(values.contains(QStringLiteral("  create: false\n")));
    // References to it follow its name value.
    QVERIFY(fileText(chart, QStringLiteral("templates/deployment-api.yaml")).contains(QStringLiteral("name: {{ $.Values.db.name }}")));
}

void tst_ExportHelm::hpaOwnsReplicas()
{
    const HelmChart chart = chartOf(QStringLiteral("one-namespace.yaml"));
    const QString api = fileText(chart, QStringLiteral("templates/deployment-api.yaml"));
    QVERIFY(api.contains(QStringLiteral("{{- if not $.Values.api.autoscaling.enabled }}\n  replicas: {{ $.Values.api.replicaCount }}\n  {{- end }}")));
    const QString worker = fileText(chart, QStringLiteral("templates/deployment-worker.yaml"));
    QVERIFY(worker.contains(QStringLiteral("  replicas: {{ $.Values.worker.replicaCount }}\n")));
    QVERIFY(!worker.contains(QStringLiteral("autoscaling")));
    QVERIFY(fileText(chart, QStringLiteral("templates/horizontalpodautoscaler-api.yaml")).startsWith(QStringLiteral("{{- if $.Values.api.autoscaling.enabled }}")));
    // The image splits at the tag's colon, not the registry port's.
    const QString values = fileText(chart, QStringLiteral("values.yaml"));
    QVERIFY(values.contains(QStringLiteral("repository: registry.example.com:5000/api\n")));
    QVERIFY(values.contains(QStringLiteral("tag: 1.2.3\n")));
    bool apiAutoscaled = false;
    bool workerAutoscaled = true;
    for (const ChartWorkload &w : chart.workloads) {
        if (w.name == QLatin1String("api"))
            apiAutoscaled = w.autoscaled;
        if (w.name == QLatin1String("worker"))
            workerAutoscaled = w.autoscaled;
    }
    QVERIFY(apiAutoscaled);
    QVERIFY(!workerAutoscaled);
}

void tst_ExportHelm::oneNamespaceIsTheRelease()
{
    const HelmChart chart = chartOf(QStringLiteral("one-namespace.yaml"));
    QCOMPARE(chart.releaseNamespace, QStringLiteral("app"));
    QVERIFY(fileText(chart, QStringLiteral("templates/configmap-plain.yaml")).contains(QStringLiteral("namespace: {{ $.Release.Namespace }}")));
}

void tst_ExportHelm::severalNamespacesAreKept()
{
    const HelmChart chart = chartOf(QStringLiteral("two-namespaces.yaml"));
    QVERIFY(chart.releaseNamespace.isEmpty());
    for (const ChartFile &file : chart.files) {
        if (file.path.startsWith(QLatin1String("templates/")) && file.path.endsWith(QLatin1String(".yaml")))
            QVERIFY2(file.text.find("namespace: {{ $.Release.Namespace }}") == std::string::npos, qPrintable(file.path));
    }
    QVERIFY(fileText(chart, QStringLiteral("templates/back-configmap-b.yaml")).contains(QStringLiteral("namespace: back")));
    QVERIFY(fileText(chart, QStringLiteral("templates/namespaces-missing.yaml")).contains(QStringLiteral("list \"back\"")));
    QVERIFY(fileText(chart, QStringLiteral("values.yaml")).contains(QStringLiteral("createMissing: false")));
}

void tst_ExportHelm::layout()
{
    const HelmChart chart = chartOf(QStringLiteral("one-namespace.yaml"));
    QStringList paths;
    for (const ChartFile &file : chart.files)
        paths.append(file.path);
    for (const char *expected : {"Chart.yaml", "values.yaml", "values.schema.json", ".helmignore", "README.md",
                                 "templates/_helpers.tpl", "templates/NOTES.txt", "crds/customresourcedefinition-widgets.example.com.yaml"})
        QVERIFY2(paths.contains(QLatin1String(expected)), expected);
    // Helm renders nothing of a template whose name starts with '_': only the helpers may.
    for (const QString &path : paths)
        QVERIFY2(!path.section(QLatin1Char('/'), -1).startsWith(QLatin1Char('_')) || path == QLatin1String("templates/_helpers.tpl"), qPrintable(path));
    // No test for a design without a Service; the README documents every value.
    const QString readme = fileText(chart, QStringLiteral("README.md"));
    QVERIFY(readme.contains(QStringLiteral("| `worker.replicaCount` | `3` |")));
    QVERIFY(readme.contains(QStringLiteral("| `db.create` | `false` |")));
    QVERIFY(fileText(chart, QStringLiteral("values.schema.json")).contains(QStringLiteral("\"replicaCount\"")));
}

void tst_ExportHelm::chartNames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");
    QTest::newRow("kept") << "shop" << "shop";
    QTest::newRow("lowercased") << "Shop_Front" << "shop-front";
    QTest::newRow("leading-digit") << "3tier" << "chart-3tier";
    QTest::newRow("leading-underscore") << "_tricky" << "tricky";
    QTest::newRow("empty") << "" << "chart";
}

void tst_ExportHelm::chartNames()
{
    QFETCH(QString, text);
    QFETCH(QString, name);
    QCOMPARE(chartNameFrom(text), name);
}

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

} // namespace

// A re-export rewrites what changed, leaves unchanged files as they are (same inode and
// modification time), removes what the chart no longer has under the clean directories (and the
// directories left empty) and nothing elsewhere.
void tst_ExportHelm::reExportReplacesOnlyWhatChanged()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = dir.filePath(QStringLiteral("chart"));
    const std::vector<ChartFile> first{{QStringLiteral("Chart.yaml"), "name: a\n"},
                                       {QStringLiteral("templates/keep.yaml"), "kind: ConfigMap\n"},
                                       {QStringLiteral("templates/change.yaml"), "kind: Service\n"},
                                       {QStringLiteral("templates/gone.yaml"), "kind: Secret\n"},
                                       {QStringLiteral("templates/tests/old-test.yaml"), "kind: Pod\n"},
                                       {QStringLiteral("crds/gone.yaml"), "kind: CustomResourceDefinition\n"}};
    QString error;
    QVERIFY2(writeChartFiles(first, root, {QStringLiteral("templates"), QStringLiteral("crds")}, &error), qPrintable(error));
    // Something of the user's own beside the chart is never touched.
    QFile mine(dir.filePath(QStringLiteral("chart/ci/values-mine.yaml")));
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("chart/ci"))));
    QVERIFY(mine.open(QIODevice::WriteOnly));
    mine.write("replicaCount: 2\n");
    mine.close();

    const QString keep = root + QStringLiteral("/templates/keep.yaml");
    const QDateTime keptTime = QDateTime::currentDateTimeUtc().addSecs(-3600);
    {
        QFile file(keep);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(keptTime, QFileDevice::FileModificationTime));
    }

    const std::vector<ChartFile> second{{QStringLiteral("Chart.yaml"), "name: b\n"},
                                        {QStringLiteral("templates/keep.yaml"), "kind: ConfigMap\n"},
                                        {QStringLiteral("templates/change.yaml"), "kind: Service\nspec: {}\n"},
                                        {QStringLiteral("templates/new.yaml"), "kind: Deployment\n"}};
    QVERIFY2(writeChartFiles(second, root, {QStringLiteral("templates"), QStringLiteral("crds")}, &error), qPrintable(error));

    QCOMPARE(readAll(root + QStringLiteral("/Chart.yaml")), QByteArray("name: b\n"));
    QCOMPARE(readAll(keep), QByteArray("kind: ConfigMap\n"));
    QCOMPARE(QFileInfo(keep).lastModified().toSecsSinceEpoch(), keptTime.toSecsSinceEpoch());
    QCOMPARE(readAll(root + QStringLiteral("/templates/change.yaml")), QByteArray("kind: Service\nspec: {}\n"));
    QCOMPARE(readAll(root + QStringLiteral("/templates/new.yaml")), QByteArray("kind: Deployment\n"));
    QVERIFY(!QFileInfo::exists(root + QStringLiteral("/templates/gone.yaml")));
    QVERIFY(!QFileInfo::exists(root + QStringLiteral("/templates/tests")));
    QVERIFY(!QFileInfo::exists(root + QStringLiteral("/crds/gone.yaml")));
    QCOMPARE(readAll(dir.filePath(QStringLiteral("chart/ci/values-mine.yaml"))), QByteArray("replicaCount: 2\n"));
    // A same-sized change is still written (content, not size, decides).
    const std::vector<ChartFile> third{{QStringLiteral("templates/keep.yaml"), "kind: ConfigMop\n"}};
    QVERIFY2(writeChartFiles(third, root, {}, &error), qPrintable(error));
    QCOMPARE(readAll(keep), QByteArray("kind: ConfigMop\n"));
}

void tst_ExportHelm::writeErrorNamesTheFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A directory stands where a file must go: the export fails and the error names that path,
    // whichever of the two writer threads meets it.
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("out/templates/blocked.yaml"))));
    std::vector<ChartFile> files;
    for (int i = 0; i < 20; ++i)
        files.push_back({QStringLiteral("templates/t%1.yaml").arg(i), "a: 1\n"});
    files.push_back({QStringLiteral("templates/blocked.yaml"), "b: 2\n"});
    QString error;
    QVERIFY(!writeChartFiles(files, dir.filePath(QStringLiteral("out")), {}, &error));
    QVERIFY2(error.contains(QStringLiteral("templates/blocked.yaml")), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_ExportHelm)
#include "tst_export_helm.moc"
