// SPDX-License-Identifier: GPL-3.0-or-later
// Label selector parsing, validation and matching.
// Mirrors (tag v0.33.9 of kubernetes/apimachinery, Kubernetes v1.33):
//   pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector (nil -> Nothing, empty -> Everything);
//   pkg/labels/selector.go Requirement.Matches and String;
//   pkg/apis/meta/v1/validation/validation.go ValidateLabelSelector, ValidateLabels;
//   pkg/util/validation/validation.go IsQualifiedName, IsValidLabelValue, IsDNS1123Subdomain.
// and kubernetes/kubernetes (v1.33) pkg/apis/apps/validation/validation.go (empty workload
// selectors, template match), pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController.
// Absent-versus-empty per field follows the field docs in kubernetes/api v0.33.9
// (core/v1, apps/v1, networking/v1, policy/v1 types.go); tst_label_selector cites each.
#include "label_selector.h"

#include <model/io/yaml_writer.h>

#include <algorithm>
#include <string>
#include <string_view>

using namespace Qt::StringLiterals;

namespace kstudio::model {

namespace {

// ---- Syntax of label keys and values (k8s.io/apimachinery/pkg/util/validation) ----

constexpr int qualifiedNameMaxLength = 63;
constexpr int labelValueMaxLength = 63;
constexpr int dns1123SubdomainMaxLength = 253;

bool isAlphanumeric(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool isLowerAlphanumeric(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
bool isQualifiedNamePart(std::string_view name)
{
    if (name.empty() || !isAlphanumeric(name.front()) || !isAlphanumeric(name.back()))
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return isAlphanumeric(c) || c == '-' || c == '_' || c == '.';
    });
}

// [a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*
bool isDns1123Subdomain(std::string_view value)
{
    if (value.empty())
        return false;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = value.find('.', start);
        const std::string_view label = value.substr(
            start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (label.empty() || !isLowerAlphanumeric(label.front())
            || !isLowerAlphanumeric(label.back()))
            return false;
        if (!std::all_of(label.begin(), label.end(), [](char c) {
                return isLowerAlphanumeric(c) || c == '-';
            }))
            return false;
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
    }
}

// validation.RegexError, including upstream's double space between examples.
QString regexError(const QString &message, const QString &format, const QStringList &examples)
{
    QString out = message + u" (e.g. "_s;
    for (qsizetype i = 0; i < examples.size(); ++i) {
        if (i > 0)
            out += u" or "_s;
        out += u"'"_s + examples[i] + u"', "_s;
    }
    return out + u"regex used for validation is '"_s + format + u"')"_s;
}

QString maxLengthError(int length)
{
    return u"must be no more than %1 characters"_s.arg(length);
}

const QString &qualifiedNameFormat()
{
    static const QString format = u"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"_s;
    return format;
}

QString qualifiedNameRegexError()
{
    return regexError(u"must consist of alphanumeric characters, '-', '_' or '.', and must "
                      u"start and end with an alphanumeric character"_s,
                      qualifiedNameFormat(),
                      {u"MyName"_s, u"my.name"_s, u"123-abc"_s});
}

// validation.IsQualifiedName: lengths are in bytes, as Go's len().
QStringList qualifiedNameErrors(std::string_view value)
{
    QStringList errors;
    std::string_view name = value;
    const std::size_t slash = value.find('/');
    if (slash != std::string_view::npos) {
        if (value.find('/', slash + 1) != std::string_view::npos) {
            return {u"a qualified name "_s + qualifiedNameRegexError()
                    + u" with an optional DNS subdomain prefix and '/' (e.g. "
                      u"'example.com/MyName')"_s};
        }
        const std::string_view prefix = value.substr(0, slash);
        name = value.substr(slash + 1);
        if (prefix.empty()) {
            errors.append(u"prefix part must be non-empty"_s);
        } else {
            if (prefix.size() > std::size_t(dns1123SubdomainMaxLength))
                errors.append(u"prefix part "_s + maxLengthError(dns1123SubdomainMaxLength));
            if (!isDns1123Subdomain(prefix)) {
                errors.append(
                    u"prefix part "_s
                    + regexError(
                        u"a lowercase RFC 1123 subdomain must consist of lower case "
                        u"alphanumeric characters, '-' or '.', and must start and end "
                        u"with an alphanumeric character"_s,
                        u"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"_s,
                        {u"example.com"_s}));
            }
        }
    }
    if (name.empty())
        errors.append(u"name part must be non-empty"_s);
    else if (name.size() > std::size_t(qualifiedNameMaxLength))
        errors.append(u"name part "_s + maxLengthError(qualifiedNameMaxLength));
    if (!isQualifiedNamePart(name))
        errors.append(u"name part "_s + qualifiedNameRegexError());
    return errors;
}

// validation.IsValidLabelValue: empty, or a qualified name part of at most 63 bytes.
QStringList labelValueErrors(std::string_view value)
{
    QStringList errors;
    if (value.size() > std::size_t(labelValueMaxLength))
        errors.append(maxLengthError(labelValueMaxLength));
    if (!value.empty() && !isQualifiedNamePart(value)) {
        errors.append(regexError(u"a valid label must be an empty string or consist of "
                                 u"alphanumeric characters, '-', '_' or '.', and must start and "
                                 u"end with an alphanumeric character"_s,
                                 u"("_s + qualifiedNameFormat() + u")?"_s,
                                 {u"MyValue"_s, u"my_value"_s, u"12345"_s}));
    }
    return errors;
}

// ---- Messages in field.Error's shape: "<path>: <type>[: <value>][: <detail>]" ----

// Go's %q for the printable texts labels are (the YAML double-quoted spelling is the same).
QString goQuoted(std::string_view text)
{
    std::string out;
    appendDoubleQuotedScalar(out, text);
    return QString::fromStdString(out);
}

QString pathText(const FieldPath &path)
{
    return QString::fromStdString(path.toString());
}

QString invalid(const FieldPath &path, const QString &value, const QString &detail)
{
    return pathText(path) + u": Invalid value: "_s + value + u": "_s + detail;
}

QString required(const FieldPath &path, const QString &detail = {})
{
    QString out = pathText(path) + u": Required value"_s;
    if (!detail.isEmpty())
        out += u": "_s + detail;
    return out;
}

QString forbidden(const FieldPath &path, const QString &detail)
{
    return pathText(path) + u": Forbidden: "_s + detail;
}

// The decoder's refusal of a value of the wrong JSON type (kubectl sends YAML as JSON).
QString wrongType(const FieldPath &path, const Node &node, const QString &expected)
{
    const QString value = node.isMapping()    ? u"{...}"_s
                          : node.isSequence() ? u"[...]"_s
                                              : node.qtext();
    return pathText(path) + u": Invalid value: "_s + value + u": cannot be decoded, "_s + expected;
}

// Strict field validation (kubectl's default) refuses unknown fields.
QString unknownField(const FieldPath &path)
{
    return u"unknown field \""_s + pathText(path) + u"\""_s;
}

bool isAbsent(const Node *node)
{
    return !node || node->isNull() || (node->isScalar() && node->scalarKind() == ScalarKind::Null);
}

// A string field: strings as written, null as "" (JSON null leaves Go's zero value);
// numbers and bools are refused, as decoding them into a Go string fails.
std::optional<std::string> stringField(const Node *node, const FieldPath &path, QStringList &errors)
{
    if (isAbsent(node))
        return std::string();
    if (node->isScalar() && node->scalarKind() == ScalarKind::String)
        return node->text();
    errors.append(wrongType(path, *node, u"must be a string (quote it)"_s));
    return std::nullopt;
}

// Go's %#v of a map[string]string, as field.Invalid prints template labels (keys sorted).
QString goStringMap(const Labels &labels)
{
    if (labels.isEmpty())
        return u"map[string]string(nil)"_s;
    QStringList entries;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        const QByteArray key = it.key().toUtf8();
        const QByteArray value = it.value().toUtf8();
        entries.append(goQuoted(std::string_view(key.constData(), std::size_t(key.size()))) + u":"_s
                       + goQuoted(std::string_view(value.constData(), std::size_t(value.size()))));
    }
    return u"map[string]string{"_s + entries.join(u", "_s) + u"}"_s;
}

QString workloadWording(QStringView kind)
{
    if (kind == u"StatefulSet")
        return u"statefulset"_s;
    if (kind == u"DaemonSet")
        return u"daemonset"_s;
    return u"deployment"_s; // Deployment, and ReplicaSet, which reuses Deployment's text
}

QString operatorName(SelectorOperator op)
{
    switch (op) {
    case SelectorOperator::Equals:
        return u"="_s;
    case SelectorOperator::In:
        return u"In"_s;
    case SelectorOperator::NotIn:
        return u"NotIn"_s;
    case SelectorOperator::Exists:
        return u"Exists"_s;
    case SelectorOperator::DoesNotExist:
        return u"DoesNotExist"_s;
    }
    return {};
}

std::optional<SelectorOperator> operatorFromName(std::string_view name)
{
    for (const SelectorOperator op : {SelectorOperator::In,
                                      SelectorOperator::NotIn,
                                      SelectorOperator::Exists,
                                      SelectorOperator::DoesNotExist}) {
        if (operatorName(op).toStdString() == name)
            return op;
    }
    return std::nullopt;
}

// One matchExpressions entry, in ValidateLabelSelectorRequirement's order of checks.
std::optional<LabelRequirement>
parseExpression(const Node &item, const FieldPath &path, QStringList &errors)
{
    if (!item.isMapping()) {
        errors.append(wrongType(path, item, u"must be an object"_s));
        return std::nullopt;
    }
    const qsizetype errorsBefore = errors.size();
    for (const Node &field : item.children()) {
        if (field.key() != "key" && field.key() != "operator" && field.key() != "values")
            errors.append(unknownField(path.child(field.key())));
    }
    const std::optional<std::string> key = stringField(item.get("key"), path.child("key"), errors);
    const std::optional<std::string> opName
        = stringField(item.get("operator"), path.child("operator"), errors);
    std::vector<std::string> values;
    const Node *valuesNode = item.get("values");
    const FieldPath valuesPath = path.child("values");
    if (!isAbsent(valuesNode)) {
        if (!valuesNode->isSequence()) {
            errors.append(wrongType(valuesPath, *valuesNode, u"must be a list of strings"_s));
        } else {
            int index = 0;
            for (const Node &value : valuesNode->children()) {
                if (const auto text = stringField(&value, valuesPath.child(index), errors))
                    values.push_back(*text);
                ++index;
            }
        }
    }
    if (errors.size() != errorsBefore || !key || !opName)
        return std::nullopt;

    const std::optional<SelectorOperator> op = operatorFromName(*opName);
    if (!op) {
        errors.append(
            invalid(path.child("operator"), goQuoted(*opName), u"not a valid selector operator"_s));
    } else if ((*op == SelectorOperator::In || *op == SelectorOperator::NotIn) && values.empty()) {
        errors.append(
            required(valuesPath, u"must be specified when `operator` is 'In' or 'NotIn'"_s));
    } else if ((*op == SelectorOperator::Exists || *op == SelectorOperator::DoesNotExist)
               && !values.empty()) {
        errors.append(forbidden(
            valuesPath, u"may not be specified when `operator` is 'Exists' or 'DoesNotExist'"_s));
    }
    for (const QString &message : qualifiedNameErrors(*key))
        errors.append(invalid(path.child("key"), goQuoted(*key), message));
    for (std::size_t i = 0; i < values.size(); ++i) {
        for (const QString &message : labelValueErrors(values[i]))
            errors.append(invalid(valuesPath.child(int(i)), goQuoted(values[i]), message));
    }
    if (errors.size() != errorsBefore)
        return std::nullopt;

    LabelRequirement requirement{QString::fromStdString(*key), *op, {}};
    for (const std::string &value : values)
        requirement.values.append(QString::fromStdString(value));
    return requirement;
}

// A map of label keys to values. validateSyntax applies ValidateLabels' checks, reported at
// the map's own path as upstream does; an RC's selector is not checked that way.
QList<LabelRequirement>
parseLabelMap(const Node &map, const FieldPath &path, bool validateSyntax, QStringList &errors)
{
    QList<LabelRequirement> requirements;
    for (const Node &entry : map.children()) {
        const std::optional<std::string> value
            = stringField(&entry, path.child(entry.key()), errors);
        if (!value)
            continue;
        if (validateSyntax) {
            for (const QString &message : qualifiedNameErrors(entry.key()))
                errors.append(invalid(path, goQuoted(entry.key()), message));
            for (const QString &message : labelValueErrors(*value))
                errors.append(invalid(path, goQuoted(*value), message));
        }
        requirements.append({QString::fromStdString(entry.key()),
                             SelectorOperator::Equals,
                             {QString::fromStdString(*value)}});
    }
    return requirements;
}

// What an absent selector means for each use of metav1.LabelSelector.
Selection absentSelection(SelectorUse use, const FieldPath &path)
{
    switch (use) {
    case SelectorUse::WorkloadSelector:
        return Selection::invalid({required(path)});
    case SelectorUse::NetworkPolicyPodSelector:
        return Selection::everything(); // a struct field: absent decodes as the empty selector
    case SelectorUse::NetworkPolicyPeer:
        return Selection::notSpecified();
    case SelectorUse::ServiceSelector:
    case SelectorUse::ReplicationControllerSelector:
    case SelectorUse::PodDisruptionBudget:
    case SelectorUse::AffinityTerm:
    case SelectorUse::TopologySpread:
        return Selection::nothing(); // LabelSelectorAsSelector(nil) is labels.Nothing()
    }
    return Selection::nothing();
}

} // namespace

