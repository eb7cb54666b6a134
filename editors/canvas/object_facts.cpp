// SPDX-License-Identifier: GPL-3.0-or-later
#include "object_facts.h"

#include <model/kinds/kind_registry.h>
#include <model/kinds/views.h>

#include <QObject>
#include <QStringList>

namespace kstudio::editors {

using model::FieldPath;
using model::Node;

namespace {

QString text(const model::Object &object, const char *path)
{
    const Node *node = object.body.at(FieldPath::parse(path));
    return node && node->isScalar() ? node->qtext() : QString();
}

QString workloadFacts(const model::Object &object)
{
    QStringList images;
    for (const model::ContainerView &container : model::containers(object)) {
        if (!container.init || container.restartableSidecar)
            images.append(container.image.section(QLatin1Char('/'), -1));
    }
    QString image = images.value(0);
    if (images.size() > 1)
        image += QStringLiteral(" +%1").arg(images.size() - 1);
    const QString kind = object.kind();
    if (kind == QLatin1String("DaemonSet"))
        return QStringLiteral("every node · %1").arg(image);
    if (kind == QLatin1String("CronJob"))
        return QStringLiteral("%1 · %2").arg(text(object, "spec.schedule"), image);
    const auto replicas = model::replicaCount(object);
    if (kind == QLatin1String("Pod") || !replicas)
        return image;
    return QStringLiteral("%1 × %2").arg(*replicas).arg(image);
}

QString serviceFacts(const model::Object &object)
{
    const auto view = model::serviceView(object);
    if (!view)
        return QString();
    if (!view->externalName.isEmpty())
        return QStringLiteral("→ %1").arg(view->externalName);
    QStringList ports;
    for (const model::ServicePort &port : view->ports) {
        QString entry = QString::number(port.port);
        if (!port.targetPort.isEmpty() && port.targetPort != entry)
            entry += QStringLiteral("→") + port.targetPort;
        if (port.protocol != QLatin1String("TCP"))
            entry += QLatin1Char('/') + port.protocol;
        ports.append(entry);
    }
    QString type = view->headless ? QStringLiteral("headless") : view->type;
    return ports.isEmpty() ? type : type + QLatin1Char(' ') + ports.join(QLatin1Char(','));
}

int keyCount(const model::Object &object)
{
    int count = 0;
    for (const char *field : {"data", "stringData", "binaryData"}) {
        const Node *node = object.body.get(field);
        if (node && node->isMapping())
            count += static_cast<int>(node->size());
    }
    return count;
}

} // namespace

QString objectFacts(const model::Object &object)
{
    const QString kind = object.kind();
    const model::KindSpec *spec = model::findKind(kind);
    if (spec && spec->isWorkload())
        return workloadFacts(object);
    if (kind == QLatin1String("Service"))
        return serviceFacts(object);
    if (kind == QLatin1String("Ingress")) {
        QStringList hosts;
        for (const model::IngressBackend &backend : model::ingressBackends(object)) {
            if (!backend.host.isEmpty() && !hosts.contains(backend.host))
                hosts.append(backend.host);
        }
        return hosts.isEmpty() ? QStringLiteral("any host") : hosts.join(QLatin1Char(','));
    }
    if (kind == QLatin1String("ConfigMap") || kind == QLatin1String("Secret"))
        return QObject::tr("%n key(s)", nullptr, keyCount(object));
    if (kind == QLatin1String("PersistentVolumeClaim"))
        return text(object, "spec.resources.requests.storage");
    if (kind == QLatin1String("HorizontalPodAutoscaler")) {
        const QString min = text(object, "spec.minReplicas");
        return QStringLiteral("%1–%2 replicas").arg(min.isEmpty() ? QStringLiteral("1") : min,
                                                    text(object, "spec.maxReplicas"));
    }
    if (kind == QLatin1String("PodDisruptionBudget")) {
        const QString min = text(object, "spec.minAvailable");
        return min.isEmpty() ? QStringLiteral("maxUnavailable %1").arg(text(object, "spec.maxUnavailable"))
                             : QStringLiteral("minAvailable %1").arg(min);
    }
    if (kind == QLatin1String("NetworkPolicy")) {
        QStringList types;
        if (const Node *node = object.body.at(FieldPath::parse("spec.policyTypes")); node && node->isSequence()) {
            for (const Node &type : node->children())
                types.append(type.qtext());
        }
        return types.isEmpty() ? QStringLiteral("Ingress") : types.join(QStringLiteral(" + "));
    }
    if (kind == QLatin1String("Node")) {
        if (const auto node = model::nodeView(object)) {
            QStringList parts;
            for (const char *resource : {"cpu", "memory", "pods"}) {
                const QString value = node->allocatable.value(QString::fromLatin1(resource));
                if (!value.isEmpty())
                    parts.append(QStringLiteral("%1 %2").arg(QString::fromLatin1(resource), value));
            }
            if (!node->taints.isEmpty())
                parts.append(QObject::tr("%n taint(s)", nullptr, int(node->taints.size())));
            if (node->unschedulable)
                parts.prepend(QObject::tr("cordoned"));
            if (!parts.isEmpty())
                return parts.join(QStringLiteral(" · "));
        }
    }
    if (kind == QLatin1String("PriorityClass"))
        return QStringLiteral("value %1").arg(text(object, "value"));
    return object.apiVersion();
}

} // namespace kstudio::editors
