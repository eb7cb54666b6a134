// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio_bench_reach: reachability over generated designs (issue #5's targets: 10,000 pods and
// 2,000 policies, the full matrix in under 2 s and 1 GB; a point query in under 1 ms after the
// first). Run by hand, never by ctest:
//   kstudio_bench_reach --pods 10000 --policies 500 --policies 2000
#include "measure.h"

#include <sim/reach/exposure.h>
#include <sim/reach/lint.h>
#include <sim/reach/reach.h>
#include <sim/reach/report.h>

#include <model/core/document.h>
#include <model/io/manifest_reader.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>


#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using namespace kstudio;
using namespace Qt::StringLiterals;
namespace reach = kstudio::sim::reach;

namespace {



// Four tiers with their ports; the policies below name them by number and by name.
struct Tier
{
    const char *name;
    const char *ports; // a YAML flow sequence of container ports
};
constexpr Tier tiers[] = {
    {"web", "[{name: http, containerPort: 80}]"},
    {"api", "[{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}]"},
    {"db", "[{name: pg, containerPort: 5432}]"},
    {"cache",
     "[{name: redis, containerPort: 6379}, {name: redis-udp, containerPort: 6379, "
     "protocol: UDP}]"},
};

// A deterministic design: `namespaces` namespaces (labelled team and env), Deployments of 10
// replicas each (labels app, tier, version) with a Service each (every tenth a LoadBalancer), an
// Ingress per namespace, and `policies` NetworkPolicies cycling through the common shapes:
// default deny ingress, same-tier ingress, web ->
// api on a named port from selected namespaces, api -> db on a port range, DNS egress, and an
// ipBlock with except.
std::string generate(int pods, int policies, int namespaces)
{
    constexpr int replicas = 10;
    const int deployments = std::max(1, pods / replicas);
    std::string out;
    out.reserve(static_cast<std::size_t>(deployments) * 900
                + static_cast<std::size_t>(policies) * 500);
    const auto ns = [](int index) { return "team-" + std::to_string(index); };
    for (int n = 0; n < namespaces; ++n) {
        out += "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns(n)
               + "\n  labels: {team: t" + std::to_string(n % 5)
               + ", env: " + (n % 2 ? "dev" : "prod") + "}\n---\n";
    }
    for (int d = 0; d < deployments; ++d) {
        const Tier &tier = tiers[d % 4];
        const std::string name = "app-" + std::to_string(d);
        const std::string space = ns(d % namespaces);
        const std::string labels = "{app: " + name + ", tier: " + tier.name + ", version: v"
                                   + std::to_string(d % 3) + "}";
        out += "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name
               + ", namespace: " + space + "}\nspec:\n  replicas: " + std::to_string(replicas)
               + "\n  selector: {matchLabels: {app: " + name + "}}\n  template:\n    metadata: "
               + "{labels: " + labels + "}\n    spec:\n      containers:\n      - name: main\n"
               + "        image: example/" + tier.name + ":1.0\n        ports: " + tier.ports
               + "\n---\napiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: "
               + space + "}\nspec:\n" + (d % 10 == 0 ? "  type: LoadBalancer\n" : "")
               + "  selector: {app: " + name + "}\n  ports: [{port: 80, targetPort: "
               + (d % 4 == 2 ? "pg" : "http") + "}]\n---\n";
    }
    for (int n = 0; n < namespaces && n < deployments; ++n) {
        // Every namespace's first Deployment (a web tier when n % 4 == 0) behind an Ingress.
        out += "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: public, "
               "namespace: "
               + ns(n) + "}\nspec:\n  rules:\n  - host: " + ns(n)
               + ".example.com\n    http:\n      paths:\n      - {path: /, pathType: Prefix, "
                 "backend: {service: {name: app-"
               + std::to_string(n) + ", port: {number: 80}}}}\n---\n";
    }
    for (int p = 0; p < policies; ++p) {
        const std::string space = ns(p % namespaces);
        const std::string head = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                                 "metadata: {name: policy-"
                                 + std::to_string(p) + ", namespace: " + space + "}\nspec:\n";
        switch ((p / namespaces) % 6) {
        case 0:
            out += head + "  podSelector: {}\n  policyTypes: [Ingress]\n";
            break;
        case 1:
            out += head
                   + "  podSelector: {matchLabels: {tier: web}}\n  ingress:\n  - from: "
                     "[{podSelector: {matchLabels: {tier: web}}}]\n";
            break;
        case 2:
            out += head
                   + "  podSelector: {matchLabels: {tier: api}}\n  ingress:\n  - from:\n"
                     "    - namespaceSelector: {matchLabels: {team: t"
                   + std::to_string(p % 5)
                   + "}}\n      podSelector: {matchLabels: {tier: web}}\n    ports: [{port: "
                     "http}]\n";
            break;
        case 3:
            out += head
                   + "  podSelector: {matchLabels: {tier: db}}\n  ingress:\n  - from: "
                     "[{podSelector: {matchExpressions: [{key: tier, operator: In, values: "
                     "[api]}]}}]\n    ports: [{port: 5000, endPort: 5500}]\n";
            break;
        case 4:
            out += head
                   + "  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: "
                     "[{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: "
                     "kube-dns}}}]\n    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: "
                     "TCP}]\n  - to: [{podSelector: {}}]\n";
            break;
        default:
            out += head + "  podSelector: {matchLabels: {version: v" + std::to_string(p % 3)
                   + "}}\n  ingress:\n  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: "
                     "[10.1.0.0/16]}}, {namespaceSelector: {matchLabels: {env: prod}}}]\n";
            break;
        }
        out += "---\n";
    }
    return out;
}

void benchmark(int pods, int policies, int namespaces, int queries)
{
    QElapsedTimer timer;
    timer.start();
    const std::string text = generate(pods, policies, namespaces);
    model::LoadResult loaded;
    model::readManifests(text, u"generated.yaml"_s, loaded);
    model::Document document;
    document.addObjects(std::move(loaded.objects));
    const model::Snapshot snapshot = document.snapshot();
    const double loadMs = bench::millisecondsSince(timer);

    timer.restart();
    const reach::Network network = reach::Network::build(snapshot);
    const double buildMs = bench::millisecondsSince(timer);

    timer.restart();
    const reach::GroupTotals totals = reach::summarize(network, {});
    const double matrixMs = bench::millisecondsSince(timer);
    qint64 allowed = 0;
    qint64 denied = 0;
    for (const auto &[groups, cell] : totals) {
        allowed += cell.allowed;
        denied += cell.denied;
    }

    // Point queries as `kstudio reach --from A --to B --port P` runs them, with reasons.
    std::vector<double> times;
    std::uint64_t state = 12345;
    const auto next = [&state]() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::size_t>(state >> 33);
    };
    const std::vector<reach::Peer> &peers = network.peers();
    int answered = 0;
    for (int q = 0; q < queries; ++q) {
        const reach::Peer &from = peers[next() % peers.size()];
        const reach::Peer &to = peers[next() % peers.size()];
        reach::Query query;
        query.from = from.name;
        query.to = to.name;
        if (!to.ports.isEmpty())
            query.port = to.ports.front().containerPort;
        QElapsedTimer one;
        one.start();
        const reach::QueryResult result = reach::runQuery(network, query);
        times.push_back(bench::millisecondsSince(one));
        answered += static_cast<int>(result.connections.size());
    }
    const double first = times.empty() ? 0 : times.front();
    std::vector<double> rest(times.size() > 1 ? times.begin() + 1 : times.end(), times.end());
    std::sort(rest.begin(), rest.end());
    const double median = rest.empty() ? 0 : rest[rest.size() / 2];
    const double p99 = rest.empty() ? 0 : rest[rest.size() * 99 / 100];
    const double worst = rest.empty() ? 0 : rest.back(); // a descheduled thread on a busy machine