bool LabelRequirement::matches(const Labels &labels) const
{
    const auto found = labels.constFind(key);
    const bool present = found != labels.cend();
    switch (op) {
    case SelectorOperator::Equals:
    case SelectorOperator::In:
        return present && values.contains(found.value());
    case SelectorOperator::NotIn:
        return !present || !values.contains(found.value());
    case SelectorOperator::Exists:
        return present;
    case SelectorOperator::DoesNotExist:
        return !present;
    }
    return false;
}

QString LabelRequirement::toString() const
{
    QStringList sorted = values;
    if (sorted.size() > 1)
        sorted.sort();
    switch (op) {
    case SelectorOperator::Equals:
        return key + u"="_s + sorted.join(u","_s);
    case SelectorOperator::In:
        return key + u" in ("_s + sorted.join(u","_s) + u")"_s;
    case SelectorOperator::NotIn:
        return key + u" notin ("_s + sorted.join(u","_s) + u")"_s;
    case SelectorOperator::Exists:
        return key;
    case SelectorOperator::DoesNotExist:
        return u"!"_s + key;
    }
    return {};
}

Selection Selection::nothing()
{
    return {};
}

Selection Selection::everything()
{
    Selection selection;
    selection.m_scope = Scope::Everything;
    return selection;
}

Selection Selection::notSpecified()
{
    Selection selection;
    selection.m_scope = Scope::NotSpecified;
    return selection;
}

