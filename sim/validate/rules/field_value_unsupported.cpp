// SPDX-License-Identifier: GPL-3.0-or-later
// field-value-unsupported: a value outside an enumerated field's set ("Unsupported value: ...:
// supported values: ...").
// The schema comes from schema_table.def (the Kubernetes API reference's definitions for the
// core kinds); the walk is shared with the other field-* rules (schema.cpp).
#include "rules.h"
#include "schema.h"

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    reportSchemaProblems(object, context, sink, SchemaProblemKind::UnsupportedValue);
}

} // namespace

const Rule fieldValueUnsupported{
    "field-value-unsupported",
    Severity::Error,
    Family::Schema,
    "*",
    "A field holds a value outside its fixed set (imagePullPolicy, restartPolicy, Service type, protocol ...)",
    "Fields such as imagePullPolicy, restartPolicy, Service type, protocol, pathType or "
    "policyTypes accept only listed values, case-sensitively; the API server refuses anything "
    "else with \"Unsupported value\".",
    "Use one of the supported values the message lists (the closest one is suggested).",
    "https://kubernetes.io/docs/reference/kubernetes-api/",
    &check,
};

} // namespace kstudio::sim::validate::rules
