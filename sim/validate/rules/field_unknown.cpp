// SPDX-License-Identifier: GPL-3.0-or-later
// field-unknown: a field the object's kind does not define (k8s.io/apimachinery strict decoding,
// "unknown field"), with the closest known field name as a suggestion.
// The schema comes from schema_table.def (the Kubernetes API reference's definitions for the
// core kinds); the walk is shared with the other field-* rules (schema.cpp).
#include "rules.h"
#include "schema.h"

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    reportSchemaProblems(object, context, sink, SchemaProblemKind::UnknownField);
}

} // namespace

const Rule fieldUnknown{
    "field-unknown",
    Severity::Error,
    Family::Schema,
    "*",
    "A field the object's kind does not have (a typo or a field of another version)",
    "kubectl apply validates fields strictly (--validate=strict, the default): a field the "
    "API does not define is refused with \"strict decoding error: unknown field\". With "
    "validation off it is silently dropped, so the setting the author meant never takes effect.",
    "Fix the spelling (the message suggests the closest field), move the field to the level it "
    "belongs to, or remove it. Field names are case-sensitive.",
    "https://kubernetes.io/docs/reference/kubernetes-api/",
    &check,
};

} // namespace kstudio::sim::validate::rules
