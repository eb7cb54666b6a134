// SPDX-License-Identifier: GPL-3.0-or-later
// The schema table (schema_table.def) parsed once, and the walk of an object against it.
// What counts as which type follows how the API server decodes a manifest sent by kubectl:
// YAML becomes JSON (sigs.k8s.io/yaml, the resolution model::Node::scalarKind() mirrors), then
// strict JSON decoding into the Go types (k8s.io/apimachinery pkg/runtime/serializer/json,
// "strict decoding error: unknown field"): a number is refused by a string field, a string by
// an integer field, a quoted "true" by a boolean; an IntOrString takes both an integer and a
// string; a Quantity takes a string or a number; null is the zero value of anything.
#include "schema.h"

#include "support.h"

#include <model/core/node.h>

#include <QHash>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

struct TypeDef;

struct FieldType
{
    enum Tag : quint8 { String, Int, Bool, IntOrString, Quantity, Any, Object, List, Map, Enum };
    Tag tag = Any;
    const TypeDef *object = nullptr;
    std::unique_ptr<FieldType> element; // List, Map
    QStringList values;                 // Enum
};

struct FieldDef
{
    QString name;
    std::string key; // name, for Node::get
    bool required = false;
    FieldType type;
};

struct TypeDef
{
    QString name;
    std::deque<FieldDef> fields;
    std::unordered_map<const std::string *, const FieldDef *> byKey; // interned key -> field
    QStringList names;
    std::vector<const FieldDef *> required;
};

struct KindKey
{
    const char *apiVersion;
    const char *kind;
    const char *type;
};

struct TypeLine
{
    const char *name;
    const char *fields;
};

constexpr KindKey kindTable[] = {
#define KS_SCHEMA_KIND(apiVersion, kind, type) {apiVersion, #kind, #type},
#define KS_SCHEMA_TYPE(type, fields)
#include "schema_table.def"
#undef KS_SCHEMA_KIND
#undef KS_SCHEMA_TYPE
};

constexpr TypeLine typeTable[] = {
#define KS_SCHEMA_KIND(apiVersion, kind, type)
#define KS_SCHEMA_TYPE(type, fields) {#type, fields},
#include "schema_table.def"
#undef KS_SCHEMA_KIND
#undef KS_SCHEMA_TYPE
};

class Schema
{
public:
    Schema()
    {
        for (const TypeLine &line : typeTable) {
            auto type = std::make_unique<TypeDef>();
            type->name = QLatin1StringView(line.name);
            m_types.emplace(type->name, std::move(type));
        }
        for (const TypeLine &line : typeTable) {
            TypeDef &type = *m_types.at(QLatin1StringView(line.name));
            const QString text = QLatin1StringView(line.fields);
            for (const QString &entry : text.split(u' ', Qt::SkipEmptyParts)) {
                const qsizetype colon = entry.indexOf(u':');
                Q_ASSERT(colon > 0);
                FieldDef &field = type.fields.emplace_back();
                field.name = entry.left(colon);
                if (field.name.endsWith(u'!')) {
                    field.required = true;
                    field.name.chop(1);
                }
                field.key = field.name.toStdString();
                parseType(entry.mid(colon + 1), field.type);
                type.byKey.emplace(model::internKey(field.name.toStdString()), &field);
                type.names.append(field.name);
                if (field.required)
                    type.required.push_back(&field);
            }
        }
        for (const KindKey &key : kindTable) {
            m_kinds.insert(QLatin1StringView(key.apiVersion) + u'/' + QLatin1StringView(key.kind),
                           m_types.at(QLatin1StringView(key.type)).get());
        }
    }

    const TypeDef *root(const QString &apiVersion, const QString &kind) const
    {
        return m_kinds.value(apiVersion + u'/' + kind, nullptr);
    }

private:
    void parseType(const QString &text, FieldType &type)
    {
        if (text.startsWith(u'[') || text.startsWith(u'{')) {
            type.tag = text.startsWith(u'[') ? FieldType::List : FieldType::Map;
            type.element = std::make_unique<FieldType>();
            parseType(text.mid(1, text.size() - 2), *type.element);
        } else if (text.startsWith(u'=')) {
            type.tag = FieldType::Enum;
            type.values = text.mid(1).split(u'|');
        } else if (text == u"s"_s) {
            type.tag = FieldType::String;
        } else if (text == u"i"_s) {
            type.tag = FieldType::Int;
        } else if (text == u"b"_s) {
            type.tag = FieldType::Bool;
        } else if (text == u"x"_s) {
            type.tag = FieldType::IntOrString;
        } else if (text == u"q"_s) {
            type.tag = FieldType::Quantity;
        } else if (text == u"*"_s) {
            type.tag = FieldType::Any;
        } else {
            type.tag = FieldType::Object;
            type.object = m_types.at(text).get(); // throws on a name the table does not define
        }
    }

    std::map<QString, std::unique_ptr<TypeDef>> m_types;
    QHash<QString, const TypeDef *> m_kinds;
};

const Schema &schema()
{
    static const Schema instance;
    return instance;
}

