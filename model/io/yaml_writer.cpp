// SPDX-License-Identifier: GPL-3.0-or-later
// YAML emitter. Hand-written because yaml-cpp 0.7's emitter drops quotes ("yes", "1.10", "08"
// come out plain and change meaning) and is slow; this one writes what was read.
#include "yaml_writer.h"

#include <string_view>

namespace kstudio::model {

namespace {

constexpr std::size_t flowLineLimit = 100;

bool isPrintable(unsigned char c)
{
    return c >= 0x20 && c != 0x7F;
}

// Length of a UTF-8 sequence at i that YAML does not allow unescaped (YAML 1.1 c-printable:
// not the C1 controls U+0080..U+009F other than NEL U+0085, nor U+FFFE and U+FFFF; libyaml
// refuses such a stream), or 0.
std::size_t nonPrintableUnicodeAt(std::string_view s, std::size_t i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    if (byte(i) == 0xC2 && i + 1 < s.size() && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F
        && byte(i + 1) != 0x85)
        return 2;
    if (byte(i) == 0xEF && i + 2 < s.size() && byte(i + 1) == 0xBF
        && (byte(i + 2) == 0xBE || byte(i + 2) == 0xBF))
        return 3;
    return 0;
}

bool hasNonPrintableUnicode(std::string_view s)
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (static_cast<unsigned char>(s[i]) >= 0xC2 && nonPrintableUnicodeAt(s, i))
            return true;
    }
    return false;
}

// Can text be written as a plain scalar (in block or flow context) and read back as the same
// text? Whether it then resolves to a string is the caller's concern.
bool isSafePlain(std::string_view s, bool flow)
{
    if (s.empty())
        return false;
    const char first = s.front();
    if (first == ' ' || s.back() == ' ' || s.back() == ':')
        return false;
    if (std::string_view("?:,[]{}#&*!|>'\"%@`").find(first) != std::string_view::npos)
        return false;
    if (first == '-') {
        if (s.size() == 1 || s[1] == ' ')
            return false;
        if (s.starts_with("---"))
            return false;
    }
    if (s == "..." || hasNonPrintableUnicode(s))
        return false;
    if (s.starts_with("\xEF\xBB\xBF")) // a leading U+FEFF would be read as a byte-order mark
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80 && !isPrintable(c))
            return false;
        if (c == ':' && i + 1 < s.size() && (s[i + 1] == ' ' || (flow && std::string_view(",[]{}").find(s[i + 1]) != std::string_view::npos)))
            return false;
        if (c == '#' && s[i - 1] == ' ')
            return false;
        if (flow && std::string_view(",[]{}").find(static_cast<char>(c)) != std::string_view::npos)
            return false;
    }
    return true;
}

void appendSingleQuoted(std::string &out, std::string_view s)
{
    out += '\'';
    for (char ch : s) {
        if (ch == '\'')
            out += '\'';
        out += ch;
    }
    out += '\'';
}

bool canBeSingleQuoted(std::string_view s)
{
    if (hasNonPrintableUnicode(s))
        return false;
    for (char ch : s) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c < 0x80 && !isPrintable(c))
            return false;
    }
    return true;
}

// A literal block keeps text exactly when: it is not empty, has no CR or other control
// characters but tab, its first line does not start with a space (which would need an
// indentation indicator) and no line is made of spaces only.
bool canBeLiteral(std::string_view s)
{
    if (s.empty() || s.front() == '\n' || hasNonPrintableUnicode(s))
        return false;
    if (s.front() == ' ' || s.front() == '\t')
        return false;
    std::size_t lineStart = 0;
    bool onlySpaces = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '\n') {
            if (onlySpaces && i > lineStart)
                return false;
            lineStart = i + 1;
            onlySpaces = true;
            continue;
        }
        if (c != '\t' && c < 0x80 && !isPrintable(c))
            return false;
        if (c != ' ')
            onlySpaces = false;
    }
    return !(onlySpaces && s.size() > lineStart);
}

// A folded block keeps text exactly when it could be a literal one and no line starts or ends
// with white space (folding treats more-indented lines and trailing blanks specially).
bool canBeFolded(std::string_view s)
{
    if (!canBeLiteral(s))
        return false;
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t end = s.find('\n', start);
        if (end == std::string_view::npos)
            end = s.size();
        if (end > start) {
            const char first = s[start];
            const char last = s[end - 1];
            if (first == ' ' || first == '\t' || last == ' ' || last == '\t')
                return false;
        }
        start = end + 1;
    }
    return true;
}

void appendIndent(std::string &out, int indent)
{
    out.append(static_cast<std::size_t>(indent), ' ');
}

