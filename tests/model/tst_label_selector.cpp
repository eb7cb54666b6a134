// SPDX-License-Identifier: GPL-3.0-or-later
// Label selectors: requirement matching, absent-versus-empty per field, validation messages.
#include <model/semantics/label_selector.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using kstudio::model::FieldPath;
using kstudio::model::Labels;
using kstudio::model::Node;
using kstudio::model::Selection;
using kstudio::model::SelectorUse;

namespace {

// Rows spell a selector as JSON (a YAML subset) or as "<absent>" for a missing field.
const QString absent = u"<absent>"_s;

Node toNode(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object: {
        Node map = Node::mapping();
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            map.set(it.key().toStdString(), toNode(it.value()));
        return map;
    }
    case QJsonValue::Array: {
        Node list = Node::sequence();
        for (const QJsonValue &item : value.toArray())
            list.append(toNode(item));
        return list;
    }
    case QJsonValue::String:
        return Node::string(value.toString().toStdString());
    case QJsonValue::Double:
        return Node::scalar(QByteArray::number(value.toDouble(), 'g', 17).toStdString());
    case QJsonValue::Bool:
        return Node::boolean(value.toBool());
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return Node::null();
    }
    return Node::null();
}

// Parses a row's selector into storage; nullptr for "<absent>".
const Node *selectorNode(const QString &json, std::optional<Node> &storage)
{
    if (json == absent)
        return nullptr;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(u"[%1]"_s.arg(json).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test row JSON: %s", qPrintable(json));
    storage = toNode(document.array().at(0));
    return &*storage;
}

// "app=web,tier=db"; "" is no labels.
Labels labelSet(const QString &text)
{
    Labels out;
    for (const QString &pair : text.split(u',', Qt::SkipEmptyParts)) {
        const qsizetype equals = pair.indexOf(u'=');
        out.insert(pair.left(equals), pair.mid(equals + 1));
    }
    return out;
}

QString scopeName(Selection::Scope scope)
{
    switch (scope) {
    case Selection::Scope::Nothing:
        return u"Nothing"_s;
    case Selection::Scope::Everything:
        return u"Everything"_s;
    case Selection::Scope::Requirements:
        return u"Requirements"_s;
    case Selection::Scope::NotSpecified:
        return u"NotSpecified"_s;
    case Selection::Scope::Invalid:
        return u"Invalid"_s;
    }
    return {};
}

} // namespace

Q_DECLARE_METATYPE(SelectorUse)

class tst_LabelSelector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requirements_data();
    void requirements();
    void uses_data();
    void uses();
    void errors_data();
    void errors();
    void workloadWording_data();
    void workloadWording();
    void replicationControllerDefault();
    void templateLabels_data();
    void templateLabels();
    void selectorString_data();
    void selectorString();
};

