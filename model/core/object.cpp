// SPDX-License-Identifier: GPL-3.0-or-later
// Object accessors.
#include "object.h"

#include <model/kinds/kind_registry.h>

namespace kstudio::model {

namespace {

// Reads kind, name and namespace without building a FieldPath: these are read for every object
// by every pass (validation, export, layout), so no allocation here.
QString textAt(const Node &body, std::initializer_list<std::string_view> keys)
{
    const Node *node = &body;
    for (const std::string_view key : keys) {
        node = node->get(key);
        if (!node)
            return {};
    }
    if (!node->isScalar())
        return {};
    return node->qtext();
}

} // namespace

QString Object::apiVersion() const
{
    return textAt(body, {{"apiVersion"}});
}

QString Object::kind() const
{
    return textAt(body, {{"kind"}});
}

QString Object::name() const
{
    QString result = textAt(body, {{"metadata"}, {"name"}});
    if (result.isEmpty())
        result = textAt(body, {{"metadata"}, {"generateName"}});
    return result;
}

QString Object::rawNamespace() const
{
    return textAt(body, {{"metadata"}, {"namespace"}});
}

bool Object::isNamespaced() const
{
    const KindSpec *spec = findKind(kind());
    if (spec)
        return spec->namespaced;
    // Kinds outside the table (CRD instances) are taken as namespaced, as most are.
    // TODO(#3): read spec.scope from a CustomResourceDefinition of the design when there is one.
    return true;
}

QString Object::effectiveNamespace() const
{
    if (!isNamespaced())
        return {};
    const QString ns = rawNamespace();
    return ns.isEmpty() ? QStringLiteral("default") : ns;
}

QString Object::qualifiedName() const
{
    const QString ns = effectiveNamespace();
    return ns.isEmpty() ? name() : ns + QLatin1Char('/') + name();
}

QString Object::displayName() const
{
    return kind() + QLatin1Char(' ') + qualifiedName();
}

} // namespace kstudio::model
