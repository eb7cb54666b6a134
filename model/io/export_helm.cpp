// SPDX-License-Identifier: GPL-3.0-or-later
// Helm chart export. Each object becomes a template written by the YAML writer from a copy of
// its body in which the fields a chart user overrides are placeholders (tokens); after writing,
// "{{" in the design's own text is escaped and the tokens are replaced by template actions.
// Layout and helpers follow `helm create` (helm/helm pkg/chart/v2/util/create.go); the chart
// API is Helm's v2 chart (https://helm.sh/docs/topics/charts/).
#include "export_helm.h"

#include <model/io/export_manifests.h>
#include <model/io/yaml_writer.h>
#include <model/kinds/kind_registry.h>
#include <model/kinds/views.h>

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QSet>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

namespace kstudio::model {

namespace {

constexpr std::string_view scalarTokenPrefix = "__KSTPL_";
constexpr std::string_view lineTokenPrefix = "__KSLINE_";

std::string str(const QString &text)
{
    return text.toStdString();
}

// JSON string literal: also a valid YAML double-quoted scalar and a Go template string literal.
std::string yamlQuoted(std::string_view text)
{
    std::string out;
    appendDoubleQuotedScalar(out, text);
    return out;
}

// Placeholders in a copy of an object's body, replaced by template text after writing.
class Templater
{
public:
    // A scalar node standing for template text (inline where the scalar was).
    Node scalar(std::string replacement)
    {
        m_scalars.push_back(std::move(replacement));
        return Node::scalar(std::string(scalarTokenPrefix) + std::to_string(m_scalars.size() - 1) + "__");
    }
    // A mapping key whose whole line is replaced by lines of template text, each indented like
    // the key; "%N%" in them becomes the key's column + 2 (for nindent).
    std::string lineKey(std::vector<std::string> lines)
    {
        m_lines.push_back(std::move(lines));
        return std::string(lineTokenPrefix) + std::to_string(m_lines.size() - 1) + "__";
    }

    std::string finish(const std::string &yaml) const
    {
        const std::string escaped = escapeForTemplate(yaml);
        std::string out;
        out.reserve(escaped.size() + 256);
        std::size_t pos = 0;
        while (pos < escaped.size()) {
            std::size_t end = escaped.find('\n', pos);
            if (end == std::string::npos)
                end = escaped.size();
            const std::string_view line(escaped.data() + pos, end - pos);
            const std::size_t at = line.find(lineTokenPrefix);
            if (at != std::string_view::npos) {
                const std::size_t indent = line.find_first_not_of(' ');
                const std::size_t number = at + lineTokenPrefix.size();
                const int index = std::stoi(std::string(line.substr(number, line.find('_', number) - number)));
                const std::string pad(indent, ' ');
                for (std::string text : m_lines[static_cast<std::size_t>(index)]) {
                    for (std::size_t n = text.find("%N%"); n != std::string::npos; n = text.find("%N%"))
                        text.replace(n, 3, std::to_string(indent + 2));
                    out += pad;
                    out += text;
                    out += '\n';
                }
            } else {
                appendScalars(out, line);
                out += '\n';
            }
            pos = end + 1;
        }
        return out;
    }

private:
    void appendScalars(std::string &out, std::string_view line) const
    {
        std::size_t pos = 0;
        while (true) {
            const std::size_t at = line.find(scalarTokenPrefix, pos);
            if (at == std::string_view::npos) {
                out.append(line.substr(pos));
                return;
            }
            const std::size_t number = at + scalarTokenPrefix.size();
            const std::size_t close = line.find("__", number);
            out.append(line.substr(pos, at - pos));
            out += m_scalars[std::stoul(std::string(line.substr(number, close - number)))];
            pos = close + 2;
        }
    }

    std::vector<std::string> m_scalars;
    std::vector<std::vector<std::string>> m_lines;
};

// Inserts key before the mapping's key at position (or appends), never first in a mapping
// that is a sequence item: its line would start with "- ", which a template line cannot keep.
Node &insertKey(Node &mapping, const std::string &key, Node value, std::size_t position, bool sequenceItem)
{
    auto &children = mapping.children();
    if (sequenceItem && position == 0 && !children.empty())
        position = 1;
    position = std::min(position, children.size());
    value.setKey(key);
    children.insert(children.begin() + static_cast<std::ptrdiff_t>(position), std::move(value));
    if (sequenceItem) {
        // Keep a key of the design first: a later insertion may have pushed a token there.
        const auto design = std::find_if(children.begin(), children.end(), [](const Node &child) {
            return child.key().rfind(lineTokenPrefix, 0) != 0;
        });
        if (design != children.end() && design != children.begin())
            std::rotate(children.begin(), design, design + 1);
    }
    return *std::find_if(children.begin(), children.end(), [&](const Node &child) { return child.key() == key; });
}

std::size_t indexOf(const Node &mapping, std::string_view key)
{
    const auto &children = mapping.children();
    for (std::size_t i = 0; i < children.size(); ++i) {
        if (children[i].key() == key)
            return i;
    }
    return children.size();
}

Node *mappingAt(Node &node, std::string_view key)
{
    Node *child = node.get(key);
    return child && child->isMapping() ? child : nullptr;
}

void block(Node &node)
{
    node.setFlow(false);
}

const char *const workloadKinds[] = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
                                     "ReplicationController", "Job", "CronJob", "Pod"};
const char *const scaledKinds[] = {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"};
// Kinds whose names carry the release prefix (see the header): the chart's own objects.
const char *const prefixedKinds[] = {
    "ConfigMap", "Service", "ServiceAccount", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
    "ReplicationController", "Job", "CronJob", "Pod", "PersistentVolumeClaim", "Role", "RoleBinding",
    "ClusterRole", "ClusterRoleBinding", "NetworkPolicy", "PodDisruptionBudget",
    "HorizontalPodAutoscaler", "Ingress", "ResourceQuota", "LimitRange",
    "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"};

template<std::size_t N>
bool isOneOf(const QString &kind, const char *const (&list)[N])
{
    return std::any_of(std::begin(list), std::end(list), [&](const char *k) { return kind == QLatin1String(k); });
}

QString camelKey(const QString &name)
{
    QString out;
    bool upper = false;
    for (const QChar c : name) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            if (out.isEmpty())
                out.append(c.toLower());
            else
                out.append(upper ? c.toUpper() : c);
            upper = false;
        } else {
            upper = !out.isEmpty();
        }
    }
    if (out.isEmpty() || out.front().isDigit())
        out.prepend(QLatin1Char('x'));
    return out;
}

struct ImageParts
{
    std::string repository;
    std::string tag;
    std::string digest;
};

// reference := name [ ":" tag ] [ "@" digest ] (distribution/reference grammar): the tag is
// after the last ':' that follows the last '/'.
ImageParts splitImage(const std::string &image)
{
    ImageParts parts;
    std::string rest = image;
    if (const std::size_t at = rest.find('@'); at != std::string::npos) {
        parts.digest = rest.substr(at + 1);
        rest.resize(at);
    }
    const std::size_t slash = rest.rfind('/');
    const std::size_t colon = rest.rfind(':');
    if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
        parts.tag = rest.substr(colon + 1);
        rest.resize(colon);
    }
    parts.repository = rest;
    return parts;
}

struct Comments
{
    std::map<std::string, std::string> byPath; // "web.image.tag" -> comment
};

class ChartBuilder
{
public:
    ChartBuilder(const Snapshot &snapshot, const HelmChartOptions &options)
        : m_snapshot(snapshot), m_options(options)
    {}

    HelmChart build();

private:
    // Design analysis.
    void analyseNamespaces();
    void allocateValues();
    QString allocateKey(const QString &wanted, const QString &kindHint, const QString &nsHint);
    Node &valuesAt(const std::string &path); // creates sections
    void setValue(const std::string &path, Node value, const std::string &comment = {});
    void addSection(const std::string &path, const std::string &comment);

