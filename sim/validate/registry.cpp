// SPDX-License-Identifier: GPL-3.0-or-later
// The rule table (rules.def expanded), rule lookups, FindingSink and small value helpers.
#include "rule.h"

#include "rules/rules.h"

#include <model/kinds/kind_registry.h>

#include <QRegularExpression>

#include <cstring>
#include <tuple>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate {

namespace {

constexpr const Rule *ruleTable[] = {
#define KS_RULE(name) &rules::name,
#include "rules.def"
#undef KS_RULE
};

// The location of path in object: its own mark, else its nearest present parent's.
model::Mark locate(const model::Object &object, const model::FieldPath &path)
{
    const std::vector<model::PathSegment> &segments = path.segments();
    const model::Node *node = &object.body;
    model::Mark mark = object.origin.mark;
    for (const model::PathSegment &segment : segments) {
        const model::Node *next = nullptr;
        if (segment.isIndex()) {
            if (node->isSequence() && std::size_t(segment.index) < node->size())
                next = &node->children()[std::size_t(segment.index)];
        } else if (node->isMapping()) {
            next = node->get(segment.key);
        }
        if (!next)
            break;
        node = next;
        if (node->mark().line > 0)
            mark = node->mark();
    }
    return mark;
}

} // namespace

QString familyName(Family family)
{
    switch (family) {
    case Family::Schema:
        return u"schema"_s;
    case Family::ApiVersion:
        return u"api-version"_s;
    case Family::Reference:
        return u"reference"_s;
    case Family::Practice:
        return u"practice"_s;
    }
    return {};
}

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return u"error"_s;
    case Severity::Warning:
        return u"warning"_s;
    case Severity::Info:
        return u"info"_s;
    }
    return {};
}

std::optional<Severity> parseSeverity(const QString &name)
{
    for (const Severity severity : {Severity::Error, Severity::Warning, Severity::Info}) {
        if (severityName(severity) == name)
            return severity;
    }
    return std::nullopt;
}

bool findingLessThan(const Finding &a, const Finding &b)
{
    return std::tie(a.ns, a.name, a.kind, a.rule, a.path, a.message, a.object)
           < std::tie(b.ns, b.name, b.kind, b.rule, b.path, b.message, b.object);
}

std::optional<KubeVersion> KubeVersion::parse(const QString &text)
{
    static const QRegularExpression pattern(u"^v?(\\d{1,3})\\.(\\d{1,3})(\\.\\d{1,4})?$"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    return KubeVersion{match.captured(1).toInt(), match.captured(2).toInt()};
}

QString KubeVersion::toString() const
{
    return u"%1.%2"_s.arg(major).arg(minor);
}

bool Rule::appliesTo(const QString &kind) const
{
    if (std::strcmp(kinds, "*") == 0)
        return true;
    if (std::strcmp(kinds, "@workload") == 0) {
        const model::KindSpec *spec = model::findKind(kind);
        return spec && spec->isWorkload();
    }
    const char *start = kinds;
    while (true) {
        const char *end = std::strchr(start, ',');
        const qsizetype length = end ? end - start : qsizetype(std::strlen(start));
        if (kind == QLatin1StringView(start, length))
            return true;
        if (!end)
            return false;
        start = end + 1;
    }
}

std::span<const Rule *const> allRules()
{
    return ruleTable;
}

const Rule *findRule(QStringView id)
{
    for (const Rule *rule : ruleTable) {
        if (id == QLatin1StringView(rule->id))
            return rule;
    }
    return nullptr;
}

FindingSink::FindingSink(const QString &rule,
                         Severity severity,
                         const model::Object &object,
                         Findings &out)
    : m_rule(rule)
    , m_severity(severity)
    , m_object(object)
    , m_out(out)
{}

FindingSink::FindingSink(const QString &rule,
                         Severity severity,
                         const model::Object &object,
                         const ObjectLabels &labels,
                         Findings &out)
    : m_rule(rule)
    , m_severity(severity)
    , m_object(object)
    , m_labels(&labels)
    , m_out(out)
{}

void FindingSink::report(const model::FieldPath &path, const QString &message)
{
    add(path, message, m_severity);
}

void FindingSink::reportUncertain(const model::FieldPath &path, const QString &message)
{
    add(path, message, m_severity == Severity::Error ? Severity::Warning : Severity::Info);
}

void FindingSink::reportAt(Severity severity, const model::FieldPath &path, const QString &message)
{
    add(path, message, severity);
}

void FindingSink::add(const model::FieldPath &path, const QString &message, Severity severity)
{
    const model::Mark mark = locate(m_object, path);
    Finding finding;
    finding.rule = m_rule;
    finding.severity = severity;
    finding.object = m_object.id;
    if (m_labels) {
        finding.kind = m_labels->kind;
        finding.ns = m_labels->ns;
        finding.name = m_labels->name;
    } else {
        finding.kind = m_object.kind();
        finding.ns = m_object.effectiveNamespace();
        finding.name = m_object.name();
    }
    finding.path = QString::fromStdString(path.toString());
    finding.file = m_object.origin.file;
    finding.line = int(mark.line);
    finding.column = int(mark.column);
    finding.message = message;
    m_out.append(std::move(finding));
}

} // namespace kstudio::sim::validate