QString describeScalar(const model::Node &node)
{
    switch (node.scalarKind()) {
    case model::ScalarKind::Null:
        return u"null"_s;
    case model::ScalarKind::Bool:
        return u"the boolean %1"_s.arg(node.qtext());
    case model::ScalarKind::Int:
    case model::ScalarKind::Float:
        return u"the number %1"_s.arg(node.qtext());
    case model::ScalarKind::String:
        break;
    }
    return u"the string %1"_s.arg(quoted(node.qtext()));
}

QString describe(const model::Node &node)
{
    if (node.isMapping())
        return u"a map"_s;
    if (node.isSequence())
        return u"a list"_s;
    return describeScalar(node);
}

QString expected(const FieldType &type)
{
    switch (type.tag) {
    case FieldType::String:
    case FieldType::Enum:
        return u"a string"_s;
    case FieldType::Int:
        return u"an integer"_s;
    case FieldType::Bool:
        return u"a boolean (true or false)"_s;
    case FieldType::IntOrString:
        return u"an integer or a string"_s;
    case FieldType::Quantity:
        return u"a quantity (a string such as 500m or 1Gi, or a number)"_s;
    case FieldType::Object:
        return u"a map (%1)"_s.arg(type.object->name);
    case FieldType::List:
        return u"a list"_s;
    case FieldType::Map:
        return u"a map"_s;
    case FieldType::Any:
        break;
    }
    return u"anything"_s;
}

bool isIntegral(const model::Node &node)
{
    if (node.scalarKind() == model::ScalarKind::Int)
        return true;
    // JSON has one number type: an integral float such as 1e3 decodes into an int field.
    if (node.scalarKind() == model::ScalarKind::Float) {
        const std::optional<double> value = node.toDouble();
        return value && std::isfinite(*value) && std::floor(*value) == *value;
    }
    return false;
}

bool typeMatches(const model::Node &node, const FieldType &type)
{
    switch (type.tag) {
    case FieldType::Any:
        return true;
    case FieldType::Object:
    case FieldType::Map:
        return node.isMapping();
    case FieldType::List:
        return node.isSequence();
    case FieldType::String:
    case FieldType::Enum:
        return node.isScalar() && node.scalarKind() == model::ScalarKind::String;
    case FieldType::Int:
        return node.isScalar() && isIntegral(node);
    case FieldType::Bool:
        return node.isScalar() && node.scalarKind() == model::ScalarKind::Bool;
    case FieldType::IntOrString:
        return node.isScalar()
               && (node.scalarKind() == model::ScalarKind::String || isIntegral(node));
    case FieldType::Quantity:
        return node.isScalar() && node.scalarKind() != model::ScalarKind::Bool;
    }
    return true;
}

// Walks a body against its type. The current path is kept as a stack of segments and turned
// into a FieldPath only for a problem: most nodes have none, and a FieldPath per node visited
// was most of the walk's cost.
class Walker
{
public:
    explicit Walker(std::vector<SchemaProblem> &out)
        : m_out(out)
    {}

    void walkRoot(const model::Node &body, const TypeDef &type) { walkObject(body, type); }

private:
    model::FieldPath here() const
    {
        model::FieldPath path;
        for (const model::PathSegment &segment : m_stack)
            path = segment.isIndex() ? path.child(segment.index) : path.child(segment.key);
        return path;
    }

    void push(const std::string &key) { m_stack.push_back({key, -1}); }
    void push(int index) { m_stack.push_back({std::string(), index}); }
    void pop() { m_stack.pop_back(); }

    void walkValue(const model::Node &node, const FieldType &type)
    {
        if (node.isNull() || (node.isScalar() && node.scalarKind() == model::ScalarKind::Null))
            return; // null is the zero value of any field
        if (!typeMatches(node, type)) {
            const model::FieldPath path = here();
            const bool placeholder = node.isScalar() && isPlaceholder(node.qtext());
            QString message = u"%1: must be %2, not %3"_s.arg(
                pathText(path), expected(type), describe(node));
            if (node.isScalar() && node.scalarKind() == model::ScalarKind::String
                && node.scalarStyle() != model::ScalarStyle::Plain
                && (type.tag == FieldType::Int || type.tag == FieldType::Bool))
                message += u" (quoting makes it a string: remove the quotes)"_s;
            else if (node.isScalar() && node.scalarKind() != model::ScalarKind::String
                     && type.tag == FieldType::String)
                message += u" (quote it: %1)"_s.arg(quoted(node.qtext()));
            if (placeholder)
                message += placeholderNote(node.qtext());
            m_out.push_back({SchemaProblemKind::WrongType, path, message, placeholder});
            return;
        }
        switch (type.tag) {
        case FieldType::Object:
            walkObject(node, *type.object);
            break;
        case FieldType::List: {
            int index = 0;
            for (const model::Node &item : node.children()) {
                push(index++);
                walkValue(item, *type.element);
                pop();
            }
            break;
        }
        case FieldType::Map:
            if (type.element->tag == FieldType::Any)
                break;
            for (const model::Node &item : node.children()) {
                push(item.key());
                walkValue(item, *type.element);
                pop();
            }
            break;
        case FieldType::Enum:
            checkEnum(node, type);
            break;
        default:
            break;
        }
    }