    // One object.
    std::string objectTemplate(const Object &object);
    std::string secretTemplate(const Object &object, const QString &key);
    void templateWorkload(const Object &object, Node &body, Templater &t, const QString &key);
    void templateService(const Object &object, Node &body, Templater &t, const std::string &path);
    void templateIngress(Node &body, Templater &t, const std::string &path);
    void templateHpa(Node &body, Templater &t, const std::string &path);
    void templateReferences(const Object &object, Node &body, Templater &t);
    void templateMetadata(const Object &object, Node &body, Templater &t);
    // A value-backed field: the key's whole line becomes toYaml of the value (present in the
    // design: always; absent: only when the value is set).
    void blobField(Node &mapping, const std::string &key, const std::string &valuesPath, Node emptyDefault,
                   bool sequenceItem, Templater &t, const std::string &comment);
    void refScalar(Node *node, const QString &kind, const QString &ns, Templater &t);

    std::string prefixFor(const Object &object) const;
    // The object's name in a template: name itself, or the objectName helper for prefixed kinds.
    std::string prefixedName(const Object &object, const std::string &name) const;
    std::string helper(const char *name) const { return str(m_name) + "." + name; }

    // Files.
    std::string chartYaml() const;
    std::string helpersTpl() const;
    std::string valuesYaml() const;
    std::string valuesSchema() const;
    std::string notesTxt() const;
    std::string readme() const;
    std::string testConnection(const Object &service) const;
    std::string missingNamespacesTemplate() const;

    const Snapshot &m_snapshot;
    HelmChartOptions m_options;
    HelmChart m_chart;
    QString m_name;
    bool m_oneNamespace = true;
    QString m_namespace;
    QStringList m_missingNamespaces;
    std::vector<const Object *> m_objects;

    Node m_values = Node::mapping();
    std::unordered_map<std::string, std::size_t> m_topIndex; // top-level key -> index in m_values
    Comments m_comments;
    std::set<std::string> m_sections;      // value paths written as nested sections
    std::set<std::string> m_nullableInts;  // replicaCount and friends: integer or null
    std::set<std::string> m_tags;          // image tags: string or number
    QSet<QString> m_usedKeys;
    QHash<const Object *, QString> m_workloadKey;
    QHash<const Object *, std::string> m_blockPath; // Service/Ingress/HPA/Secret value path
    QHash<QString, const Object *> m_governedBy; // workload "Kind|ns|name" -> its (first) HPA
    QHash<QString, std::string> m_refs; // "Kind|ns|name" -> replacement template text
};

QString refKey(const QString &kind, const QString &ns, const QString &name)
{
    return kind + QLatin1Char('|') + ns + QLatin1Char('|') + name;
}

void ChartBuilder::analyseNamespaces()
{
    QSet<QString> used;
    QSet<QString> declared;
    for (const Object *object : m_objects) {
        if (object->kind() == QLatin1String("Namespace"))
            declared.insert(object->name());
        else if (object->isNamespaced())
            used.insert(object->effectiveNamespace());
    }
    QSet<QString> all = used;
    all.unite(declared);
    m_oneNamespace = all.size() <= 1;
    m_namespace = all.isEmpty() ? QString() : *all.begin();
    if (!m_oneNamespace) {
        static const QSet<QString> builtIn{QStringLiteral("default"), QStringLiteral("kube-system"),
                                           QStringLiteral("kube-public"), QStringLiteral("kube-node-lease")};
        for (const QString &ns : used) {
            if (!declared.contains(ns) && !builtIn.contains(ns))
                m_missingNamespaces.append(ns);
        }
        m_missingNamespaces.sort();
    }
}

QString ChartBuilder::allocateKey(const QString &wanted, const QString &kindHint, const QString &nsHint)
{
    static const QSet<QString> reserved{QStringLiteral("nameOverride"), QStringLiteral("fullnameOverride"),
                                        QStringLiteral("namespaces"), QStringLiteral("global")};
    QString key = camelKey(wanted);
    auto taken = [&](const QString &k) { return m_usedKeys.contains(k) || reserved.contains(k); };
    if (taken(key))
        key = camelKey(wanted + QLatin1Char('-') + kindHint);
    if (taken(key))
        key = camelKey(nsHint + QLatin1Char('-') + wanted + QLatin1Char('-') + kindHint);
    const QString base = key;
    for (int n = 2; taken(key); ++n)
        key = base + QString::number(n);
    m_usedKeys.insert(key);
    return key;
}

Node &ChartBuilder::valuesAt(const std::string &path)
{
    Node *node = &m_values;
    std::size_t pos = 0;
    std::string prefix;
    while (true) {
        const std::size_t dot = path.find('.', pos);
        const std::string key = path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
        prefix += (prefix.empty() ? "" : ".") + key;
        Node *child = nullptr;
        if (node == &m_values) {
            // The top level has a key per workload: looked up through an index, not a scan.
            const auto it = m_topIndex.find(key);
            if (it != m_topIndex.end()) {
                child = &m_values.children()[it->second];
            } else {
                child = &m_values.set(key, Node::mapping());
                m_topIndex.emplace(key, m_values.size() - 1);
            }
        } else {
            child = node->get(key);
            if (!child)
                child = &node->set(key, Node::mapping());
        }
        node = child;
        if (dot == std::string::npos)
            return *node;
        m_sections.insert(prefix);
        pos = dot + 1;
    }
}

void ChartBuilder::setValue(const std::string &path, Node value, const std::string &comment)
{
    value.setMark({});
    Node &slot = valuesAt(path);
    const std::string key = slot.key();
    slot = std::move(value);
    slot.setKey(key);
    if (!comment.empty())
        m_comments.byPath[path] = comment;
}

void ChartBuilder::addSection(const std::string &path, const std::string &comment)
{
    valuesAt(path);
    m_sections.insert(path);
    if (!comment.empty())
        m_comments.byPath[path] = comment;
}

void ChartBuilder::allocateValues()
{
    // HPAs and the workloads they govern.
    for (const Object *object : m_objects) {
        if (object->kind() != QLatin1String("HorizontalPodAutoscaler"))
            continue;
        const std::optional<ObjectRef> target = scaleTarget(*object);
        if (!target)
            continue;
        const QString key = refKey(target->kind, object->effectiveNamespace(), target->name);
        if (!m_governedBy.contains(key))
            m_governedBy.insert(key, object);
    }
    for (const Object *object : m_objects) {
        if (isOneOf(object->kind(), workloadKinds) && podTemplate(*object))
            m_workloadKey.insert(object, allocateKey(object->name(), object->kind(), object->effectiveNamespace()));
    }
    auto attach = [&](const Object *object, const Object *workload, const char *section) {
        if (workload && m_workloadKey.contains(workload)) {
            const std::string path = str(m_workloadKey.value(workload)) + "." + section;
            const auto top = m_topIndex.find(str(m_workloadKey.value(workload)));
            const bool taken = top != m_topIndex.end() && m_values.children()[top->second].get(section);
            if (!m_sections.count(path) && !taken) {
                m_blockPath.insert(object, path);
                return;
            }
        }
        m_blockPath.insert(object, str(allocateKey(object->name(), object->kind(), object->effectiveNamespace())));
    };
    // A Service belongs to the first workload (in export order) whose pods it selects.
    QHash<QString, std::vector<std::pair<const Object *, Labels>>> podLabels; // namespace -> workloads
    for (const Object *object : m_objects) {
        if (const Node *tpl = podTemplate(*object); tpl && m_workloadKey.contains(object))
            podLabels[object->effectiveNamespace()].emplace_back(object, labelsOf(*tpl));
    }
    auto selected = [&](const Object &service) -> const Object * {
        const std::optional<ServiceView> view = serviceView(service);
        if (!view || !view->hasSelector || view->selector.isEmpty())
            return nullptr;
        const auto candidates = podLabels.constFind(service.effectiveNamespace());
        if (candidates == podLabels.cend())
            return nullptr;
        for (const auto &[object, labels] : *candidates) {
            bool all = true;
            for (auto it = view->selector.cbegin(); it != view->selector.cend() && all; ++it) {
                const auto label = labels.constFind(it.key());
                all = label != labels.cend() && label.value() == it.value();
            }
            if (all)
                return object;
        }
        return nullptr;
    };
    QHash<QString, const Object *> serviceOwner; // "ns/name" -> workload
    for (const Object *object : m_objects) {
        const QString kind = object->kind();
        if (kind == QLatin1String("Service")) {
            const Object *workload = selected(*object);
            attach(object, workload, "service");
            valuesAt(m_blockPath.value(object));
            m_sections.insert(m_blockPath.value(object));
            serviceOwner.insert(object->effectiveNamespace() + QLatin1Char('/') + object->name(), workload);
        }
    }
    for (const Object *object : m_objects) {
        const QString kind = object->kind();
        if (kind == QLatin1String("Ingress")) {
            const Object *workload = nullptr;
            for (const IngressBackend &backend : ingressBackends(*object)) {
                if (!backend.service.isEmpty()) {
                    workload = serviceOwner.value(object->effectiveNamespace() + QLatin1Char('/') + backend.service);
                    break;
                }
            }
            attach(object, workload, "ingress");
            addSection(m_blockPath.value(object), "");
        } else if (kind == QLatin1String("HorizontalPodAutoscaler")) {
            const Object *workload = nullptr;
            for (const Object *candidate : m_objects) {
                if (!workload && m_workloadKey.contains(candidate)
                    && m_governedBy.value(refKey(candidate->kind(), candidate->effectiveNamespace(), candidate->name())) == object)
                    workload = candidate;
            }
            attach(object, workload, "autoscaling");
            addSection(m_blockPath.value(object), "");
        } else if (kind == QLatin1String("Secret")) {
            m_blockPath.insert(object, str(allocateKey(object->name(), object->kind(), object->effectiveNamespace())));
        }
    }
    // References: the replacement each reference to a chart object gets.
    for (const Object *object : m_objects) {
        const QString kind = object->kind();
        if (!object->body.at(FieldPath{{"metadata"}, {"name"}}))
            continue;
        const QString key = refKey(kind, object->effectiveNamespace(), object->name());
        if (kind == QLatin1String("Secret") && m_blockPath.contains(object))
            m_refs.insert(key, "{{ $.Values." + m_blockPath.value(object) + ".name }}");
        else if (!prefixFor(*object).empty())
            m_refs.insert(key, prefixedName(*object, str(object->name())));
    }
}

