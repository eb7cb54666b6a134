// SPDX-License-Identifier: GPL-3.0-or-later
// service-target-port-missing: a Service's named targetPort that no container of the pods it
// selects declares. The EndpointSlice controller resolves a named targetPort per pod
// (kubernetes/kubernetes v1.33 pkg/api/v1/pod/util.go FindPort: a port name is looked up in the
// pod's containers' ports); a pod without it is left out, so the Service port has no
// endpoints. A numeric targetPort needs no declaration (containerPort is informational), so
// only names are checked, and only against pod templates the selector actually selects.
#include "rules.h"
#include "support.h"

#include <sim/validate/index.h>

#include <model/semantics/label_selector.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

bool declaresPort(const model::Object &workload, const QString &name, const QString &protocol)
{
    for (const model::ContainerView &container : model::containers(workload)) {
        if (container.init && !container.restartableSidecar)
            continue;
        for (const model::ContainerPort &port : container.ports) {
            if (port.name == name && port.protocol == protocol)
                return true;
        }
    }
    return false;
}

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const model::FieldPath selectorPath{{"spec"}, {"selector"}};
    const model::Selection selection = model::parseLabelMapSelector(
        object.body.at(selectorPath), model::SelectorUse::ServiceSelector, selectorPath);
    if (selection.scope() != model::Selection::Scope::Requirements)
        return;
    const QList<const PodTemplateEntry *> selected
        = context.index.templatesSelectedBy(object.effectiveNamespace(), selection);
    if (selected.isEmpty())
        return; // service-selector-matches-nothing reports that
    const std::optional<model::ServiceView> view = model::serviceView(object);
    if (!view)
        return;
    for (int i = 0; i < view->ports.size(); ++i) {
        const model::ServicePort &port = view->ports[i];
        bool numeric = false;
        port.targetPort.toInt(&numeric);
        if (numeric || port.targetPort.isEmpty())
            continue;
        const bool anyDeclares
            = std::any_of(selected.cbegin(), selected.cend(), [&](const PodTemplateEntry *entry) {
                  return declaresPort(*entry->owner, port.targetPort, port.protocol);
              });
        if (anyDeclares)
            continue;
        const model::FieldPath at
            = model::FieldPath{{"spec"}, {"ports"}}.child(i).child("targetPort");
        const QString message
            = u"no container of the %1 selected pod template(s) declares a %2 port named %3: the Service port has no endpoints"_s
                  .arg(selected.size())
                  .arg(port.protocol, quoted(port.targetPort));
        if (isPlaceholder(port.targetPort))
            sink.reportUncertain(at, message + placeholderNote(port.targetPort));
        else
            sink.report(at, message);
    }
}

} // namespace

const Rule serviceTargetPortMissing{
    "service-target-port-missing",
    Severity::Error,
    Family::Reference,
    "Service",
    "A Service's named targetPort is not declared by any container of the pods it selects",
    "A named targetPort is resolved in each selected pod by the name of a container port. Pods "
    "that do not declare it are not endpoints of that Service port, so connections to it fail.",
    "Name the container port (ports[].name) as the Service's targetPort says, or use the port "
    "number.",
    "https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports",
    &check,
};

} // namespace kstudio::sim::validate::rules
