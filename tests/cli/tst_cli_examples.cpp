// SPDX-License-Identifier: GPL-3.0-or-later
// The starter projects in resources/examples (*.kstudio, built by scripts/make_starters.py from
// resources/examples/src), through the built binary as a student would run them: each keeps a
// short lesson in its notes and a cluster in its node pools (no Node objects), validates without
// error-level findings (warnings only where the lesson is about them), schedules every pod,
// exports to manifests and imports back into a project that exports the same objects, and reach
// answers over it. A few lesson claims are pinned too, so a lesson never tells a student
// something the studio does not show.
#include <support/test_support.h>

#include <model/io/project_file.h>

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
    return examplesDir() + u'/' + baseName + u".kstudio"_s;
}

QString source(const QString &baseName, const QString &suffix)
{
    return examplesDir() + u"/src/"_s + baseName + suffix;
}

// One row per resources/examples/*.kstudio, named by the file's base name.
void addExampleRows()
{
    QTest::addColumn<QString>("path");
    const QFileInfoList files = QDir(examplesDir()).entryInfoList({u"*.kstudio"_s}, QDir::Files, QDir::Name);
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

} // namespace

void tst_CliExamples::everyStarterIsThere()
{
    // The starters the studio offers under File > New from Template (issues #7 and #9), each
    // with its three sources.
    for (const QString &name : {u"three-tier-web-app"_s, u"microservices-ingress"_s, u"statefulset-database"_s,
                                u"cronjob-batch"_s, u"rails-nginx"_s, u"network-policy-lesson"_s}) {
        QVERIFY2(QFileInfo::exists(example(name)), qPrintable(example(name)));
        for (const QString &suffix : {u".yaml"_s, u".notes.txt"_s, u".pools.json"_s})
            QVERIFY2(QFileInfo::exists(source(name, suffix)), qPrintable(source(name, suffix)));
    }
}

void tst_CliExamples::titleAndLesson_data()
{
    addExampleRows();
}