std::string ChartBuilder::prefixFor(const Object &object) const
{
    const QString kind = object.kind();
    if (!isOneOf(kind, prefixedKinds))
        return {};
    if (kind == QLatin1String("ServiceAccount") && object.name() == QLatin1String("default"))
        return {};
    return "{{ include \"" + helper("prefix") + "\" $ }}";
}

std::string ChartBuilder::prefixedName(const Object &object, const std::string &name) const
{
    if (prefixFor(object).empty())
        return name;
    // A name YAML would not read back as the same plain string (a Kubernetes name never needs
    // this, but designs hold placeholders such as "${NAME:-x}") is quoted.
    const bool plain = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
    }) && resolvePlainScalar(name) == ScalarKind::String;
    return "{{ include \"" + helper("objectName") + "\" (list $ " + yamlQuoted(name) + ")" + (plain ? "" : " | quote") + " }}";
}

void ChartBuilder::blobField(Node &mapping, const std::string &key, const std::string &valuesPath, Node emptyDefault,
                             bool sequenceItem, Templater &t, const std::string &comment)
{
    block(mapping);
    const std::size_t at = indexOf(mapping, key);
    if (at < mapping.size()) {
        Node current = mapping.children()[at];
        setValue(valuesPath, current, comment);
        mapping.children().erase(mapping.children().begin() + static_cast<std::ptrdiff_t>(at));
        insertKey(mapping,
                  t.lineKey({key + ":", "  {{- toYaml $.Values." + valuesPath + " | nindent %N% }}"}),
                  Node::null(), at, sequenceItem);
    } else {
        setValue(valuesPath, std::move(emptyDefault), comment);
        insertKey(mapping,
                  t.lineKey({"{{- with $.Values." + valuesPath + " }}", key + ":", "  {{- toYaml . | nindent %N% }}",
                             "{{- end }}"}),
                  Node::null(), mapping.size(), sequenceItem);
    }
}

void ChartBuilder::templateWorkload(const Object &object, Node &body, Templater &t, const QString &qkey)
{
    const std::string key = str(qkey);
    const QString kind = object.kind();
    const std::string what = str(kind + QLatin1Char(' ') + object.qualifiedName());
    addSection(key, what);
    ChartWorkload info{qkey, kind, object.effectiveNamespace(), object.name(), false, false, {}, false};
    const Object *hpa = m_governedBy.value(refKey(kind, object.effectiveNamespace(), object.name()));
    info.autoscaled = hpa != nullptr;
    block(body);

    // Replicas.
    if (isOneOf(kind, scaledKinds)) {
        if (Node *spec = mappingAt(body, "spec")) {
            block(*spec);
            const std::size_t at = indexOf(*spec, "replicas");
            const Node *replicas = spec->get("replicas");
            const bool integral = replicas && replicas->toInt();
            if (hpa) {
                const std::string hpaPath = m_blockPath.value(hpa);
                setValue(key + ".replicaCount", integral ? *replicas : Node::integer(1),
                         "Replicas when autoscaling is off (" + hpaPath + ".enabled: false); the HPA "
                         "owns spec.replicas otherwise.");
                if (at < spec->size())
                    spec->children().erase(spec->children().begin() + static_cast<std::ptrdiff_t>(at));
                insertKey(*spec,
                          t.lineKey({"{{- if not $.Values." + hpaPath + ".enabled }}",
                                     "replicas: {{ $.Values." + key + ".replicaCount }}", "{{- end }}"}),
                          Node::null(), at, false);
                m_nullableInts.insert(key + ".replicaCount");
                info.replicaCount = true;
            } else if (integral) {
                setValue(key + ".replicaCount", *replicas, "Replicas (spec.replicas).");
                spec->children()[at] = t.scalar("{{ $.Values." + key + ".replicaCount }}");
                spec->children()[at].setKey("replicas");
                m_nullableInts.insert(key + ".replicaCount");
                info.replicaCount = true;
            } else if (!replicas) {
                setValue(key + ".replicaCount", Node::null(), "Replicas (spec.replicas); null leaves "
                         "Kubernetes' default (1).");
                insertKey(*spec,
                          t.lineKey({"{{- if not (kindIs \"invalid\" $.Values." + key + ".replicaCount) }}",
                                     "replicas: {{ $.Values." + key + ".replicaCount }}", "{{- end }}"}),
                          Node::null(), 0, false);
                m_nullableInts.insert(key + ".replicaCount");
                info.replicaCount = true;
            }
        }
    }

    // The pod template.
    Node *tpl = &body;
    if (kind == QLatin1String("CronJob")) {
        Node *spec = mappingAt(body, "spec");
        Node *jobTemplate = spec ? mappingAt(*spec, "jobTemplate") : nullptr;
        Node *jobSpec = jobTemplate ? mappingAt(*jobTemplate, "spec") : nullptr;
        tpl = jobSpec ? mappingAt(*jobSpec, "template") : nullptr;
        for (Node *n : {spec, jobTemplate, jobSpec})
            if (n)
                block(*n);
    } else if (kind != QLatin1String("Pod")) {
        Node *spec = mappingAt(body, "spec");
        tpl = spec ? mappingAt(*spec, "template") : nullptr;
        if (spec)
            block(*spec);
    }
    if (!tpl) {
        m_chart.workloads.push_back(info);
        return;
    }
    block(*tpl);
    if (Node *meta = mappingAt(*tpl, "metadata"); meta && kind != QLatin1String("Pod"))
        blobField(*meta, "annotations", key + ".podAnnotations", Node::mapping(), false, t,
                  "Annotations of the pods (merged into the pod template).");
    Node *podSpecNode = mappingAt(*tpl, "spec");
    if (!podSpecNode) {
        m_chart.workloads.push_back(info);
        return;
    }
    Node &pod = *podSpecNode;
    block(pod);

    // The main container: the first of spec.containers.
    Node *containersNode = pod.get("containers");
    if (containersNode && containersNode->isSequence() && !containersNode->children().empty()
        && containersNode->children().front().isMapping()) {
        block(*containersNode);
        Node &container = containersNode->children().front();
        block(container);
        info.mainContainer = QString::fromStdString(container.get("name") ? container.get("name")->text() : std::string());
        const std::string imagePath = key + ".image";
        if (Node *image = container.get("image"); image && image->isScalar() && !image->text().empty()) {
            const ImageParts parts = splitImage(image->text());
            addSection(imagePath, "Image of container " + str(info.mainContainer) + ".");
            setValue(imagePath + ".repository", Node::string(parts.repository));
            setValue(imagePath + ".tag", Node::string(parts.tag), "Empty: no tag (the registry's latest).");
            m_tags.insert(imagePath + ".tag");
            std::string text = "\"{{ $.Values." + imagePath + ".repository }}{{ with $.Values." + imagePath
                               + ".tag }}:{{ . }}{{ end }}";
            if (!parts.digest.empty()) {
                setValue(imagePath + ".digest", Node::string(parts.digest), "Pinned digest (sha256:...).");
                text += "{{ with $.Values." + imagePath + ".digest }}@{{ . }}{{ end }}";
            }
            text += "\"";
            const std::size_t at = indexOf(container, "image");
            container.children()[at] = t.scalar(text);
            container.children()[at].setKey("image");
            const std::size_t policyAt = indexOf(container, "imagePullPolicy");
            if (policyAt < container.size()) {
                setValue(imagePath + ".pullPolicy", container.children()[policyAt], "Always, IfNotPresent or Never.");
                container.children()[policyAt] = t.scalar("{{ $.Values." + imagePath + ".pullPolicy }}");
                container.children()[policyAt].setKey("imagePullPolicy");
            } else {
                setValue(imagePath + ".pullPolicy", Node::string(""),
                         "Always, IfNotPresent or Never; empty: Kubernetes' default.");
                insertKey(container,
                          t.lineKey({"{{- with $.Values." + imagePath + ".pullPolicy }}", "imagePullPolicy: {{ . }}",
                                     "{{- end }}"}),
                          Node::null(), at + 1, true);
            }
            info.image = true;
        }
        blobField(container, "resources", key + ".resources", Node::mapping(), true, t,
                  "Requests and limits of container " + str(info.mainContainer) + ".");
        blobField(container, "securityContext", key + ".securityContext", Node::mapping(), true, t,
                  "Security context of container " + str(info.mainContainer) + ".");
    }
    blobField(pod, "securityContext", key + ".podSecurityContext", Node::mapping(), false, t,
              "Security context of the pod.");
    blobField(pod, "nodeSelector", key + ".nodeSelector", Node::mapping(), false, t, "");
    blobField(pod, "tolerations", key + ".tolerations", Node::sequence(), false, t, "");
    blobField(pod, "affinity", key + ".affinity", Node::mapping(), false, t, "");
    m_chart.workloads.push_back(info);
}

