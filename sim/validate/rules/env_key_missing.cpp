// SPDX-License-Identifier: GPL-3.0-or-later
// env-key-missing: env[].valueFrom.configMapKeyRef / secretKeyRef naming a key that the
// ConfigMap or Secret of the design does not hold (data, binaryData, stringData). The kubelet
// then fails the container with CreateContainerConfigError ("couldn't find key X in ConfigMap
// ns/name", kubernetes pkg/kubelet/kubelet_pods.go makeEnvironmentVariables), unless the
// reference is optional: true. A missing ConfigMap or Secret is the *-reference-missing rules'.
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

bool isTrueNode(const model::Node *node)
{
    return node && node->isScalar() && node->toBool().value_or(false);
}

bool holdsKey(const model::Object &source, const std::string &key)
{
    for (const char *field : {"data", "binaryData", "stringData"}) {
        const model::Node *map = source.body.get(field);
        if (map && map->isMapping() && map->get(key))
            return true;
    }
    return false;
}

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    const QString ns = object.effectiveNamespace();
    for (const ContainerAt &container : containersAt(*pod)) {
        const model::Node *env = container.node->get("env");
        if (!env || !env->isSequence())
            continue;
        for (int i = 0; i < int(env->size()); ++i) {
            const model::Node *from = env->children()[std::size_t(i)].get("valueFrom");
            if (!from || !from->isMapping())
                continue;
            for (const auto &[field, kind] : {std::pair{"configMapKeyRef", "ConfigMap"},
                                              std::pair{"secretKeyRef", "Secret"}}) {
                const model::Node *ref = from->get(field);
                if (!ref || !ref->isMapping() || isTrueNode(ref->get("optional")))
                    continue;
                const QString name = textOf(ref->get("name"));
                const model::Node *keyNode = ref->get("key");
                if (!keyNode || !keyNode->isScalar())
                    continue;
                const model::Object *source
                    = context.index.find(QLatin1String(kind), ns, name);
                if (!source || holdsKey(*source, keyNode->text()))
                    continue;
                // A design may hold several objects of that name (a base and its kustomize
                // patches, unrelated samples): any of them holding the key will do, and with
                // several the answer depends on which is applied, so it is uncertain.
                int copies = 0;
                bool held = false;
                for (const model::Object *other :
                     context.index.objectsOfKind(ns, QLatin1String(kind))) {
                    if (other->name() != name)
                        continue;
                    ++copies;
                    held = held || holdsKey(*other, keyNode->text());
                }
                if (held)
                    continue;
                const model::FieldPath at = container.path.child("env")
                                                .child(i)
                                                .child("valueFrom")
                                                .child(field)
                                                .child("key");
                const QString message
                    = u"couldn't find key %1 in %2 %3/%4: the container will not start "
                      "(CreateContainerConfigError)"_s.arg(
                          keyNode->qtext(), QLatin1String(kind), ns, name);
                if (copies > 1)
                    sink.reportUncertain(at,
                                         message
                                             + u" (the design holds %1 objects of that name: "
                                               "check which one is applied)"_s.arg(copies));
                else
                    reportMissingReference(sink, context.index, ns, name, at, message);
            }
        }
    }
}

} // namespace

const Rule envKeyMissing{
    "env-key-missing",
    Severity::Error,
    Family::Reference,
    "@workload",
    "An environment variable takes a key its ConfigMap or Secret does not have",
    "env[].valueFrom.configMapKeyRef and secretKeyRef read one key. When the ConfigMap or Secret "
    "exists but lacks the key, the kubelet refuses to start the container "
    "(CreateContainerConfigError: couldn't find key ...), unless the reference is optional.",
    "Add the key to the ConfigMap/Secret's data, fix the key's spelling, or mark the reference "
    "optional: true if the program copes without it.",
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/",
    &check,
};

} // namespace kstudio::sim::validate::rules
