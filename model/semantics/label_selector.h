// SPDX-License-Identifier: GPL-3.0-or-later
// Label selectors with Kubernetes' semantics, including how absent and empty differ by field.
#pragma once

#include <model/core/node.h>
#include <model/kinds/views.h>

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <cstdint>
#include <string_view>

namespace kstudio::model {

// selection.Operator as a LabelSelector can spell it; Equals is what matchLabels entries and
// plain label maps become (labels.NewRequirement(key, Equals, {value})).
enum class SelectorOperator : std::uint8_t { Equals, In, NotIn, Exists, DoesNotExist };

// One labels.Requirement. NotIn and DoesNotExist match a label set without the key.
struct LabelRequirement
{
    QString key;
    SelectorOperator op = SelectorOperator::Equals;
    QStringList values; // one for Equals, at least one for In/NotIn, none for Exists/DoesNotExist

    bool matches(const Labels &labels) const;
    QString toString() const; // "app=web", "tier in (a,b)", "!canary"
};

// Where a selector sits decides what absent ("null") and empty ({}) mean.
enum class SelectorUse : std::uint8_t {
    ServiceSelector,               // Service spec.selector (map): absent or empty selects nothing
    ReplicationControllerSelector, // RC spec.selector (map): absent or empty defaults to template
    WorkloadSelector, // apps/v1 spec.selector: required, must not be empty, must match template
    NetworkPolicyPodSelector, // NetworkPolicy spec.podSelector: a struct; absent = empty = all pods
    NetworkPolicyPeer,   // peer podSelector/namespaceSelector: absent = not specified, empty = all
    PodDisruptionBudget, // policy/v1 spec.selector: null selects none, empty selects all
    AffinityTerm,        // pod (anti-)affinity term labelSelector: null matches none, empty all
    TopologySpread,      // topologySpreadConstraints[].labelSelector: null counts no pods
};

// The outcome of reading a selector: what it selects, or why the API server would refuse it.
// An invalid selector selects nothing (the object it belongs to is never stored).
class Selection
{
public:
    enum class Scope : std::uint8_t {
        Nothing,      // labels.Nothing(): matches no label set
        Everything,   // labels.Everything(): matches every label set
        Requirements, // all requirements must match
        NotSpecified, // an optional peer selector that is absent: the caller decides
        Invalid,      // errors() says why
    };

    Selection() = default; // selects nothing
    static Selection nothing();
    static Selection everything();
    static Selection notSpecified();
    static Selection invalid(QStringList errors);
    // An empty list is Everything, as an empty LabelSelector is.
    static Selection of(QList<LabelRequirement> requirements);

    Scope scope() const { return m_scope; }
    bool isValid() const { return m_scope != Scope::Invalid; }
    bool isSpecified() const { return m_scope != Scope::NotSpecified; }
    bool selectsNothing() const;
    bool selectsEverything() const { return m_scope == Scope::Everything; }
    const QList<LabelRequirement> &requirements() const { return m_requirements; }
    const QStringList &errors() const { return m_errors; }
    QString error() const { return m_errors.join(QStringLiteral("; ")); }

    bool matches(const Labels &labels) const;
    // labels.Selector.String(): requirements sorted by key, comma-separated; "" for Everything
    // and, as upstream, also for Nothing.
    QString toString() const;

private:
    Scope m_scope = Scope::Nothing;
    QList<LabelRequirement> m_requirements;
    QStringList m_errors;
};

// Reads a metav1.LabelSelector (matchLabels AND matchExpressions) at node, which may be null
// for an absent field. path names the field in error messages ("spec.selector"). For
// WorkloadSelector, workloadKind ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet")
// picks the API server's wording. For the two map uses this reads a plain label map, as
// parseLabelMapSelector does without template labels.
Selection parseSelector(const Node *node,
                        SelectorUse use,
                        const FieldPath &path = {},
                        QStringView workloadKind = {});

// Reads a plain label map selector (Service and ReplicationController spec.selector).
// templateLabels is what an RC's absent or empty selector defaults to.
Selection parseLabelMapSelector(const Node *node,
                                SelectorUse use = SelectorUse::ServiceSelector,
                                const FieldPath &path = {},
                                const Labels &templateLabels = {});

// A controller's selector must select its own pod template: the API server's error for a
// selector that does not, or an empty string. Selectors that are not specified by
// requirements (invalid, empty) get their own errors from parse and none here.
QString templateLabelsError(const Selection &selector,
                            const Labels &templateLabels,
                            const FieldPath &templatePath);

// The syntax checks behind ValidateLabels, with upstream's messages (empty when valid):
// a label (or annotation) key is a qualified name (validation.IsQualifiedName), a label value
// is empty or a qualified name part of at most 63 bytes (validation.IsValidLabelValue).
QStringList labelKeySyntaxErrors(std::string_view key);
QStringList labelValueSyntaxErrors(std::string_view value);

} // namespace kstudio::model
