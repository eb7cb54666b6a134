// SPDX-License-Identifier: GPL-3.0-or-later
// metadata-name-invalid: metadata.name (or metadata.namespace) breaks the name rules of the
// object's kind, so the API server refuses the object.
// Mirrors (kubernetes/kubernetes v1.33): pkg/apis/core/validation/validation.go
// (ValidateObjectMeta: name or generateName required, namespace a DNS-1123 label;
// ValidateServiceName = NameIsDNS1035Label; ValidateNamespaceName = NameIsDNSLabel; most
// other core kinds NameIsDNSSubdomain), pkg/apis/apps/validation, pkg/apis/batch/validation
// (a CronJob name is at most 52 characters: 63 minus the 11 its Jobs append),
// pkg/apis/rbac/validation (ValidateRBACName = path.IsValidPathSegmentName).
// Docs: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
// Kinds the studio does not know (custom resources) are not checked.
#include "names.h"
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

enum class NameRule : quint8 { Subdomain, Label, Dns1035Label, PathSegment };

struct KindNameRule
{
    const char *kind;
    NameRule rule;
    int maxLength; // 0: the rule's own limit
};

constexpr KindNameRule kindNameRules[] = {
    {"ClusterRole", NameRule::PathSegment, 0},
    {"ClusterRoleBinding", NameRule::PathSegment, 0},
    {"ConfigMap", NameRule::Subdomain, 0},
    {"CronJob", NameRule::Subdomain, 52},
    {"DaemonSet", NameRule::Subdomain, 0},
    {"Deployment", NameRule::Subdomain, 0},
    {"EndpointSlice", NameRule::Subdomain, 0},
    {"Endpoints", NameRule::Subdomain, 0},
    {"HorizontalPodAutoscaler", NameRule::Subdomain, 0},
    {"Ingress", NameRule::Subdomain, 0},
    {"IngressClass", NameRule::Subdomain, 0},
    {"Job", NameRule::Subdomain, 0},
    {"LimitRange", NameRule::Subdomain, 0},
    {"MutatingWebhookConfiguration", NameRule::Subdomain, 0},
    {"Namespace", NameRule::Label, 0},
    {"NetworkPolicy", NameRule::Subdomain, 0},
    {"Node", NameRule::Subdomain, 0},
    {"PersistentVolume", NameRule::Subdomain, 0},
    {"PersistentVolumeClaim", NameRule::Subdomain, 0},
    {"Pod", NameRule::Subdomain, 0},
    {"PodDisruptionBudget", NameRule::Subdomain, 0},
    {"PriorityClass", NameRule::Subdomain, 0},
    {"ReplicaSet", NameRule::Subdomain, 0},
    {"ReplicationController", NameRule::Subdomain, 0},
    {"ResourceQuota", NameRule::Subdomain, 0},
    {"Role", NameRule::PathSegment, 0},
    {"RoleBinding", NameRule::PathSegment, 0},
    {"Secret", NameRule::Subdomain, 0},
    {"Service", NameRule::Dns1035Label, 0},
    {"ServiceAccount", NameRule::Subdomain, 0},
    {"StatefulSet", NameRule::Subdomain, 0},
    {"StorageClass", NameRule::Subdomain, 0},
    {"ValidatingWebhookConfiguration", NameRule::Subdomain, 0},
};

const KindNameRule *ruleFor(const QString &kind)
{
    for (const KindNameRule &rule : kindNameRules) {
        if (kind == QLatin1StringView(rule.kind))
            return &rule;
    }
    return nullptr;
}

QStringList nameErrors(NameRule rule, const QString &name)
{
    switch (rule) {
    case NameRule::Subdomain:
        return dns1123SubdomainErrors(name);
    case NameRule::Label:
        return dns1123LabelErrors(name);
    case NameRule::Dns1035Label:
        return dns1035LabelErrors(name);
    case NameRule::PathSegment:
        return pathSegmentNameErrors(name);
    }
    return {};
}

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const KindNameRule *rule = ruleFor(object.kind());
    if (!rule)
        return;
    const model::Node *metadata = object.body.get("metadata");
    const model::FieldPath namePath{{"metadata"}, {"name"}};
    const QString name = textOf(metadata ? metadata->get("name") : nullptr);
    if (name.isEmpty()) {
        // Uncertain: a kustomize patch or a generator may supply the name.
        if (textOf(metadata ? metadata->get("generateName") : nullptr).isEmpty())
            sink.reportUncertain(
                namePath, u"metadata.name: Required value: name or generateName is required"_s);
    } else {
        QStringList errors = nameErrors(rule->rule, name);
        if (rule->maxLength > 0 && name.size() > rule->maxLength)
            errors.prepend(u"must be no more than %1 characters"_s.arg(rule->maxLength));
        for (const QString &error : errors) {
            const QString message
                = u"metadata.name: Invalid value: %1: %2"_s.arg(quoted(name), error);
            if (isPlaceholder(name))
                sink.reportUncertain(namePath, message + placeholderNote(name));
            else
                sink.report(namePath, message);
        }
    }
    const QString ns = textOf(metadata ? metadata->get("namespace") : nullptr);
    if (!ns.isEmpty() && object.isNamespaced()) {
        for (const QString &error : dns1123LabelErrors(ns)) {
            const QString message
                = u"metadata.namespace: Invalid value: %1: %2"_s.arg(quoted(ns), error);
            const model::FieldPath path{{"metadata"}, {"namespace"}};
            if (isPlaceholder(ns))
                sink.reportUncertain(path, message + placeholderNote(ns));
            else
                sink.report(path, message);
        }
    }
}

} // namespace

const Rule metadataNameInvalid{
    "metadata-name-invalid",
    Severity::Error,
    Family::Schema,
    "*",
    "metadata.name or metadata.namespace breaks the naming rules of the object's kind",
    "Names become parts of URLs, DNS records and host names, so each kind restricts them: most "
    "must be DNS-1123 subdomains (lower case, digits, '-' and '.', at most 253 characters), "
    "Namespaces DNS-1123 labels (no '.', at most 63), Services DNS-1035 labels (starting with a "
    "letter). The API server refuses an object whose name breaks its kind's rule.",
    "Rename the object: lower case letters, digits and '-', starting and ending with a letter or "
    "digit (and starting with a letter for a Service).",
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/names/",
    &check,
};

} // namespace kstudio::sim::validate::rules
