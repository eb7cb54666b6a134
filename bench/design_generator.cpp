// SPDX-License-Identifier: GPL-3.0-or-later
// Deterministic generator of N-object designs (Deployments, Services, ConfigMaps, NetworkPolicies).
#include "design_generator.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace kstudio::bench {

namespace {

constexpr std::size_t appsPerNamespace = 25;

constexpr std::array<std::string_view, 16> prefixes = {
    "cart", "checkout", "catalog", "payment", "shipping", "search", "review", "auth",
    "ledger", "invoice", "media", "notify", "profile", "quote", "stock", "report"};
constexpr std::array<std::string_view, 8> suffixes = {
    "api", "worker", "web", "gw", "sync", "db", "ui", "cron"};
constexpr std::array<std::string_view, 4> tiers = {"frontend", "backend", "data", "edge"};
constexpr std::array<std::string_view, 4> cpuRequests = {"100m", "250m", "500m", "1"};
constexpr std::array<std::string_view, 4> memoryRequests = {"128Mi", "256Mi", "512Mi", "1Gi"};
constexpr std::array<std::string_view, 4> memoryLimits = {"256Mi", "512Mi", "1Gi", "2Gi"};
constexpr std::array<std::string_view, 3> logLevels = {"info", "debug", "warn"};

// splitmix64: a fixed, portable mixing function (std:: distributions are not portable).
std::uint64_t mix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// The facts of one application, all derived from its index.
struct App
{
    std::string name;
    std::string ns;
    std::string partOf;
    std::string_view tier;
    std::string version;
    int port = 8080;
    int replicas = 1;
    std::size_t size = 0; // index into the request/limit tables
    std::uint64_t bits = 0;
};

App makeApp(std::size_t index)
{
    const std::uint64_t h = mix(index);
    App app;
    app.bits = h;
    const std::string_view prefix = prefixes[h % prefixes.size()];
    const std::string_view suffix = suffixes[(h >> 8) % suffixes.size()];
    // Unique within its namespace, which holds appsPerNamespace applications.
    app.name = std::string(prefix) + '-' + std::string(suffix) + '-'
               + std::to_string(index % appsPerNamespace);
    app.partOf = std::string(prefix);
    std::string nsNumber = std::to_string(index / appsPerNamespace);
    while (nsNumber.size() < 3)
        nsNumber.insert(nsNumber.begin(), '0');
    app.ns = "team-" + nsNumber;
    app.tier = tiers[(h >> 16) % tiers.size()];
    app.version = std::to_string(1 + (h >> 20) % 3) + '.' + std::to_string((h >> 24) % 20) + '.'
                  + std::to_string((h >> 32) % 10);
    app.port = 8000 + static_cast<int>((h >> 36) % 100);
    app.replicas = 1 + static_cast<int>((h >> 44) % 5);
    app.size = (h >> 48) % cpuRequests.size();
    return app;
}

void appendMetadata(std::string &out, const App &app, std::string_view name)
{
    out += "metadata:\n  name: ";
    out += name;
    out += "\n  namespace: ";
    out += app.ns;
    out += "\n  labels:\n    app.kubernetes.io/name: ";
    out += app.name;
    out += "\n    app.kubernetes.io/part-of: ";
    out += app.partOf;
    out += '\n';
}

void appendConfigMap(std::string &out, const App &app)
{
    out += "apiVersion: v1\nkind: ConfigMap\n";
    appendMetadata(out, app, app.name + "-config");
    out += "data:\n  LOG_LEVEL: ";
    out += logLevels[(app.bits >> 52) % logLevels.size()];
    out += "\n  LISTEN_PORT: \"";
    out += std::to_string(app.port);
    out += "\"\n  settings.yaml: |\n    cache:\n      ttlSeconds: 300\n    retries: 3\n";
}

void appendDeployment(std::string &out, const App &app)
{
    const std::string port = std::to_string(app.port);
    out += "apiVersion: apps/v1\nkind: Deployment\n";
    appendMetadata(out, app, app.name);
    out += "spec:\n  replicas: ";
    out += std::to_string(app.replicas);
    out += "\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: ";
    out += app.name;
    out += "\n  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: ";
    out += app.name;
    out += "\n        tier: ";
    out += app.tier;
    out += "\n    spec:\n      containers:\n      - name: ";
    out += app.name;
    out += "\n        image: example.com/";
    out += app.partOf;
    out += '/';
    out += app.name;
    out += ':';
    out += app.version;
    out += "\n        ports:\n        - name: http\n          containerPort: ";
    out += port;
    out += "\n        envFrom:\n        - configMapRef:\n            name: ";
    out += app.name;
    out += "-config\n        resources:\n          requests:\n            cpu: ";
    out += cpuRequests[app.size];
    out += "\n            memory: ";
    out += memoryRequests[app.size];
    out += "\n          limits:\n            memory: ";
    out += memoryLimits[app.size];
    out += "\n        livenessProbe:\n          httpGet:\n            path: /healthz\n"
           "            port: http\n          periodSeconds: 10\n"
           "        readinessProbe:\n          tcpSocket:\n            port: http\n";
}

void appendService(std::string &out, const App &app)
{
    out += "apiVersion: v1\nkind: Service\n";
    appendMetadata(out, app, app.name);
    out += "spec:\n  selector:\n    app.kubernetes.io/name: ";
    out += app.name;
    out += "\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n";
}

void appendNetworkPolicy(std::string &out, const App &app)
{
    out += "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n";
    appendMetadata(out, app, app.name + "-ingress");
    out += "spec:\n  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: ";
    out += app.name;
    out += "\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - podSelector:\n"
           "        matchLabels:\n          app.kubernetes.io/part-of: ";
    out += app.partOf;
    out += "\n    - namespaceSelector:\n        matchLabels:\n"
           "          kubernetes.io/metadata.name: ingress-nginx\n    ports:\n    - port: ";
    out += std::to_string(app.port);
    out += '\n';
}

} // namespace

std::string generateDesign(std::size_t objectCount)
{
    std::string out;
    out.reserve(objectCount * 600);
    App app;
    for (std::size_t i = 0; i < objectCount; ++i) {
        if (i % 4 == 0)
            app = makeApp(i / 4);
        if (i > 0)
            out += "---\n";
        switch (i % 4) {
        case 0:
            appendConfigMap(out, app);
            break;
        case 1:
            appendDeployment(out, app);
            break;
        case 2:
            appendService(out, app);
            break;
        default:
            appendNetworkPolicy(out, app);
            break;
        }
    }
    return out;
}

} // namespace kstudio::bench