// Requirement and selector matching, with a selector that is valid everywhere (PDB use).
// Source: k8s.io/apimachinery v0.33.9 pkg/labels/selector.go Requirement.Matches; docs:
// https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
// ("matchLabels ... are ANDed"; "NotIn ... matches when the label is absent").
void tst_LabelSelector::requirements_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QString>("labels");
    QTest::addColumn<bool>("matches");

    const QString web = uR"({"matchLabels":{"app":"web"}})"_s;
    QTest::newRow("match-labels-equal(selector.go Equals)") << web << u"app=web"_s << true;
    QTest::newRow("match-labels-extra-labels-ok") << web << u"app=web,tier=fe"_s << true;
    QTest::newRow("match-labels-other-value") << web << u"app=db"_s << false;
    QTest::newRow("match-labels-key-absent") << web << u""_s << false;
    QTest::newRow("match-labels-empty-value-matches-empty")
        << uR"({"matchLabels":{"app":""}})"_s << u"app="_s << true;
    QTest::newRow("match-labels-empty-value-needs-key")
        << uR"({"matchLabels":{"app":""}})"_s << u""_s << false;
    QTest::newRow("match-labels-all-anded")
        << uR"({"matchLabels":{"app":"web","tier":"fe"}})"_s << u"app=web"_s << false;

    const QString in
        = uR"({"matchExpressions":[{"key":"env","operator":"In","values":["a","b"]}]})"_s;
    QTest::newRow("in-first-value(selector.go In)") << in << u"env=a"_s << true;
    QTest::newRow("in-second-value") << in << u"env=b"_s << true;
    QTest::newRow("in-other-value") << in << u"env=c"_s << false;
    QTest::newRow("in-key-absent") << in << u""_s << false;

    const QString notIn
        = uR"({"matchExpressions":[{"key":"env","operator":"NotIn","values":["a"]}]})"_s;
    QTest::newRow("notin-listed-value(selector.go NotIn)") << notIn << u"env=a"_s << false;
    QTest::newRow("notin-other-value") << notIn << u"env=b"_s << true;
    QTest::newRow("notin-key-absent-matches(selector.go NotIn)") << notIn << u""_s << true;

    const QString exists = uR"({"matchExpressions":[{"key":"env","operator":"Exists"}]})"_s;
    QTest::newRow("exists-any-value(selector.go Exists)") << exists << u"env=x"_s << true;
    QTest::newRow("exists-empty-value") << exists << u"env="_s << true;
    QTest::newRow("exists-key-absent") << exists << u"other=x"_s << false;

    const QString doesNotExist
        = uR"({"matchExpressions":[{"key":"env","operator":"DoesNotExist","values":[]}]})"_s;
    QTest::newRow("doesnotexist-key-absent(selector.go DoesNotExist)")
        << doesNotExist << u"app=web"_s << true;
    QTest::newRow("doesnotexist-key-present") << doesNotExist << u"env="_s << false;

    const QString both
        = uR"({"matchLabels":{"app":"web"},)"
          uR"("matchExpressions":[{"key":"tier","operator":"NotIn","values":["db"]}]})"_s;
    QTest::newRow("labels-and-expressions-both-hold(helpers.go LabelSelectorAsSelector)")
        << both << u"app=web,tier=fe"_s << true;
    QTest::newRow("labels-and-expressions-expression-fails")
        << both << u"app=web,tier=db"_s << false;
    QTest::newRow("labels-and-expressions-label-fails") << both << u"tier=fe"_s << false;
    QTest::newRow("two-expressions-same-key-anded")
        << uR"({"matchExpressions":[{"key":"v","operator":"In","values":["1","2"]},)"
           uR"({"key":"v","operator":"NotIn","values":["2"]}]})"_s
        << u"v=2"_s << false;
    QTest::newRow("prefixed-key") << uR"({"matchLabels":{"app.kubernetes.io/name":"web"}})"_s
                                  << u"app.kubernetes.io/name=web"_s << true;
    QTest::newRow("null-value-is-empty-string(json null into string)")
        << uR"({"matchLabels":{"app":null}})"_s << u"app="_s << true;
    QTest::newRow("null-lists-are-empty")
        << uR"({"matchLabels":null,"matchExpressions":null})"_s << u"x=y"_s << true;
}

void tst_LabelSelector::requirements()
{
    QFETCH(QString, selector);
    QFETCH(QString, labels);
    QFETCH(bool, matches);

    std::optional<Node> storage;
    const Selection selection
        = parseSelector(selectorNode(selector, storage), SelectorUse::PodDisruptionBudget);
    QVERIFY2(selection.isValid(), qPrintable(selection.error()));
    QCOMPARE(selection.matches(labelSet(labels)), matches);
}

