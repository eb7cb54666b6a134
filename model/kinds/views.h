// SPDX-License-Identifier: GPL-3.0-or-later
// Typed read-only views over objects of the kinds the studio understands.
#pragma once

#include <model/core/object.h>
#include <model/kinds/kind_registry.h>

#include <QList>
#include <QMap>
#include <QStringList>
#include <QString>

#include <optional>

namespace kstudio::model {

using Labels = QMap<QString, QString>;

// A map of string to string (labels, annotations, a Service selector, ConfigMap data); values
// that are not strings are read as written (a YAML bool label "true" reads "true").
Labels stringMap(const Node *node);

Labels labelsOf(const Node &metadataOwner); // metadata.labels of a body or pod template

// The pod template of any workload kind (Pod: the object itself; CronJob: its jobTemplate's
// template), or nullptr for other kinds and malformed objects.
const Node *podTemplate(const Object &object);
// The pod spec inside the template.
const Node *podSpec(const Object &object);

// spec.replicas as Kubernetes defaults it: 1 when absent for Deployment, ReplicaSet,
// StatefulSet and ReplicationController; Job and CronJob run parallelism pods (default 1);
// a Pod is 1; DaemonSet has no replica count (one per eligible node): nullopt.
std::optional<long long> replicaCount(const Object &object);

struct ContainerPort
{
    QString name;
    int containerPort = 0;
    QString protocol = QStringLiteral("TCP");
    int hostPort = 0;
};

struct ContainerView
{
    QString name;
    QString image;
    bool init = false;
    bool restartableSidecar = false; // init container with restartPolicy: Always
    QList<ContainerPort> ports;
    const Node *node = nullptr;
};

// Init containers first (in order), then containers; ephemeral containers are not included.
QList<ContainerView> containers(const Object &object);

struct ServicePort
{
    QString name;
    QString protocol = QStringLiteral("TCP");
    int port = 0;
    QString targetPort; // a number or a port name; defaults to port when absent
    int nodePort = 0;
};

struct ServiceView
{
    QString type = QStringLiteral("ClusterIP");
    bool hasSelector = false;  // absent or empty selector: endpoints are not derived from pods
    Labels selector;
    bool headless = false;     // clusterIP: None
    QString externalName;
    QList<ServicePort> ports;
};

std::optional<ServiceView> serviceView(const Object &object);

} // namespace kstudio::model

namespace kstudio::model {

// What a pod template refers to by name (all in the pod's namespace, except PriorityClass which
// is cluster-scoped). Sources: volumes (configMap, secret, persistentVolumeClaim, projected
// sources), env valueFrom, envFrom, imagePullSecrets, serviceAccountName (default "default").
struct PodReferences
{
    QStringList configMaps;
    QStringList secrets;
    QStringList persistentVolumeClaims;
    QString serviceAccount;    // "default" when not set, as the API defaults it
    QString priorityClassName; // empty when not set
};

PodReferences podReferences(const Object &object);

struct IngressBackend
{
    QString host;       // empty: any host
    QString path;       // empty for the default backend
    QString pathType;
    QString service;    // empty when the backend is a resource
    QString port;       // number or name
};

// spec.defaultBackend first (host and path empty), then rules in order.
QList<IngressBackend> ingressBackends(const Object &object);

// The target of an HPA (spec.scaleTargetRef) or anything else with {kind, name}.
struct ObjectRef
{
    QString apiVersion;
    QString kind;
    QString name;
};

std::optional<ObjectRef> scaleTarget(const Object &hpa);

struct NodeView
{
    QString name;
    Labels labels;
    bool unschedulable = false;
    QMap<QString, QString> allocatable; // resource -> quantity text (status.allocatable, else capacity)
    struct Taint
    {
        QString key;
        QString value;
        QString effect;
    };
    QList<Taint> taints;
};

std::optional<NodeView> nodeView(const Object &object);

} // namespace kstudio::model
