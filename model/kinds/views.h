// SPDX-License-Identifier: GPL-3.0-or-later
// Typed read-only views over objects of the kinds the studio understands.
#pragma once

#include <model/core/object.h>
#include <model/kinds/kind_registry.h>

#include <QList>
#include <QMap>
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