// Absent versus empty, per field. Each row names the field doc it pins; the texts are in
// kubernetes/api v0.33.9 types.go and on the API reference pages cited above each block.
void tst_LabelSelector::uses_data()
{
    QTest::addColumn<SelectorUse>("use");
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("labels");
    QTest::addColumn<bool>("matches");

    const QString empty = u"{}"_s;
    const QString web = uR"({"app":"web"})"_s;
    const QString selectWeb = uR"({"matchLabels":{"app":"web"}})"_s;

    // ServiceSpec.selector: "If empty or not present, the service is assumed to have an external
    // process managing its endpoints, which Kubernetes will not modify."
    // https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec
    const SelectorUse service = SelectorUse::ServiceSelector;
    QTest::newRow("service-absent-selects-nothing(ServiceSpec.selector docs)")
        << service << absent << u"Nothing"_s << u"app=web"_s << false;
    QTest::newRow("service-empty-selects-nothing(ServiceSpec.selector docs)")
        << service << empty << u"Nothing"_s << u"app=web"_s << false;
    QTest::newRow("service-null-selects-nothing")
        << service << u"null"_s << u"Nothing"_s << u""_s << false;
    QTest::newRow("service-map-selects(ServiceSpec.selector docs)")
        << service << web << u"Requirements"_s << u"app=web,v=1"_s << true;
    QTest::newRow("service-map-other-pod")
        << service << web << u"Requirements"_s << u"app=db"_s << false;

    // apps/v1 Deployment/ReplicaSet/StatefulSet/DaemonSet spec.selector: "It must match the pod
    // template's labels"; apps/v1 does not default it, and the API server refuses it absent
    // ("Required value") or empty ("empty selector is invalid for deployment").
    // https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector
    // kubernetes/kubernetes v1.33 pkg/apis/apps/validation/validation.go ValidateDeploymentSpec
    const SelectorUse workload = SelectorUse::WorkloadSelector;
    QTest::newRow("workload-absent-is-required(apps/v1 validation)")
        << workload << absent << u"Invalid"_s << u"app=web"_s << false;
    QTest::newRow("workload-empty-is-invalid(apps/v1 validation)")
        << workload << empty << u"Invalid"_s << u"app=web"_s << false;
    QTest::newRow("workload-empty-lists-are-invalid(apps/v1 validation)")
        << workload << uR"({"matchLabels":{},"matchExpressions":[]})"_s << u"Invalid"_s
        << u"app=web"_s << false;
    QTest::newRow("workload-match-labels-select")
        << workload << selectWeb << u"Requirements"_s << u"app=web"_s << true;

    // NetworkPolicySpec.podSelector is a struct, not a pointer: "An empty podSelector matches
    // all pods in this namespace"; an absent one decodes as that empty selector.
    // https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec
    const SelectorUse podSelector = SelectorUse::NetworkPolicyPodSelector;
    QTest::newRow("netpol-pod-selector-empty-selects-all(NetworkPolicySpec docs)")
        << podSelector << empty << u"Everything"_s << u"app=web"_s << true;
    QTest::newRow("netpol-pod-selector-absent-is-empty(struct field, networking/v1 types.go)")
        << podSelector << absent << u"Everything"_s << u""_s << true;
    QTest::newRow("netpol-pod-selector-selects")
        << podSelector << selectWeb << u"Requirements"_s << u"app=db"_s << false;

    // NetworkPolicyPeer.podSelector / namespaceSelector are pointers: "if present but empty, it
    // selects all pods" (namespaces); absent means the field is not specified.
    // https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicyPeer
    const SelectorUse peer = SelectorUse::NetworkPolicyPeer;
    QTest::newRow("netpol-peer-absent-not-specified(NetworkPolicyPeer docs)")
        << peer << absent << u"NotSpecified"_s << u"app=web"_s << false;
    QTest::newRow("netpol-peer-null-not-specified(NetworkPolicyPeer docs)")
        << peer << u"null"_s << u"NotSpecified"_s << u"app=web"_s << false;
    QTest::newRow("netpol-peer-empty-selects-all(NetworkPolicyPeer docs)")
        << peer << empty << u"Everything"_s << u"app=web"_s << true;

    // policy/v1 PodDisruptionBudgetSpec.selector: "A null selector will match no pods, while an
    // empty ({}) selector will select all pods within the namespace."
    // https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/pod-disruption-budget-v1/#PodDisruptionBudgetSpec
    const SelectorUse pdb = SelectorUse::PodDisruptionBudget;
    QTest::newRow("pdb-null-selects-none(policy/v1 docs)")
        << pdb << absent << u"Nothing"_s << u"app=web"_s << false;
    QTest::newRow("pdb-empty-selects-all(policy/v1 docs)")
        << pdb << empty << u"Everything"_s << u"app=web"_s << true;

    // PodAffinityTerm.labelSelector: "If it's null, this PodAffinityTerm matches with no Pods";
    // empty is LabelSelectorAsSelector's Everything.
    // https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#scheduling
    const SelectorUse affinity = SelectorUse::AffinityTerm;
    QTest::newRow("affinity-null-matches-no-pods(PodAffinityTerm docs)")
        << affinity << absent << u"Nothing"_s << u"app=web"_s << false;
    QTest::newRow("affinity-empty-matches-all(helpers.go LabelSelectorAsSelector)")
        << affinity << empty << u"Everything"_s << u"app=web"_s << true;

    // TopologySpreadConstraint.labelSelector: "Pods that match this label selector are counted";
    // the scheduler converts a nil one with LabelSelectorAsSelector, i.e. labels.Nothing().
    // https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
    // kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/common.go
    const SelectorUse spread = SelectorUse::TopologySpread;
    QTest::newRow("topology-spread-null-counts-none(podtopologyspread common.go)")
        << spread << absent << u"Nothing"_s << u"app=web"_s << false;
    QTest::newRow("topology-spread-empty-counts-all(helpers.go LabelSelectorAsSelector)")
        << spread << empty << u"Everything"_s << u"app=web"_s << true;
}