void ChartBuilder::templateService(const Object &object, Node &body, Templater &t, const std::string &path)
{
    m_comments.byPath[path] = "Service " + str(object.qualifiedName()) + ".";
    Node *spec = mappingAt(body, "spec");
    if (!spec)
        return;
    block(body);
    block(*spec);
    const std::size_t typeAt = indexOf(*spec, "type");
    if (typeAt < spec->size() && spec->children()[typeAt].isScalar()) {
        setValue(path + ".type", spec->children()[typeAt], "ClusterIP, NodePort, LoadBalancer or ExternalName.");
        spec->children()[typeAt] = t.scalar("{{ $.Values." + path + ".type }}");
        spec->children()[typeAt].setKey("type");
    } else if (typeAt == spec->size()) {
        setValue(path + ".type", Node::string(""), "ClusterIP, NodePort or LoadBalancer; empty: ClusterIP.");
        insertKey(*spec, t.lineKey({"{{- with $.Values." + path + ".type }}", "type: {{ . }}", "{{- end }}"}),
                  Node::null(), spec->size(), false);
    }
    Node *ports = spec->get("ports");
    if (ports && ports->isSequence() && !ports->children().empty() && ports->children().front().isMapping()) {
        Node &first = ports->children().front();
        const std::size_t at = indexOf(first, "port");
        if (at < first.size() && first.children()[at].toInt()) {
            setValue(path + ".port", first.children()[at], "The Service's first port.");
            first.children()[at] = t.scalar("{{ $.Values." + path + ".port }}");
            first.children()[at].setKey("port");
        }
    }
}

void ChartBuilder::templateIngress(Node &body, Templater &t, const std::string &path)
{
    setValue(path + ".enabled", Node::boolean(true), "Render this Ingress.");
    block(body);
    if (Node *meta = mappingAt(body, "metadata"))
        blobField(*meta, "annotations", path + ".annotations", Node::mapping(), false, t, "");
    Node *spec = mappingAt(body, "spec");
    if (!spec)
        return;
    block(*spec);
    const std::size_t classAt = indexOf(*spec, "ingressClassName");
    if (classAt < spec->size()) {
        setValue(path + ".className", spec->children()[classAt], "spec.ingressClassName.");
        spec->children()[classAt] = t.scalar("{{ $.Values." + path + ".className }}");
        spec->children()[classAt].setKey("ingressClassName");
    } else {
        setValue(path + ".className", Node::string(""), "spec.ingressClassName; empty: the cluster's default class.");
        insertKey(*spec, t.lineKey({"{{- with $.Values." + path + ".className }}", "ingressClassName: {{ . }}", "{{- end }}"}),
                  Node::null(), 0, false);
    }
    Node hosts = Node::sequence();
    if (Node *rules = spec->get("rules"); rules && rules->isSequence()) {
        for (Node &rule : rules->children()) {
            const std::size_t at = rule.isMapping() ? indexOf(rule, "host") : 0;
            if (!rule.isMapping() || at == rule.size() || !rule.children()[at].isScalar())
                continue;
            const std::string index = std::to_string(hosts.size());
            hosts.append(rule.children()[at]);
            rule.children()[at] = t.scalar("{{ index $.Values." + path + ".hosts " + index + " | quote }}");
            rule.children()[at].setKey("host");
        }
    }
    setValue(path + ".hosts", hosts, "The host of each rule that names one, in rule order.");
    blobField(*spec, "tls", path + ".tls", Node::sequence(), false, t, "TLS: hosts and the Secret holding each certificate.");
}

void ChartBuilder::templateHpa(Node &body, Templater &t, const std::string &path)
{
    setValue(path + ".enabled", Node::boolean(true), "Render this HorizontalPodAutoscaler (false: fixed replicaCount).");
    Node *spec = mappingAt(body, "spec");
    if (!spec)
        return;
    block(body);
    block(*spec);
    const std::size_t minAt = indexOf(*spec, "minReplicas");
    if (minAt < spec->size() && spec->children()[minAt].toInt()) {
        setValue(path + ".minReplicas", spec->children()[minAt], "");
        spec->children()[minAt] = t.scalar("{{ $.Values." + path + ".minReplicas }}");
        spec->children()[minAt].setKey("minReplicas");
        m_nullableInts.insert(path + ".minReplicas");
    }
    const std::size_t maxAt = indexOf(*spec, "maxReplicas");
    if (maxAt < spec->size() && spec->children()[maxAt].toInt()) {
        setValue(path + ".maxReplicas", spec->children()[maxAt], "");
        spec->children()[maxAt] = t.scalar("{{ $.Values." + path + ".maxReplicas }}");
        spec->children()[maxAt].setKey("maxReplicas");
        m_nullableInts.insert(path + ".maxReplicas");
    }
}

void ChartBuilder::refScalar(Node *node, const QString &kind, const QString &ns, Templater &t)
{
    if (!node || !node->isScalar())
        return;
    const auto it = m_refs.constFind(refKey(kind, ns, node->qtext()));
    if (it == m_refs.cend())
        return;
    const std::string key = node->key();
    *node = t.scalar(it.value());
    if (!key.empty())
        node->setKey(key);
}