Selection Selection::invalid(QStringList errors)
{
    Selection selection;
    selection.m_scope = Scope::Invalid;
    selection.m_errors = std::move(errors);
    return selection;
}

Selection Selection::of(QList<LabelRequirement> requirements)
{
    if (requirements.isEmpty())
        return everything();
    Selection selection;
    selection.m_scope = Scope::Requirements;
    // internalSelector.Add sorts by key; a stable sort keeps matchLabels before expressions.
    std::stable_sort(
        requirements.begin(),
        requirements.end(),
        [](const LabelRequirement &a, const LabelRequirement &b) { return a.key < b.key; });
    selection.m_requirements = std::move(requirements);
    return selection;
}

bool Selection::selectsNothing() const
{
    return m_scope == Scope::Nothing || m_scope == Scope::NotSpecified || m_scope == Scope::Invalid;
}

bool Selection::matches(const Labels &labels) const
{
    switch (m_scope) {
    case Scope::Everything:
        return true;
    case Scope::Requirements:
        return std::all_of(m_requirements.cbegin(),
                           m_requirements.cend(),
                           [&labels](const LabelRequirement &r) { return r.matches(labels); });
    case Scope::Nothing:
    case Scope::NotSpecified:
    case Scope::Invalid:
        return false;
    }
    return false;
}