// A tag holding a flow indicator would end early inside [...] or {...}; the verbatim form
// !<...> carries any tag.
void appendTag(std::string &out, const Node &node, bool flow = false)
{
    const std::string &tag = node.tag();
    if (tag.empty())
        return;
    if (flow && tag.find_first_of(",[]{}") != std::string::npos) {
        out += "!<";
        out += tag;
        out += '>';
    } else {
        out += tag;
    }
    out += ' ';
}

// Writes a scalar that fits on the current line (not a block scalar).
void appendInlineScalar(std::string &out, const Node &node, bool flow)
{
    const std::string &text = node.text();
    switch (node.scalarStyle()) {
    case ScalarStyle::Plain:
        if (isSafePlain(text, flow) || (text.empty() && !flow)) {
            out += text;
            return;
        }
        if (text.empty()) {
            // Inside [...] or {...} an empty plain scalar must be spelled: "null" means the
            // same, unless a tag makes it a string, then "" does.
            out += node.tag().empty() ? "null" : "\"\"";
            return;
        }
        break;
    case ScalarStyle::SingleQuoted:
        if (canBeSingleQuoted(text)) {
            appendSingleQuoted(out, text);
            return;
        }
        break;
    case ScalarStyle::DoubleQuoted:
    case ScalarStyle::Literal:
    case ScalarStyle::Folded:
        break;
    }
    appendDoubleQuotedScalar(out, text);
}

void appendKey(std::string &out, const Node &child, bool flow)
{
    // Keys are always strings to Kubernetes (sigs.k8s.io/yaml turns 8080: or true: into "8080"
    // and "true"), so a key is written plain whenever plain reads back as the same string.
    const std::string &key = child.key();
    if (isSafePlain(key, flow) && resolvePlainScalar(key) == ScalarKind::String) {
        out += key;
    } else if (child.keyStyle() == ScalarStyle::SingleQuoted && canBeSingleQuoted(key)) {
        appendSingleQuoted(out, key);
    } else {
        appendDoubleQuotedScalar(out, key);
    }
}

void appendFlow(std::string &out, const Node &node)
{
    appendTag(out, node, true);
    switch (node.type()) {
    case NodeType::Null:
        out += "null";
        return;
    case NodeType::Scalar:
        appendInlineScalar(out, node, true);
        return;
    case NodeType::Sequence: {
        out += '[';
        bool first = true;
        for (const Node &item : node.children()) {
            if (!first)
                out += ", ";
            first = false;
            appendFlow(out, item);
        }
        out += ']';
        return;
    }
    case NodeType::Mapping: {
        out += '{';
        bool first = true;
        for (const Node &child : node.children()) {
            if (!first)
                out += ", ";
            first = false;
            appendKey(out, child, true);
            out += ": ";
            appendFlow(out, child);
        }
        out += '}';
        return;
    }
    }
}

bool hasBlockOnlyContent(const Node &node)
{
    if (node.isScalar())
        return node.text().find('\n') != std::string::npos;
    for (const Node &child : node.children()) {
        if (hasBlockOnlyContent(child))
            return true;
    }
    return false;
}

// Collections written in flow style: empty ones, and flow ones short enough for one line.
bool writeAsFlow(const Node &node, std::string &rendered)
{
    if (node.children().empty()) {
        rendered.clear();
        if (!node.tag().empty()) {
            rendered.append(node.tag());
            rendered.push_back(' ');
        }
        rendered.append(node.isMapping() ? "{}" : "[]");
        return true;
    }
    if (!node.isFlow() || node.treeSize() > 24 || hasBlockOnlyContent(node))
        return false;
    rendered.clear();
    appendFlow(rendered, node);
    return rendered.size() <= flowLineLimit;
}

class BlockWriter
{
public:
    explicit BlockWriter(std::string &out)
        : m_out(out)
    {}

    void mapping(const Node &node, int indent, bool inlineFirst)
    {
        bool first = true;
        for (const Node &child : node.children()) {
            if (!first || !inlineFirst)
                appendIndent(m_out, indent);
            first = false;
            appendKey(m_out, child, false);
            m_out += ':';
            value(child, indent, false);
        }
    }

    void sequence(const Node &node, int indent, bool inlineFirst)
    {
        bool first = true;
        for (const Node &item : node.children()) {
            if (!first || !inlineFirst)
                appendIndent(m_out, indent);
            first = false;
            m_out += '-';
            value(item, indent, true);
        }
    }

