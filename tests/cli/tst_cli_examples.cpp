// SPDX-License-Identifier: GPL-3.0-or-later
// The starter designs in resources/examples, through the built binary as a student would run
// them: each opens with a "# Title:" line and a short lesson, validates without error-level
// findings, exports to manifests and imports back into a project that exports the same
// objects, and schedule and reach answer over it (no bad input). A few lesson claims are
// pinned too, so a lesson never tells a student something the studio does not show.
#include <support/test_support.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace kstudio;
using namespace Qt::StringLiterals;

class tst_CliExamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyStarterIsThere();
    void titleAndLesson_data();
    void titleAndLesson();
    void validatesWithoutErrors_data();
    void validatesWithoutErrors();
    void exportsAndImportsBack_data();
    void exportsAndImportsBack();
    void schedulesAndReaches_data();
    void schedulesAndReaches();
    void exportsChartAndKustomize_data();
    void exportsChartAndKustomize();
    void lessonClaims_data();
    void lessonClaims();
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
    process.start(test::kstudioBinary(), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString examplesDir()
{
    return QStringLiteral(KS_SOURCE_DIR "/resources/examples");
}

QString example(const QString &baseName)
{
    return examplesDir() + u'/' + baseName + u".yaml"_s;
}

// One row per resources/examples/*.yaml, named by the file's base name.
void addExampleRows()
{
    QTest::addColumn<QString>("path");
    const QFileInfoList files = QDir(examplesDir()).entryInfoList({u"*.yaml"_s}, QDir::Files, QDir::Name);
    for (const QFileInfo &file : files)
        QTest::newRow(qPrintable(file.completeBaseName())) << file.absoluteFilePath();
}

// helm and kubectl: on PATH, else in ${KSTUDIO_TOOLS_DIR:-$HOME/.cache/kstudio-tools/bin}.
QString tool(const QString &name)
{
    const QString onPath = QStandardPaths::findExecutable(name);
    if (!onPath.isEmpty())
        return onPath;
    QString dir = qEnvironmentVariable("KSTUDIO_TOOLS_DIR");
    if (dir.isEmpty())
        dir = QDir::homePath() + u"/.cache/kstudio-tools/bin"_s;
    return QStandardPaths::findExecutable(name, {dir});
}

Run runTool(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

bool declaresNodes(const QString &path)
{
    static const QRegularExpression node(u"^kind: Node\\s*$"_s, QRegularExpression::MultilineOption);
    return node.match(QString::fromUtf8(test::readAll(path))).hasMatch();
}

} // namespace

void tst_CliExamples::everyStarterIsThere()
{
    // The starters the studio offers under File > New (issues #7 and #9).
    for (const QString &name : {u"three-tier-web-app"_s, u"microservices-ingress"_s, u"statefulset-database"_s,
                                u"cronjob-batch"_s, u"rails-nginx"_s})
        QVERIFY2(QFileInfo::exists(example(name)), qPrintable(example(name)));
}

void tst_CliExamples::titleAndLesson_data()
{
    addExampleRows();
}

void tst_CliExamples::titleAndLesson()
{
    QFETCH(QString, path);
    const QStringList lines = QString::fromUtf8(test::readAll(path)).split(u'\n');
    QVERIFY(!lines.isEmpty());
    static const QRegularExpression title(u"^# Title: \\S.*$"_s);
    QVERIFY2(title.match(lines.front()).hasMatch(), qPrintable(lines.front()));
    // The lesson: the comment block right after the title, up to the first document line.
    int lessonLines = 0;
    for (qsizetype i = 1; i < lines.size() && lines[i].startsWith(u'#'); ++i)
        lessonLines += lines[i].trimmed().size() > 1 ? 1 : 0;
    QVERIFY2(lessonLines >= 5 && lessonLines <= 12, qPrintable(u"%1 lesson lines"_s.arg(lessonLines)));
}

void tst_CliExamples::validatesWithoutErrors_data()
{
    addExampleRows();
}

void tst_CliExamples::validatesWithoutErrors()
{
    QFETCH(QString, path);
    const Run result = run({u"validate"_s, path, u"--format"_s, u"json"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
    QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(result.out.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(json.object().value(u"findings"_s).isArray());
    for (const QJsonValue &finding : json.object().value(u"findings"_s).toArray()) {
        const QJsonObject f = finding.toObject();
        QVERIFY2(f.value(u"severity"_s).toString() != u"error"_s,
                 qPrintable(f.value(u"rule"_s).toString() + u": "_s + f.value(u"message"_s).toString()));
    }
}

void tst_CliExamples::exportsAndImportsBack_data()
{
    addExampleRows();
}

void tst_CliExamples::exportsAndImportsBack()
{
    QFETCH(QString, path);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString manifests = dir.filePath(u"manifests"_s);
    const Run exported = run({u"export"_s, path, u"--manifests"_s, manifests});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    const QStringList files = QDir(manifests).entryList({u"*.yaml"_s}, QDir::Files);
    QVERIFY(!files.isEmpty());

    const QString project = dir.filePath(u"x.kstudio"_s);
    const Run imported = run({u"import"_s, manifests, u"-o"_s, project});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    QVERIFY(QFileInfo(project).size() > 0);

    // The project holds the same objects as the starter itself.
    const Run direct = run({u"export"_s, path, u"--manifests"_s, u"-"_s, u"--single-file"_s});
    const Run again = run({u"export"_s, project, u"--manifests"_s, u"-"_s, u"--single-file"_s});
    QCOMPARE(direct.exitCode, 0);
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.out, direct.out);
}

void tst_CliExamples::schedulesAndReaches_data()
{
    addExampleRows();
}

void tst_CliExamples::schedulesAndReaches()
{
    QFETCH(QString, path);
    const Run scheduled = run({u"schedule"_s, path, u"--format"_s, u"json"_s});
    QVERIFY2(scheduled.exitCode == 0 || scheduled.exitCode == 1, qPrintable(scheduled.err));
    const QJsonArray placements = QJsonDocument::fromJson(scheduled.out.toUtf8()).object().value(u"placements"_s).toArray();
    QVERIFY(!placements.isEmpty());
    // A starter that brings its own Nodes fits on them: every pod is placed.
    if (declaresNodes(path)) {
        QCOMPARE(scheduled.exitCode, 0);
        for (const QJsonValue &placement : placements)
            QVERIFY2(placement.toObject().value(u"node"_s).isString(),
                     qPrintable(placement.toObject().value(u"pod"_s).toString()));
    }

    const Run reached = run({u"reach"_s, path, u"--format"_s, u"json"_s});
    QVERIFY2(reached.exitCode == 0 || reached.exitCode == 1, qPrintable(reached.err));
    QVERIFY(QJsonDocument::fromJson(reached.out.toUtf8()).object().value(u"connections"_s).isArray());
}

void tst_CliExamples::exportsChartAndKustomize_data()
{
    addExampleRows();
}

// The starters leave the studio as a Helm chart that `helm lint --strict` accepts and as a
// kustomize tree whose every overlay `kubectl kustomize` builds.
void tst_CliExamples::exportsChartAndKustomize()
{
    QFETCH(QString, path);
    const QString helm = tool(u"helm"_s);
    const QString kubectl = tool(u"kubectl"_s);
    if (helm.isEmpty() || kubectl.isEmpty())
        QSKIP("skipped: helm or kubectl not installed (scripts/setup.sh installs them into ~/.cache/kstudio-tools/bin)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString chart = dir.filePath(u"chart"_s);
    const Run exported = run({u"export"_s, path, u"--helm"_s, chart});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    const Run lint = runTool(helm, {u"lint"_s, u"--strict"_s, chart});
    QVERIFY2(lint.exitCode == 0, qPrintable(lint.out + lint.err));

    const QString kustomize = dir.filePath(u"kustomize"_s);
    const Run written = run({u"export"_s, path, u"--kustomize"_s, kustomize});
    QVERIFY2(written.exitCode == 0, qPrintable(written.err));
    for (const QString &overlay : {u"dev"_s, u"staging"_s, u"production"_s}) {
        const Run built = runTool(kubectl, {u"kustomize"_s, kustomize + u"/overlays/"_s + overlay});
        QVERIFY2(built.exitCode == 0, qPrintable(overlay + u": "_s + built.err));
        QVERIFY(built.out.contains(u"kind: Deployment"_s) || built.out.contains(u"kind: CronJob"_s)
                || built.out.contains(u"kind: StatefulSet"_s));
    }
}

void tst_CliExamples::lessonClaims_data()
{
    // A claim runs a command over a starter, or over a copy with the change the lesson asks
    // the student to try: patchFrom (found exactly once) is replaced by patchTo, or when
    // patchTo is "-", the whole document that holds patchFrom is deleted.
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("patchFrom");
    QTest::addColumn<QString>("patchTo");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stdoutContains");
    const auto reach = [](const char *from, const char *to) {
        return QStringList{u"reach"_s, u"--from"_s, QString::fromLatin1(from), u"--to"_s, QString::fromLatin1(to)};
    };
    const QStringList schedule{u"schedule"_s};
    const QStringList errors{u"validate"_s, u"--min-severity"_s, u"error"_s};

    // three-tier-web-app: only api may reach postgres; without Nodes every pod waits.
    QTest::newRow("three-tier/api-to-postgres") << u"three-tier-web-app"_s << QString() << QString()
                                                << reach("shop/api-0", "shop/postgres-0") << 0 << u"allowed"_s;
    QTest::newRow("three-tier/frontend-to-postgres")
        << u"three-tier-web-app"_s << QString() << QString() << reach("shop/frontend-0", "shop/postgres-0") << 1
        << u"denied"_s;
    QTest::newRow("three-tier/no-nodes") << u"three-tier-web-app"_s << QString() << QString() << schedule << 1
                                         << u"no nodes available to schedule pods"_s;
    // ... and default-deny also keeps the ingress controller (outside the design) away.
    QTest::newRow("three-tier/lint-finds-the-gap")
        << u"three-tier-web-app"_s << QString() << QString() << QStringList{u"reach"_s, u"--lint"_s} << 1
        << u"warning service-unreachable-from-clients Service shop/frontend"_s;

    // microservices-ingress: only cart may reach redis; checkout calls cart; removing the
    // cart-to-redis allowance cuts the cart off its cache.
    QTest::newRow("microservices/cart-to-redis")
        << u"microservices-ingress"_s << QString() << QString() << reach("storefront/cart-0", "storefront/redis-0")
        << 0 << u"allowed"_s;
    QTest::newRow("microservices/web-to-redis")
        << u"microservices-ingress"_s << QString() << QString() << reach("storefront/web-0", "storefront/redis-0")
        << 1 << u"denied"_s;
    QTest::newRow("microservices/checkout-to-cart")
        << u"microservices-ingress"_s << QString() << QString() << reach("storefront/checkout-0", "storefront/cart-0")
        << 0 << u"allowed"_s;
    QTest::newRow("microservices/without-cart-to-redis")
        << u"microservices-ingress"_s << u"  name: cart-to-redis\n"_s << u"-"_s
        << reach("storefront/cart-0", "storefront/redis-0") << 1 << u"denied"_s;
    QTest::newRow("microservices/lint-clean") << u"microservices-ingress"_s << QString() << QString()
                                              << QStringList{u"reach"_s, u"--lint"_s} << 0 << u"0 findings"_s;
    QTest::newRow("microservices/without-allow-dns")
        << u"microservices-ingress"_s << u"  name: allow-dns\n"_s << u"-"_s << QStringList{u"reach"_s, u"--lint"_s} << 1
        << u"warning network-policy-blocks-dns"_s;
    QTest::newRow("microservices/root-refused")
        << u"microservices-ingress"_s
        << u"        runAsNonRoot: true\n        seccompProfile: {type: RuntimeDefault}\n      containers:\n      - name: web\n"_s
        << u"        seccompProfile: {type: RuntimeDefault}\n      containers:\n      - name: web\n"_s << errors << 1
        << u"[pod-security-restricted]"_s;
    QTest::newRow("microservices/drain")
        << u"microservices-ingress"_s << QString() << QString()
        << QStringList{u"schedule"_s, u"--drain"_s, u"storefront-worker-a"_s, u"--format"_s, u"summary"_s} << 0
        << u"10 placed, 0 Pending"_s;

    // statefulset-database: one member per zone; cordoning db-worker-c leaves postgres-2
    // Pending, because the DoNotSchedule zone spread still counts zone-c (PodTopologySpread:
    // nodeTaintsPolicy defaults to Ignore).
    QTest::newRow("statefulset/one-member-per-zone")
        << u"statefulset-database"_s << QString() << QString() << schedule << 0
        << u"orders-db/postgres-0 -> db-worker-a\norders-db/postgres-1 -> db-worker-b\n"
           u"orders-db/postgres-2 -> db-worker-c\n"_s;
    QTest::newRow("statefulset/cordon-keeps-the-spread")
        << u"statefulset-database"_s << u"topology.kubernetes.io/zone: zone-c\nspec: {}"_s
        << u"topology.kubernetes.io/zone: zone-c\nspec: {unschedulable: true}"_s << schedule << 1
        << u"orders-db/postgres-2 Pending: 0/3 nodes are available: 1 node(s) were unschedulable, "
           u"2 node(s) didn't match pod topology spread constraints."_s;
    QTest::newRow("statefulset/drain-keeps-the-spread")
        << u"statefulset-database"_s << QString() << QString()
        << QStringList{u"schedule"_s, u"--drain"_s, u"db-worker-c"_s} << 1
        << u"What if node db-worker-c is drained:\n  moved orders-db/postgres-2: db-worker-c -> Pending\n"_s;
    QTest::newRow("statefulset/zone-failure-moves")
        << u"statefulset-database"_s << QString() << QString()
        << QStringList{u"schedule"_s, u"--fail-zone"_s, u"zone-c"_s} << 0
        << u"moved orders-db/postgres-2: db-worker-c -> db-worker-"_s;

    // cronjob-batch: a renamed ServiceAccount or PriorityClass, a limit above the LimitRange's
    // max, requests above the ResourceQuota: each is an error finding.
    QTest::newRow("cronjob/service-account-renamed")
        << u"cronjob-batch"_s << u"kind: ServiceAccount\nmetadata:\n  name: report-runner\n"_s
        << u"kind: ServiceAccount\nmetadata:\n  name: report-runner-renamed\n"_s << errors << 1
        << u"[service-account-missing]"_s;
    QTest::newRow("cronjob/priority-class-renamed")
        << u"cronjob-batch"_s << u"  name: batch-low\n"_s << u"  name: batch-lowest\n"_s << errors << 1
        << u"[priority-class-missing]"_s;
    QTest::newRow("cronjob/above-limit-range-max")
        << u"cronjob-batch"_s << u"limits: {cpu: \"1\", memory: 1Gi}"_s << u"limits: {cpu: \"1\", memory: 4Gi}"_s
        << errors << 1 << u"[limit-range-violation]"_s;
    QTest::newRow("cronjob/above-quota")
        << u"cronjob-batch"_s << u"requests.cpu: \"2\""_s << u"requests.cpu: 500m"_s << errors << 1
        << u"[resource-quota-exceeded]"_s;

    // rails-nginx: without the ConfigMap rails-env both the app and the migration fail; a
    // wrong Service selector leaves the Service without endpoints; no NetworkPolicy, no denial.
    QTest::newRow("rails/without-rails-env")
        << u"rails-nginx"_s << u"kind: ConfigMap\nmetadata:\n  name: rails-env\n"_s << u"-"_s << errors << 1
        << u"[configmap-reference-missing]"_s;
    QTest::newRow("rails/selector-typo")
        << u"rails-nginx"_s << u"  selector:\n    app.kubernetes.io/name: rails\n  ports:"_s
        << u"  selector:\n    app.kubernetes.io/name: rail\n  ports:"_s << errors << 1
        << u"[service-selector-matches-nothing]"_s;
    QTest::newRow("rails/nothing-denied") << u"rails-nginx"_s << QString() << QString()
                                          << QStringList{u"reach"_s, u"--format"_s, u"summary"_s} << 0
                                          << u"0 denied"_s;
    QTest::newRow("rails/hpa-max") << u"rails-nginx"_s << QString() << QString()
                                   << QStringList{u"schedule"_s, u"--hpa"_s, u"max"_s} << 0 << u"blog/rails-7 -> "_s;
}

void tst_CliExamples::lessonClaims()
{
    QFETCH(QString, file);
    QFETCH(QString, patchFrom);
    QFETCH(QString, patchTo);
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, stdoutContains);
    QString path = example(file);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (!patchFrom.isEmpty()) {
        QString text = QString::fromUtf8(test::readAll(path));
        QCOMPARE(text.count(patchFrom), qsizetype(1));
        if (patchTo == u"-"_s) {
            QStringList documents = text.split(u"\n---\n"_s);
            const auto holds = [&patchFrom](const QString &document) { return document.contains(patchFrom); };
            QCOMPARE(documents.removeIf(holds), qsizetype(1));
            text = documents.join(u"\n---\n"_s);
        } else {
            text.replace(patchFrom, patchTo);
        }
        path = dir.filePath(file + u".yaml"_s);
        QFile patched(path);
        QVERIFY(patched.open(QIODevice::WriteOnly));
        patched.write(text.toUtf8());
    }
    arguments.insert(1, path);
    const Run result = run(arguments);
    QVERIFY2(result.exitCode == exitCode, qPrintable(result.out + result.err));
    QVERIFY2(result.out.contains(stdoutContains), qPrintable(result.out));
    if (!patchFrom.isEmpty() && arguments.front() == u"validate"_s) {
        // Only the claimed rule fires: the patch did not break anything else.
        const QStringList lines = result.out.split(u'\n', Qt::SkipEmptyParts);
        for (const QString &line : lines)
            QVERIFY2(line.endsWith(stdoutContains), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(tst_CliExamples)
#include "tst_cli_examples.moc"
