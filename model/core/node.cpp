// SPDX-License-Identifier: GPL-3.0-or-later
// Node tree, field paths and Kubernetes-compatible scalar resolution.
#include "node.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <unordered_set>

namespace kstudio::model {

namespace {

const std::string &emptyString()
{
    static const std::string empty;
    return empty;
}

struct KeyPool
{
    std::mutex mutex;
    std::unordered_set<std::string> keys;
};

KeyPool &keyPool()
{
    static KeyPool *pool = new KeyPool; // never destroyed: interned pointers outlive everything
    return *pool;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Go's strconv.ParseInt(s, 0, 64) after goyaml removed '_': sign, then 0x/0o/0b/0 prefixes.
std::optional<long long> parseGoInt(std::string_view in)
{
    std::string s;
    s.reserve(in.size());
    for (char c : in) {
        if (c != '_')
            s.push_back(c);
    }
    std::string_view v = s;
    bool negative = false;
    if (!v.empty() && (v.front() == '+' || v.front() == '-')) {
        negative = v.front() == '-';
        v.remove_prefix(1);
    }
    if (v.empty())
        return std::nullopt;
    int base = 10;
    if (v.size() > 1 && v[0] == '0') {
        if (v[1] == 'x' || v[1] == 'X') {
            base = 16;
            v.remove_prefix(2);
        } else if (v[1] == 'o' || v[1] == 'O') {
            base = 8;
            v.remove_prefix(2);
        } else if (v[1] == 'b' || v[1] == 'B') {
            base = 2;
            v.remove_prefix(2);
        } else {
            base = 8;
            v.remove_prefix(1);
        }
    }
    if (v.empty())
        return std::nullopt;
    unsigned long long magnitude = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), magnitude, base);
    if (ec != std::errc() || end != v.data() + v.size())
        return std::nullopt;
    if (negative) {
        if (magnitude > 9223372036854775808ULL)
            return std::nullopt;
        return static_cast<long long>(0ULL - magnitude);
    }
    if (magnitude > 9223372036854775807ULL)
        return std::nullopt;
    return static_cast<long long>(magnitude);
}

// goyaml's yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool isYamlFloat(std::string_view s)
{
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        ++i;
    if (i < s.size() && s[i] == '.') {
        ++i;
        const std::size_t start = i;
        while (i < s.size() && isDigit(s[i]))
            ++i;
        if (i == start)
            return false;
    } else {
        const std::size_t start = i;
        while (i < s.size() && isDigit(s[i]))
            ++i;
        if (i == start)
            return false;
        if (i < s.size() && s[i] == '.') {
            ++i;
            while (i < s.size() && isDigit(s[i]))
                ++i;
        }
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        const std::size_t start = i;
        while (i < s.size() && isDigit(s[i]))
            ++i;
        if (i == start)
            return false;
    }
    return i == s.size();
}

bool isOneOf(std::string_view s, std::initializer_list<std::string_view> values)
{
    return std::find(values.begin(), values.end(), s) != values.end();
}

bool isNullText(std::string_view s)
{
    return isOneOf(s, {"", "~", "null", "Null", "NULL"});
}

bool isTrueText(std::string_view s)
{
    return isOneOf(s, {"true", "True", "TRUE"});
}

bool isFalseText(std::string_view s)
{
    return isOneOf(s, {"false", "False", "FALSE"});
}

std::optional<double> specialFloat(std::string_view s)
{
    if (isOneOf(s, {".nan", ".NaN", ".NAN"}))
        return std::nan("");
    if (isOneOf(s, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}))
        return HUGE_VAL;
    if (isOneOf(s, {"-.inf", "-.Inf", "-.INF"}))
        return -HUGE_VAL;
    return std::nullopt;
}

} // namespace

const std::string *internKey(std::string_view key)
{
    KeyPool &pool = keyPool();
    std::lock_guard lock(pool.mutex);
    return &*pool.keys.emplace(key).first;
}

