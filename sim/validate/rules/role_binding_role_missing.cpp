// SPDX-License-Identifier: GPL-3.0-or-later
// role-binding-role-missing: a RoleBinding or ClusterRoleBinding whose roleRef names a Role or
// ClusterRole the design does not contain. The API server accepts such a binding, and the RBAC
// authorizer then grants nothing through it (kubernetes/kubernetes v1.33
// plugin/pkg/auth/authorizer/rbac: rules come from the referenced role). Built-in ClusterRoles
// (cluster-admin, admin, edit, view and system:*) exist in every cluster.
#include "rules.h"
#include "support.h"

#include <sim/validate/index.h>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

bool isBuiltInClusterRole(const QString &name)
{
    return name == u"cluster-admin"_s || name == u"admin"_s || name == u"edit"_s
           || name == u"view"_s || name.startsWith(u"system:"_s);
}

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const model::FieldPath path{{"roleRef"}, {"name"}};
    const QString kind = textOf(object.body.at(model::FieldPath{{"roleRef"}, {"kind"}}));
    const QString name = textOf(object.body.at(path));
    if (name.isEmpty())
        return;
    if (kind == u"ClusterRole"_s) {
        if (isBuiltInClusterRole(name) || context.index.contains(kind, QString(), name))
            return;
    } else if (kind == u"Role"_s) {
        if (object.kind() != u"RoleBinding"_s
            || context.index.contains(kind, object.effectiveNamespace(), name))
            return;
    } else {
        return;
    }
    sink.report(
        path,
        u"%1 %2 is not part of the design: the binding grants nothing until it exists"_s.arg(
            kind, quoted(name)));
}

} // namespace

const Rule roleBindingRoleMissing{
    "role-binding-role-missing",
    Severity::Warning,
    Family::Reference,
    "RoleBinding,ClusterRoleBinding",
    "A binding's roleRef names a Role or ClusterRole the design does not contain",
    "RBAC grants the rules of the referenced role. The API server does not check that it exists, "
    "so a typo in roleRef silently grants nothing and the subjects get 'forbidden' errors.",
    "Correct roleRef.name, or add the Role (in the binding's namespace) or ClusterRole to the "
    "design.",
    "https://kubernetes.io/docs/reference/access-authn-authz/rbac/"
    "#rolebinding-and-clusterrolebinding",
    &check,
};

} // namespace kstudio::sim::validate::rules
