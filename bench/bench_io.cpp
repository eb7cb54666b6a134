// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio_bench: YAML import/export time and peak memory, side by side with PyYAML and kustomize.
//
// Every measurement runs in a fresh process so that its peak memory (VmHWM) is its own: our
// own import and export re-execute this binary with --measure-import / --measure-export; the
// other tools run under /usr/bin/time. Times are the best of --runs runs on a steady clock;
// they include reading the file. This is a benchmark, not a test: it always exits 0 once it has
// measured, whether the targets were met or not.
#include "design_generator.h"

#include <model/core/document.h>
#include <model/io/export_manifests.h>
#include <model/io/manifest_reader.h>
#include <model/io/yaml_writer.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kstudio::bench {

namespace {

using Clock = std::chrono::steady_clock;

// The issue's targets for 10,000 objects; other sizes are compared with them scaled linearly.
constexpr double targetImportSeconds = 0.5;
constexpr double targetExportSeconds = 0.4;
constexpr double targetPeakToFile = 10.0;
constexpr double targetSpeedupOverPyYaml = 3.0;
constexpr double targetObjects = 10000.0;
// External tools are repeated only while a run takes less than this (a 100,000-object
// kustomize build takes minutes).
constexpr double repeatBelowSeconds = 30.0;
constexpr int externalTimeoutMs = 30 * 60 * 1000;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// A field of /proc/self/status in KiB ("VmHWM", "VmRSS"), 0 when unreadable.
long long procStatusKib(const char *field)
{
    std::FILE *file = std::fopen("/proc/self/status", "r");
    if (!file)
        return 0;
    char line[256];
    long long value = 0;
    const std::string prefix = std::string(field) + ':';
    while (std::fgets(line, sizeof line, file)) {
        if (std::string_view(line).starts_with(prefix)) {
            value = std::atoll(line + prefix.size());
            break;
        }
    }
    std::fclose(file);
    return value;
}

// Resets VmHWM to the current RSS (Linux >= 4.0), so the next peak is of what follows.
void resetPeak()
{
    if (std::FILE *file = std::fopen("/proc/self/clear_refs", "w")) {
        std::fputs("5", file);
        std::fclose(file);
    }
}

void printLine(const std::string &text)
{
    std::fputs(text.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printError(const QString &text)
{
    std::fputs(text.toStdString().c_str(), stderr);
    std::fputc('\n', stderr);
}

std::string fixed(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

bool reportLoadErrors(const model::LoadResult &loaded)
{
    if (!model::hasErrors(loaded.diagnostics))
        return false;
    for (const model::Diagnostic &diagnostic : loaded.diagnostics)
        printError(diagnostic.toString());
    return true;
}

// Child process: text -> objects (file read, parse, Document), best of runs.
int measureImport(const QString &file, int runs)
{
    const long long baselineKib = procStatusKib("VmHWM");
    double best = 1e100;
    double bestParse = 1e100;
    double bestDocument = 1e100;
    std::size_t objects = 0;
    for (int run = 0; run < runs; ++run) {
        const Clock::time_point start = Clock::now();
        model::LoadResult loaded = model::loadPaths({file});
        const double parse = secondsSince(start);
        if (reportLoadErrors(loaded))
            return 2;
        objects = loaded.objects.size();
        const Clock::time_point documentStart = Clock::now();
        auto document = std::make_unique<model::Document>();
        document->addObjects(std::move(loaded.objects));
        const double total = secondsSince(start);
        best = std::min(best, total);
        bestParse = std::min(bestParse, parse);
        bestDocument = std::min(bestDocument, secondsSince(documentStart));
    }
    printLine("import seconds=" + fixed(best, 4) + " parse=" + fixed(bestParse, 4)
              + " document=" + fixed(bestDocument, 4) + " peak_kib="
              + std::to_string(procStatusKib("VmHWM")) + " baseline_kib="
              + std::to_string(baselineKib) + " objects=" + std::to_string(objects));
    return 0;
}

// Child process: objects -> text (exportStream, the --single-file export), best of runs. The
// output of the last run is read back as a check that export wrote every object.
int measureExport(const QString &file, int runs)
{
    model::LoadResult loaded = model::loadPaths({file});
    if (reportLoadErrors(loaded))
        return 2;
    model::Document document;
    document.addObjects(std::move(loaded.objects));
    const long long heldKib = procStatusKib("VmRSS");
    resetPeak();
    double best = 1e100;
    std::string text;
    for (int run = 0; run < runs; ++run) {
        text = std::string();
        const Clock::time_point start = Clock::now();
        text = model::exportStream(document.snapshot());
        best = std::min(best, secondsSince(start));
    }
    const long long peakKib = procStatusKib("VmHWM");
    model::LoadResult reread;
    model::readManifests(text, QStringLiteral("export"), reread);
    printLine("export seconds=" + fixed(best, 4) + " peak_kib=" + std::to_string(peakKib)
              + " held_kib=" + std::to_string(heldKib) + " bytes=" + std::to_string(text.size())
              + " objects=" + std::to_string(document.snapshot().size()) + " reread="
              + std::to_string(reread.objects.size()));
    return 0;
}

// "key=value key=value" from a child's output line that starts with tag.
std::optional<QMap<QString, QString>> parseFields(const QByteArray &output, const char *tag)
{
    const QList<QByteArray> lines = output.split('\n');
    for (const QByteArray &line : lines) {
        if (!line.startsWith(tag))
            continue;
        QMap<QString, QString> fields;
        const QList<QByteArray> words = line.split(' ');
        for (const QByteArray &word : words) {
            const qsizetype equals = word.indexOf('=');
            if (equals > 0)
                fields.insert(QString::fromUtf8(word.left(equals)),
                              QString::fromUtf8(word.mid(equals + 1)));
        }
        return fields;
    }
    return std::nullopt;
}

struct ProcessResult
{
    bool ok = false;
    QByteArray output;
    QString error;
};

ProcessResult runProcess(const QString &program, const QStringList &arguments,
                         bool discardOutput = false)
{
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    if (discardOutput)
        process.setStandardOutputFile(QProcess::nullDevice());
    process.start();
    ProcessResult result;
    if (!process.waitForStarted()) {
        result.error = program + QStringLiteral(": ") + process.errorString();
        return result;
    }
    if (!process.waitForFinished(externalTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.error = program + QStringLiteral(": timed out");
        return result;
    }
    result.output = process.readAllStandardOutput();
    const QByteArray errors = process.readAllStandardError();
    result.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (!result.ok)
        result.error = program + QStringLiteral(" failed: ") + QString::fromUtf8(errors.right(2000));
    return result;
}

// One row of the table.
struct Row
{
    QString tool;
    std::size_t objects = 0;
    qint64 fileBytes = 0;
    std::optional<double> importSeconds;
    std::optional<double> exportSeconds;
    long long peakKib = 0;
    int runs = 0;
    QString note;
    QString importText; // shown instead of importSeconds when set ("> 900")
};

double megabytes(double bytes)
{
    return bytes / 1e6;
}

double peakBytes(const Row &row)
{
    return static_cast<double>(row.peakKib) * 1024.0;
}

// Runs program under /usr/bin/time (and, with a time limit, under timeout -s KILL, so that the
// tool itself is killed and /usr/bin/time still reports). Wall seconds and peak KiB of the tool.
struct TimedRun
{
    bool ok = false;
    bool timedOut = false;
    double seconds = 0;
    long long peakKib = 0;
    QByteArray output;
    QString error;
};

TimedRun runTimed(const QString &program, const QStringList &arguments, bool discardOutput,
                  int timeLimitSeconds = 0)
{
    TimedRun timed;
    QTemporaryDir scratch;
    const QString timeFile = scratch.filePath(QStringLiteral("time"));
    QStringList timeArguments{QStringLiteral("-f"), QStringLiteral("%e %M %x"), QStringLiteral("-o"),
                              timeFile};
    if (timeLimitSeconds > 0)
        timeArguments += {QStringLiteral("timeout"),
                          QStringLiteral("-s"),
                          QStringLiteral("KILL"),
                          QString::number(timeLimitSeconds)};
    timeArguments.append(program);
    timeArguments += arguments;
    const ProcessResult result = runProcess(QStringLiteral("/usr/bin/time"), timeArguments,
                                            discardOutput);
    timed.output = result.output;
    QFile file(timeFile);
    const QList<QByteArray> parts = file.open(QIODevice::ReadOnly)
                                        ? file.readAll().trimmed().split('\n').last().split(' ')
                                        : QList<QByteArray>();
    if (parts.size() != 3) {
        timed.error = result.error.isEmpty() ? QStringLiteral("cannot read /usr/bin/time's output")
                                             : result.error;
        return timed;
    }
    timed.seconds = parts[0].toDouble();
    timed.peakKib = parts[1].toLongLong();
    // timeout exits with 128 + 9 when it had to kill the tool.
    timed.timedOut = timeLimitSeconds > 0 && parts[2].toInt() == 137;
    timed.ok = result.ok;
    if (!timed.ok)
        timed.error = result.error;
    return timed;
}

// PyYAML with libyaml: "load" times load_all over the file (read included) and "dump" times
// dump_all of the loaded documents to one string; both keep key order (sort_keys=False).
constexpr const char *pyYamlScript = R"PY(
import sys, time, yaml
mode, path, runs, repeat_below = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
def load():
    with open(path, 'rb') as f:
        return [d for d in yaml.load_all(f, Loader=yaml.CSafeLoader) if d is not None]
best, done, count = None, 0, 0
if mode == 'load':
    for _ in range(runs):
        start = time.perf_counter()
        docs = load()
        elapsed = time.perf_counter() - start
        count = len(docs)
        del docs
        best = elapsed if best is None else min(best, elapsed)
        done += 1
        if elapsed > repeat_below:
            break
elif mode == 'dump':
    docs = load()
    for _ in range(runs):
        start = time.perf_counter()
        text = yaml.dump_all(docs, Dumper=yaml.CSafeDumper, sort_keys=False,
                             default_flow_style=False)
        elapsed = time.perf_counter() - start
        count = len(text)
        del text
        best = elapsed if best is None else min(best, elapsed)
        done += 1
        if elapsed > repeat_below:
            break
else:
    best = 0.0
print('pyyaml seconds=%.4f runs=%d count=%d' % (best, done, count))
)PY";

struct PyYamlResult
{
    bool ok = false;
    double seconds = 0;
    long long peakKib = 0;
    int runs = 0;
    long long count = 0;
    QString error;
};

PyYamlResult runPyYaml(const QString &mode, const QString &file, int runs)
{
    PyYamlResult result;
    const TimedRun timed = runTimed(QStringLiteral("/usr/bin/python3"),
                                    {QStringLiteral("-c"),
                                     QString::fromUtf8(pyYamlScript),
                                     mode,
                                     file,
                                     QString::number(runs),
                                     QString::number(repeatBelowSeconds)},
                                    false);
    if (!timed.ok) {
        result.error = timed.error;
        return result;
    }
    const auto fields = parseFields(timed.output, "pyyaml");
    if (!fields) {
        result.error = QStringLiteral("PyYAML printed no result");
        return result;
    }
    result.ok = true;
    result.seconds = fields->value(QStringLiteral("seconds")).toDouble();
    result.runs = fields->value(QStringLiteral("runs")).toInt();
    result.count = fields->value(QStringLiteral("count")).toLongLong();
    result.peakKib = timed.peakKib;
    return result;
}

// The kubectl with kustomize that get-helm.sh installs, or the one on PATH.
QString findKubectl(const QString &given)
{
    if (!given.isEmpty())
        return QFileInfo(given).isExecutable() ? given : QString();
    QStringList candidates;
    const QString toolsDir = qEnvironmentVariable("KSTUDIO_TOOLS_DIR");
    if (!toolsDir.isEmpty())
        candidates.append(toolsDir + QStringLiteral("/kubectl"));
    candidates.append(QDir::homePath() + QStringLiteral("/.cache/kstudio-tools/bin/kubectl"));
    for (const QString &candidate : std::as_const(candidates)) {
        if (QFileInfo(candidate).isExecutable())
            return candidate;
    }
    return QStandardPaths::findExecutable(QStringLiteral("kubectl"));
}

bool writeFile(const QString &path, const std::string &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(bytes.data(), static_cast<qint64>(bytes.size()))
           == static_cast<qint64>(bytes.size());
}

std::string padded(const QString &text, int width, bool right = false)
{
    std::string s = text.toStdString();
    if (static_cast<int>(s.size()) >= width)
        return s;
    const std::string fill(static_cast<std::size_t>(width) - s.size(), ' ');
    return right ? fill + s : s + fill;
}

std::string cell(const std::optional<double> &value, int decimals)
{
    return value ? fixed(*value, decimals) : std::string("-");
}

void printTable(const std::vector<Row> &rows)
{
    const auto line = [](const QStringList &cells) {
        static constexpr int widths[] = {18, 8, 7, 9, 9, 9, 10, 5};
        std::string out;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i > 0)
                out += "  ";
            out += padded(cells[i], widths[i], i > 0);
        }
        return out + "  ";
    };
    printLine(line({QStringLiteral("tool"),
                    QStringLiteral("objects"),
                    QStringLiteral("MB"),
                    QStringLiteral("import s"),
                    QStringLiteral("export s"),
                    QStringLiteral("peak MB"),
                    QStringLiteral("peak/file"),
                    QStringLiteral("runs")})
              + "note");
    for (const Row &row : rows) {
        const double fileMb = megabytes(static_cast<double>(row.fileBytes));
        const double peakMb = megabytes(peakBytes(row));
        printLine(line({row.tool,
                        QString::number(row.objects),
                        QString::fromStdString(fixed(fileMb, 1)),
                        row.importText.isEmpty()
                            ? QString::fromStdString(cell(row.importSeconds, 3))
                            : row.importText,
                        QString::fromStdString(cell(row.exportSeconds, 3)),
                        row.peakKib > 0 ? QString::fromStdString(fixed(peakMb, 1))
                                        : QStringLiteral("-"),
                        row.peakKib > 0 ? QString::fromStdString(fixed(peakMb / fileMb, 1) + "x")
                                        : QStringLiteral("-"),
                        QString::number(row.runs)})
                  + row.note.toStdString());
    }
}

struct SizeResult
{
    std::size_t objects = 0;
    qint64 fileBytes = 0;
    std::optional<Row> ours;
    std::optional<double> pyYamlImport;
    std::optional<double> kustomizeSeconds;
};

void printTargets(const SizeResult &size)
{
    if (!size.ours || !size.ours->importSeconds || !size.ours->exportSeconds)
        return;
    const Row &ours = *size.ours;
    const double scale = static_cast<double>(size.objects) / targetObjects;
    const bool scaled = size.objects != static_cast<std::size_t>(targetObjects);
    const std::string header = "targets for " + std::to_string(size.objects) + " objects"
                               + (scaled ? " (10,000-object limits scaled linearly, informational)"
                                         : "")
                               + ":";
    printLine(header);
    const auto verdict = [](bool pass) { return std::string(pass ? "PASS" : "MISS"); };
    const double importLimit = targetImportSeconds * scale;
    const double exportLimit = targetExportSeconds * scale;
    printLine("  " + verdict(*ours.importSeconds < importLimit) + "  import "
              + fixed(*ours.importSeconds, 3) + " s < " + fixed(importLimit, 2) + " s");
    printLine("  " + verdict(*ours.exportSeconds < exportLimit) + "  export "
              + fixed(*ours.exportSeconds, 3) + " s < " + fixed(exportLimit, 2) + " s");
    const double ratio = peakBytes(ours) / static_cast<double>(size.fileBytes);
    printLine("  " + verdict(ratio < targetPeakToFile) + "  import peak memory "
              + fixed(ratio, 1) + "x the file size < " + fixed(targetPeakToFile, 0) + "x");
    if (size.pyYamlImport) {
        const double speedup = *size.pyYamlImport / *ours.importSeconds;
        printLine("  " + verdict(speedup >= targetSpeedupOverPyYaml) + "  import "
                  + fixed(speedup, 1) + "x faster than PyYAML's C loader >= "
                  + fixed(targetSpeedupOverPyYaml, 0) + "x");
    } else {
        printLine("  ----  speed-up over PyYAML's C loader not measured (run with --compare)");
    }
}

struct Options
{
    std::vector<std::size_t> sizes;
    QString outDir;
    bool compare = false;
    int runs = 3;
    QString kubectl;
    int kustomizeTimeout = 900;
};

// kubectl kustomize on a directory whose kustomization.yaml lists the design. Its build time
// grows faster than linearly with the object count (measured here: 2.5 s for 1,000 objects,
// 42 s for 4,000, 394 s for 10,000), so a size whose time, extrapolated quadratically from a
// smaller size, would pass the time limit is not run.
void runKustomize(const Options &options, SizeResult &size, const QString &dir,
                  const QString &kubectl, std::vector<Row> &rows, const SizeResult *previous)
{
    Row kustomize{QStringLiteral("kubectl kustomize"), size.objects, size.fileBytes, {}, {}, 0, 0,
                  QStringLiteral("import s = whole build (read, parse, emit)"), {}};
    if (previous && previous->kustomizeSeconds) {
        const double factor = static_cast<double>(size.objects)
                              / static_cast<double>(previous->objects);
        const double expected = *previous->kustomizeSeconds * factor * factor;
        if (expected > options.kustomizeTimeout) {
            kustomize.importText = QStringLiteral("~") + QString::number(expected, 'f', 0);
            kustomize.note = QStringLiteral("not run: %1 s extrapolated (quadratic) from %2 "
                                            "objects is over --kustomize-timeout %3")
                                 .arg(expected, 0, 'f', 0)
                                 .arg(previous->objects)
                                 .arg(options.kustomizeTimeout);
            rows.push_back(kustomize);
            return;
        }
    }
    double best = 1e100;
    for (int run = 0; run < options.runs; ++run) {
        const TimedRun timed = runTimed(kubectl, {QStringLiteral("kustomize"), dir}, true,
                                        options.kustomizeTimeout);
        kustomize.peakKib = std::max(kustomize.peakKib, timed.peakKib);
        ++kustomize.runs;
        if (timed.timedOut) {
            kustomize.importText = QStringLiteral("> ") + QString::number(options.kustomizeTimeout);
            kustomize.note = QStringLiteral("killed after --kustomize-timeout %1 s; peak so far")
                                 .arg(options.kustomizeTimeout);
            rows.push_back(kustomize);
            return;
        }
        if (!timed.ok) {
            printError(QStringLiteral("bench: kubectl kustomize failed: ") + timed.error);
            return;
        }
        best = std::min(best, timed.seconds);
        if (timed.seconds > repeatBelowSeconds)
            break;
    }
    kustomize.importSeconds = best;
    size.kustomizeSeconds = best;
    rows.push_back(kustomize);
}

// previous: the last size measured before this one (kustomize's extrapolation uses it).
SizeResult benchmarkSize(const Options &options, std::size_t objects, std::vector<Row> &rows,
                         const QString &kubectl, const SizeResult *previous)
{
    SizeResult size;
    size.objects = objects;
    const QString dir = options.outDir + QStringLiteral("/objects-") + QString::number(objects);
    QDir().mkpath(dir);
    const QString file = dir + QStringLiteral("/design.yaml");
    {
        const std::string text = generateDesign(objects);
        size.fileBytes = static_cast<qint64>(text.size());
        if (!writeFile(file, text)) {
            printError(QStringLiteral("cannot write %1").arg(file));
            return size;
        }
    }
    writeFile(dir + QStringLiteral("/kustomization.yaml"),
              "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
              "resources:\n- design.yaml\n");
    printError(QStringLiteral("bench: %1 objects, %2 MB in %3")
                   .arg(objects)
                   .arg(megabytes(static_cast<double>(size.fileBytes)), 0, 'f', 1)
                   .arg(file));

    const QString self = QCoreApplication::applicationFilePath();
    const QString runs = QString::number(options.runs);
    Row ours{QStringLiteral("kstudio"), objects, size.fileBytes, {}, {}, 0, options.runs, {}, {}};
    const ProcessResult imported = runProcess(
        self, {QStringLiteral("--measure-import"), file, QStringLiteral("--runs"), runs});
    const auto importFields = imported.ok ? parseFields(imported.output, "import") : std::nullopt;
    if (!importFields) {
        printError(QStringLiteral("bench: our import failed: ") + imported.error);
        return size;
    }
    ours.importSeconds = importFields->value(QStringLiteral("seconds")).toDouble();
    ours.peakKib = importFields->value(QStringLiteral("peak_kib")).toLongLong();
    const ProcessResult exported = runProcess(
        self, {QStringLiteral("--measure-export"), file, QStringLiteral("--runs"), runs});
    const auto exportFields = exported.ok ? parseFields(exported.output, "export") : std::nullopt;
    if (!exportFields) {
        printError(QStringLiteral("bench: our export failed: ") + exported.error);
        return size;
    }
    ours.exportSeconds = exportFields->value(QStringLiteral("seconds")).toDouble();
    const auto mb = [](const QString &kib) {
        return QString::number(megabytes(kib.toDouble() * 1024.0), 'f', 1);
    };
    ours.note = QStringLiteral("peak is import's");
    rows.push_back(ours);
    size.ours = ours;
    printError(QStringLiteral("bench:   kstudio import: parse %1 s + Document %2 s; baseline "
                              "%3 MB; %4 objects")
                   .arg(importFields->value(QStringLiteral("parse")),
                        importFields->value(QStringLiteral("document")),
                        mb(importFields->value(QStringLiteral("baseline_kib"))),
                        importFields->value(QStringLiteral("objects"))));
    printError(QStringLiteral("bench:   kstudio export: document held %1 MB, peak during export "
                              "%2 MB; %3 bytes written, %4 of %5 objects read back")
                   .arg(mb(exportFields->value(QStringLiteral("held_kib"))),
                        mb(exportFields->value(QStringLiteral("peak_kib"))),
                        exportFields->value(QStringLiteral("bytes")),
                        exportFields->value(QStringLiteral("reread")),
                        exportFields->value(QStringLiteral("objects"))));

    if (!options.compare)
        return size;

    if (!QFileInfo(QStringLiteral("/usr/bin/time")).isExecutable()) {
        printError(QStringLiteral("bench: /usr/bin/time is missing (apt-get install time); no "
                                  "comparison"));
        return size;
    }
    const PyYamlResult pyLoad = runPyYaml(QStringLiteral("load"), file, options.runs);
    const PyYamlResult pyDump = pyLoad.ok ? runPyYaml(QStringLiteral("dump"), file, options.runs)
                                          : PyYamlResult{};
    if (pyLoad.ok && pyDump.ok) {
        Row row{QStringLiteral("PyYAML C (libyaml)"), objects, size.fileBytes, pyLoad.seconds,
                pyDump.seconds, pyLoad.peakKib, pyLoad.runs,
                QStringLiteral("peak is load's; load+dump process %1 MB")
                    .arg(megabytes(static_cast<double>(pyDump.peakKib) * 1024.0), 0, 'f', 1),
                {}};
        if (pyLoad.count != static_cast<long long>(objects))
            row.note += QStringLiteral("; loaded %1 documents").arg(pyLoad.count);
        rows.push_back(row);
        size.pyYamlImport = pyLoad.seconds;
    } else {
        printError(QStringLiteral("bench: PyYAML skipped: %1 (needs python3-yaml)")
                       .arg(pyLoad.ok ? pyDump.error : pyLoad.error));
    }

    if (kubectl.isEmpty())
        return size;
    runKustomize(options, size, dir, kubectl, rows, previous);
    return size;
}

int runBenchmark(const Options &options)
{
    QString kubectl;
    if (options.compare) {
        kubectl = findKubectl(options.kubectl);
        if (kubectl.isEmpty()) {
            printError(QStringLiteral("bench: no kubectl found (run scripts/get-helm.sh or pass "
                                      "--kubectl); kustomize is skipped"));
        } else {
            const ProcessResult version = runProcess(kubectl, {QStringLiteral("version"),
                                                               QStringLiteral("--client")});
            printError(QStringLiteral("bench: kustomize from %1 (%2)")
                           .arg(kubectl,
                                QString::fromUtf8(version.output.simplified())));
        }
    }
    std::vector<Row> rows;
    std::vector<SizeResult> sizes;
    std::vector<std::size_t> order = options.sizes;
    std::sort(order.begin(), order.end());
    for (const std::size_t objects : order)
        sizes.push_back(benchmarkSize(options, objects, rows, kubectl,
                                      sizes.empty() ? nullptr : &sizes.back()));
    printLine("");
    printLine("MB = 10^6 bytes; times are best of up to " + std::to_string(options.runs)
              + " runs on a steady clock, file read included; peak = the process's VmHWM/maxrss.");
    printTable(rows);
    printLine("");
    for (const SizeResult &size : sizes)
        printTargets(size);
    return 0;
}

} // namespace

} // namespace kstudio::bench

