// SPDX-License-Identifier: GPL-3.0-or-later
// Node: an ordered YAML-like tree that keeps what a manifest said exactly as it was written.
#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kstudio::model {

// A position in a source file, 1-based; line 0 means "not from a file".
struct Mark
{
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

enum class NodeType : std::uint8_t { Null, Scalar, Sequence, Mapping };

// How a scalar was written; kept so that export writes back what was read ("8080" stays quoted).
enum class ScalarStyle : std::uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

// What a scalar means once resolved the way Kubernetes' YAML decoder resolves it.
enum class ScalarKind : std::uint8_t { Null, Bool, Int, Float, String };

// One step of a field path: a mapping key or a sequence index.
struct PathSegment
{
    std::string key;
    int index = -1; // >= 0 for a sequence index; then key is empty
    bool isIndex() const { return index >= 0; }
    friend bool operator==(const PathSegment &, const PathSegment &) = default;
};

// A field path such as spec.template.spec.containers[0].image.
class FieldPath
{
public:
    FieldPath() = default;
    FieldPath(std::initializer_list<PathSegment> segments);
    // Parses "a.b[2].c"; a key holding dots is written ["app.kubernetes.io/name"].
    static FieldPath parse(std::string_view text);

    FieldPath child(std::string key) const;
    FieldPath child(int index) const;
    const std::vector<PathSegment> &segments() const { return m_segments; }
    bool isEmpty() const { return m_segments.empty(); }
    std::string toString() const;
    friend bool operator==(const FieldPath &, const FieldPath &) = default;

private:
    std::vector<PathSegment> m_segments;
};

// Interned mapping keys: manifests repeat the same few hundred keys, so a key costs a pointer.
// The pool lives for the program's lifetime and is safe to use from several threads.
const std::string *internKey(std::string_view key);

// A YAML node. Mappings keep their keys in the order written; each child carries its own key.
// Scalars keep their text and style; their meaning is resolved on demand (scalarKind()).
// Invariant: a mapping's children all have keys; a sequence's children have none.
class Node
{
public:
    Node() = default;
    static Node null();
    static Node scalar(std::string text, ScalarStyle style = ScalarStyle::Plain);
    // A scalar that stays a string whatever its text: quoted when plain would read otherwise.
    static Node string(std::string text);
    static Node integer(long long value);
    static Node boolean(bool value);
    static Node mapping(bool flow = false);
    static Node sequence(bool flow = false);

    NodeType type() const { return m_type; }
    bool isNull() const { return m_type == NodeType::Null; }
    bool isScalar() const { return m_type == NodeType::Scalar; }
    bool isMapping() const { return m_type == NodeType::Mapping; }
    bool isSequence() const { return m_type == NodeType::Sequence; }

    // Scalar text as written (after YAML unescaping); empty for other types.
    const std::string &text() const { return m_text; }
    QString qtext() const { return QString::fromStdString(m_text); }
    ScalarStyle scalarStyle() const { return m_scalarStyle; }
    bool isFlow() const { return m_flow; }
    void setFlow(bool flow) { m_flow = flow; }
    // Explicit tag (e.g. "!!binary", "!custom"), empty when none was written.
    const std::string &tag() const;
    void setTag(std::string_view tag);

    ScalarKind scalarKind() const;
    // Value accessors follow scalarKind(); they return nullopt when the node is not of that kind.
    std::optional<long long> toInt() const;
    std::optional<double> toDouble() const;
    std::optional<bool> toBool() const;
    // The text of a string scalar, or of any scalar (numbers, bools) when lenient is true.
    std::optional<std::string> toString(bool lenient = false) const;

    // Mapping access.
    const std::string &key() const;
    ScalarStyle keyStyle() const { return m_keyStyle; }
    void setKey(std::string_view key, ScalarStyle style = ScalarStyle::Plain);
    const Node *get(std::string_view key) const;
    Node *get(std::string_view key);
    // Sets or appends key; returns the stored child.
    Node &set(std::string_view key, Node value);
    bool remove(std::string_view key);

    // Sequence access.
    Node &append(Node value);

    // Children: sequence items or mapping values (each with its key()).
    const std::vector<Node> &children() const { return m_children; }
    std::vector<Node> &children() { return m_children; }
    std::size_t size() const { return m_children.size(); }

    // Path access; nullptr when absent.
    const Node *at(const FieldPath &path) const;
    Node *at(const FieldPath &path);

    Mark mark() const { return m_mark; }
    void setMark(Mark mark) { m_mark = mark; }

    // Structural equality of meaning: same types, keys in the same order, same scalar meaning
    // (a quoted "80" differs from a plain 80; plain 0x10 equals plain 16). Marks are ignored.
    bool sameValue(const Node &other) const;
    // Exact equality: as sameValue, plus same scalar text and styles.
    friend bool operator==(const Node &a, const Node &b);

    // Counts this node and all below it.
    std::size_t treeSize() const;

private:
    std::string m_text;
    std::vector<Node> m_children;
    const std::string *m_key = nullptr;
    const std::string *m_tag = nullptr;
    Mark m_mark;
    NodeType m_type = NodeType::Null;
    ScalarStyle m_scalarStyle = ScalarStyle::Plain;
    ScalarStyle m_keyStyle = ScalarStyle::Plain;
    bool m_flow = false;
};

// Resolves a plain scalar the way Kubernetes' YAML decoding resolves untyped values
// (sigs.k8s.io/yaml goyaml.v3 semantics: true/false only as bools, YAML 1.1 octal 0755,
// ~/null as null, decimal/hex/octal ints, floats incl. 1e3 and .inf). Quoted scalars are strings.
ScalarKind resolvePlainScalar(std::string_view text);

} // namespace kstudio::model