void ChartBuilder::templateReferences(const Object &object, Node &body, Templater &t)
{
    const QString ns = object.effectiveNamespace();
    const QString kind = object.kind();
    auto each = [](Node *sequence, const std::function<void(Node &)> &f) {
        if (sequence && sequence->isSequence())
            for (Node &item : sequence->children())
                if (item.isMapping())
                    f(item);
    };
    auto at = [](Node &node, std::initializer_list<PathSegment> path) { return node.at(FieldPath(path)); };
    const QString configMap = QStringLiteral("ConfigMap");
    const QString secret = QStringLiteral("Secret");
    const QString service = QStringLiteral("Service");

    Node *pod = nullptr;
    if (kind == QLatin1String("Pod"))
        pod = body.get("spec");
    else if (kind == QLatin1String("CronJob"))
        pod = at(body, {{"spec"}, {"jobTemplate"}, {"spec"}, {"template"}, {"spec"}});
    else if (isOneOf(kind, workloadKinds))
        pod = at(body, {{"spec"}, {"template"}, {"spec"}});
    if (pod && pod->isMapping()) {
        refScalar(pod->get("serviceAccountName"), QStringLiteral("ServiceAccount"), ns, t);
        refScalar(pod->get("serviceAccount"), QStringLiteral("ServiceAccount"), ns, t);
        each(pod->get("imagePullSecrets"), [&](Node &item) { refScalar(item.get("name"), secret, ns, t); });
        each(pod->get("volumes"), [&](Node &volume) {
            refScalar(at(volume, {{"configMap"}, {"name"}}), configMap, ns, t);
            refScalar(at(volume, {{"secret"}, {"secretName"}}), secret, ns, t);
            refScalar(at(volume, {{"persistentVolumeClaim"}, {"claimName"}}), QStringLiteral("PersistentVolumeClaim"), ns, t);
            each(at(volume, {{"projected"}, {"sources"}}), [&](Node &source) {
                refScalar(at(source, {{"configMap"}, {"name"}}), configMap, ns, t);
                refScalar(at(source, {{"secret"}, {"name"}}), secret, ns, t);
            });
        });
        for (const char *list : {"initContainers", "containers"}) {
            each(pod->get(list), [&](Node &container) {
                each(container.get("env"), [&](Node &env) {
                    refScalar(at(env, {{"valueFrom"}, {"configMapKeyRef"}, {"name"}}), configMap, ns, t);
                    refScalar(at(env, {{"valueFrom"}, {"secretKeyRef"}, {"name"}}), secret, ns, t);
                });
                each(container.get("envFrom"), [&](Node &from) {
                    refScalar(at(from, {{"configMapRef"}, {"name"}}), configMap, ns, t);
                    refScalar(at(from, {{"secretRef"}, {"name"}}), secret, ns, t);
                });
            });
        }
    }
    if (kind == QLatin1String("StatefulSet"))
        refScalar(at(body, {{"spec"}, {"serviceName"}}), service, ns, t);
    if (kind == QLatin1String("HorizontalPodAutoscaler")) {
        Node *target = at(body, {{"spec"}, {"scaleTargetRef"}});
        if (target && target->isMapping() && target->get("kind"))
            refScalar(target->get("name"), target->get("kind")->qtext(), ns, t);
    }
    if (kind == QLatin1String("Ingress")) {
        auto backend = [&](Node *b) {
            if (!b || !b->isMapping())
                return;
            refScalar(at(*b, {{"service"}, {"name"}}), service, ns, t);
            refScalar(b->get("serviceName"), service, ns, t);
        };
        backend(at(body, {{"spec"}, {"defaultBackend"}}));
        backend(at(body, {{"spec"}, {"backend"}}));
        each(at(body, {{"spec"}, {"rules"}}), [&](Node &rule) {
            each(at(rule, {{"http"}, {"paths"}}), [&](Node &path) { backend(path.get("backend")); });
        });
    }
    if (kind == QLatin1String("RoleBinding") || kind == QLatin1String("ClusterRoleBinding")) {
        if (Node *role = body.get("roleRef"); role && role->isMapping() && role->get("kind")) {
            const QString roleKind = role->get("kind")->qtext();
            refScalar(role->get("name"), roleKind, roleKind == QLatin1String("Role") ? ns : QString(), t);
        }
        each(body.get("subjects"), [&](Node &subject) {
            if (subject.get("kind") && subject.get("kind")->text() == "ServiceAccount") {
                const Node *subjectNs = subject.get("namespace");
                refScalar(subject.get("name"), QStringLiteral("ServiceAccount"),
                          subjectNs && subjectNs->isScalar() ? subjectNs->qtext() : ns, t);
            }
        });
    }
    if (kind == QLatin1String("MutatingWebhookConfiguration") || kind == QLatin1String("ValidatingWebhookConfiguration")) {
        each(body.get("webhooks"), [&](Node &webhook) {
            Node *svc = at(webhook, {{"clientConfig"}, {"service"}});
            if (svc && svc->isMapping() && svc->get("namespace"))
                refScalar(svc->get("name"), service, svc->get("namespace")->qtext(), t);
        });
    }
    if (kind == QLatin1String("APIService")) {
        Node *svc = at(body, {{"spec"}, {"service"}});
        if (svc && svc->isMapping() && svc->get("namespace"))
            refScalar(svc->get("name"), service, svc->get("namespace")->qtext(), t);
    }
}

void ChartBuilder::templateMetadata(const Object &object, Node &body, Templater &t)
{
    Node *meta = mappingAt(body, "metadata");
    if (!meta)
        return;
    block(body);
    block(*meta);
    const bool isNamespace = object.kind() == QLatin1String("Namespace");
    const std::size_t nameAt = indexOf(*meta, "name");
    if (nameAt < meta->size() && meta->children()[nameAt].isScalar()) {
        std::string replacement;
        if (isNamespace && m_oneNamespace)
            replacement = "{{ $.Release.Namespace }}";
        else if (!prefixFor(object).empty())
            replacement = prefixedName(object, meta->children()[nameAt].text());
        if (!replacement.empty()) {
            meta->children()[nameAt] = t.scalar(replacement);
            meta->children()[nameAt].setKey("name");
        }
    }
    const std::size_t nsAt = indexOf(*meta, "namespace");
    if (nsAt < meta->size() && m_oneNamespace && object.isNamespaced()) {
        meta->children()[nsAt] = t.scalar("{{ $.Release.Namespace }}");
        meta->children()[nsAt].setKey("namespace");
    }
    Node *labels = meta->get("labels");
    if (labels && !labels->isMapping() && !labels->isNull())
        return;
    if (!labels)
        labels = &meta->set("labels", Node::mapping());
    else if (labels->isNull()) {
        Node empty = Node::mapping();
        empty.setKey("labels");
        *labels = std::move(empty);
    }
    block(*labels);
    std::vector<std::string> lines;
    if (!labels->get("helm.sh/chart"))
        lines.push_back("helm.sh/chart: {{ include \"" + helper("chart") + "\" $ }}");
    if (!labels->get("app.kubernetes.io/managed-by"))
        lines.push_back("app.kubernetes.io/managed-by: {{ $.Release.Service }}");
    if (!labels->get("app.kubernetes.io/instance"))
        lines.push_back("app.kubernetes.io/instance: {{ $.Release.Name | quote }}");
    if (!lines.empty())
        insertKey(*labels, t.lineKey(lines), Node::null(), labels->size(), false);
}

std::string ChartBuilder::objectTemplate(const Object &object)
{
    Templater t;
    Node body = object.body;
    const QString kind = object.kind();
    std::vector<std::string> conditions;
    if (m_workloadKey.contains(&object))
        templateWorkload(object, body, t, m_workloadKey.value(&object));
    if (kind == QLatin1String("Service") && m_blockPath.contains(&object))
        templateService(object, body, t, m_blockPath.value(&object));
    if (kind == QLatin1String("Ingress") && m_blockPath.contains(&object)) {
        const std::string path = m_blockPath.value(&object);
        m_comments.byPath[path] = "Ingress " + str(object.qualifiedName()) + ".";
        templateIngress(body, t, path);
        conditions.push_back(path + ".enabled");
    }
    if (kind == QLatin1String("HorizontalPodAutoscaler") && m_blockPath.contains(&object)) {
        const std::string path = m_blockPath.value(&object);
        m_comments.byPath[path] = "HorizontalPodAutoscaler " + str(object.qualifiedName()) + ".";
        templateHpa(body, t, path);
        conditions.push_back(path + ".enabled");
    }
    if (kind == QLatin1String("Namespace"))
        conditions.push_back("namespaces.create");
    templateReferences(object, body, t);
    templateMetadata(object, body, t);
    std::string text;
    for (const std::string &condition : conditions)
        text += "{{- if $.Values." + condition + " }}\n";
    text += t.finish(writeYaml(body));
    // Helm trims the whitespace at the end of each rendered document; a last line ending in
    // spaces (inside a block scalar) would lose them.
    if (text.size() >= 2 && (text[text.size() - 2] == ' ' || text[text.size() - 2] == '\t'))
        text += "# (the spaces ending the line above are part of the value)\n";
    for (std::size_t i = 0; i < conditions.size(); ++i)
        text += "{{- end }}\n";
    return text;
}