QString Selection::toString() const
{
    QStringList parts;
    for (const LabelRequirement &requirement : m_requirements)
        parts.append(requirement.toString());
    return parts.join(u","_s);
}

Selection
parseSelector(const Node *node, SelectorUse use, const FieldPath &path, QStringView workloadKind)
{
    if (use == SelectorUse::ServiceSelector || use == SelectorUse::ReplicationControllerSelector)
        return parseLabelMapSelector(node, use, path);
    if (isAbsent(node))
        return absentSelection(use, path);
    if (!node->isMapping())
        return Selection::invalid({wrongType(path, *node, u"must be an object"_s)});

    QStringList errors;
    for (const Node &field : node->children()) {
        if (field.key() != "matchLabels" && field.key() != "matchExpressions")
            errors.append(unknownField(path.child(field.key())));
    }
    QList<LabelRequirement> requirements;
    const Node *matchLabels = node->get("matchLabels");
    const FieldPath labelsPath = path.child("matchLabels");
    if (!isAbsent(matchLabels)) {
        if (matchLabels->isMapping())
            requirements = parseLabelMap(*matchLabels, labelsPath, true, errors);
        else
            errors.append(wrongType(labelsPath, *matchLabels, u"must be a map of strings"_s));
    }
    const Node *matchExpressions = node->get("matchExpressions");
    const FieldPath expressionsPath = path.child("matchExpressions");
    if (!isAbsent(matchExpressions)) {
        if (matchExpressions->isSequence()) {
            int index = 0;
            for (const Node &item : matchExpressions->children()) {
                if (auto requirement = parseExpression(item, expressionsPath.child(index), errors))
                    requirements.append(std::move(*requirement));
                ++index;
            }
        } else {
            errors.append(wrongType(expressionsPath, *matchExpressions, u"must be a list"_s));
        }
    }
    const bool empty = (isAbsent(matchLabels) || matchLabels->size() == 0)
                       && (isAbsent(matchExpressions) || matchExpressions->size() == 0);
    if (use == SelectorUse::WorkloadSelector && empty && errors.isEmpty()) {
        // The value as Go's %#v prints it: nil for an absent list, {} for an empty one.
        const QString value = u"v1.LabelSelector{MatchLabels:map[string]string"_s
                              + (isAbsent(matchLabels) ? u"(nil)"_s : u"{}"_s)
                              + u", MatchExpressions:[]v1.LabelSelectorRequirement"_s
                              + (isAbsent(matchExpressions) ? u"(nil)"_s : u"{}"_s) + u"}"_s;
        errors.append(invalid(
            path, value, u"empty selector is invalid for "_s + workloadWording(workloadKind)));
    }
    if (!errors.isEmpty())
        return Selection::invalid(std::move(errors));
    return Selection::of(std::move(requirements));
}