ScalarKind resolvePlainScalar(std::string_view s)
{
    if (isNullText(s))
        return ScalarKind::Null;
    const char first = s.front();
    if (first == 't' || first == 'T' || first == 'f' || first == 'F') {
        if (isTrueText(s) || isFalseText(s))
            return ScalarKind::Bool;
        return ScalarKind::String;
    }
    if (first == '.' || first == '+' || first == '-' || isDigit(first)) {
        if (specialFloat(s))
            return ScalarKind::Float;
        if (first != '.' && parseGoInt(s))
            return ScalarKind::Int;
        std::string plain(s);
        std::erase(plain, '_');
        if (isYamlFloat(first == '.' ? std::string(s) : plain))
            return ScalarKind::Float;
    }
    return ScalarKind::String;
}

// ---- FieldPath ----

FieldPath::FieldPath(std::initializer_list<PathSegment> segments)
    : m_segments(segments)
{}

FieldPath FieldPath::parse(std::string_view text)
{
    FieldPath path;
    std::size_t i = 0;
    std::string current;
    bool haveCurrent = false;
    auto flush = [&] {
        if (haveCurrent)
            path.m_segments.push_back({std::move(current), -1});
        current.clear();
        haveCurrent = false;
    };
    while (i < text.size()) {
        const char c = text[i];
        if (c == '.') {
            flush();
            ++i;
        } else if (c == '[') {
            flush();
            const std::size_t close = text.find(']', i);
            if (close == std::string_view::npos)
                return path;
            std::string_view inner = text.substr(i + 1, close - i - 1);
            if (!inner.empty() && (inner.front() == '"' || inner.front() == '\'')) {
                path.m_segments.push_back({std::string(inner.substr(1, inner.size() - 2)), -1});
            } else {
                int index = 0;
                std::from_chars(inner.data(), inner.data() + inner.size(), index);
                path.m_segments.push_back({{}, index});
            }
            i = close + 1;
        } else {
            current.push_back(c);
            haveCurrent = true;
            ++i;
        }
    }
    flush();
    return path;
}

FieldPath FieldPath::child(std::string key) const
{
    FieldPath path = *this;
    path.m_segments.push_back({std::move(key), -1});
    return path;
}

FieldPath FieldPath::child(int index) const
{
    FieldPath path = *this;
    path.m_segments.push_back({{}, index});
    return path;
}

std::string FieldPath::toString() const
{
    std::string out;
    for (const PathSegment &segment : m_segments) {
        if (segment.isIndex()) {
            out += '[' + std::to_string(segment.index) + ']';
        } else if (segment.key.find_first_of(".[]") != std::string::npos) {
            out += "[\"" + segment.key + "\"]";
        } else {
            if (!out.empty())
                out += '.';
            out += segment.key;
        }
    }
    return out;
}

// ---- Node ----

Node Node::null()
{
    return Node();
}

Node Node::scalar(std::string text, ScalarStyle style)
{
    Node node;
    node.m_type = NodeType::Scalar;
    node.m_text = std::move(text);
    node.m_scalarStyle = style;
    return node;
}

Node Node::string(std::string text)
{
    // Plain when YAML reads it back as this string in block and flow context alike: ':' only
    // inside a word ("nginx:1.27", not "a: b" or "a:"), '#' only inside a word ("a#b").
    const bool plainIsString = !text.empty() && resolvePlainScalar(text) == ScalarKind::String
                               && text.find_first_of("{}[],&*!|>'\"%@`\n\t") == std::string::npos
                               && text.find(": ") == std::string::npos && text.find(" #") == std::string::npos
                               && text.front() != ':' && text.back() != ':' && text.front() != '#'
                               && text.front() != ' ' && text.back() != ' ' && text.front() != '-'
                               && text.front() != '?';
    return scalar(std::move(text), plainIsString ? ScalarStyle::Plain : ScalarStyle::DoubleQuoted);
}

