// SPDX-License-Identifier: GPL-3.0-or-later
// field-required-missing: a field the API reference marks required is absent or null ("Required
// value").
// The schema comes from schema_table.def (the Kubernetes API reference's definitions for the
// core kinds); the walk is shared with the other field-* rules (schema.cpp).
#include "rules.h"
#include "schema.h"

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    reportSchemaProblems(object, context, sink, SchemaProblemKind::MissingField);
}

} // namespace

const Rule fieldRequiredMissing{
    "field-required-missing",
    Severity::Error,
    Family::Schema,
    "*",
    "A required field is missing",
    "The API reference marks some fields required (a container name and image, a Service "
    "port, a Deployment selector and template ...); the API server refuses the object without "
    "them (\"Required value\").",
    "Add the field named in the message; the Kubernetes API reference of the kind shows what it "
    "holds.",
    "https://kubernetes.io/docs/reference/kubernetes-api/",
    &check,
};

} // namespace kstudio::sim::validate::rules