std::string ChartBuilder::secretTemplate(const Object &object, const QString &qkey)
{
    const std::string key = str(qkey);
    addSection(key, "Secret " + str(object.qualifiedName()) + ": its data is never put in the chart.");
    setValue(key + ".create", Node::boolean(false),
             "false: the Secret must exist (kubectl create secret ...); true: the chart creates it.");
    setValue(key + ".name", Node::string(str(object.name())), "The Secret the chart's objects refer to.");
    setValue(key + ".data", Node::mapping(),
             "With create: plain values by key (base64-encoded by the chart); a key left out gets a random "
             "24-character value.");
    QStringList keys;
    for (const char *field : {"data", "stringData"}) {
        if (const Node *data = object.body.get(field); data && data->isMapping())
            for (const Node &child : data->children())
                if (!keys.contains(QString::fromStdString(child.key())))
                    keys.append(QString::fromStdString(child.key()));
    }
    std::string list;
    for (const QString &k : keys)
        list += " " + yamlQuoted(str(k));
    std::string text = "{{- if $.Values." + key + ".create }}\napiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ $.Values."
                       + key + ".name }}\n";
    if (object.body.at(FieldPath{{"metadata"}, {"namespace"}}))
        text += m_oneNamespace ? "  namespace: {{ $.Release.Namespace }}\n"
                               : "  namespace: " + yamlQuoted(str(object.effectiveNamespace())) + "\n";
    text += "  labels:\n    {{- include \"" + helper("labels") + "\" $ | nindent 4 }}\n";
    if (const Node *type = object.body.get("type"); type && type->isScalar())
        text += "type: " + yamlQuoted(type->text()) + "\n";
    text += "data:\n  {{- range $key := list" + list + " }}\n  {{ $key | quote }}: {{ get $.Values." + key
            + ".data $key | default (randAlphaNum 24) | b64enc | quote }}\n  {{- end }}\n{{- end }}\n";
    return text;
}

std::string ChartBuilder::chartYaml() const
{
    std::string out = "apiVersion: v2\nname: " + str(m_name) + "\n";
    QString description = m_options.description;
    if (description.isEmpty()) {
        QMap<QString, int> kinds;
        for (const Object *object : m_objects)
            kinds[object->kind()]++;
        QStringList parts;
        for (auto it = kinds.cbegin(); it != kinds.cend(); ++it)
            parts.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
        description = QStringLiteral("Generated by kstudio from a design of %1 objects (%2).")
                          .arg(m_objects.size())
                          .arg(parts.join(QStringLiteral(", ")));
    }
    out += "description: " + yamlQuoted(str(description)) + "\n";
    out += "type: application\n";
    out += "version: " + str(m_options.chartVersion) + "\n";
    out += "appVersion: " + yamlQuoted(str(m_options.appVersion.isEmpty() ? QStringLiteral("1.0.0") : m_options.appVersion)) + "\n";
    out += "kubeVersion: \">= 1.25.0-0\"\n";
    return out;
}

std::string ChartBuilder::helpersTpl() const
{
    const std::string n = str(m_name);
    return "{{/*\nThe chart's name: the chart name, or nameOverride.\n*/}}\n"
           "{{- define \"" + n + ".name\" -}}\n"
           "{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix \"-\" }}\n"
           "{{- end }}\n\n"
           "{{/*\nA fully qualified app name (as helm create makes it): fullnameOverride, else the release name when it\n"
           "contains the chart name, else release-chart. Truncated at 63 characters (DNS names).\n*/}}\n"
           "{{- define \"" + n + ".fullname\" -}}\n"
           "{{- if .Values.fullnameOverride }}\n"
           "{{- .Values.fullnameOverride | trunc 63 | trimSuffix \"-\" }}\n"
           "{{- else }}\n"
           "{{- $name := default .Chart.Name .Values.nameOverride }}\n"
           "{{- if contains $name .Release.Name }}\n"
           "{{- .Release.Name | trunc 63 | trimSuffix \"-\" }}\n"
           "{{- else }}\n"
           "{{- printf \"%s-%s\" .Release.Name $name | trunc 63 | trimSuffix \"-\" }}\n"
           "{{- end }}\n"
           "{{- end }}\n"
           "{{- end }}\n\n"
           "{{/*\nThe prefix of the chart's object names: empty when the fullname is the chart name (a release\n"
           "named like the chart keeps the design's names), else \"<fullname>-\".\n*/}}\n"
           "{{- define \"" + n + ".prefix\" -}}\n"
           "{{- $full := include \"" + n + ".fullname\" . }}\n"
           "{{- if ne $full .Chart.Name }}{{ $full }}-{{ end }}\n"
           "{{- end }}\n\n"
           "{{/*\nThe name of one of the chart's objects: (list $ \"web\"). Prefixed names are cut at 63\n"
           "characters (DNS labels), as helm create cuts fullname; the design's own names are kept whole.\n*/}}\n"
           "{{- define \"" + n + ".objectName\" -}}\n"
           "{{- $prefix := include \"" + n + ".prefix\" (index . 0) }}\n"
           "{{- if $prefix }}{{ printf \"%s%s\" $prefix (index . 1) | trunc 63 | trimSuffix \"-\" }}{{ else }}{{ index . 1 }}{{ end }}\n"
           "{{- end }}\n\n"
           "{{/*\nChart name and version as used by the chart label.\n*/}}\n"
           "{{- define \"" + n + ".chart\" -}}\n"
           "{{- printf \"%s-%s\" .Chart.Name .Chart.Version | replace \"+\" \"_\" | trunc 63 | trimSuffix \"-\" }}\n"
           "{{- end }}\n\n"
           "{{/*\nCommon labels (objects the chart adds: generated Secrets, test pods).\n*/}}\n"
           "{{- define \"" + n + ".labels\" -}}\n"
           "helm.sh/chart: {{ include \"" + n + ".chart\" . }}\n"
           "{{ include \"" + n + ".selectorLabels\" . }}\n"
           "{{- if .Chart.AppVersion }}\n"
           "app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}\n"
           "{{- end }}\n"
           "app.kubernetes.io/managed-by: {{ .Release.Service }}\n"
           "{{- end }}\n\n"
           "{{/*\nSelector labels.\n*/}}\n"
           "{{- define \"" + n + ".selectorLabels\" -}}\n"
           "app.kubernetes.io/name: {{ include \"" + n + ".name\" . }}\n"
           "app.kubernetes.io/instance: {{ .Release.Name | quote }}\n"
           "{{- end }}\n";
}

void writeValueLines(std::string &out, const Node &mapping, const std::string &prefix, int depth,
                     const std::set<std::string> &sections, const Comments &comments)
{
    const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
    bool first = true;
    for (const Node &child : mapping.children()) {
        const std::string path = prefix.empty() ? child.key() : prefix + "." + child.key();
        if (depth == 0 && !first)
            out += "\n";
        first = false;
        if (const auto it = comments.byPath.find(path); it != comments.byPath.end())
            out += pad + "# " + it->second + "\n";
        if (sections.count(path) && child.isMapping() && child.size() > 0) {
            out += pad + child.key() + ":\n";
            writeValueLines(out, child, path, depth + 1, sections, comments);
            continue;
        }
        Node single = Node::mapping();
        single.set(child.key(), child);
        const std::string text = writeYaml(single);
        std::size_t pos = 0;
        while (pos < text.size()) {
            const std::size_t end = text.find('\n', pos);
            out += pad;
            out.append(text, pos, (end == std::string::npos ? text.size() : end) - pos);
            out += '\n';
            pos = end == std::string::npos ? text.size() : end + 1;
        }
    }
}

std::string ChartBuilder::valuesYaml() const
{
    std::string out = "# Default values for " + str(m_name) + ", generated by kstudio from the design.\n"
                      "# With these values and a release named \"" + str(m_name) + "\", the chart renders the design's objects\n"
                      "# (see README.md: naming). Override per workload: helm install " + str(m_name) + " . --set <workload>.replicaCount=3\n\n";
    writeValueLines(out, m_values, {}, 0, m_sections, m_comments);
    return out;
}

