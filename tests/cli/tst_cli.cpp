// SPDX-License-Identifier: GPL-3.0-or-later
// The command-line contract (../shared/CLI.md) as scripts see it: the built binary, run as a
// process, with its exit codes, stdout and stderr.
#include <model/io/manifest_reader.h>
#include <model/io/project_file.h>

#include <support/test_support.h>

#include <QProcess>
#include <QRegularExpression>
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
    void helpFollowsConventions_data();
    void helpFollowsConventions();
    void helpExamplesRun();
    void shortFormatAlias_data();
    void shortFormatAlias();
    void importTakesNodePoolsAndNotes();
    void importRefusesBadNodePools_data();
    void importRefusesBadNodePools();
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
    return QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml");
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

    // A re-export removes the numbered files the design no longer has and nothing else.
    for (const QString &name : {QStringLiteral("0099-configmap-old.yaml"), QStringLiteral("mine.yaml")}) {
        QFile extra(QDir(out).filePath(name));
        QVERIFY(extra.open(QIODevice::WriteOnly));
        extra.write("kind: ConfigMap\n");
    }
    QCOMPARE(run({QStringLiteral("export"), example(), QStringLiteral("--manifests"), out}).exitCode, 0);
    QStringList again = QDir(out).entryList(QDir::Files, QDir::Name);
    QVERIFY(!again.contains(QStringLiteral("0099-configmap-old.yaml")));
    QVERIFY(again.removeOne(QStringLiteral("mine.yaml")));
    QCOMPARE(again, files);
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

// Every command's help has the sections kubectl and helm (cobra) give theirs, in their order:
// a description, Usage, Examples, Flags; then the exit codes. The commands are read from
// `kstudio --help`, so a new command is checked without editing this test.
void tst_Cli::helpFollowsConventions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("command");
    const Run top = run({QStringLiteral("--help")});
    QCOMPARE(top.exitCode, 0);
    QTest::newRow("kstudio") << QStringList{QStringLiteral("--help")} << QStringLiteral("kstudio");
    const QString commands = top.out.section(QStringLiteral("Commands:\n"), 1).section(QStringLiteral("\n\n"), 0, 0);
    static const QRegularExpression line(QStringLiteral("^  ([a-z][a-z-]+) {2,}\\S"), QRegularExpression::MultilineOption);
    int count = 0;
    for (auto it = line.globalMatch(commands); it.hasNext(); ++count) {
        const QString name = it.next().captured(1);
        QTest::newRow(qPrintable(name)) << QStringList{name, QStringLiteral("--help")} << QStringLiteral("kstudio ") + name;
        QTest::newRow(qPrintable(name + QStringLiteral("-h"))) << QStringList{name, QStringLiteral("-h")} << QStringLiteral("kstudio ") + name;
    }
    QVERIFY(count >= 7);
}

void tst_Cli::helpFollowsConventions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, command);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.err.isEmpty());
    const QString &help = result.out;
    QVERIFY2(!help.startsWith(QStringLiteral("Usage")) && help.indexOf(QLatin1Char('\n')) > 20, qPrintable(help.left(200)));
    const qsizetype usage = help.indexOf(QStringLiteral("\nUsage:\n  ") + command);
    const qsizetype examples = help.indexOf(QStringLiteral("\nExamples:\n  # "));
    const qsizetype flags = help.indexOf(QStringLiteral("\nFlags:\n  -h, --help"));
    const qsizetype exitCodes = help.indexOf(QStringLiteral("\nExit codes:\n  0  "));
    QVERIFY2(usage > 0 && examples > usage && flags > examples && exitCodes > flags, qPrintable(help));
    // The exit codes of CLI.md, each explained.
    const QString codes = help.mid(exitCodes);
    QVERIFY2(codes.contains(QStringLiteral("\n  2  ")), qPrintable(codes));
    // Every example runs this command.
    const QString exampleBlock = help.mid(examples, flags - examples);
    static const QRegularExpression exampleLine(QStringLiteral("^  (kstudio\\b.*)$"), QRegularExpression::MultilineOption);
    int examplesSeen = 0;
    for (auto it = exampleLine.globalMatch(exampleBlock); it.hasNext(); ++examplesSeen)
        QVERIFY2(it.next().captured(1).startsWith(command), qPrintable(exampleBlock));
    QVERIFY(examplesSeen >= 1);
    // A command with --format has -o as its short form, as kubectl and helm do.
    if (help.contains(QStringLiteral("--format <")))
        QVERIFY2(help.contains(QStringLiteral("-o, --format <FORMAT>")), qPrintable(help));
}