Node Node::integer(long long value)
{
    return scalar(std::to_string(value));
}

Node Node::boolean(bool value)
{
    return scalar(value ? "true" : "false");
}

Node Node::mapping(bool flow)
{
    Node node;
    node.m_type = NodeType::Mapping;
    node.m_flow = flow;
    return node;
}

Node Node::sequence(bool flow)
{
    Node node;
    node.m_type = NodeType::Sequence;
    node.m_flow = flow;
    return node;
}

const std::string &Node::tag() const
{
    return m_tag ? *m_tag : emptyString();
}

void Node::setTag(std::string_view tag)
{
    m_tag = tag.empty() ? nullptr : internKey(tag);
}

ScalarKind Node::scalarKind() const
{
    switch (m_type) {
    case NodeType::Null:
        return ScalarKind::Null;
    case NodeType::Sequence:
    case NodeType::Mapping:
        return ScalarKind::String;
    case NodeType::Scalar:
        break;
    }
    if (m_tag) {
        // goyaml.v2 resolve(): only these tags are resolved; any other tag (a custom "!foo", the
        // non-specific "!") leaves the scalar as the string it was written as.
        const std::string &t = *m_tag;
        if (t == "!!int" || t == "tag:yaml.org,2002:int")
            return ScalarKind::Int;
        if (t == "!!float" || t == "tag:yaml.org,2002:float")
            return ScalarKind::Float;
        if (t == "!!bool" || t == "tag:yaml.org,2002:bool")
            return ScalarKind::Bool;
        if (t == "!!null" || t == "tag:yaml.org,2002:null")
            return ScalarKind::Null;
        return ScalarKind::String;
    }
    if (m_scalarStyle != ScalarStyle::Plain)
        return ScalarKind::String;
    return resolvePlainScalar(m_text);
}

std::optional<long long> Node::toInt() const
{
    if (scalarKind() == ScalarKind::Int)
        return parseGoInt(m_text);
    if (scalarKind() == ScalarKind::Float) {
        const auto d = toDouble();
        if (d && std::isfinite(*d) && *d == std::floor(*d) && std::fabs(*d) < 9.2e18)
            return static_cast<long long>(*d);
    }
    return std::nullopt;
}

std::optional<double> Node::toDouble() const
{
    const ScalarKind kind = scalarKind();
    if (kind == ScalarKind::Int) {
        if (const auto i = parseGoInt(m_text))
            return static_cast<double>(*i);
        return std::nullopt;
    }
    if (kind != ScalarKind::Float)
        return std::nullopt;
    if (const auto special = specialFloat(m_text))
        return special;
    std::string plain = m_text;
    std::erase(plain, '_');
    char *end = nullptr;
    const double value = std::strtod(plain.c_str(), &end);
    if (end != plain.c_str() + plain.size())
        return std::nullopt;
    return value;
}

std::optional<bool> Node::toBool() const
{
    if (scalarKind() != ScalarKind::Bool)
        return std::nullopt;
    return isTrueText(m_text);
}

std::optional<std::string> Node::toString(bool lenient) const
{
    if (m_type != NodeType::Scalar)
        return std::nullopt;
    if (lenient || scalarKind() == ScalarKind::String)
        return m_text;
    return std::nullopt;
}

const std::string &Node::key() const
{
    return m_key ? *m_key : emptyString();
}

void Node::setKey(std::string_view key, ScalarStyle style)
{
    m_key = internKey(key);
    m_keyStyle = style;
}

const Node *Node::get(std::string_view key) const
{
    if (m_type != NodeType::Mapping)
        return nullptr;
    for (const Node &child : m_children) {
        if (*child.m_key == key)
            return &child;
    }
    return nullptr;
}

Node *Node::get(std::string_view key)
{
    return const_cast<Node *>(std::as_const(*this).get(key));
}

