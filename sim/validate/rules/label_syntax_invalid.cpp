// SPDX-License-Identifier: GPL-3.0-or-later
// label-syntax-invalid: a label key or value, or an annotation key, that the API server refuses.
// Mirrors (kubernetes/apimachinery v0.33): pkg/apis/meta/v1/validation/validation.go
// ValidateLabels (key: IsQualifiedName, value: IsValidLabelValue), pkg/api/validation/
// objectmeta.go ValidateAnnotations (key: IsQualifiedName of the lower-cased key; all
// annotations together at most 256 KiB). Applies to the object's metadata and, for workloads,
// to the pod template's metadata. Values that are not strings: metadata-value-not-string.
#include "rules.h"
#include "support.h"

#include <model/semantics/label_selector.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

constexpr qsizetype totalAnnotationSizeLimit = 256 * (1 << 10);

void report(FindingSink &sink,
            const model::FieldPath &path,
            const QString &message,
            const QString &value)
{
    if (isPlaceholder(value))
        sink.reportUncertain(path, message + placeholderNote(value));
    else
        sink.report(path, message);
}

void checkMetadata(const model::Node *metadata, const model::FieldPath &path, FindingSink &sink)
{
    if (!metadata || !metadata->isMapping())
        return;
    const model::FieldPath labelsPath = path.child("labels");
    if (const model::Node *labels = metadata->get("labels"); labels && labels->isMapping()) {
        for (const model::Node &label : labels->children()) {
            const model::FieldPath at = labelsPath.child(label.key());
            const QString key = QString::fromStdString(label.key());
            for (const QString &error : model::labelKeySyntaxErrors(label.key()))
                report(sink,
                       at,
                       u"%1: Invalid value: %2: %3"_s.arg(pathText(labelsPath), quoted(key), error),
                       key);
            if (!label.isScalar() || label.scalarKind() != model::ScalarKind::String)
                continue;
            for (const QString &error : model::labelValueSyntaxErrors(label.text()))
                report(sink,
                       at,
                       u"%1: Invalid value: %2: %3"_s.arg(
                           pathText(labelsPath), quoted(label.qtext()), error),
                       label.qtext());
        }
    }
    const model::FieldPath annotationsPath = path.child("annotations");
    if (const model::Node *annotations = metadata->get("annotations");
        annotations && annotations->isMapping()) {
        qsizetype total = 0;
        for (const model::Node &annotation : annotations->children()) {
            const QString key = QString::fromStdString(annotation.key());
            total += qsizetype(annotation.key().size()) + qsizetype(annotation.text().size());
            for (const QString &error : model::labelKeySyntaxErrors(key.toLower().toStdString()))
                sink.report(annotationsPath.child(annotation.key()),
                            u"%1: Invalid value: %2: %3"_s.arg(
                                pathText(annotationsPath), quoted(key), error));
        }
        if (total > totalAnnotationSizeLimit)
            sink.report(annotationsPath,
                        u"%1: Too long: must have at most %2 bytes"_s.arg(pathText(annotationsPath))
                            .arg(totalAnnotationSizeLimit));
    }
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

const Rule labelSyntaxInvalid{
    "label-syntax-invalid",
    Severity::Error,
    Family::Schema,
    "*",
    "A label key or value, or an annotation key, has a syntax the API server refuses",
    "Label keys are an optional DNS-subdomain prefix and a name of at most 63 characters; label "
    "values at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a "
    "letter or digit. Selectors and tools depend on it, and the API server refuses objects that "
    "break it.",
    "Rename the key or value: for example 'app.kubernetes.io/name: web' instead of 'App Name: Web "
    "Server'.",
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/"
    "#syntax-and-character-set",
    &check,
};

} // namespace kstudio::sim::validate::rules