QJsonObject schemaOf(const Node &node, const std::string &path, const std::set<std::string> &sections,
                     const std::set<std::string> &nullableInts, const std::set<std::string> &tags)
{
    QJsonObject schema;
    if (nullableInts.count(path)) {
        schema[QStringLiteral("type")] = QJsonArray{QStringLiteral("integer"), QStringLiteral("null")};
        schema[QStringLiteral("minimum")] = 0;
        return schema;
    }
    if (tags.count(path)) {
        schema[QStringLiteral("type")] = QJsonArray{QStringLiteral("string"), QStringLiteral("number")};
        return schema;
    }
    if (sections.count(path) || path.empty()) {
        schema[QStringLiteral("type")] = QStringLiteral("object");
        QJsonObject properties;
        for (const Node &child : node.children()) {
            const std::string childPath = path.empty() ? child.key() : path + "." + child.key();
            properties[QString::fromStdString(child.key())] = schemaOf(child, childPath, sections, nullableInts, tags);
        }
        schema[QStringLiteral("properties")] = properties;
        return schema;
    }
    switch (node.type()) {
    case NodeType::Mapping:
        schema[QStringLiteral("type")] = QJsonArray{QStringLiteral("object"), QStringLiteral("null")};
        break;
    case NodeType::Sequence:
        schema[QStringLiteral("type")] = QJsonArray{QStringLiteral("array"), QStringLiteral("null")};
        break;
    case NodeType::Null:
        break;
    case NodeType::Scalar:
        switch (node.scalarKind()) {
        case ScalarKind::Bool: schema[QStringLiteral("type")] = QStringLiteral("boolean"); break;
        case ScalarKind::Int: schema[QStringLiteral("type")] = QStringLiteral("integer"); break;
        case ScalarKind::Float: schema[QStringLiteral("type")] = QStringLiteral("number"); break;
        case ScalarKind::String: schema[QStringLiteral("type")] = QStringLiteral("string"); break;
        case ScalarKind::Null: break;
        }
        break;
    }
    return schema;
}

std::string ChartBuilder::valuesSchema() const
{
    QJsonObject schema = schemaOf(m_values, {}, m_sections, m_nullableInts, m_tags);
    schema[QStringLiteral("$schema")] = QStringLiteral("https://json-schema.org/draft-07/schema#");
    schema[QStringLiteral("title")] = QStringLiteral("Values of %1").arg(m_name);
    // Helm refuses chart files over 5 MiB (pkg/chart/loader); a large design's schema is compact.
    const QByteArray indented = QJsonDocument(schema).toJson(QJsonDocument::Indented);
    if (indented.size() < (1 << 20))
        return indented.toStdString();
    return QJsonDocument(schema).toJson(QJsonDocument::Compact).toStdString() + "\n";
}

std::string ChartBuilder::notesTxt() const
{
    std::string out = "{{ .Chart.Name }} {{ .Chart.Version }} is installed as release {{ .Release.Name }} in namespace "
                      "{{ .Release.Namespace }}.\n";
    bool any = false;
    for (const Object *object : m_objects) {
        if (object->kind() == QLatin1String("Ingress") && m_blockPath.contains(object)) {
            const std::string path = m_blockPath.value(object);
            out += "{{- if .Values." + path + ".enabled }}\n"
                   "\nIngress " + str(object->name()) + ":\n"
                   "{{- range .Values." + path + ".hosts }}\n"
                   "  http{{ if $.Values." + path + ".tls }}s{{ end }}://{{ . }}/\n"
                   "{{- end }}\n{{- end }}\n";
            any = true;
        }
    }
    for (const Object *object : m_objects) {
        const std::optional<ServiceView> view = object->kind() == QLatin1String("Service") ? serviceView(*object) : std::nullopt;
        if (!view || view->ports.isEmpty())
            continue;
        const std::string ns = m_oneNamespace ? "{{ .Release.Namespace }}" : str(object->effectiveNamespace());
        const std::string name = prefixedName(*object, str(object->name()));
        const std::string port = std::to_string(view->ports.front().port);
        out += "\nService " + str(object->name()) + " (" + str(view->type) + "):\n";
        if (view->type == QLatin1String("LoadBalancer"))
            out += "  kubectl --namespace " + ns + " get service " + name + " -w   # wait for the EXTERNAL-IP, then port " + port + "\n";
        else if (view->type == QLatin1String("NodePort"))
            out += "  kubectl --namespace " + ns + " get service " + name + " -o jsonpath='{.spec.ports[0].nodePort}'   # on any node's address\n";
        out += "  kubectl --namespace " + ns + " port-forward service/" + name + " " + port + ":" + port + "\n";
        any = true;
    }
    if (!any)
        out += "\nThe chart exposes no Service or Ingress.\n";
    return out;
}

std::string ChartBuilder::testConnection(const Object &service) const
{
    const std::optional<ServiceView> view = serviceView(service);
    int port = 0;
    for (const ServicePort &p : view->ports) {
        if (p.protocol == QLatin1String("TCP")) {
            port = p.port;
            break;
        }
    }
    const std::string ns = m_oneNamespace ? "{{ .Release.Namespace }}" : str(service.effectiveNamespace());
    const std::string host = prefixedName(service, str(service.name())) + "." + ns;
    std::string podName = str(service.name());
    if (!m_oneNamespace)
        podName += "-" + str(service.effectiveNamespace());
    podName = prefixedName(service, podName + "-test-connection");
    return "# helm test: Service " + str(service.qualifiedName()) + " accepts TCP connections on port " + std::to_string(port)
           + ".\napiVersion: v1\nkind: Pod\nmetadata:\n  name: " + podName + "-test-connection\n"
           "  labels:\n    {{- include \"" + helper("labels") + "\" . | nindent 4 }}\n"
           "  annotations:\n    \"helm.sh/hook\": test\n    \"helm.sh/hook-delete-policy\": before-hook-creation,hook-succeeded\n"
           "spec:\n  restartPolicy: Never\n  containers:\n    - name: nc\n      image: busybox:1.36\n"
           "      command: [\"nc\", \"-z\", \"-w\", \"5\", \"" + host + "\", \"" + std::to_string(port) + "\"]\n";
}

std::string ChartBuilder::missingNamespacesTemplate() const
{
    std::string list;
    for (const QString &ns : m_missingNamespaces)
        list += " " + yamlQuoted(str(ns));
    return "{{- if .Values.namespaces.createMissing }}\n{{- range $ns := list" + list + " }}\n---\napiVersion: v1\n"
           "kind: Namespace\nmetadata:\n  name: {{ $ns }}\n  labels:\n    {{- include \"" + helper("labels")
           + "\" $ | nindent 4 }}\n{{- end }}\n{{- end }}\n";
}

void tableRows(std::string &out, const Node &mapping, const std::string &prefix, const std::set<std::string> &sections,
               const Comments &comments)
{
    for (const Node &child : mapping.children()) {
        const std::string path = prefix.empty() ? child.key() : prefix + "." + child.key();
        if (sections.count(path) && child.isMapping() && child.size() > 0) {
            tableRows(out, child, path, sections, comments);
            continue;
        }
        std::string value;
        if (child.isScalar())
            value = child.scalarKind() == ScalarKind::String ? yamlQuoted(child.text()) : child.text();
        else if (child.isNull())
            value = "null";
        else {
            value = writeYaml(child);
            if (value.size() > 60 || value.find('\n') != value.rfind('\n'))
                value = child.isSequence() ? "(a list, see values.yaml)" : "(see values.yaml)";
            while (!value.empty() && value.back() == '\n')
                value.pop_back();
        }
        for (std::size_t p = value.find('|'); p != std::string::npos; p = value.find('|', p + 2))
            value.replace(p, 1, "\\|");
        const auto it = comments.byPath.find(path);
        std::string comment = it == comments.byPath.end() ? std::string() : it->second;
        for (std::size_t p = comment.find('|'); p != std::string::npos; p = comment.find('|', p + 2))
            comment.replace(p, 1, "\\|");
        out += "| `" + path + "` | `" + value + "` | " + comment + " |\n";
    }
}

