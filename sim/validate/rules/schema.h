// SPDX-License-Identifier: GPL-3.0-or-later
// The schema walk shared by the field-* rules: an object's body checked against the schema
// table (schema_table.def) of its apiVersion and kind. One walk finds every kind of problem;
// the four rules each report their own kind, and the walk runs once per object and run.
#pragma once

#include <sim/validate/rule.h>

#include <model/core/object.h>

#include <QString>

#include <memory>
#include <vector>

namespace kstudio::sim::validate::rules {

enum class SchemaProblemKind : quint8 {
    UnknownField,  // field-unknown
    WrongType,     // field-type-invalid
    MissingField,  // field-required-missing
    UnsupportedValue, // field-value-unsupported
};

struct SchemaProblem
{
    SchemaProblemKind kind;
    model::FieldPath path;
    QString message;
    bool uncertain = false; // a template placeholder: reported one level lower
};

// True when the table describes this apiVersion and kind.
bool hasSchema(const model::Object &object);

// Every schema problem of object (empty when the table does not describe its kind), computed
// once per object and run (kept in context.scratch).
const std::vector<SchemaProblem> &schemaProblems(const model::Object &object,
                                                 const RuleContext &context);

// True when object is likely a partial object: a kustomize patch (a file named *patch*, or under
// overlays/), or a second object of the same kind, namespace and name (an overlay's copy).
bool looksLikePatch(const model::Object &object, const RuleContext &context);

// Reports the problems of one kind through sink; a missing field of an object that looks like
// a patch is reported one level lower, as its base may set it.
void reportSchemaProblems(const model::Object &object,
                          const RuleContext &context,
                          FindingSink &sink,
                          SchemaProblemKind kind);

// The names in candidates closest to name by edit distance (case-insensitive match first), or
// empty when none is close enough to be a likely typo.
QString closestName(const QString &name, const QStringList &candidates);

} // namespace kstudio::sim::validate::rules
