// SPDX-License-Identifier: GPL-3.0-or-later
// metadata-value-not-string: a label or annotation value written as a YAML number or boolean.
// Labels and annotations are map[string]string (k8s.io/apimachinery ObjectMeta); kubectl
// sends YAML as JSON, so `enabled: true` arrives as a JSON bool and decoding fails ("cannot
// unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string"). A warning
// rather than an error: some tools (Helm's --set, kustomize) quote such values themselves,
// and real-world manifests carry them.
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

QString kindWord(model::ScalarKind kind)
{
    switch (kind) {
    case model::ScalarKind::Bool:
        return u"a boolean"_s;
    case model::ScalarKind::Int:
    case model::ScalarKind::Float:
        return u"a number"_s;
    case model::ScalarKind::Null:
    case model::ScalarKind::String:
        break;
    }
    return {};
}

void checkMap(const model::Node *map, const model::FieldPath &path, FindingSink &sink)
{
    if (!map || !map->isMapping())
        return;
    for (const model::Node &entry : map->children()) {
        const model::FieldPath at = path.child(entry.key());
        if (!entry.isScalar()) {
            if (!entry.isNull())
                sink.report(at, u"%1 must be a string, not a list or map"_s.arg(pathText(at)));
            continue;
        }
        const QString word = kindWord(entry.scalarKind());
        if (!word.isEmpty())
            sink.report(at,
                        u"%1 is %2 (%3) but must be a string: quote it (\"%3\")"_s.arg(
                            pathText(at), word, entry.qtext()));
    }
}

void checkMetadata(const model::Node *metadata, const model::FieldPath &path, FindingSink &sink)
{
    if (!metadata || !metadata->isMapping())
        return;
    checkMap(metadata->get("labels"), path.child("labels"), sink);
    checkMap(metadata->get("annotations"), path.child("annotations"), sink);
}

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    checkMetadata(object.body.get("metadata"), model::FieldPath{{"metadata"}}, sink);
    const std::optional<model::FieldPath> templatePath = podTemplatePath(object);
    if (!templatePath || templatePath->isEmpty())
        return;
    if (const model::Node *podTemplate = model::podTemplate(object))
        checkMetadata(podTemplate->get("metadata"), templatePath->child("metadata"), sink);
}

} // namespace

const Rule metadataValueNotString{
    "metadata-value-not-string",
    Severity::Warning,
    Family::Schema,
    "*",
    "A label or annotation value is a YAML number or boolean instead of a string",
    "Labels and annotations map strings to strings. YAML reads true, 1 or 1.0 unquoted as a "
    "boolean or number, which kubectl sends as such and the API server cannot decode into a "
    "string.",
    "Quote the value: \"true\", \"1\".",
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/"
    "#syntax-and-character-set",
    &check,
};

} // namespace kstudio::sim::validate::rules
