// SPDX-License-Identifier: GPL-3.0-or-later
// Helm chart export: the design as a chart a Helm user would keep (the layout `helm create`
// makes), whose default render is the design itself up to the naming substitution below.
//
// The naming substitution (what `helm template RELEASE CHART --namespace NS --include-crds
// --skip-tests` renders with default values, compared with the design's objects):
//   1. With RELEASE equal to the chart name (and no nameOverride/fullnameOverride), names are
//      the design's names. Any other release prefixes the names of the chart's own objects
//      with "<fullname>-" (helm create's fullname), and the references to them inside the
//      chart follow (pod volumes, env and envFrom, service accounts, Ingress backends, HPA
//      targets, role bindings, StatefulSet serviceName, webhook and APIService services).
//      Not prefixed: Namespaces, Secrets (named by a value), CRDs and their instances,
//      cluster-wide classes (PriorityClass, StorageClass, IngressClass), PersistentVolumes,
//      APIServices and the ServiceAccount "default".
//   2. metadata.labels of every templated object gains helm.sh/chart,
//      app.kubernetes.io/managed-by and app.kubernetes.io/instance, each only where the
//      design has no such label. Selectors and pod template labels are never touched.
//   3. Secrets are not rendered: their data never goes into the chart. A Secret is expected
//      to exist (values <secret>.name) or is generated when <secret>.create is true.
//   4. spec.replicas of a workload an HPA in the design governs is left out (the HPA owns it).
//   5. In a one-namespace design metadata.namespace is the release namespace (equal when NS is
//      the design's namespace); a multi-namespace design keeps its namespaces.
// Everything else renders field for field as the design holds it (key order aside where a
// value comes from values.yaml: helm's toYaml sorts keys).
#pragma once

#include <model/core/snapshot.h>
#include <model/io/file_tree.h>

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace kstudio::model {

struct HelmChartOptions
{
    QString chartName;          // empty: the design's one namespace (not "default"), else
                                // fallbackName, else "design"
    QString fallbackName;       // e.g. the input file's or directory's name
    QString chartVersion = QStringLiteral("0.1.0");
    QString appVersion;         // empty: "1.0.0"
    QString description;        // empty: generated
};

// What the chart parameterises for one workload, for callers that drive `--set`.
struct ChartWorkload
{
    QString valuesKey;          // top-level key in values.yaml
    QString kind;
    QString ns;                 // effective namespace
    QString name;
    bool replicaCount = false;  // <key>.replicaCount drives spec.replicas
    bool image = false;         // <key>.image.{repository,tag,pullPolicy} drive the main container
    QString mainContainer;      // name of the container <key>.image drives
    bool autoscaled = false;    // an HPA of the design governs it
};

struct HelmChart
{
    QString name;
    QString releaseNamespace;   // the design's one namespace; empty for a multi-namespace design
    std::vector<ChartFile> files;
    std::vector<ChartWorkload> workloads;
    QStringList notes;          // what the export could not carry over as asked
};

// A valid chart name (lowercase letters, digits and '-', at most 53 characters) from text.
QString chartNameFrom(const QString &text);

HelmChart buildHelmChart(const Snapshot &snapshot, const HelmChartOptions &options);

// Escapes text for a Go template: every "{{" becomes {{ "{{" }} so helm renders it unchanged.
std::string escapeForTemplate(std::string_view text);

} // namespace kstudio::model