void tst_LabelSelector::uses()
{
    QFETCH(SelectorUse, use);
    QFETCH(QString, selector);
    QFETCH(QString, scope);
    QFETCH(QString, labels);
    QFETCH(bool, matches);

    std::optional<Node> storage;
    const Selection selection
        = parseSelector(selectorNode(selector, storage), use, FieldPath::parse("spec.selector"));
    QCOMPARE(scopeName(selection.scope()), scope);
    QCOMPARE(selection.matches(labelSet(labels)), matches);
    QCOMPARE(selection.isValid(), scope != u"Invalid"_s);
    QCOMPARE(selection.error().isEmpty(), scope != u"Invalid"_s);
    QCOMPARE(selection.selectsEverything(), scope == u"Everything"_s);
}

// The API server's messages, field path first (field.Error.Error()).
// Sources: k8s.io/apimachinery v0.33.9 pkg/apis/meta/v1/validation/validation.go
// ValidateLabelSelectorRequirement, ValidateLabels; pkg/util/validation/validation.go.
void tst_LabelSelector::errors_data()
{
    QTest::addColumn<SelectorUse>("use");
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QString>("errors");

    const QString nameRegex
        = u"must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
          u"with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
          u"used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"_s;
    const SelectorUse pdb = SelectorUse::PodDisruptionBudget;

    QTest::newRow("in-needs-values(ValidateLabelSelectorRequirement)")
        << pdb << uR"({"matchExpressions":[{"key":"env","operator":"In"}]})"_s
        << u"spec.selector.matchExpressions[0].values: Required value: must be specified when "
           u"`operator` is 'In' or 'NotIn'"_s;
    QTest::newRow("notin-needs-values(ValidateLabelSelectorRequirement)")
        << pdb << uR"({"matchExpressions":[{"key":"env","operator":"NotIn","values":[]}]})"_s
        << u"spec.selector.matchExpressions[0].values: Required value: must be specified when "
           u"`operator` is 'In' or 'NotIn'"_s;
    QTest::newRow("exists-takes-no-values(ValidateLabelSelectorRequirement)")
        << pdb << uR"({"matchExpressions":[{"key":"env","operator":"Exists","values":["a"]}]})"_s
        << u"spec.selector.matchExpressions[0].values: Forbidden: may not be specified when "
           u"`operator` is 'Exists' or 'DoesNotExist'"_s;
    QTest::newRow("doesnotexist-takes-no-values(ValidateLabelSelectorRequirement)")
        << pdb
        << uR"({"matchExpressions":[{"key":"a","operator":"Exists"},)"
           uR"({"key":"env","operator":"DoesNotExist","values":["a"]}]})"_s
        << u"spec.selector.matchExpressions[1].values: Forbidden: may not be specified when "
           u"`operator` is 'Exists' or 'DoesNotExist'"_s;
    QTest::newRow("unknown-operator(ValidateLabelSelectorRequirement)")
        << pdb << uR"({"matchExpressions":[{"key":"env","operator":"Equals","values":["a"]}]})"_s
        << u"spec.selector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid "
           u"selector operator"_s;
    QTest::newRow("operators-are-case-sensitive")
        << pdb << uR"({"matchExpressions":[{"key":"env","operator":"in","values":["a"]}]})"_s
        << u"spec.selector.matchExpressions[0].operator: Invalid value: \"in\": not a valid "
           u"selector operator"_s;
    QTest::newRow("bad-expression-key(IsQualifiedName)")
        << pdb << uR"({"matchExpressions":[{"key":"-env","operator":"Exists"}]})"_s
        << u"spec.selector.matchExpressions[0].key: Invalid value: \"-env\": name part "_s
               + nameRegex;
    QTest::newRow("missing-key(IsQualifiedName)")
        << pdb << uR"({"matchExpressions":[{"operator":"Exists"}]})"_s
        << u"spec.selector.matchExpressions[0].key: Invalid value: \"\": name part must be "
           u"non-empty\nspec.selector.matchExpressions[0].key: Invalid value: \"\": name part "_s
               + nameRegex;
    QTest::newRow("bad-expression-value(IsValidLabelValue)")
        << pdb << uR"({"matchExpressions":[{"key":"env","operator":"In","values":["ok","a b"]}]})"_s
        << u"spec.selector.matchExpressions[0].values[1]: Invalid value: \"a b\": a valid label "
           u"must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and "
           u"must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  "
           u"or '12345', regex used for validation is "
           u"'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"_s;
    QTest::newRow("match-labels-bad-prefix(ValidateLabels)")
        << pdb << uR"({"matchLabels":{"Example.com/app":"web"}})"_s
        << u"spec.selector.matchLabels: Invalid value: \"Example.com/app\": prefix part a "
           u"lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
           u"'-' or '.', and must start and end with an alphanumeric character (e.g. "
           u"'example.com', regex used for validation is "
           u"'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"_s;
    QTest::newRow("match-labels-two-slashes(IsQualifiedName)")
        << pdb << uR"({"matchLabels":{"a/b/c":"web"}})"_s
        << u"spec.selector.matchLabels: Invalid value: \"a/b/c\": a qualified name "_s + nameRegex
               + u" with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"_s;
    QTest::newRow("match-labels-long-value(IsValidLabelValue)")
        << pdb << uR"({"matchLabels":{"app":"%1"}})"_s.arg(QString(64, u'a'))
        << u"spec.selector.matchLabels: Invalid value: \"%1\": must be no more than 63 "
           u"characters"_s.arg(QString(64, u'a'));
    QTest::newRow("match-labels-bool-not-string(json decode)")
        << pdb << uR"({"matchLabels":{"enabled":true}})"_s
        << u"spec.selector.matchLabels.enabled: Invalid value: true: cannot be decoded, must be a "
           u"string (quote it)"_s;
    QTest::newRow("values-number-not-string(json decode)")
        << pdb << uR"({"matchExpressions":[{"key":"v","operator":"In","values":[1]}]})"_s
        << u"spec.selector.matchExpressions[0].values[0]: Invalid value: 1: cannot be decoded, "
           u"must be a string (quote it)"_s;
    QTest::newRow("labels-directly-under-selector(strict field validation)")
        << pdb << uR"({"app":"web"})"_s << u"unknown field \"spec.selector.app\""_s;
    QTest::newRow("expression-typo-field(strict field validation)")
        << pdb << uR"({"matchExpressions":[{"key":"v","operator":"In","value":["1"]}]})"_s
        << u"unknown field \"spec.selector.matchExpressions[0].value\""_s;
    QTest::newRow("selector-not-an-object(json decode)")
        << pdb << u"\"app=web\""_s
        << u"spec.selector: Invalid value: app=web: cannot be decoded, must be an object"_s;
    QTest::newRow("workload-absent(apps/v1 ValidateDeploymentSpec)")
        << SelectorUse::WorkloadSelector << absent << u"spec.selector: Required value"_s;
    QTest::newRow("workload-empty(apps/v1 ValidateDeploymentSpec)")
        << SelectorUse::WorkloadSelector << u"{}"_s
        << u"spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
           u"MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid "
           u"for deployment"_s;
    QTest::newRow("service-selector-bad-key(ValidateService ValidateLabels)")
        << SelectorUse::ServiceSelector << uR"({"bad key":"web"})"_s
        << u"spec.selector: Invalid value: \"bad key\": name part "_s + nameRegex;
}