Node &Node::set(std::string_view key, Node value)
{
    if (m_type == NodeType::Null)
        m_type = NodeType::Mapping;
    Q_ASSERT(m_type == NodeType::Mapping);
    if (Node *existing = get(key)) {
        const std::string *keyPtr = existing->m_key;
        const ScalarStyle keyStyle = existing->m_keyStyle;
        *existing = std::move(value);
        existing->m_key = keyPtr;
        existing->m_keyStyle = keyStyle;
        return *existing;
    }
    value.setKey(key);
    m_children.push_back(std::move(value));
    return m_children.back();
}

bool Node::remove(std::string_view key)
{
    const auto it = std::find_if(m_children.begin(), m_children.end(), [&](const Node &child) {
        return child.m_key && *child.m_key == key;
    });
    if (it == m_children.end())
        return false;
    m_children.erase(it);
    return true;
}

Node &Node::append(Node value)
{
    if (m_type == NodeType::Null)
        m_type = NodeType::Sequence;
    Q_ASSERT(m_type == NodeType::Sequence);
    value.m_key = nullptr;
    m_children.push_back(std::move(value));
    return m_children.back();
}

const Node *Node::at(const FieldPath &path) const
{
    const Node *node = this;
    for (const PathSegment &segment : path.segments()) {
        if (segment.isIndex()) {
            if (node->m_type != NodeType::Sequence
                || segment.index >= static_cast<int>(node->m_children.size()))
                return nullptr;
            node = &node->m_children[static_cast<std::size_t>(segment.index)];
        } else {
            node = node->get(segment.key);
            if (!node)
                return nullptr;
        }
    }
    return node;
}

Node *Node::at(const FieldPath &path)
{
    return const_cast<Node *>(std::as_const(*this).at(path));
}

static bool sameScalarMeaning(const Node &a, const Node &b)
{
    const ScalarKind kind = a.scalarKind();
    if (kind != b.scalarKind())
        return false;
    switch (kind) {
    case ScalarKind::Null:
        return true;
    case ScalarKind::Bool:
        return a.toBool() == b.toBool();
    case ScalarKind::Int:
        return a.toInt() == b.toInt();
    case ScalarKind::Float: {
        const auto x = a.toDouble();
        const auto y = b.toDouble();
        return x == y || (x && y && std::isnan(*x) && std::isnan(*y));
    }
    case ScalarKind::String:
        return a.text() == b.text();
    }
    return false;
}

bool Node::sameValue(const Node &other) const
{
    const bool thisNullish = m_type == NodeType::Null
                             || (m_type == NodeType::Scalar && scalarKind() == ScalarKind::Null);
    const bool otherNullish = other.m_type == NodeType::Null
                              || (other.m_type == NodeType::Scalar
                                  && other.scalarKind() == ScalarKind::Null);
    if (thisNullish || otherNullish)
        return thisNullish && otherNullish;
    if (m_type != other.m_type)
        return false;
    if (m_type == NodeType::Scalar)
        return sameScalarMeaning(*this, other);
    if (m_children.size() != other.m_children.size())
        return false;
    for (std::size_t i = 0; i < m_children.size(); ++i) {
        if (m_type == NodeType::Mapping && m_children[i].key() != other.m_children[i].key())
            return false;
        if (!m_children[i].sameValue(other.m_children[i]))
            return false;
    }
    return true;
}

bool operator==(const Node &a, const Node &b)
{
    if (a.m_type != b.m_type || a.m_text != b.m_text || a.m_scalarStyle != b.m_scalarStyle
        || a.tag() != b.tag() || a.m_children.size() != b.m_children.size())
        return false;
    for (std::size_t i = 0; i < a.m_children.size(); ++i) {
        const Node &x = a.m_children[i];
        const Node &y = b.m_children[i];
        if (x.key() != y.key() || !(x == y))
            return false;
    }
    return true;
}

std::size_t Node::treeSize() const
{
    std::size_t total = 1;
    for (const Node &child : m_children)
        total += child.treeSize();
    return total;
}

} // namespace kstudio::model