    void walkObject(const model::Node &node, const TypeDef &type)
    {
        for (const model::Node &child : node.children()) {
            const auto it = type.byKey.find(&child.key());
            if (it == type.byKey.end()) {
                // A dump of a live object (kubectl get -o yaml) carries status; the API server
                // ignores status on create and update, whatever the kind's version defines.
                if (m_stack.empty() && child.key() == "status")
                    continue;
                push(child.key());
                const model::FieldPath at = here();
                pop();
                const QString key = QString::fromStdString(child.key());
                QString message = u"unknown field %1 in %2"_s.arg(quoted(pathText(at)), type.name);
                const QString suggestion = closestName(key, type.names);
                if (!suggestion.isEmpty())
                    message += u"; did you mean %1?"_s.arg(quoted(suggestion));
                m_out.push_back({SchemaProblemKind::UnknownField, at, message, false});
                continue;
            }
            push(child.key());
            walkValue(child, it->second->type);
            pop();
        }
        for (const FieldDef *field : type.required) {
            const model::Node *value = node.get(field->key);
            if (value && !value->isNull()
                && !(value->isScalar() && value->scalarKind() == model::ScalarKind::Null))
                continue;
            push(field->key);
            const model::FieldPath at = here();
            pop();
            m_out.push_back({SchemaProblemKind::MissingField,
                             at,
                             u"%1: Required value (%2 needs %3)"_s.arg(
                                 pathText(at), type.name, field->name),
                             false});
        }
    }

    void checkEnum(const model::Node &node, const FieldType &type)
    {
        const QString value = node.qtext();
        if (value.isEmpty() || type.values.contains(value))
            return;
        const model::FieldPath path = here();
        QStringList quotedValues;
        for (const QString &allowed : type.values)
            quotedValues.append(quoted(allowed));
        QString message = u"%1: Unsupported value: %2: supported values: %3"_s.arg(
            pathText(path), quoted(value), quotedValues.join(u", "_s));
        const QString suggestion = closestName(value, type.values);
        if (!suggestion.isEmpty())
            message += u"; did you mean %1?"_s.arg(quoted(suggestion));
        const bool placeholder = isPlaceholder(value);
        if (placeholder)
            message += placeholderNote(value);
        m_out.push_back({SchemaProblemKind::UnsupportedValue, path, message, placeholder});
    }

    std::vector<SchemaProblem> &m_out;
    std::vector<model::PathSegment> m_stack;
};

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(std::size_t(b.size()) + 1);
    for (std::size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[std::size_t(j)];
            const int cost = a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1;
            row[std::size_t(j)]
                = std::min({above + 1, row[std::size_t(j - 1)] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row.back();
}

} // namespace

QString closestName(const QString &name, const QStringList &candidates)
{
    // Up to one edit for short names, two from 6 characters, three from 12: what a typo does.
    const int limit = name.size() >= 12 ? 3 : name.size() >= 6 ? 2 : 1;
    QString best;
    int bestDistance = limit + 1;
    for (const QString &candidate : candidates) {
        if (candidate.isEmpty())
            continue;
        const int distance = editDistance(name, candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

bool hasSchema(const model::Object &object)
{
    return schema().root(object.apiVersion(), object.kind()) != nullptr;
}

const std::vector<SchemaProblem> &schemaProblems(const model::Object &object,
                                                 const RuleContext &context)
{
    if (context.scratch.object != object.id || !context.scratch.schema) {
        auto problems = std::make_shared<std::vector<SchemaProblem>>();
        if (const TypeDef *root = schema().root(object.apiVersion(), object.kind()))
            Walker(*problems).walkRoot(object.body, *root);
        context.scratch = {object.id, problems};
    }
    return *static_cast<const std::vector<SchemaProblem> *>(context.scratch.schema.get());
}

bool looksLikePatch(const model::Object &object, const RuleContext &context)
{
    const QString file = object.origin.file;
    const QString base = file.mid(file.lastIndexOf(u'/') + 1);
    if (base.contains(u"patch"_s, Qt::CaseInsensitive) || file.contains(u"/overlays/"_s))
        return true;
    const model::Object *first
        = context.index.find(object.kind(), object.effectiveNamespace(), object.name());
    return first && first != &object;
}

void reportSchemaProblems(const model::Object &object,
                          const RuleContext &context,
                          FindingSink &sink,
                          SchemaProblemKind kind)
{
    for (const SchemaProblem &problem : schemaProblems(object, context)) {
        if (problem.kind != kind)
            continue;
        if (kind == SchemaProblemKind::MissingField && looksLikePatch(object, context))
            sink.reportUncertain(problem.path,
                                 problem.message
                                     + u" (this looks like a kustomize patch or a second copy of "
                                       "the object: its base must set it)"_s);
        else if (problem.uncertain)
            sink.reportUncertain(problem.path, problem.message);
        else
            sink.report(problem.path, problem.message);
    }
}

} // namespace kstudio::sim::validate::rules