void tst_LabelSelector::errors()
{
    QFETCH(SelectorUse, use);
    QFETCH(QString, selector);
    QFETCH(QString, errors);

    std::optional<Node> storage;
    const Selection selection
        = parseSelector(selectorNode(selector, storage), use, FieldPath::parse("spec.selector"));
    QCOMPARE(selection.scope(), Selection::Scope::Invalid);
    QVERIFY(selection.selectsNothing());
    QVERIFY(!selection.matches({}));
    QCOMPARE(selection.errors().join(u'\n'), errors);
}

// Each apps/v1 kind words the empty-selector error its own way (apps validation.go, v1.33).
void tst_LabelSelector::workloadWording_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("detail");

    QTest::newRow("deployment") << u"Deployment"_s << u"empty selector is invalid for deployment"_s;
    QTest::newRow("replicaset-reuses-deployment-text")
        << u"ReplicaSet"_s << u"empty selector is invalid for deployment"_s;
    QTest::newRow("statefulset") << u"StatefulSet"_s
                                 << u"empty selector is invalid for statefulset"_s;
    QTest::newRow("daemonset") << u"DaemonSet"_s << u"empty selector is invalid for daemonset"_s;
}

void tst_LabelSelector::workloadWording()
{
    QFETCH(QString, kind);
    QFETCH(QString, detail);

    const Node empty = Node::mapping();
    const Selection selection = parseSelector(
        &empty, SelectorUse::WorkloadSelector, FieldPath::parse("spec.selector"), kind);
    QCOMPARE(selection.errors().size(), 1);
    QVERIFY2(selection.error().endsWith(u": "_s + detail), qPrintable(selection.error()));
}