    timer.restart();
    const std::vector<reach::Connection> ways = reach::exposures(network, snapshot);
    const double exposureMs = bench::millisecondsSince(timer);

    timer.restart();
    const std::vector<reach::LintFinding> findings = reach::lint(network, snapshot);
    const double lintMs = bench::millisecondsSince(timer);

    std::printf("%d pods (%zu peers, %zu classes), %zu policies, %zu Services, %d namespaces\n",
                pods,
                peers.size(),
                network.classCount(),
                network.policies().size(),
                network.services().size(),
                namespaces);
    std::printf("  generate+read %.0f ms; Network::build %.0f ms\n", loadMs, buildMs);
    std::printf("  full matrix (summary): %.0f ms, %lld connections (%lld allowed, %lld denied)\n",
                matrixMs,
                static_cast<long long>(allowed + denied),
                static_cast<long long>(allowed),
                static_cast<long long>(denied));
    std::printf("  point query with reasons: first %.3f ms, then median %.3f ms, p99 %.3f ms, "
                "max %.3f ms (%d queries, %d answers)\n",
                first,
                median,
                p99,
                worst,
                queries,
                answered);
    std::printf("  exposure: %.0f ms (%zu paths); lint: %.0f ms (%zu findings); peak RSS %ld MiB\n",
                exposureMs,
                ways.size(),
                lintMs,
                findings.size(),
                bench::peakRssMiB());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Reachability benchmark over generated designs."_s);
    parser.addHelpOption();
    parser.addOption({u"pods"_s, u"Pods (10 per Deployment)."_s, u"N"_s, u"10000"_s});
    parser.addOption({u"policies"_s, u"NetworkPolicies; repeatable."_s, u"N"_s});
    parser.addOption({u"namespaces"_s, u"Namespaces."_s, u"N"_s, u"50"_s});
    parser.addOption({u"queries"_s, u"Point queries."_s, u"N"_s, u"1000"_s});
    parser.addOption({u"write"_s,
                      u"Write the design (first --policies count) to FILE and stop, to time "
                      "`kstudio reach FILE --format summary` end to end."_s,
                      u"FILE"_s});
    parser.process(app);
    QStringList policyCounts = parser.values(u"policies"_s);
    if (policyCounts.isEmpty())
        policyCounts << u"500"_s;
    if (parser.isSet(u"write"_s)) {
        const std::string text = generate(parser.value(u"pods"_s).toInt(),
                                          policyCounts.front().toInt(),
                                          std::max(1, parser.value(u"namespaces"_s).toInt()));
        std::FILE *file = std::fopen(qPrintable(parser.value(u"write"_s)), "wb");
        if (!file || std::fwrite(text.data(), 1, text.size(), file) != text.size()) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(parser.value(u"write"_s)));
            return 2;
        }
        std::fclose(file);
        return 0;
    }
    for (const QString &count : policyCounts) {
        benchmark(parser.value(u"pods"_s).toInt(),
                  count.toInt(),
                  std::max(1, parser.value(u"namespaces"_s).toInt()),
                  std::max(1, parser.value(u"queries"_s).toInt()));
    }
    return 0;
}
