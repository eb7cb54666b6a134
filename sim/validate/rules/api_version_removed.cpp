// SPDX-License-Identifier: GPL-3.0-or-later
// api-version-removed: the object's apiVersion is no longer served by the target Kubernetes
// version, so `kubectl apply` fails with "no matches for kind ... in version ...".
// Mirrors: the Deprecated API Migration Guide (table in api_versions.h).
#include "api_versions.h"
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const ApiVersionChange *change = findApiVersionChange(object.apiVersion(), object.kind());
    if (!change || !isRemoved(*change, context.config.target))
        return;
    sink.report(model::FieldPath{{"apiVersion"}},
                u"%1 %2 is no longer served since Kubernetes v%3 (target v%4); use %5"_s.arg(
                    QLatin1StringView(change->apiVersion),
                    QLatin1StringView(change->kind),
                    change->removedIn.toString(),
                    context.config.target.toString(),
                    QLatin1StringView(change->replacement)));
}

} // namespace

const Rule apiVersionRemoved{
    "api-version-removed",
    Severity::Error,
    Family::ApiVersion,
    "*",
    "The apiVersion of the object is not served by the target Kubernetes version",
    "Kubernetes stops serving deprecated API versions after their deprecation period. A manifest "
    "that still uses one is refused by the API server of the target version: nothing gets created.",
    "Change apiVersion to the replacement named in the message and apply the field changes the "
    "migration guide lists for it (for example Ingress backends, PodDisruptionBudget selectors).",
    "https://kubernetes.io/docs/reference/using-api/deprecation-guide/",
    &check,
};

} // namespace kstudio::sim::validate::rules
