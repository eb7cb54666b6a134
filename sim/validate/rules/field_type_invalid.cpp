// SPDX-License-Identifier: GPL-3.0-or-later
// field-type-invalid: a value of the wrong JSON type for its field (json: cannot unmarshal ...
// into Go struct field), after the YAML resolution Kubernetes applies.
// The schema comes from schema_table.def (the Kubernetes API reference's definitions for the
// core kinds); the walk is shared with the other field-* rules (schema.cpp).
#include "rules.h"
#include "schema.h"

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    reportSchemaProblems(object, context, sink, SchemaProblemKind::WrongType);
}

} // namespace

const Rule fieldTypeInvalid{
    "field-type-invalid",
    Severity::Error,
    Family::Schema,
    "*",
    "A field holds the wrong type of value (a number where a string belongs, a quoted number where an integer belongs ...)",
    "The API server decodes manifests into typed Go structs: a string field refuses a number "
    "(env value: 8080), an integer field refuses a quoted \"3\", a boolean refuses \"true\" in "
    "quotes, and a list or map must be one. YAML decides the type from how a value is written.",
    "Write the value as the field expects: quote strings that look like numbers or booleans "
    "(\"8080\", \"true\"), and drop the quotes from integers and booleans.",
    "https://kubernetes.io/docs/reference/kubernetes-api/",
    &check,
};

} // namespace kstudio::sim::validate::rules