int main(int argc, char *argv[])
{
    using namespace kstudio::bench;
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Import/export benchmark of generated designs (not a test: exits 0 "
                       "whether the targets are met or not)."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("objects"),
                      QStringLiteral("Design size; repeat for several (default 10000)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("out"),
                      QStringLiteral("Where the generated files go (default: a temporary dir)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("compare"),
                      QStringLiteral("Also run PyYAML's C loader/dumper and kubectl kustomize.")});
    parser.addOption({QStringLiteral("runs"),
                      QStringLiteral("Runs per measurement; the best counts (default 3)."),
                      QStringLiteral("N"),
                      QStringLiteral("3")});
    parser.addOption({QStringLiteral("kubectl"),
                      QStringLiteral("The kubectl to run kustomize with."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("kustomize-timeout"),
                      QStringLiteral("Kill kustomize after S seconds; skip sizes extrapolated "
                                     "to take longer (default 900)."),
                      QStringLiteral("S"),
                      QStringLiteral("900")});
    parser.addOption({QStringLiteral("measure-import"),
                      QStringLiteral("Internal: measure our import of FILE in this process."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("measure-export"),
                      QStringLiteral("Internal: measure our export of FILE in this process."),
                      QStringLiteral("FILE")});
    parser.process(app);

    Options options;
    bool ok = true;
    options.runs = parser.value(QStringLiteral("runs")).toInt(&ok);
    if (!ok || options.runs < 1) {
        printError(QStringLiteral("--runs needs a positive number"));
        return 2;
    }
    if (parser.isSet(QStringLiteral("measure-import")))
        return measureImport(parser.value(QStringLiteral("measure-import")), options.runs);
    if (parser.isSet(QStringLiteral("measure-export")))
        return measureExport(parser.value(QStringLiteral("measure-export")), options.runs);

    const QStringList counts = parser.values(QStringLiteral("objects"));
    for (const QString &count : counts) {
        const qulonglong objects = count.toULongLong(&ok);
        if (!ok || objects == 0) {
            printError(QStringLiteral("--objects needs a positive number, not \"%1\"").arg(count));
            return 2;
        }
        options.sizes.push_back(static_cast<std::size_t>(objects));
    }
    if (options.sizes.empty())
        options.sizes.push_back(10000);
    options.compare = parser.isSet(QStringLiteral("compare"));
    options.kubectl = parser.value(QStringLiteral("kubectl"));
    options.kustomizeTimeout = parser.value(QStringLiteral("kustomize-timeout")).toInt(&ok);
    if (!ok || options.kustomizeTimeout < 1) {
        printError(QStringLiteral("--kustomize-timeout needs a positive number of seconds"));
        return 2;
    }

    std::optional<QTemporaryDir> temporary;
    options.outDir = parser.value(QStringLiteral("out"));
    if (options.outDir.isEmpty()) {
        temporary.emplace();
        if (!temporary->isValid()) {
            printError(QStringLiteral("cannot create a temporary directory"));
            return 2;
        }
        options.outDir = temporary->path();
    }
    if (!QDir().mkpath(options.outDir)) {
        printError(QStringLiteral("cannot create %1").arg(options.outDir));
        return 2;
    }
    return runBenchmark(options);
}