    // Writes what follows "key:" or "-" (nothing written yet after the indicator), ending the line.
    void value(const Node &node, int indent, bool afterDash)
    {
        switch (node.type()) {
        case NodeType::Null:
            if (!node.tag().empty()) {
                m_out += ' ';
                m_out += node.tag();
            }
            m_out += '\n';
            return;
        case NodeType::Scalar:
            if (node.text().empty() && node.scalarStyle() == ScalarStyle::Plain
                && node.tag().empty()) {
                m_out += '\n';
                return;
            }
            m_out += ' ';
            appendTag(m_out, node);
            scalar(node, indent);
            return;
        case NodeType::Mapping:
        case NodeType::Sequence:
            break;
        }
        std::string rendered;
        if (writeAsFlow(node, rendered)) {
            m_out += ' ';
            m_out += rendered;
            m_out += '\n';
            return;
        }
        if (!node.tag().empty()) {
            m_out += ' ';
            m_out += node.tag();
        }
        if (node.isMapping()) {
            if (afterDash && node.tag().empty()) {
                m_out += ' ';
                mapping(node, indent + 2, true);
            } else {
                m_out += '\n';
                mapping(node, indent + 2, false);
            }
            return;
        }
        if (afterDash && node.tag().empty()) {
            m_out += ' ';
            sequence(node, indent + 2, true);
        } else {
            m_out += '\n';
            sequence(node, afterDash ? indent + 2 : indent, false);
        }
    }

private:
    void scalar(const Node &node, int indent)
    {
        const std::string &text = node.text();
        if (node.scalarStyle() == ScalarStyle::Folded && canBeFolded(text)) {
            block(text, indent + 2, true);
            return;
        }
        const bool isBlock = node.scalarStyle() == ScalarStyle::Literal
                             || node.scalarStyle() == ScalarStyle::Folded;
        if (isBlock && canBeLiteral(text)) {
            block(text, indent + 2, false);
            return;
        }
        appendInlineScalar(m_out, node, false);
        m_out += '\n';
    }

    // A literal block, or a folded one: there each line break of the text is written as an
    // empty line, since folding turns a single break between two lines into a space.
    void block(std::string_view text, int indent, bool folded)
    {
        std::size_t trailing = 0;
        while (trailing < text.size() && text[text.size() - 1 - trailing] == '\n')
            ++trailing;
        m_out += folded ? '>' : '|';
        m_out += trailing == 0 ? "-" : (trailing == 1 ? "" : "+");
        m_out += '\n';
        std::string_view body = text.substr(0, text.size() - trailing);
        std::size_t start = 0;
        while (start <= body.size()) {
            std::size_t end = body.find('\n', start);
            if (end == std::string_view::npos)
                end = body.size();
            if (end > start) {
                appendIndent(m_out, indent);
                m_out.append(body.substr(start, end - start));
            }
            m_out += '\n';
            if (folded && end < body.size())
                m_out += '\n';
            start = end + 1;
        }
        for (std::size_t i = 1; i < trailing; ++i)
            m_out += '\n';
    }

    std::string &m_out;
};

} // namespace

void appendDoubleQuotedScalar(std::string &out, std::string_view s)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char ch = s[i];
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c >= 0xC2) {
            if (const std::size_t length = nonPrintableUnicodeAt(s, i)) {
                if (length == 2) { // U+0080..U+009F: \xNN is that code point
                    const unsigned char low = static_cast<unsigned char>(s[i + 1]);
                    out += "\\x";
                    out += hex[low >> 4];
                    out += hex[low & 0xF];
                } else {
                    out += static_cast<unsigned char>(s[i + 2]) == 0xBE ? "\\uFFFE" : "\\uFFFF";
                }
                i += length - 1;
                continue;
            }
        }
        switch (ch) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (c < 0x20 || c == 0x7F) {
                out += "\\x";
                out += hex[c >> 4];
                out += hex[c & 0xF];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

void appendYaml(std::string &out, const Node &document)
{
    BlockWriter writer(out);
    std::string rendered;
    switch (document.type()) {
    case NodeType::Null:
        out += "null\n";
        return;
    case NodeType::Scalar:
        appendTag(out, document);
        appendInlineScalar(out, document, false);
        out += '\n';
        return;
    case NodeType::Mapping:
    case NodeType::Sequence:
        break;
    }
    if (document.children().empty() || !document.tag().empty()) {
        appendFlow(out, document);
        out += '\n';
        return;
    }
    if (document.isMapping())
        writer.mapping(document, 0, false);
    else
        writer.sequence(document, 0, false);
}

std::string writeYaml(const Node &document)
{
    std::string out;
    appendYaml(out, document);
    return out;
}

std::string writeYamlStream(const std::vector<const Node *> &documents)
{
    std::string out;
    out.reserve(documents.size() * 512); // about the size of a typical manifest
    bool first = true;
    for (const Node *document : documents) {
        if (!first)
            out += "---\n";
        first = false;
        appendYaml(out, *document);
    }
    return out;
}

} // namespace kstudio::model