// The examples in the help are real usage: run from a scratch directory holding the files they
// name (shop.kstudio and big.kstudio are the three-tier starter, k8s/ its manifests), every one
// answers 0 or 1, never 2 (bad input or usage). Output paths land in the scratch directory.
void tst_Cli::helpExamplesRun()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString starter = QStringLiteral(KS_SOURCE_DIR "/resources/examples/three-tier-web-app.kstudio");
    const QString sources = QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app");
    QVERIFY(QFile::copy(starter, dir.filePath(QStringLiteral("shop.kstudio"))));
    QVERIFY(QFile::copy(starter, dir.filePath(QStringLiteral("big.kstudio"))));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("k8s")));
    QVERIFY(QFile::copy(sources + QStringLiteral(".yaml"), dir.filePath(QStringLiteral("k8s/shop.yaml"))));
    QVERIFY(QFile::copy(sources + QStringLiteral(".pools.json"), dir.filePath(QStringLiteral("pools.json"))));
    QVERIFY(QFile::copy(sources + QStringLiteral(".notes.txt"), dir.filePath(QStringLiteral("README.txt"))));

    const Run top = run({QStringLiteral("--help")});
    const QString commands = top.out.section(QStringLiteral("Commands:\n"), 1).section(QStringLiteral("\n\n"), 0, 0);
    static const QRegularExpression commandLine(QStringLiteral("^  ([a-z][a-z-]+) {2,}\\S"), QRegularExpression::MultilineOption);
    static const QRegularExpression exampleLine(QStringLiteral("^  kstudio (.*)$"), QRegularExpression::MultilineOption);
    int ran = 0;
    for (auto it = commandLine.globalMatch(commands); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (name == QLatin1String("import-chart"))
            continue; // needs the real helm and a chart; tst_cli_helm covers it
        const QString help = run({name, QStringLiteral("--help")}).out;
        const QString examples = help.section(QStringLiteral("\nExamples:\n"), 1).section(QStringLiteral("\nFlags:\n"), 0, 0);
        for (auto line = exampleLine.globalMatch(examples); line.hasNext();) {
            QString text = line.next().captured(1);
            text = text.section(QStringLiteral(" |"), 0, 0).section(QStringLiteral(" >"), 0, 0); // no pipes or redirections
            const QStringList arguments = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            QProcess process;
            process.setWorkingDirectory(dir.path());
            process.start(test::kstudioBinary(), arguments);
            QVERIFY(process.waitForFinished(120000));
            const QString err = QString::fromUtf8(process.readAllStandardError());
            QVERIFY2(process.exitStatus() == QProcess::NormalExit && (process.exitCode() == 0 || process.exitCode() == 1),
                     qPrintable(QStringLiteral("kstudio ") + text + QStringLiteral(": exit ") + QString::number(process.exitCode())
                                + QLatin1Char('\n') + err));
            ++ran;
        }
    }
    QVERIFY(ran >= 15);
}

void tst_Cli::shortFormatAlias_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("format");
    const QString project = QStringLiteral(KS_SOURCE_DIR "/resources/examples/three-tier-web-app.kstudio");
    QTest::newRow("validate") << QStringList{QStringLiteral("validate"), project} << QStringLiteral("json");
    QTest::newRow("validate-sarif") << QStringList{QStringLiteral("validate"), project} << QStringLiteral("sarif");
    QTest::newRow("schedule") << QStringList{QStringLiteral("schedule"), project} << QStringLiteral("summary");
    QTest::newRow("reach") << QStringList{QStringLiteral("reach"), project} << QStringLiteral("matrix");
    QTest::newRow("reach-lint") << QStringList{QStringLiteral("reach"), project, QStringLiteral("--lint")} << QStringLiteral("json");
    QTest::newRow("rules") << QStringList{QStringLiteral("rules")} << QStringLiteral("json");
    QTest::newRow("validate-bad-format") << QStringList{QStringLiteral("validate"), project} << QStringLiteral("yaml");
}

