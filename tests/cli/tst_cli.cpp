// SPDX-License-Identifier: GPL-3.0-or-later
// The command-line contract (../shared/CLI.md) as scripts see it: the built binary, run as a
// process, with its exit codes, stdout and stderr.
#include <model/io/manifest_reader.h>

#include <support/test_support.h>

#include <QProcess>
#include <QTemporaryDir>

using namespace kstudio;

class tst_Cli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exitCodes_data();
    void exitCodes();
    void exportSingleFileIsInInstallOrder();
    void exportDirectoryNumbersFiles();
    void malformedInputNamesFileLineColumn();
    void importWritesAProject();
    void runsWithoutADisplay();
};

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QStringList &arguments, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(test::kstudioBinary(), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString example()
{
    return QStringLiteral(KS_SOURCE_DIR "/resources/examples/three-tier-web-app.yaml");
}

} // namespace

void tst_Cli::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stdoutContains");
    QTest::addColumn<QString>("stderrContains");
    QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << "Exit codes:" << "";
    QTest::newRow("version") << QStringList{QStringLiteral("--version")} << 0 << "kstudio 0." << "";
    QTest::newRow("unknown-flag") << QStringList{QStringLiteral("--frobnicate")} << 2 << "" << "unknown command or flag";
    QTest::newRow("export-help") << QStringList{QStringLiteral("export"), QStringLiteral("--help")} << 0 << "--manifests" << "";
    QTest::newRow("export-without-output") << QStringList{QStringLiteral("export"), example()} << 2 << "" << "usage: kstudio export";
    QTest::newRow("export-unknown-option") << QStringList{QStringLiteral("export"), QStringLiteral("--bogus")} << 2 << "" << "bogus";
    QTest::newRow("import-without-output") << QStringList{QStringLiteral("import"), example()} << 2 << "" << "usage: kstudio import";
    QTest::newRow("rules-lists-with-documentation") << QStringList{QStringLiteral("rules")} << 0 << "Why: " << "";
    QTest::newRow("rules-json") << QStringList{QStringLiteral("rules"), QStringLiteral("--format"), QStringLiteral("json")} << 0 << "\"docUrl\"" << "";
    QTest::newRow("missing-input") << QStringList{QStringLiteral("export"), QStringLiteral("/nonexistent.yaml"), QStringLiteral("--manifests"), QStringLiteral("-"), QStringLiteral("--single-file")}
                                   << 2 << "" << "/nonexistent.yaml: error: no such file";
}

void tst_Cli::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, stdoutContains);
    QFETCH(QString, stderrContains);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.out.contains(stdoutContains), qPrintable(result.out));
    QVERIFY2(result.err.contains(stderrContains), qPrintable(result.err));
}

void tst_Cli::exportSingleFileIsInInstallOrder()
{
    const Run result = run({QStringLiteral("export"), example(), QStringLiteral("--manifests"), QStringLiteral("-"), QStringLiteral("--single-file")});
    QCOMPARE(result.exitCode, 0);
    model::LoadResult exported;
    model::readManifests(result.out.toStdString(), QStringLiteral("stdout"), exported);
    QCOMPARE(exported.objects.size(), std::size_t(14));
    QStringList kinds;
    for (const model::Object &object : exported.objects)
        kinds.append(object.kind());
    // Namespaces first, then Helm's install order (NetworkPolicy ... Secret, ConfigMap, Service,
    // Deployment, HPA, StatefulSet, Ingress), then namespace/name.
    const QStringList expected = {
        QStringLiteral("Namespace"), QStringLiteral("NetworkPolicy"), QStringLiteral("NetworkPolicy"),
        QStringLiteral("PodDisruptionBudget"), QStringLiteral("Secret"), QStringLiteral("ConfigMap"),
        QStringLiteral("Service"), QStringLiteral("Service"), QStringLiteral("Service"),
        QStringLiteral("Deployment"), QStringLiteral("Deployment"), QStringLiteral("HorizontalPodAutoscaler"),
        QStringLiteral("StatefulSet"), QStringLiteral("Ingress")};
    QCOMPARE(kinds, expected);
    QCOMPARE(exported.objects[6].name(), QStringLiteral("api"));
    QCOMPARE(exported.objects[7].name(), QStringLiteral("frontend"));
}

void tst_Cli::exportDirectoryNumbersFiles()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out"));
    QCOMPARE(run({QStringLiteral("export"), example(), QStringLiteral("--manifests"), out}).exitCode, 0);
    const QStringList files = QDir(out).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 14);
    QCOMPARE(files.front(), QStringLiteral("0001-namespace-shop.yaml"));
    QCOMPARE(files.back(), QStringLiteral("0014-ingress-shop-shop.yaml"));
    // Exporting the export gives the same stream (deterministic, lossless).
    const Run a = run({QStringLiteral("export"), example(), QStringLiteral("--manifests"), QStringLiteral("-"), QStringLiteral("--single-file")});
    const Run b = run({QStringLiteral("export"), out, QStringLiteral("--manifests"), QStringLiteral("-"), QStringLiteral("--single-file")});
    QCOMPARE(b.out, a.out);
}

void tst_Cli::malformedInputNamesFileLineColumn()
{
    const QString malformed = test::dataDir() + QStringLiteral("/cli/malformed.yaml");
    const Run result = run({QStringLiteral("export"), malformed, example(), QStringLiteral("--manifests"), QStringLiteral("-"), QStringLiteral("--single-file")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(malformed + QStringLiteral(":7:1: error: malformed YAML")), qPrintable(result.err));
    // The good file is still exported: nothing else is lost.
    QVERIFY(result.out.contains(QStringLiteral("name: shop")));
}

void tst_Cli::importWritesAProject()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("design.kstudio"));
    const Run result = run({QStringLiteral("import"), example(), QStringLiteral("-o"), project});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(QFileInfo(project).size() > 0);
    // The project reads back with the same objects.
    const Run again = run({QStringLiteral("export"), project, QStringLiteral("--manifests"), QStringLiteral("-"), QStringLiteral("--single-file")});
    QCOMPARE(again.exitCode, 0);
    const Run direct = run({QStringLiteral("export"), example(), QStringLiteral("--manifests"), QStringLiteral("-"), QStringLiteral("--single-file")});
    QCOMPARE(again.out, direct.out);
}

void tst_Cli::runsWithoutADisplay()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    const Run result = run({QStringLiteral("export"), example(), QStringLiteral("--manifests"), QStringLiteral("-"), QStringLiteral("--single-file")}, environment);
    QCOMPARE(result.exitCode, 0);
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