// The project keeps its lesson as its notes (a title line, a blank line, then a short text) and
// its cluster as node pools; the sources say the same (starters_up_to_date checks every byte).
void tst_CliExamples::titleAndLesson()
{
    QFETCH(QString, path);
    const model::ProjectReadResult project = model::readProject(path);
    QVERIFY2(project.ok, qPrintable(path));
    const QString name = QFileInfo(path).completeBaseName();
    QCOMPARE(project.notes, QString::fromUtf8(test::readAll(source(name, u".notes.txt"_s))).trimmed());
    const QStringList lines = project.notes.split(u'\n');
    QVERIFY(lines.size() >= 3);
    static const QRegularExpression title(u"^\\S.{10,90}$"_s);
    QVERIFY2(title.match(lines.front()).hasMatch(), qPrintable(lines.front()));
    QVERIFY(!lines.front().startsWith(u"Title:"_s));
    QCOMPARE(lines.at(1), QString());
    // Short: a few paragraphs (the network-policy lesson, a step list, is the longest).
    const qsizetype lesson = project.notes.size() - lines.front().size();
    QVERIFY2(lesson >= 400 && lesson <= 2000, qPrintable(u"%1 characters"_s.arg(lesson)));
    QVERIFY(!project.nodePools.isEmpty());
    for (const model::NodePool &pool : project.nodePools)
        QVERIFY2(pool.count > 0 && pool.zones.size() == 3, qPrintable(pool.name));
    for (const model::Object &object : project.objects)
        QVERIFY2(object.kind() != u"Node"_s, qPrintable(object.name()));
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
    // Warnings only where the lesson is about them.
    static const QMap<QString, QStringList> lessonWarnings{
        // "a PDB with maxUnavailable: 0 protects the database (and so blocks every voluntary
        // eviction of it)"
        {u"three-tier-web-app"_s, {u"pdb-blocks-eviction"_s}},
    };
    const QStringList allowed = lessonWarnings.value(QFileInfo(path).completeBaseName());
    for (const QJsonValue &finding : json.object().value(u"findings"_s).toArray()) {
        const QJsonObject f = finding.toObject();
        const QString what = f.value(u"rule"_s).toString() + u": "_s + f.value(u"message"_s).toString();
        QVERIFY2(f.value(u"severity"_s).toString() != u"error"_s, qPrintable(what));
        if (f.value(u"severity"_s).toString() == u"warning"_s)
            QVERIFY2(allowed.contains(f.value(u"rule"_s).toString()), qPrintable(what));
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
    // Every starter fits on its node pools: every pod is placed, none Pending.
    QVERIFY2(scheduled.exitCode == 0, qPrintable(scheduled.out + scheduled.err));
    const QJsonArray placements = QJsonDocument::fromJson(scheduled.out.toUtf8()).object().value(u"placements"_s).toArray();
    QVERIFY(!placements.isEmpty());
    for (const QJsonValue &placement : placements)
        QVERIFY2(placement.toObject().value(u"node"_s).isString(),
                 qPrintable(placement.toObject().value(u"pod"_s).toString()));

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
    // A claim runs a command over a starter project, or over a copy with the change the lesson
    // asks the student to try, made in the project's source (resources/examples/src/NAME.yaml)
    // and built with the same node pools and notes: patchFrom (found exactly once) is replaced
    // by patchTo, or when patchTo is "-", the documents that hold patchFrom's '|'-separated
    // strings (one document each) are deleted.
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
    const QStringList lint{u"reach"_s, u"--lint"_s};

    // three-tier-web-app: only api may reach postgres; the pool places the api at its HPA max.
    QTest::newRow("three-tier/api-to-postgres") << u"three-tier-web-app"_s << QString() << QString()
                                                << reach("shop/api-0", "shop/postgres-0") << 0 << u"allowed"_s;
    QTest::newRow("three-tier/frontend-to-postgres")
        << u"three-tier-web-app"_s << QString() << QString() << reach("shop/frontend-0", "shop/postgres-0") << 1
        << u"denied"_s;
    QTest::newRow("three-tier/hpa-max-on-the-pool")
        << u"three-tier-web-app"_s << QString() << QString()
        << QStringList{u"schedule"_s, u"--hpa"_s, u"max"_s, u"--format"_s, u"summary"_s} << 0
        << u"14 pods on 3 nodes: 14 placed, 0 Pending"_s;
    // ... and default-deny also keeps the ingress controller (outside the design) away.
    QTest::newRow("three-tier/lint-finds-the-gap")
        << u"three-tier-web-app"_s << QString() << QString() << lint << 1
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
    QTest::newRow("microservices/lint-clean") << u"microservices-ingress"_s << QString() << QString() << lint << 0
                                              << u"0 findings"_s;
    QTest::newRow("microservices/without-allow-dns")
        << u"microservices-ingress"_s << u"  name: allow-dns\n"_s << u"-"_s << lint << 1
        << u"warning network-policy-blocks-dns"_s;
    QTest::newRow("microservices/root-refused")
        << u"microservices-ingress"_s
        << u"        runAsNonRoot: true\n        seccompProfile: {type: RuntimeDefault}\n      containers:\n      - name: web\n"_s
        << u"        seccompProfile: {type: RuntimeDefault}\n      containers:\n      - name: web\n"_s << errors << 1
        << u"[pod-security-restricted]"_s;
    QTest::newRow("microservices/drain")
        << u"microservices-ingress"_s << QString() << QString()
        << QStringList{u"schedule"_s, u"--drain"_s, u"storefront-worker-zone-a-0"_s, u"--format"_s, u"summary"_s} << 0
        << u"10 placed, 0 Pending"_s;

    // statefulset-database: one member per zone; draining db-worker-zone-c-0 leaves postgres-2
    // Pending, because the DoNotSchedule zone spread still counts zone-c (PodTopologySpread:
    // nodeTaintsPolicy defaults to Ignore); losing the zone moves it.
    QTest::newRow("statefulset/one-member-per-zone")
        << u"statefulset-database"_s << QString() << QString() << schedule << 0
        << u"orders-db/postgres-0 -> db-worker-zone-a-0\norders-db/postgres-1 -> db-worker-zone-b-0\n"
           u"orders-db/postgres-2 -> db-worker-zone-c-0\n"_s;
    QTest::newRow("statefulset/drain-keeps-the-spread")
        << u"statefulset-database"_s << QString() << QString()
        << QStringList{u"schedule"_s, u"--drain"_s, u"db-worker-zone-c-0"_s} << 1
        << u"What if node db-worker-zone-c-0 is drained:\n  moved orders-db/postgres-2: db-worker-zone-c-0 -> Pending\n"_s;
    QTest::newRow("statefulset/drain-is-unschedulable")
        << u"statefulset-database"_s << QString() << QString()
        << QStringList{u"schedule"_s, u"--drain"_s, u"db-worker-zone-c-0"_s} << 1
        << u"orders-db/postgres-2 Pending: 0/3 nodes are available: 1 node(s) were unschedulable, "
           u"2 node(s) didn't match pod topology spread constraints."_s;
    QTest::newRow("statefulset/cordon-keeps-the-spread")
        << u"statefulset-database"_s << QString() << QString()
        << QStringList{u"schedule"_s, u"--cordon"_s, u"db-worker-zone-c-0"_s} << 1
        << u"orders-db/postgres-2 Pending: 0/3 nodes are available: 1 node(s) were unschedulable, "
           u"2 node(s) didn't match pod topology spread constraints."_s;
    QTest::newRow("statefulset/zone-failure-moves")
        << u"statefulset-database"_s << QString() << QString()
        << QStringList{u"schedule"_s, u"--fail-zone"_s, u"zone-c"_s} << 0
        << u"moved orders-db/postgres-2: db-worker-zone-c-0 -> db-worker-"_s;

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

    // network-policy-lesson, step by step: each step is the project without the later policies.
    const QString np = u"network-policy-lesson"_s;
    const QString after1 = u"  name: step2-allow-dns\n|"_s;
    const QString after2 = u"  name: step3-web-from-ingress\n|"_s;
    const QString after3 = u"  name: step4a-web-to-api\n|  name: step4b-api-from-web\n|"_s;
    const QString after4 = u"  name: step5a-api-to-ledger\n|  name: step5b-ledger-from-api\n"_s;
    QTest::newRow("netpol/1-nothing-in-or-out") << np << after1 + after2 + after3 + after4 << u"-"_s
                                                << reach("payments/web", "payments/api") << 1
                                                << u"4 connections: 0 allowed, 4 denied"_s;
    QTest::newRow("netpol/1-no-dns") << np << after1 + after2 + after3 + after4 << u"-"_s << lint << 1
                                     << u"warning network-policy-blocks-dns NetworkPolicy payments/step1-default-deny"_s;
    QTest::newRow("netpol/2-dns-but-no-ingress") << np << after2 + after3 + after4 << u"-"_s << lint << 1
                                                 << u"1 finding\n"_s;
    QTest::newRow("netpol/2-still-denied") << np << after2 + after3 + after4 << u"-"_s
                                           << reach("payments/web", "payments/api") << 1 << u"0 allowed, 4 denied"_s;
    QTest::newRow("netpol/3-exposed") << np << after3 + after4 << u"-"_s << QStringList{u"reach"_s, u"--exposure"_s}
                                      << 0 << u"allowed ingress-nginx/ingress-controller -> payments/web-0 8080/TCP"_s;
    QTest::newRow("netpol/3-lint-clean") << np << after3 + after4 << u"-"_s << lint << 0 << u"0 findings"_s;
    QTest::newRow("netpol/4-without-egress-half") << np << u"  name: step4a-web-to-api\n"_s << u"-"_s
                                                  << reach("payments/web", "payments/api") << 1
                                                  << u"egress from payments/web-0: denied"_s;
    QTest::newRow("netpol/4-without-ingress-half") << np << u"  name: step4b-api-from-web\n"_s << u"-"_s
                                                   << reach("payments/web", "payments/api") << 1
                                                   << u"ingress to payments/api-0: denied"_s;
    QTest::newRow("netpol/4-web-to-api") << np << QString() << QString() << reach("payments/web", "payments/api")
                                         << 0 << u"4 connections: 4 allowed, 0 denied"_s;
    QTest::newRow("netpol/5-api-to-ledger") << np << QString() << QString()
                                            << reach("payments/api", "payments/ledger") << 0 << u"0 denied"_s;
    QTest::newRow("netpol/web-to-ledger-stays-denied")
        << np << QString() << QString() << reach("payments/web", "payments/ledger") << 1 << u"0 allowed"_s;
    QTest::newRow("netpol/matrix") << np << QString() << QString() << QStringList{u"reach"_s, u"-o"_s, u"matrix"_s}
                                   << 0
                                   << u"payments/api -> payments/ledger: TCP 5432\npayments/api -> payments/web: none\n"_s;
    QTest::newRow("netpol/final-lint-clean") << np << QString() << QString() << lint << 0 << u"0 findings"_s;
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
        QString text = QString::fromUtf8(test::readAll(source(file, u".yaml"_s)));
        if (patchTo == u"-"_s) {
            QStringList documents = text.split(u"\n---\n"_s);
            for (const QString &needle : patchFrom.split(u'|')) {
                QCOMPARE(text.count(needle), qsizetype(1));
                const auto holds = [&needle](const QString &document) { return document.contains(needle); };
                QCOMPARE(documents.removeIf(holds), qsizetype(1));
            }
            text = documents.join(u"\n---\n"_s);
        } else {
            QCOMPARE(text.count(patchFrom), qsizetype(1));
            text.replace(patchFrom, patchTo);
        }
        const QString patched = dir.filePath(file + u".yaml"_s);
        QFile out(patched);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text.toUtf8());
        out.close();
        // The project as scripts/make_starters.py builds it, from the patched source.
        path = dir.filePath(file + u".kstudio"_s);
        const Run built = run({u"import"_s, patched, u"--notes"_s, source(file, u".notes.txt"_s), u"--node-pools"_s,
                               source(file, u".pools.json"_s), u"-o"_s, path});
        QVERIFY2(built.exitCode == 0, qPrintable(built.err));
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