// -o FORMAT is --format FORMAT: the same output, the same exit code, the same errors.
void tst_Cli::shortFormatAlias()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, format);
    const Run longForm = run(arguments + QStringList{QStringLiteral("--format"), format});
    const Run shortForm = run(arguments + QStringList{QStringLiteral("-o"), format});
    QCOMPARE(shortForm.exitCode, longForm.exitCode);
    QCOMPARE(shortForm.out, longForm.out);
    QCOMPARE(shortForm.err, longForm.err);
    QVERIFY(!longForm.out.isEmpty() || !longForm.err.isEmpty());
}

void tst_Cli::importTakesNodePoolsAndNotes()
{
    QTemporaryDir dir;
    QFile pools(dir.filePath(QStringLiteral("pools.json")));
    QVERIFY(pools.open(QIODevice::WriteOnly));
    pools.write(R"([{"name": "workers", "count": 3, "cpu": "2", "memory": "8Gi", "zones": ["a", "b", "c"],
                    "labels": {"tier": "general"}, "taints": ["dedicated=web:NoSchedule"]},
                   {"name": "small", "count": 1}])");
    pools.close();
    QFile notes(dir.filePath(QStringLiteral("notes.txt")));
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("A shop\n\nWhat it is.\n\n");
    notes.close();
    const QString project = dir.filePath(QStringLiteral("design.kstudio"));
    const Run result = run({QStringLiteral("import"), example(), QStringLiteral("--node-pools"), pools.fileName(),
                            QStringLiteral("--notes"), notes.fileName(), QStringLiteral("-o"), project});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const model::ProjectReadResult read = model::readProject(project);
    QVERIFY(read.ok);
    QCOMPARE(read.notes, QStringLiteral("A shop\n\nWhat it is."));
    QCOMPARE(read.nodePools.size(), 2);
    QCOMPARE(read.nodePools[0].name, QStringLiteral("workers"));
    QCOMPARE(read.nodePools[0].zones, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(read.nodePools[0].labels.value(QStringLiteral("tier")), QStringLiteral("general"));
    QCOMPARE(read.nodePools[0].taints, QStringList{QStringLiteral("dedicated=web:NoSchedule")});
    QCOMPARE(read.nodePools[1].cpu, model::NodePool().cpu); // absent fields take the defaults
    // The project schedules on its pools: 3 nodes of the first pool, 1 of the second.
    const Run scheduled = run({QStringLiteral("schedule"), project, QStringLiteral("-o"), QStringLiteral("summary")});
    QVERIFY2(scheduled.out.contains(QStringLiteral(" on 4 nodes")), qPrintable(scheduled.out));
}

void tst_Cli::importRefusesBadNodePools_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("malformed") << QByteArray("[\n  {\"name\": \"a\",, }\n]") << QStringLiteral("pools.json:2:16: error: malformed JSON");
    QTest::newRow("not-a-list") << QByteArray("{\"name\": \"a\"}") << QStringLiteral("pools.json: error: expected a list of node pools");
    QTest::newRow("count-as-string") << QByteArray("[{\"name\": \"a\"}, {\"name\": \"b\", \"count\": \"3\"}]")
                                     << QStringLiteral("pools.json: error: node pool 2 is not valid");
    QTest::newRow("no-name") << QByteArray("[{\"count\": 3}]") << QStringLiteral("pools.json: error: node pool 1 is not valid");
}

// A bad --node-pools file is bad input (exit 2, file:line:col where known) and writes nothing.
void tst_Cli::importRefusesBadNodePools()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QFile pools(dir.filePath(QStringLiteral("pools.json")));
    QVERIFY(pools.open(QIODevice::WriteOnly));
    pools.write(json);
    pools.close();
    const QString project = dir.filePath(QStringLiteral("design.kstudio"));
    const Run result = run({QStringLiteral("import"), example(), QStringLiteral("--node-pools"), pools.fileName(), QStringLiteral("-o"), project});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY(!QFileInfo::exists(project));
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