// ReplicationControllerSpec.selector: "If Selector is empty, it is defaulted to the labels
// present on the Pod template." (core/v1 types.go; pkg/apis/core/v1/defaults.go), and an RC
// whose selector is still empty is refused ("spec.selector: Required value").
// https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/replication-controller-v1/
void tst_LabelSelector::replicationControllerDefault()
{
    const Labels templateLabels{{u"app"_s, u"web"_s}, {u"tier"_s, u"fe"_s}};
    const FieldPath path = FieldPath::parse("spec.selector");
    const SelectorUse use = SelectorUse::ReplicationControllerSelector;

    const Selection defaulted = parseLabelMapSelector(nullptr, use, path, templateLabels);
    QCOMPARE(defaulted.scope(), Selection::Scope::Requirements);
    QCOMPARE(defaulted.toString(), u"app=web,tier=fe"_s);
    QVERIFY(defaulted.matches(templateLabels));
    QVERIFY(!defaulted.matches(Labels{{u"app"_s, u"web"_s}}));

    const Node empty = Node::mapping();
    QCOMPARE(parseLabelMapSelector(&empty, use, path, templateLabels).toString(),
             u"app=web,tier=fe"_s);

    Node own = Node::mapping();
    own.set("app", Node::string("web"));
    const Selection explicitSelector = parseLabelMapSelector(&own, use, path, templateLabels);
    QCOMPARE(explicitSelector.toString(), u"app=web"_s);

    const Selection nothingToDefault = parseLabelMapSelector(nullptr, use, path, {});
    QCOMPARE(nothingToDefault.scope(), Selection::Scope::Invalid);
    QCOMPARE(nothingToDefault.error(), u"spec.selector: Required value"_s);

    // Through parseSelector there are no template labels to default from.
    QCOMPARE(parseSelector(nullptr, use, path).scope(), Selection::Scope::Invalid);
}

