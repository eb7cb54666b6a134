// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the .kstudio reader, with a save/re-open round trip as the oracle.
//
// The bytes are written to a temporary file and opened with readProject(). A project that opens
// is saved with writeProject() and opened again: that must succeed with the same number of
// objects, or the target aborts (a crash for libFuzzer).
#include <model/io/project_file.h>

#include <QDir>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace kstudio::fuzz {

namespace {

using namespace kstudio::model;

QString scratchPath(const char *suffix)
{
    return QDir::tempPath() + QStringLiteral("/kstudio-fuzz-%1-%2.kstudio")
                                  .arg(static_cast<qint64>(::getpid()))
                                  .arg(QString::fromLatin1(suffix));
}

bool writeBytes(const QString &path, const std::uint8_t *data, std::size_t size)
{
    std::FILE *file = std::fopen(path.toLocal8Bit().constData(), "wb");
    if (!file)
        return false;
    const bool ok = size == 0 || std::fwrite(data, 1, size, file) == size;
    return std::fclose(file) == 0 && ok;
}

// Small caps keep each run fast; the reader's behaviour at its limits is still exercised.
ProjectLimits fuzzLimits()
{
    ProjectLimits limits;
    limits.maxEntryBytes = qint64(8) << 20;
    limits.maxTotalBytes = qint64(16) << 20;
    limits.maxEntries = 64;
    return limits;
}

[[noreturn]] void fail(const char *what, const ProjectReadResult &result)
{
    std::fprintf(stderr, "fuzz_project_reader: save/re-open broken: %s\n", what);
    for (const Diagnostic &diagnostic : result.diagnostics)
        std::fprintf(stderr, "%s\n", diagnostic.toString().toStdString().c_str());
    std::abort();
}

} // namespace

int testOneInput(const std::uint8_t *data, std::size_t size)
{
    static const ProjectLimits limits = fuzzLimits();
    static const QString input = scratchPath("in");
    static const QString saved = scratchPath("saved");
    if (!writeBytes(input, data, size)) {
        std::fprintf(stderr, "fuzz_project_reader: cannot write %s\n",
                     input.toLocal8Bit().constData());
        std::abort();
    }
    ProjectReadResult first = readProject(input, limits);
    if (!first.ok)
        return 0;
    const std::size_t objects = first.objects.size();
    const Snapshot snapshot = toSnapshot(std::move(first));
    QString error;
    if (!writeProject(saved, snapshot, &error)) {
        std::fprintf(stderr, "fuzz_project_reader: writeProject: %s\n",
                     error.toLocal8Bit().constData());
        std::abort();
    }
    const ProjectReadResult second = readProject(saved, limits);
    if (!second.ok)
        fail("the saved project does not open", second);
    if (second.objects.size() != objects)
        fail("the saved project opens with a different number of objects", second);
    return 0;
}

} // namespace kstudio::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return kstudio::fuzz::testOneInput(data, size);
}
