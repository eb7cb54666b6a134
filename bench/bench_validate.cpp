// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio_bench_validate: validation time of generated designs (issue #3's targets: 10,000
// objects in under 0.3 s; a one-field edit re-validated incrementally in under 5 ms, median).
// Run by hand, never by ctest:  kstudio_bench_validate --objects 10000 --objects 100000
#include "design_generator.h"
#include "measure.h"

#include <sim/validate/engine.h>
#include <sim/validate/index.h>

#include <model/core/document.h>
#include <model/core/edit.h>
#include <model/io/manifest_reader.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace kstudio;
using namespace Qt::StringLiterals;
namespace validate = kstudio::sim::validate;

namespace {



void benchmark(std::size_t objectCount, int runs, int edits, const validate::Config &config)
{
    const std::string text = bench::generateDesign(objectCount);
    model::LoadResult loaded;
    model::readManifests(text, u"generated.yaml"_s, loaded);
    model::Document document;
    document.addObjects(std::move(loaded.objects));
    const model::Snapshot snapshot = document.snapshot();

    double best = 1e300;
    validate::Findings findings;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        findings = validate::run(snapshot, config);
        best = std::min(best, bench::millisecondsSince(timer));
    }
    std::printf("%zu objects: full validation %.1f ms (best of %d), %lld findings\n",
                objectCount,
                best,
                runs,
                static_cast<long long>(findings.size()));

    // One-field edits (a template label of a workload, which selectors see), each re-validated
    // incrementally: index update, affected objects, their rules, merge.
    const QList<model::ObjectId> ids = snapshot.objects().keys();
    validate::Index index(snapshot);
    std::vector<double> indexTimes;
    std::vector<double> totalTimes;
    std::vector<double> affectedCounts;
    model::Snapshot before = snapshot;
    for (int edit = 0; edit < edits; ++edit) {
        const model::ObjectId id
            = ids.at(qsizetype((std::size_t(edit) * 7919) % std::size_t(ids.size())));
        model::SetField set{id,
                            model::FieldPath::parse("metadata.labels.bench"),
                            model::Node::string("v" + std::to_string(edit)),
                            -1};
        if (!document.apply(model::Edit(set)))
            continue;
        const model::Snapshot after = document.snapshot();
        QElapsedTimer timer;
        timer.start();
        index.update(before, after, {id});
        indexTimes.push_back(bench::millisecondsSince(timer));
        const QList<model::ObjectId> affected = validate::affectedBy(before, after, index, {id});
        findings = validate::replaceFindings(
            std::move(findings), affected, validate::run(after, index, config, affected));
        totalTimes.push_back(bench::millisecondsSince(timer));
        affectedCounts.push_back(double(affected.size()));
        before = after;
    }
    std::printf("%zu objects: one-field edit re-validated in %.2f ms median (index update %.2f ms, "
                "%.0f objects re-checked), %zu edits\n",
                objectCount,
                bench::median(totalTimes),
                bench::median(indexTimes),
                bench::median(affectedCounts),
                totalTimes.size());
    const bool same = findings == validate::run(document.snapshot(), config);
    std::printf("%zu objects: incremental findings %s the full run's\n",
                objectCount,
                same ? "equal" : "DIFFER from");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Validation benchmark on generated designs."_s);
    parser.addHelpOption();
    parser.addOption(
        {u"objects"_s, u"Design size (repeatable; default 10000 and 100000)."_s, u"N"_s});
    parser.addOption({u"runs"_s, u"Full runs per size, best taken (default 3)."_s, u"N"_s, u"3"_s});
    parser.addOption({u"edits"_s,
                      u"One-field edits re-validated incrementally (default 200)."_s,
                      u"N"_s,
                      u"200"_s});
    parser.addOption({u"disable"_s,
                      u"Leave a rule out (repeatable), to measure what a rule costs."_s,
                      u"RULE"_s});
    parser.process(app);
    validate::Config config;
    for (const QString &rule : parser.values(u"disable"_s))
        config.disabled.insert(rule);
    QStringList sizes = parser.values(u"objects"_s);
    if (sizes.isEmpty())
        sizes = {u"10000"_s, u"100000"_s};
    for (const QString &size : sizes)
        benchmark(size.toULongLong(),
                  std::max(1, parser.value(u"runs"_s).toInt()),
                  std::max(0, parser.value(u"edits"_s).toInt()),
                  config);
    return 0;
}
