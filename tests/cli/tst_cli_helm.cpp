// SPDX-License-Identifier: GPL-3.0-or-later
// Helm chart export proven with the real helm (../shared/tools/get-helm.sh, installed by
// scripts/setup.sh): for every app of ../shared/corpus and every bundled example, the exported
// chart passes `helm lint --strict`, `helm template` renders the design's objects after the
// naming substitution (model/io/export_helm.h), `--set` of a replica count and an image tag
// changes exactly those fields, and `helm package` succeeds.
#include <model/core/document.h>
#include <model/io/export_helm.h>
#include <model/io/export_kustomize.h>
#include <model/io/manifest_reader.h>
#include <model/io/yaml_writer.h>
#include <model/kinds/views.h>

#include <support/test_support.h>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace kstudio;
using namespace kstudio::model;

class tst_CliHelm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void chartRendersTheDesign_data();
    void chartRendersTheDesign();
    void cliWritesAChart();
    void kustomizeBuildsTheDesign_data();
    void kustomizeBuildsTheDesign();
    void importChart_data();
    void importChart();
    void importChartErrors_data();
    void importChartErrors();

private:
    QString m_helm;
    QString m_kubectl;
};

namespace {

// helm/kubectl: on PATH, else in ${KSTUDIO_TOOLS_DIR:-$HOME/.cache/kstudio-tools/bin}.
QString findTool(const QString &name)
{
    const QString onPath = QStandardPaths::findExecutable(name);
    if (!onPath.isEmpty())
        return onPath;
    QString dir = qEnvironmentVariable("KSTUDIO_TOOLS_DIR");
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.cache/kstudio-tools/bin");
    return QStandardPaths::findExecutable(name, {dir});
}

struct Run
{
    QStringList arguments;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs the commands, at most `parallel` at a time.
void runAll(const QString &program, std::vector<Run> &runs, int parallel = 4)
{
    std::vector<std::unique_ptr<QProcess>> processes(runs.size());
    std::size_t next = 0;
    std::size_t done = 0;
    std::vector<std::size_t> running;
    while (done < runs.size()) {
        while (next < runs.size() && running.size() < static_cast<std::size_t>(parallel)) {
            processes[next] = std::make_unique<QProcess>();
            processes[next]->start(program, runs[next].arguments);
            running.push_back(next++);
        }
        const std::size_t index = running.front();
        running.erase(running.begin());
        QProcess &process = *processes[index];
        process.waitForFinished(120000);
        runs[index].exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        runs[index].out = process.readAllStandardOutput();
        runs[index].err = process.readAllStandardError();
        ++done;
    }
}

// A canonical text of a node's meaning: mappings with sorted keys, scalars by resolved kind.
void canonical(const Node &node, std::string &out)
{
    switch (node.type()) {
    case NodeType::Null:
        out += "~";
        return;
    case NodeType::Scalar:
        switch (node.scalarKind()) {
        case ScalarKind::Null: out += "~"; return;
        case ScalarKind::Bool: out += *node.toBool() ? "true" : "false"; return;
        // Numbers compare by value: Kubernetes decodes YAML through JSON, where 1e3 and 1000 are
        // one number (helm's toYaml writes values read as floats that way).
        case ScalarKind::Int: out += "n" + std::to_string(*node.toInt()); return;
        case ScalarKind::Float: {
            const double value = *node.toDouble();
            if (value == std::floor(value) && std::abs(value) < 9e15)
                out += "n" + std::to_string(static_cast<long long>(value));
            else
                out += "n" + QString::number(value, 'g', 17).toStdString();
            return;
        }
        case ScalarKind::String: out += "s" + QString::fromStdString(node.text()).toUtf8().toPercentEncoding().toStdString(); return;
        }
        return;
    case NodeType::Sequence:
        out += "[";
        for (const Node &child : node.children()) {
            canonical(child, out);
            out += ",";
        }
        out += "]";
        return;
    case NodeType::Mapping: {
        std::vector<const Node *> children;
        for (const Node &child : node.children())
            children.push_back(&child);
        std::stable_sort(children.begin(), children.end(), [](const Node *a, const Node *b) { return a->key() < b->key(); });
        out += "{";
        for (const Node *child : children) {
            out += child->key() + ":";
            canonical(*child, out);
            out += ",";
        }
        out += "}";
        return;
    }
    }
}

struct Keyed
{
    QString id;       // "Kind ns/name"
    std::string text; // canonical
    bool operator<(const Keyed &other) const { return std::tie(id, text) < std::tie(other.id, other.text); }
};

Keyed keyed(const Object &object)
{
    Keyed k{object.kind() + QLatin1Char(' ') + object.qualifiedName(), {}};
    canonical(object.body, k.text);
    return k;
}

// The documented naming substitution (model/io/export_helm.h), applied to the design.
std::vector<Object> expectedRender(const Snapshot &snapshot, const QString &chart, const QString &release)
{
    QSet<QString> governed;
    for (const auto &object : snapshot.objects()) {
        if (object->kind() == QLatin1String("HorizontalPodAutoscaler"))
            if (const auto target = scaleTarget(*object))
                governed.insert(target->kind + QLatin1Char('|') + object->effectiveNamespace() + QLatin1Char('|') + target->name);
    }
    static const QSet<QString> scaled{QStringLiteral("Deployment"), QStringLiteral("StatefulSet"),
                                      QStringLiteral("ReplicaSet"), QStringLiteral("ReplicationController")};
    std::vector<Object> out;
    for (const auto &pointer : snapshot.objects()) {
        Object object = *pointer;
        const QString kind = object.kind();
        if (kind == QLatin1String("Secret"))
            continue;
        if (scaled.contains(kind) && governed.contains(kind + QLatin1Char('|') + object.effectiveNamespace() + QLatin1Char('|') + object.name()))
            if (Node *spec = object.body.get("spec"))
                spec->remove("replicas");
        if (kind != QLatin1String("CustomResourceDefinition")) {
            Node *meta = object.body.get("metadata");
            if (meta && meta->isMapping()) {
                Node *labels = meta->get("labels");
                if (!labels || labels->isNull())
                    labels = &meta->set("labels", Node::mapping());
                if (labels->isMapping()) {
                    const std::pair<const char *, QString> added[] = {
                        {"helm.sh/chart", chart + QStringLiteral("-0.1.0")},
                        {"app.kubernetes.io/managed-by", QStringLiteral("Helm")},
                        {"app.kubernetes.io/instance", release}};
                    for (const auto &[key, value] : added)
                        if (!labels->get(key))
                            labels->set(key, Node::string(value.toStdString()));
                }
            }
        }
        out.push_back(std::move(object));
    }
    return out;
}

std::vector<Keyed> keyedAll(const std::vector<Object> &objects)
{
    std::vector<Keyed> out;
    for (const Object &object : objects)
        out.push_back(keyed(object));
    std::sort(out.begin(), out.end());
    return out;
}

// Compares rendered with expected as multisets; the message names the first object that differs.
bool sameObjects(const QByteArray &rendered, const std::vector<Object> &expected, QString *message)
{
    LoadResult result;
    readManifests(std::string_view(rendered.constData(), static_cast<std::size_t>(rendered.size())),
                  QStringLiteral("helm template"), result);
    if (hasErrors(result.diagnostics)) {
        *message = QStringLiteral("the render does not read: ") + result.diagnostics.front().toString();
        return false;
    }
    const std::vector<Keyed> got = keyedAll(result.objects);
    const std::vector<Keyed> want = keyedAll(expected);
    for (std::size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
        if (i < got.size() && i < want.size() && got[i].id == want[i].id && got[i].text == want[i].text)
            continue;
        const std::string &a = i < got.size() ? got[i].text : std::string();
        const std::string &b = i < want.size() ? want[i].text : std::string();
        std::size_t at = 0;
        while (at < a.size() && at < b.size() && a[at] == b[at])
            ++at;
        const std::size_t from = at > 200 ? at - 200 : 0;
        *message = QStringLiteral("rendered %1 objects, expected %2; first difference: ").arg(got.size()).arg(want.size())
                   + QStringLiteral("got ") + (i < got.size() ? got[i].id : QStringLiteral("-")) + QStringLiteral(", want ")
                   + (i < want.size() ? want[i].id : QStringLiteral("-")) + QStringLiteral(", at\n got: ...")
                   + QString::fromStdString(a.substr(std::min(from, a.size()), 400)) + QStringLiteral("\nwant: ...")
                   + QString::fromStdString(b.substr(std::min(from, b.size()), 400));
        return false;
    }
    return true;
}

Node *mainContainer(Object &object, const QString &name)
{
    Node *tpl = nullptr;
    if (object.kind() == QLatin1String("Pod"))
        tpl = &object.body;
    else if (object.kind() == QLatin1String("CronJob"))
        tpl = object.body.at(FieldPath::parse("spec.jobTemplate.spec.template"));
    else
        tpl = object.body.at(FieldPath::parse("spec.template"));
    Node *containers = tpl ? tpl->at(FieldPath::parse("spec.containers")) : nullptr;
    if (!containers || !containers->isSequence())
        return nullptr;
    for (Node &container : containers->children())
        if (container.get("name") && container.get("name")->qtext() == name)
            return &container;
    return nullptr;
}

// Designs `helm lint --strict` refuses for what they are, not for how they are exported: each
// finding lint reports on them must match one of these, with the reason (../shared/corpus/SOURCES.md).
struct LintException
{
    const char *pattern;
    const char *reason;
};

const std::map<QString, std::vector<LintException>> &lintExceptions()
{
    static const std::map<QString, std::vector<LintException>> table{
        {QStringLiteral("_tricky"),
         {{"object name does not conform", "objects with generateName and no name (list-kind, crd-instances): Helm needs a name to own an object"},
          {"is deprecated", "v1 Endpoints (deprecated in 1.33) and removed APIs kept on purpose (removed-apis)"}}},
        {QStringLiteral("gke-samples"),
         {{"is deprecated", "samples still written for extensions/v1beta1 and apps/v1beta1"},
          {"a Deployment must contain matchLabels or matchExpressions", "those old-API Deployments have no selector (v1beta1 defaulted it)"},
          {"object name does not conform", "names that are envsubst placeholders (${MODEL_NAME:-...}, PV_NAME) or empty (generateName)"}}},
        {QStringLiteral("kubernetes-website-examples"),
         {{"is deprecated", "application/job/old-api-versions keeps a batch/v1beta1 CronJob (removed in 1.25)"}}},
    };
    return table;
}

} // namespace

void tst_CliHelm::initTestCase()
{
    m_kubectl = findTool(QStringLiteral("kubectl"));
    m_helm = findTool(QStringLiteral("helm"));
    if (m_helm.isEmpty()) {
        if (!qEnvironmentVariableIsEmpty("CI"))
            QFAIL("helm not installed (CI is set): run scripts/setup.sh");
        QSKIP("skipped: helm not installed (scripts/setup.sh installs it into ~/.cache/kstudio-tools/bin)");
    }
}

void tst_CliHelm::kustomizeBuildsTheDesign_data()
{
    chartRendersTheDesign_data();
}

// Designs kustomize refuses whole, and why: the test checks that it does, with that message.
const std::map<QString, std::pair<const char *, const char *>> &kustomizeExceptions()
{
    static const std::map<QString, std::pair<const char *, const char *>> table{
        {QStringLiteral("_tricky"), {"missing metadata.name", "objects with generateName and no name (list-kind, crd-instances): kustomize needs a name"}},
        {QStringLiteral("gke-samples"), {"missing metadata.name", "Jobs and Workflows with generateName and no name: kustomize needs a name"}},
    };
    return table;
}

bool isNullValue(const Node &node)
{
    return node.isNull() || (node.isScalar() && node.scalarKind() == ScalarKind::Null);
}

// kustomize's strategic merge (kyaml merge2) leaves out the null-valued fields of the mappings the
// patch walks (spec, spec.template, its pod spec; metadata aside) and of the list element it
// merges (the main container, matched by name): a null in a merge patch means "delete".
void dropNullChildren(Node *node)
{
    if (!node || !node->isMapping())
        return;
    auto &children = node->children();
    children.erase(std::remove_if(children.begin(), children.end(), [](const Node &child) { return isNullValue(child); }),
                   children.end());
}

void dropNullFields(Node &node)
{
    auto &children = node.children();
    if (node.isMapping())
        children.erase(std::remove_if(children.begin(), children.end(), [](const Node &child) { return isNullValue(child); }),
                       children.end());
    for (Node &child : children)
        dropNullFields(child);
}

// What kustomize builds from the design: one object per id (the last, as `kubectl apply` leaves
// it), without empty metadata.labels/annotations, which kustomize drops (they mean nothing to
// the API server).
std::vector<Object> kustomizeExpected(const Snapshot &snapshot)
{
    QHash<QString, const Object *> last;
    for (const auto &object : snapshot.objects())
        last.insert(kustomizeId(*object), object.get());
    std::vector<Object> out;
    for (const auto &object : snapshot.objects()) {
        if (last.value(kustomizeId(*object)) != object.get())
            continue;
        Object copy = *object;
        if (Node *meta = copy.body.get("metadata")) {
            for (const char *key : {"labels", "annotations"}) {
                const Node *value = meta->get(key);
                if (value && (isNullValue(*value) || (value->isMapping() && value->size() == 0)))
                    meta->remove(key);
            }
        }
        out.push_back(std::move(copy));
    }
    return out;
}

void tst_CliHelm::kustomizeBuildsTheDesign()
{
    QFETCH(QString, path);
    QFETCH(QString, name);
    if (m_kubectl.isEmpty()) {
        if (!qEnvironmentVariableIsEmpty("CI"))
            QFAIL("kubectl not installed (CI is set): run scripts/setup.sh");
        QSKIP("skipped: kubectl not installed (scripts/setup.sh installs it into ~/.cache/kstudio-tools/bin)");
    }
    LoadResult loaded = loadPaths({path});
    Document document;
    document.addObjects(std::move(loaded.objects));
    const Snapshot &snapshot = document.snapshot();
    const Kustomization kustomization = buildKustomization(snapshot);
    QTemporaryDir dir;
    QString error;
    QVERIFY2(writeChartFiles(kustomization.files, dir.path(), {}, &error), qPrintable(error));

    std::vector<Run> runs(1);
    runs[0].arguments = QStringList{QStringLiteral("kustomize"), dir.filePath(QStringLiteral("base"))};
    for (const QString &overlay : kustomizeOverlays()) {
        runs.emplace_back();
        runs.back().arguments = QStringList{QStringLiteral("kustomize"), dir.filePath(QStringLiteral("overlays/") + overlay)};
    }
    const auto exception = kustomizeExceptions().find(name);
    if (exception != kustomizeExceptions().end()) {
        QVERIFY2(kustomization.refused, "listed in kustomizeExceptions() but the export expects kustomize to build it: drop the entry");
        runs.resize(1);
        runAll(m_kubectl, runs);
        QVERIFY2(runs[0].exitCode != 0, "listed in kustomizeExceptions() but kustomize builds it: drop the entry");
        QVERIFY2(runs[0].err.contains(exception->second.first), runs[0].err.constData());
        qInfo("%s: kustomize refuses the design as expected: %s", qPrintable(name), exception->second.second);
        return;
    }
    QVERIFY2(!kustomization.refused, qPrintable(kustomization.notes.join(QLatin1Char('\n'))));
    runAll(m_kubectl, runs);

    const std::vector<Object> design = kustomizeExpected(snapshot);
    QString message;
    QVERIFY2(runs[0].exitCode == 0, runs[0].err.constData());
    QVERIFY2(sameObjects(runs[0].out, design, &message), qPrintable(QStringLiteral("base: ") + message));
    const QStringList overlays = kustomizeOverlays();
    for (int i = 0; i < overlays.size(); ++i) {
        std::vector<Object> patched;
        for (Object object : design) {
            if (kustomizePatches(object)) {
                Node *containers = object.body.at(FieldPath::parse("spec.template.spec.containers"));
                if (containers && containers->isSequence() && !containers->children().empty())
                    dropNullFields(containers->children().front());
                for (const char *walked : {"spec", "spec.template", "spec.template.spec"})
                    dropNullChildren(object.body.at(FieldPath::parse(walked)));
            }
            if (kustomizePatchesReplicas(snapshot, object)) {
                const Node *replicas = object.body.at(FieldPath::parse("spec.replicas"));
                if (const auto value = overlayReplicas(overlays[i], replicas ? replicas->toInt() : std::nullopt))
                    object.body.get("spec")->set("replicas", Node::integer(*value));
            }
            patched.push_back(std::move(object));
        }
        const Run &run = runs[static_cast<std::size_t>(i) + 1];
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(sameObjects(run.out, patched, &message), qPrintable(overlays[i] + QStringLiteral(": ") + message));
    }
}

void tst_CliHelm::chartRendersTheDesign_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("name");
    for (const QFileInfo &example : QDir(QStringLiteral(KS_SOURCE_DIR "/resources/examples/src")).entryInfoList({QStringLiteral("*.yaml")}, QDir::Files))
        QTest::newRow(qPrintable(QStringLiteral("example-") + example.completeBaseName())) << example.filePath() << example.completeBaseName();
    // The fixtures of tst_export_helm: "{{" in data, annotations and args must render unchanged.
    for (const QFileInfo &fixture : QDir(test::dataDir() + QStringLiteral("/helm")).entryInfoList({QStringLiteral("*.yaml")}, QDir::Files))
        QTest::newRow(qPrintable(QStringLiteral("fixture-") + fixture.completeBaseName())) << fixture.filePath() << fixture.completeBaseName();
    if (!test::corpusPresent()) {
        qWarning("skipped: ../shared/corpus not present (only the bundled examples are checked)");
        return;
    }
    for (const QFileInfo &app : QDir(test::corpusDir()).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        QTest::newRow(qPrintable(app.fileName())) << app.filePath() << app.fileName();
}

void tst_CliHelm::chartRendersTheDesign()
{
    QFETCH(QString, path);
    QFETCH(QString, name);
    LoadResult loaded = loadPaths({path});
    Document document;
    document.addObjects(std::move(loaded.objects));
    const Snapshot &snapshot = document.snapshot();
    QVERIFY(snapshot.size() > 0);

    HelmChartOptions options;
    options.chartName = chartNameFrom(name);
    const HelmChart chart = buildHelmChart(snapshot, options);
    QTemporaryDir dir;
    const QString chartDir = dir.filePath(chart.name);
    QString error;
    QVERIFY2(writeChartFiles(chart.files, chartDir, {}, &error), qPrintable(error));
    const QString ns = chart.releaseNamespace.isEmpty() ? QStringLiteral("default") : chart.releaseNamespace;
    const QStringList render{QStringLiteral("template"), chart.name, chartDir, QStringLiteral("--namespace"), ns,
                             QStringLiteral("--include-crds"), QStringLiteral("--skip-tests")};

    // One workload whose replica count the chart drives (not under an HPA), one with an image.
    const ChartWorkload *scaled = nullptr;
    const ChartWorkload *imaged = nullptr;
    for (const ChartWorkload &w : chart.workloads) {
        if (!scaled && w.replicaCount && !w.autoscaled)
            scaled = &w;
        if (!imaged && w.image)
            imaged = &w;
    }
    QStringList overridden = render;
    if (scaled)
        overridden << QStringLiteral("--set") << scaled->valuesKey + QStringLiteral(".replicaCount=5");
    if (imaged)
        overridden << QStringLiteral("--set") << imaged->valuesKey + QStringLiteral(".image.tag=kstudio-test");

    std::vector<Run> runs(4);
    runs[0].arguments = QStringList{QStringLiteral("lint"), QStringLiteral("--strict"), chartDir};
    runs[1].arguments = render;
    runs[2].arguments = overridden;
    runs[3].arguments = QStringList{QStringLiteral("package"), chartDir, QStringLiteral("--destination"), dir.path()};
    runAll(m_helm, runs);

    const Run &lint = runs[0];
    const auto exception = lintExceptions().find(name);
    if (exception == lintExceptions().end()) {
        QVERIFY2(lint.exitCode == 0, qPrintable(QStringLiteral("helm lint --strict failed:\n") + QString::fromUtf8(lint.out + lint.err).left(4000)));
    } else {
        // Every finding must be one the table explains, and the table must still be needed.
        QVERIFY2(lint.exitCode != 0, "listed in lintExceptions() but passes helm lint --strict: drop the entry");
        std::set<const LintException *> used;
        for (const QByteArray &line : QByteArray(lint.out + lint.err).split('\n')) {
            if (!line.startsWith("[WARNING]") && !line.startsWith("[ERROR]"))
                continue;
            const auto match = std::find_if(exception->second.begin(), exception->second.end(),
                                            [&](const LintException &e) { return line.contains(e.pattern); });
            QVERIFY2(match != exception->second.end(), qPrintable(QStringLiteral("helm lint --strict: unexplained finding: ") + QString::fromUtf8(line)));
            used.insert(&*match);
        }
        for (const LintException &e : exception->second) {
            QVERIFY2(used.count(&e), qPrintable(QStringLiteral("lint exception no longer needed: ") + QLatin1String(e.pattern)));
            qInfo("%s: helm lint --strict reports \"%s\": %s", qPrintable(name), e.pattern, e.reason);
        }
    }

    QVERIFY2(runs[1].exitCode == 0, qPrintable(QString::fromUtf8(runs[1].err).left(4000)));
    const std::vector<Object> expected = expectedRender(snapshot, chart.name, chart.name);
    QString message;
    QVERIFY2(sameObjects(runs[1].out, expected, &message), qPrintable(message));

    QVERIFY2(runs[2].exitCode == 0, qPrintable(QString::fromUtf8(runs[2].err).left(4000)));
    std::vector<Object> changed = expected;
    for (Object &object : changed) {
        if (scaled && object.kind() == scaled->kind && object.effectiveNamespace() == scaled->ns && object.name() == scaled->name)
            object.body.get("spec")->set("replicas", Node::integer(5));
        if (imaged && object.kind() == imaged->kind && object.effectiveNamespace() == imaged->ns && object.name() == imaged->name) {
            Node *container = mainContainer(object, imaged->mainContainer);
            QVERIFY(container);
            std::string image = container->get("image")->text();
            std::string digest;
            if (const auto at = image.find('@'); at != std::string::npos) {
                digest = image.substr(at);
                image.resize(at);
            }
            const auto slash = image.rfind('/');
            const auto colon = image.rfind(':');
            if (colon != std::string::npos && (slash == std::string::npos || colon > slash))
                image.resize(colon);
            container->set("image", Node::string(image + ":kstudio-test" + digest));
        }
    }
    QVERIFY2(sameObjects(runs[2].out, changed, &message), qPrintable(QStringLiteral("with --set: ") + message));

    QVERIFY2(runs[3].exitCode == 0, qPrintable(QString::fromUtf8(runs[3].out + runs[3].err).left(4000)));
}

void tst_CliHelm::cliWritesAChart()
{
    QTemporaryDir dir;
    QProcess process;
    process.start(test::kstudioBinary(), {QStringLiteral("export"), QStringLiteral(KS_SOURCE_DIR "/resources/examples/src/three-tier-web-app.yaml"),
                                          QStringLiteral("--helm"), dir.filePath(QStringLiteral("chart"))});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    for (const char *file : {"Chart.yaml", "values.yaml", "values.schema.json", ".helmignore", "README.md",
                             "templates/_helpers.tpl", "templates/NOTES.txt", "templates/deployment-frontend.yaml",
                             "templates/tests/test-connection-service-frontend.yaml"})
        QVERIFY2(QFileInfo::exists(dir.filePath(QStringLiteral("chart/") + QLatin1String(file))), file);
    const QByteArray chartYaml = test::readAll(dir.filePath(QStringLiteral("chart/Chart.yaml")));
    QVERIFY(chartYaml.contains("apiVersion: v2\nname: shop\n"));
    QVERIFY(chartYaml.contains("kubeVersion:"));
    // The Secret's data stays out of the chart.
    QProcess lint;
    lint.start(m_helm, {QStringLiteral("lint"), QStringLiteral("--strict"), dir.filePath(QStringLiteral("chart"))});
    QVERIFY(lint.waitForFinished(60000));
    QVERIFY2(lint.exitCode() == 0, lint.readAllStandardOutput().constData());
}

// import-chart renders each chart of ../shared/charts with helm and imports exactly the objects
// of its reference render (_rendered/, helm template CHART ./CHART --namespace demo), less the
// chart's test hooks, which import-chart leaves out (--skip-tests).
void tst_CliHelm::importChart_data()
{
    QTest::addColumn<QString>("chart");
    const QString charts = test::sharedDir() + QStringLiteral("/charts");
    if (!QFileInfo(charts).isDir())
        QSKIP("skipped: ../shared/charts not present");
    for (const QFileInfo &chart : QDir(charts).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (chart.fileName() != QLatin1String("_rendered"))
            QTest::newRow(qPrintable(chart.fileName())) << chart.filePath();
    }
}

void tst_CliHelm::importChart()
{
    QFETCH(QString, chart);
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("design.kstudio"));
    QProcess import;
    import.start(test::kstudioBinary(), {QStringLiteral("import-chart"), chart, QStringLiteral("--namespace"), QStringLiteral("demo"),
                                         QStringLiteral("-o"), project});
    QVERIFY(import.waitForFinished(120000));
    QVERIFY2(import.exitCode() == 0, import.readAllStandardError().constData());

