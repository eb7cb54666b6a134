// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the manifest reader, with an export/re-read round trip as the oracle.
//
// Any input that imports must export to text that imports again to as many objects, each the
// same value as before (Node::sameValue: same types, key order and scalar meanings). A mismatch
// is a bug in the reader or the writer: the target prints both texts and aborts, which libFuzzer
// records as a crash. Set KSTUDIO_FUZZ_ORACLE=count to check the object count only.
#include <model/io/manifest_reader.h>
#include <model/io/yaml_writer.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace kstudio::fuzz {

namespace {

using namespace kstudio::model;

// Small budgets keep each run fast; the reader's behaviour at its limits is still exercised.
ReadLimits fuzzLimits()
{
    ReadLimits limits;
    limits.minNodeBudget = 200'000;
    return limits;
}

bool countOnly()
{
    const char *oracle = std::getenv("KSTUDIO_FUZZ_ORACLE");
    return oracle && std::strcmp(oracle, "count") == 0;
}

bool hasFatal(const Diagnostics &diagnostics)
{
    for (const Diagnostic &diagnostic : diagnostics) {
        if (diagnostic.severity == DiagnosticSeverity::Fatal)
            return true;
    }
    return false;
}

[[noreturn]] void fail(const char *what, std::string_view input, const std::string &exported,
                       const LoadResult &reread)
{
    std::fprintf(stderr, "fuzz_yaml_reader: round trip broken: %s\n--- input (%zu bytes)\n%.*s\n"
                         "--- exported (%zu bytes)\n%s\n--- re-read diagnostics\n",
                 what, input.size(), static_cast<int>(input.size()), input.data(),
                 exported.size(), exported.c_str());
    for (const Diagnostic &diagnostic : reread.diagnostics)
        std::fprintf(stderr, "%s\n", diagnostic.toString().toStdString().c_str());
    std::abort();
}

} // namespace

int testOneInput(const std::uint8_t *data, std::size_t size)
{
    static const ReadLimits limits = fuzzLimits();
    static const bool onlyCount = countOnly();
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    LoadResult first;
    readManifests(input, QStringLiteral("fuzz.yaml"), first, limits);
    if (hasFatal(first.diagnostics) || first.objects.empty())
        return 0;

    std::vector<const Node *> documents;
    documents.reserve(first.objects.size());
    for (const Object &object : first.objects)
        documents.push_back(&object.body);
    const std::string exported = writeYamlStream(documents);

    LoadResult second;
    readManifests(exported, QStringLiteral("exported.yaml"), second, limits);
    if (hasFatal(second.diagnostics))
        fail("the exported text does not import", input, exported, second);
    if (second.objects.size() != first.objects.size())
        fail("the exported text imports to a different number of objects", input, exported,
             second);
    if (onlyCount)
        return 0;
    for (std::size_t i = 0; i < first.objects.size(); ++i) {
        if (!first.objects[i].body.sameValue(second.objects[i].body))
            fail("an object changed value", input, exported, second);
    }
    return 0;
}

} // namespace kstudio::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return kstudio::fuzz::testOneInput(data, size);
}
