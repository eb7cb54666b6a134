// SPDX-License-Identifier: GPL-3.0-or-later
// api-version-deprecated: the object's apiVersion is deprecated in the target Kubernetes
// version but still served; the API server answers with a deprecation warning.
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
    const KubeVersion target = context.config.target;
    if (!change || isRemoved(*change, target) || target < change->deprecatedIn)
        return;
    const QString removal = change->removedIn.major > 0
                                ? u"; it is removed in v%1"_s.arg(change->removedIn.toString())
                                : QString();
    sink.report(model::FieldPath{{"apiVersion"}},
                u"%1 %2 is deprecated since Kubernetes v%3%4; use %5"_s.arg(
                    QLatin1StringView(change->apiVersion),
                    QLatin1StringView(change->kind),
                    change->deprecatedIn.toString(),
                    removal,
                    QLatin1StringView(change->replacement)));
}

} // namespace

const Rule apiVersionDeprecated{
    "api-version-deprecated",
    Severity::Warning,
    Family::ApiVersion,
    "*",
    "The apiVersion of the object is deprecated in the target Kubernetes version",
    "A deprecated API version still works, but it will be removed in a later release; upgrading "
    "the cluster then breaks every manifest that uses it.",
    "Change apiVersion to the replacement named in the message before upgrading.",
    "https://kubernetes.io/docs/reference/using-api/deprecation-guide/",
    &check,
};

} // namespace kstudio::sim::validate::rules
