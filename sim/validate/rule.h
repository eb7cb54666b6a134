// SPDX-License-Identifier: GPL-3.0-or-later
// Rule: one validation check as a table row (id, severity, kinds, documentation, check).
// A rule is one file under rules/ plus one KS_RULE line in rules.def (STYLE.md §4.6b).
#pragma once

#include "config.h"
#include "finding.h"

#include <model/core/node.h>
#include <model/core/object.h>

#include <QString>

#include <memory>
#include <span>

namespace kstudio::model {
class Snapshot;
}

namespace kstudio::sim::validate {

class Index;

// What a rule is about; the corpus test holds Schema rules to "no error on real manifests".
enum class Family : quint8 { Schema, ApiVersion, Reference, Practice };

QString familyName(Family family); // "schema", "api-version", "reference", "practice"

// Per-object scratch: an analysis that several rules share (the schema walk) is computed by
// the first of them and kept here until the engine moves to the next object.
struct ObjectScratch
{
    model::ObjectId object = model::noObject;
    std::shared_ptr<const void> schema;
};

// Everything a check may read. All of it is immutable for the duration of a run, but scratch.
struct RuleContext
{
    const model::Snapshot &snapshot;
    const Index &index;
    const Config &config;
    mutable ObjectScratch scratch;
};

// What every finding on one object repeats, computed once per object by the engine.
struct ObjectLabels
{
    QString kind;
    QString ns;
    QString name;
};

// Collects one rule's findings on one object. Locations come from the field's source mark:
// the field at path if present, else its nearest present parent, else the object's origin.
class FindingSink
{
public:
    FindingSink(const QString &rule, Severity severity, const model::Object &object, Findings &out);
    FindingSink(const QString &rule,
                Severity severity,
                const model::Object &object,
                const ObjectLabels &labels,
                Findings &out);

    void report(const model::FieldPath &path, const QString &message);
    // One level below the rule's severity (error -> warning -> info), for findings that depend
    // on something the design cannot show: a required field a kustomize patch or overlay may
    // add, a value that is a template placeholder awaiting substitution.
    void reportUncertain(const model::FieldPath &path, const QString &message);
    // At a severity the check decides from the design (Pod Security: the namespace's labels).
    void reportAt(Severity severity, const model::FieldPath &path, const QString &message);
    // The rule's severity for this run (its default, or the configured re-level).
    Severity severity() const { return m_severity; }

private:
    void add(const model::FieldPath &path, const QString &message, Severity severity);

    const QString &m_rule;
    Severity m_severity;
    const model::Object &m_object;
    const ObjectLabels *m_labels = nullptr;
    Findings &m_out;
};

using CheckFunction
    = void (*)(const model::Object &object, const RuleContext &context, FindingSink &sink);

// kinds: "*" for every object, "@workload" for every kind with a pod template (Pod, Deployment,
// ..., CronJob), else a comma-separated list of kinds ("Service,Ingress").
struct Rule
{
    const char *id; // kebab-case, stable: scripts and annotations name it
    Severity severity;
    Family family;
    const char *kinds;
    const char *summary; // one line
    const char *why;     // why it matters
    const char *fix;     // how to fix it
    const char *docUrl;  // the Kubernetes documentation it relies on
    CheckFunction check;

    bool appliesTo(const QString &kind) const;
};

// Every rule, in rules.def order (alphabetical by id).
std::span<const Rule *const> allRules();
const Rule *findRule(QStringView id);

} // namespace kstudio::sim::validate