Selection parseLabelMapSelector(const Node *node,
                                SelectorUse use,
                                const FieldPath &path,
                                const Labels &templateLabels)
{
    const bool controller = use == SelectorUse::ReplicationControllerSelector;
    QStringList errors;
    QList<LabelRequirement> requirements;
    if (!isAbsent(node)) {
        if (!node->isMapping())
            return Selection::invalid({wrongType(path, *node, u"must be a map of strings"_s)});
        requirements = parseLabelMap(*node, path, !controller, errors);
    }
    if (!errors.isEmpty())
        return Selection::invalid(std::move(errors));
    if (!requirements.isEmpty())
        return Selection::of(std::move(requirements));
    if (!controller)
        return Selection::nothing(); // no selector: endpoints are managed by someone else
    // SetDefaults_ReplicationController copies the template's labels into an empty selector.
    for (auto it = templateLabels.cbegin(); it != templateLabels.cend(); ++it)
        requirements.append({it.key(), SelectorOperator::Equals, {it.value()}});
    if (requirements.isEmpty())
        return Selection::invalid({required(path)});
    return Selection::of(std::move(requirements));
}

QString templateLabelsError(const Selection &selector,
                            const Labels &templateLabels,
                            const FieldPath &templatePath)
{
    if (selector.scope() != Selection::Scope::Requirements || selector.matches(templateLabels))
        return {};
    const FieldPath labelsPath = templatePath.child("metadata").child("labels");
    return invalid(
        labelsPath, goStringMap(templateLabels), u"`selector` does not match template `labels`"_s);
}

QStringList labelKeySyntaxErrors(std::string_view key)
{
    return qualifiedNameErrors(key);
}

QStringList labelValueSyntaxErrors(std::string_view value)
{
    return labelValueErrors(value);
}

} // namespace kstudio::model
