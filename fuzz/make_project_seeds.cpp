// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the seed corpus of fuzz_project_reader: small valid .kstudio files made by writeProject.
#include <model/core/auto_layout.h>
#include <model/core/document.h>
#include <model/io/manifest_reader.h>
#include <model/io/project_file.h>

#include <QDir>
#include <QString>

#include <cstdio>

namespace kstudio::fuzz {

namespace {

using namespace kstudio::model;

constexpr const char *seedManifests = R"(apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 8080}]
        resources: {requests: {cpu: 100m, memory: 64Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: "8080"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data:
  mode: "0755"
  script: |
    echo hello
)";

bool save(const QString &path, const Snapshot &snapshot)
{
    QString error;
    if (writeProject(path, snapshot, &error))
        return true;
    std::fprintf(stderr, "make_project_seeds: %s: %s\n", path.toLocal8Bit().constData(),
                 error.toLocal8Bit().constData());
    return false;
}

} // namespace

int makeSeeds(const QString &directory)
{
    if (!QDir().mkpath(directory)) {
        std::fprintf(stderr, "make_project_seeds: cannot create %s\n",
                     directory.toLocal8Bit().constData());
        return 1;
    }
    Document empty;
    if (!save(directory + QStringLiteral("/empty.kstudio"), empty.snapshot()))
        return 1;

    LoadResult loaded;
    readManifests(seedManifests, QStringLiteral("seed.yaml"), loaded);
    if (hasErrors(loaded.diagnostics) || loaded.objects.empty()) {
        std::fprintf(stderr, "make_project_seeds: the seed manifests do not import\n");
        return 1;
    }
    Document document;
    document.addObjects(std::move(loaded.objects));
    if (!save(directory + QStringLiteral("/objects.kstudio"), document.snapshot()))
        return 1;

    document.apply(layoutEdit(autoLayout(document.snapshot())));
    NodePool pool;
    pool.name = QStringLiteral("general");
    pool.count = 3;
    pool.zones = {QStringLiteral("zone-a"), QStringLiteral("zone-b")};
    pool.labels.insert(QStringLiteral("disk"), QStringLiteral("ssd"));
    pool.taints = {QStringLiteral("dedicated=web:NoSchedule")};
    document.apply(Edit(SetNodePools{{pool}}));
    document.setNotes(QStringLiteral("Seed design for fuzz_project_reader."));
    if (!save(directory + QStringLiteral("/full.kstudio"), document.snapshot()))
        return 1;
    return 0;
}

} // namespace kstudio::fuzz

int main(int argc, char *argv[])
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_make_project_seeds DIR\n");
        return 2;
    }
    return kstudio::fuzz::makeSeeds(QString::fromLocal8Bit(argv[1]));
}