std::string ChartBuilder::readme() const
{
    const std::string n = str(m_name);
    std::string out = "# " + n + "\n\n";
    out += "A Helm chart generated by kstudio from a design of " + std::to_string(m_objects.size()) + " objects.\n\n";
    out += "## Install\n\n    helm install " + n + " . --namespace "
           + (m_oneNamespace && !m_namespace.isEmpty() ? str(m_namespace) : std::string("NAMESPACE")) + "\n\n";
    out += "## Naming\n\n"
           "Installed as a release named `" + n + "` (the chart's name) with default values, the chart renders the "
           "design's objects field for field, except that:\n\n"
           "- every object's `metadata.labels` gains `helm.sh/chart`, `app.kubernetes.io/managed-by` and "
           "`app.kubernetes.io/instance` (where the design has no such label; selectors are untouched);\n"
           "- Secrets are not rendered: their data is never in the chart. Create them before installing, or set "
           "`<secret>.create: true` to have the chart generate them;\n"
           "- a workload governed by a HorizontalPodAutoscaler has no `spec.replicas` (the HPA owns it);\n";
    if (m_oneNamespace)
        out += "- namespaced objects go to the release namespace (`--namespace`).\n\n";
    else
        out += "- the design spans several namespaces; objects keep theirs.\n\n";
    out += "Any other release name (or `nameOverride`/`fullnameOverride`) prefixes the names of the chart's own "
           "objects with `<fullname>-`, and references between them follow. Names written inside strings (an "
           "environment variable holding `redis:6379`) are not rewritten: install under the chart's name to keep "
           "them valid.\n\n";
    out += "`{{` in the design's text (ConfigMap data, annotations, args) is escaped and renders unchanged. "
           "CRDs are in `crds/` (installed first, never upgraded by Helm). `helm test` runs one connection test "
           "per Service (`templates/tests/`).\n\n";
    out += "## Values\n\n| Key | Default | Description |\n|---|---|---|\n";
    tableRows(out, m_values, {}, m_sections, m_comments);
    return out;
}

std::string helmignore()
{
    return "# Patterns to ignore when building packages.\n# This supports shell glob matching, relative path matching, and\n"
           "# negation (prefixed with !). Only one pattern per line.\n.DS_Store\n# Common VCS dirs\n.git/\n.gitignore\n"
           ".bzr/\n.bzrignore\n.hg/\n.hgignore\n.svn/\n# Common backup files\n*.swp\n*.bak\n*.tmp\n*.orig\n*~\n"
           "# Various IDEs\n.project\n.idea/\n*.tmproj\n.vscode/\n";
}

QString sanitizeFilePart(const QString &text)
{
    QString out;
    for (const QChar c : text.toLower()) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
                        || c == QLatin1Char('-') || c == QLatin1Char('.');
        out.append(ok ? c : QLatin1Char('_'));
    }
    return out.left(80);
}

HelmChart ChartBuilder::build()
{
    m_objects = sortedForExport(m_snapshot);
    analyseNamespaces();
    if (!m_options.chartName.isEmpty())
        m_name = chartNameFrom(m_options.chartName);
    else if (m_oneNamespace && !m_namespace.isEmpty() && m_namespace != QLatin1String("default"))
        m_name = chartNameFrom(m_namespace);
    else
        m_name = chartNameFrom(m_options.fallbackName.isEmpty() ? QStringLiteral("design") : m_options.fallbackName);
    m_chart.name = m_name;
    m_chart.releaseNamespace = m_oneNamespace ? (m_namespace.isEmpty() ? QStringLiteral("default") : m_namespace) : QString();

    setValue("nameOverride", Node::string(""), "Replaces the chart name in fullname.");
    setValue("fullnameOverride", Node::string(""), "Names the release's objects <fullnameOverride>-<name>.");
    addSection("namespaces", "");
    setValue("namespaces.create", Node::boolean(true),
             m_oneNamespace ? "Render the design's Namespace object (as the release namespace); false with "
                              "helm install --create-namespace."
                            : "Render the design's Namespace objects.");
    if (!m_missingNamespaces.isEmpty()) {
        setValue("namespaces.createMissing", Node::boolean(false),
                 "Also create the namespaces the design uses without declaring: " + str(m_missingNamespaces.join(QStringLiteral(", "))) + ".");
    }
    allocateValues();

    QSet<QString> usedFiles;
    auto fileFor = [&](const QString &dir, const Object &object) {
        QString base = sanitizeFilePart(object.kind());
        if (!m_oneNamespace && object.isNamespaced())
            base = sanitizeFilePart(object.effectiveNamespace()) + QLatin1Char('-') + base;
        base += QLatin1Char('-') + sanitizeFilePart(object.name().isEmpty() ? QStringLiteral("unnamed") : object.name());
        // Helm reads a template whose name starts with '_' as a partial and renders nothing of it.
        while (!base.isEmpty() && !base.front().isLetterOrNumber())
            base.remove(0, 1);
        QString name = dir + base + QStringLiteral(".yaml");
        for (int n = 2; usedFiles.contains(name); ++n)
            name = dir + base + QStringLiteral("-%1.yaml").arg(n);
        usedFiles.insert(name);
        return name;
    };

    std::vector<ChartFile> templates;
    for (const Object *object : m_objects) {
        const QString kind = object->kind();
        if (kind == QLatin1String("CustomResourceDefinition")) {
            templates.push_back({fileFor(QStringLiteral("crds/"), *object), writeYaml(object->body)});
        } else if (kind == QLatin1String("Secret") && m_blockPath.contains(object)) {
            templates.push_back({fileFor(QStringLiteral("templates/"), *object), secretTemplate(*object, QString::fromStdString(m_blockPath.value(object)))});
        } else {
            templates.push_back({fileFor(QStringLiteral("templates/"), *object), objectTemplate(*object)});
        }
    }
    if (!m_missingNamespaces.isEmpty())
        templates.push_back({QStringLiteral("templates/namespaces-missing.yaml"), missingNamespacesTemplate()});
    for (const Object *object : m_objects) {
        if (object->kind() != QLatin1String("Service"))
            continue;
        const std::optional<ServiceView> view = serviceView(*object);
        const bool tcp = view && std::any_of(view->ports.cbegin(), view->ports.cend(),
                                             [](const ServicePort &p) { return p.protocol == QLatin1String("TCP") && p.port > 0; });
        if (!tcp || view->type == QLatin1String("ExternalName") || !object->body.at(FieldPath{{"metadata"}, {"name"}}))
            continue;
        templates.push_back({fileFor(QStringLiteral("templates/tests/test-connection-"), *object), testConnection(*object)});
    }

    // In each workload's values, its own fields first, then its Service, Ingress and autoscaling.
    for (Node &section : m_values.children()) {
        auto &children = section.children();
        std::stable_partition(children.begin(), children.end(), [](const Node &child) {
            return child.key() != "service" && child.key() != "ingress" && child.key() != "autoscaling";
        });
    }
    m_chart.files.push_back({QStringLiteral("Chart.yaml"), chartYaml()});
    m_chart.files.push_back({QStringLiteral("values.yaml"), valuesYaml()});
    m_chart.files.push_back({QStringLiteral("values.schema.json"), valuesSchema()});
    m_chart.files.push_back({QStringLiteral(".helmignore"), helmignore()});
    m_chart.files.push_back({QStringLiteral("templates/_helpers.tpl"), helpersTpl()});
    m_chart.files.push_back({QStringLiteral("templates/NOTES.txt"), notesTxt()});
    for (ChartFile &file : templates)
        m_chart.files.push_back(std::move(file));
    m_chart.files.push_back({QStringLiteral("README.md"), readme()});
    return std::move(m_chart);
}

} // namespace

QString chartNameFrom(const QString &text)
{
    QString out;
    for (const QChar c : text.toLower()) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        if (ok)
            out.append(c);
        else if (!out.isEmpty() && !out.endsWith(QLatin1Char('-')))
            out.append(QLatin1Char('-'));
    }
    out = out.left(53);
    while (out.endsWith(QLatin1Char('-')))
        out.chop(1);
    if (out.isEmpty())
        return QStringLiteral("chart");
    if (!out.front().isLetter())
        out.prepend(QStringLiteral("chart-"));
    return out;
}

std::string escapeForTemplate(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (true) {
        const std::size_t at = text.find("{{", pos);
        if (at == std::string_view::npos) {
            out.append(text.substr(pos));
            return out;
        }
        out.append(text.substr(pos, at - pos));
        out += "{{ \"{{\" }}";
        pos = at + 2;
    }
}

HelmChart buildHelmChart(const Snapshot &snapshot, const HelmChartOptions &options)
{
    return ChartBuilder(snapshot, options).build();
}

} // namespace kstudio::model