    LoadResult imported = loadPaths({project});
    QVERIFY(!hasErrors(imported.diagnostics));
    const QString reference = QFileInfo(chart).dir().filePath(QStringLiteral("_rendered/") + QFileInfo(chart).fileName() + QStringLiteral(".yaml"));
    LoadResult rendered = loadPaths({reference});
    QVERIFY(!rendered.objects.empty());
    std::vector<Object> expected;
    int hooks = 0;
    for (Object &object : rendered.objects) {
        const Node *hook = object.body.at(FieldPath::parse("metadata.annotations[\"helm.sh/hook\"]"));
        if (hook && hook->text().find("test") != std::string::npos) {
            ++hooks;
            continue;
        }
        expected.push_back(std::move(object));
    }
    if (QFileInfo(chart).fileName() == QLatin1String("retail-store-cart"))
        QCOMPARE(hooks, 1); // its templates/tests/test-connection.yaml
    QByteArray stream;
    for (const Object &object : imported.objects)
        stream += QByteArray::fromStdString("---\n" + writeYaml(object.body));
    QString message;
    QVERIFY2(sameObjects(stream, expected, &message), qPrintable(message));
}

void tst_CliHelm::importChartErrors_data()
{
    QTest::addColumn<QString>("chart");
    QTest::addColumn<bool>("stripPath");
    QTest::addColumn<QString>("stderrContains");
    const QString hello = test::sharedDir() + QStringLiteral("/charts/hello-world");
    QTest::newRow("helm-missing") << (QFileInfo(hello).isDir() ? hello : test::dataDir() + QStringLiteral("/helm/broken-chart")) << true
                                  << "helm not found";
    QTest::newRow("fails-to-render") << test::dataDir() + QStringLiteral("/helm/broken-chart") << false
                                     << "the chart does not render (helm template exited with 1)";
    QTest::newRow("names-the-template") << test::dataDir() + QStringLiteral("/helm/broken-chart") << false
                                        << "noSuchFunction";
    QTest::newRow("not-a-chart") << test::dataDir() + QStringLiteral("/helm/not-a-chart") << false << "not a Helm chart (no Chart.yaml)";
    QTest::newRow("no-such-directory") << test::dataDir() + QStringLiteral("/helm/nonexistent") << false << "no such chart directory";
}

void tst_CliHelm::importChartErrors()
{
    QFETCH(QString, chart);
    QFETCH(bool, stripPath);
    QFETCH(QString, stderrContains);
    QTemporaryDir dir;
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (stripPath) {
        environment.insert(QStringLiteral("PATH"), dir.path());
        environment.insert(QStringLiteral("KSTUDIO_TOOLS_DIR"), dir.path());
    }
    process.setProcessEnvironment(environment);
    const QString project = dir.filePath(QStringLiteral("out.kstudio"));
    process.start(test::kstudioBinary(), {QStringLiteral("import-chart"), chart, QStringLiteral("-o"), project});
    QVERIFY(process.waitForFinished(60000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(err.contains(stderrContains), qPrintable(err));
    QVERIFY(!QFileInfo::exists(project));
}

QTEST_GUILESS_MAIN(tst_CliHelm)
#include "tst_cli_helm.moc"