// "`selector` does not match template `labels`" (apps validation.go
// ValidatePodTemplateSpecForReplicaSet, core validation.go ValidatePodTemplateSpecForRC).
void tst_LabelSelector::templateLabels_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QString>("templateLabels");
    QTest::addColumn<QString>("error");

    const QString mismatch = u"spec.template.metadata.labels: Invalid value: %1: `selector` does "
                             u"not match template `labels`"_s;
    QTest::newRow("template-matches")
        << uR"({"matchLabels":{"app":"web"}})"_s << u"app=web,tier=fe"_s << QString();
    QTest::newRow("template-other-value")
        << uR"({"matchLabels":{"app":"web"}})"_s << u"tier=fe,app=db"_s
        << mismatch.arg(u"map[string]string{\"app\":\"db\", \"tier\":\"fe\"}"_s);
    QTest::newRow("template-without-labels")
        << uR"({"matchExpressions":[{"key":"app","operator":"Exists"}]})"_s << u""_s
        << mismatch.arg(u"map[string]string(nil)"_s);
    QTest::newRow("template-notin-holds")
        << uR"({"matchExpressions":[{"key":"app","operator":"NotIn","values":["db"]}]})"_s << u""_s
        << QString();
    QTest::newRow("empty-selector-has-its-own-error") << u"{}"_s << u"app=web"_s << QString();
}

void tst_LabelSelector::templateLabels()
{
    QFETCH(QString, selector);
    QFETCH(QString, templateLabels);
    QFETCH(QString, error);

    std::optional<Node> storage;
    const Selection selection = parseSelector(selectorNode(selector, storage),
                                              SelectorUse::WorkloadSelector,
                                              FieldPath::parse("spec.selector"));
    QCOMPARE(
        templateLabelsError(selection, labelSet(templateLabels), FieldPath::parse("spec.template")),
        error);
}

// labels.Selector.String(): requirements sorted by key, values of In/NotIn sorted
// (k8s.io/apimachinery v0.33.9 pkg/labels/selector.go).
void tst_LabelSelector::selectorString_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QString>("text");

    QTest::newRow("empty-is-empty-string") << u"{}"_s << QString();
    QTest::newRow("sorted-by-key") << uR"({"matchLabels":{"b":"2","a":"1"},"matchExpressions":[)"
                                      uR"({"key":"c","operator":"In","values":["y","x"]},)"
                                      uR"({"key":"aa","operator":"DoesNotExist"},)"
                                      uR"({"key":"d","operator":"NotIn","values":["z"]},)"
                                      uR"({"key":"e","operator":"Exists"}]})"_s
                                   << u"a=1,!aa,b=2,c in (x,y),d notin (z),e"_s;
}

void tst_LabelSelector::selectorString()
{
    QFETCH(QString, selector);
    QFETCH(QString, text);

    std::optional<Node> storage;
    const Selection selection
        = parseSelector(selectorNode(selector, storage), SelectorUse::AffinityTerm);
    QVERIFY2(selection.isValid(), qPrintable(selection.error()));
    QCOMPARE(selection.toString(), text);
}

QTEST_GUILESS_MAIN(tst_LabelSelector)
#include "tst_label_selector.moc"
