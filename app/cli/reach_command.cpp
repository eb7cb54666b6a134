// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio reach PATH... [--format text|json|matrix|summary|dot] [--from NS/NAME] [--to NS/NAME]
//                      [--port N[/PROTO]] [--external IP|CIDR]...   (../shared/CLI.md)
#include "commands.h"

#include <sim/reach/exposure.h>
#include <sim/reach/lint.h>
#include <sim/reach/reach.h>
#include <sim/reach/report.h>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace kstudio::app {

namespace {

const QString usage
    = u"usage: kstudio reach PATH... [--format text|json|matrix|summary|dot] "
      u"[--from NS/NAME] [--to NS/NAME] [--port N[/PROTO]] [--external IP|CIDR]... "
      u"[--exposure [--ingress-controller NS[:K=V,...]] [--gateway-controller NS[:K=V,...]]] "
      u"[--lint]"_s;

void printBytes(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

// json and text stream: a full listing is millions of entries, written as they are found.
ExitCode streamListing(const sim::reach::Network &network,
                       const sim::reach::Query &query,
                       bool json,
                       bool queried)
{
    constexpr qsizetype flushAt = 1 << 20;
    QByteArray buffer;
    QString text;
    qint64 allowed = 0;
    qint64 denied = 0;
    const auto flush = [&buffer, &text](bool force) {
        if (!text.isEmpty() && (force || text.size() >= flushAt)) {
            buffer += text.toUtf8();
            text.clear();
        }
        if (!buffer.isEmpty() && (force || buffer.size() >= flushAt)) {
            printBytes(buffer);
            buffer.clear();
        }
    };
    const QString error
        = sim::reach::streamQuery(network, query, [&](sim::reach::Connection &&connection) {
              const bool first = allowed + denied == 0;
              (connection.allowed ? allowed : denied) += 1;
              if (json) {
                  if (first)
                      buffer += sim::reach::jsonOpening();
                  sim::reach::appendJsonEntry(buffer, network, connection, first);
              } else {
                  sim::reach::appendTextEntry(text, network, connection);
              }
              flush(false);
          });
    if (!error.isEmpty()) {
        printError(error);
        return ExitCode::BadInput;
    }
    if (json) {
        if (allowed + denied == 0)
            buffer += sim::reach::jsonOpening();
        buffer += sim::reach::jsonClosing(allowed + denied == 0);
    } else {
        text += sim::reach::textTotals(allowed, denied);
    }
    flush(true);
    return queried && denied > 0 ? ExitCode::No : ExitCode::Ok;
}

// validate's JSON shape (CLI.md): {"findings":[{"rule","severity","object","path","message"}]}.
QString lintJson(const std::vector<sim::reach::LintFinding> &findings)
{
    QJsonArray list;
    for (const sim::reach::LintFinding &finding : findings) {
        list.append(QJsonObject{
            {u"rule"_s, finding.rule},
            {u"severity"_s, u"warning"_s},
            {u"object"_s,
             QJsonObject{{u"kind"_s, finding.kind},
                         {u"namespace"_s, finding.ns},
                         {u"name"_s, finding.name}}},
            {u"path"_s, finding.path},
            {u"message"_s, finding.message},
        });
    }
    return QString::fromUtf8(QJsonDocument(QJsonObject{{u"findings"_s, list}}).toJson());
}

QString lintText(const std::vector<sim::reach::LintFinding> &findings)
{
    QString out;
    for (const sim::reach::LintFinding &finding : findings) {
        out += u"warning "_s + finding.rule + u" "_s + finding.kind + u" "_s
               + finding.qualifiedName() + u" "_s + finding.path + u": "_s + finding.message
               + QLatin1Char('\n');
    }
    return out + QString::number(findings.size())
           + (findings.size() == 1 ? u" finding\n"_s : u" findings\n"_s);
}

} // namespace

ExitCode reachCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Simulate network reachability under the design's NetworkPolicies: one entry per (source "
        u"pod, "
        "destination pod, destination container port and protocol), allowed or denied, with the "
        "policies and rules that decided it. Without --from/--to every pair is listed; --to may "
        "name "
        "a Service (its port resolves to each selected pod's targetPort). Workload names stand for "
        "all their pods. External endpoints (--external, or an ip:ADDRESS in --from/--to) appear "
        "as ip:ADDRESS; without --port they are examined on the ports egress rules name. DaemonSet "
        "pods are ns/name-<node> for each Node object of the design."_s);
    parser.addHelpOption();
    parser.addOption({{u"o"_s, u"format"_s},
                      u"Output: text, json (CLI.md), summary (totals per namespace pair), matrix "
                      "(allowed ports per workload pair) or dot (Graphviz)."_s,
                      u"FORMAT"_s,
                      u"text"_s});
    parser.addOption({u"from"_s, u"Source pod, workload or ip:ADDRESS."_s, u"NS/NAME"_s});
    parser.addOption(
        {u"to"_s, u"Destination pod, workload, Service or ip:ADDRESS."_s, u"NS/NAME"_s});
    parser.addOption(
        {u"port"_s, u"Only this destination port (protocol: TCP, UDP or SCTP)."_s, u"N[/PROTO]"_s});
    parser.addOption({u"external"_s,
                      u"An external endpoint (address or CIDR, IPv4 or IPv6); repeatable."_s,
                      u"IP|CIDR"_s});
    parser.addOption({u"exposure"_s,
                      u"List what is exposed outside the cluster and through which path: "
                      "LoadBalancer and NodePort Services (from the internet or "
                      "loadBalancerSourceRanges), Ingress rules and Gateway API routes (from the "
                      "controller's pods), down to each backend pod and target port (text or "
                      "json)."_s});
    parser.addOption({u"lint"_s,
                      u"Report findings instead (text, or json in validate's shape): policies that "
                      "allow nothing new, pods isolated for egress that cannot reach kube-dns on "
                      "53/UDP and 53/TCP, Services their own clients cannot reach. Exit 1 when "
                      "there is any."_s});
    parser.addOption({u"ingress-controller"_s,
                      u"The ingress controller's pods: namespace and labels (default "
                      "ingress-nginx:app.kubernetes.io/name=ingress-nginx)."_s,
                      u"NS[:KEY=VALUE,...]"_s});
    parser.addOption({u"gateway-controller"_s,
                      u"The Gateway proxies' pods (default: each Gateway's namespace, labelled "
                      "gateway.networking.k8s.io/gateway-name=<gateway>)."_s,
                      u"NS[:KEY=VALUE,...]"_s});
    parser.addPositionalArgument(u"PATH"_s, u"Inputs."_s, u"PATH..."_s);
    if (const std::optional<ExitCode> done = parseCommandLine(parser, arguments))
        return *done;

    const QStringList paths = parser.positionalArguments();
    const QString format = parser.value(u"format"_s);
    static const QStringList formats{u"text"_s, u"json"_s, u"summary"_s, u"matrix"_s, u"dot"_s};
    if (paths.isEmpty()) {
        printError(usage);
        return ExitCode::BadInput;
    }
    if (!formats.contains(format)) {
        printError(u"unknown --format '"_s + format + u"' (text, json, summary, matrix or dot)"_s);
        return ExitCode::BadInput;
    }
    sim::reach::ExposureOptions exposureOptions;
    for (const auto &[option, target] :
         {std::pair<QString, int>{u"ingress-controller"_s, 0}, {u"gateway-controller"_s, 1}}) {
        if (!parser.isSet(option))
            continue;
        QString error;
        const auto spec = sim::reach::ControllerSpec::parse(parser.value(option), &error);
        if (!spec) {
            printError(u"invalid --"_s + option + u" '"_s + parser.value(option) + u"': "_s
                       + error);
            return ExitCode::BadInput;
        }
        if (target == 0)
            exposureOptions.ingressController = *spec;
        else
            exposureOptions.gatewayController = *spec;
    }
    const bool exposure = parser.isSet(u"exposure"_s);
    const bool lint = parser.isSet(u"lint"_s);
    if (lint && (exposure || (format != u"json"_s && format != u"text"_s))) {
        printError(u"--lint prints text or json and does not combine with --exposure"_s);
        return ExitCode::BadInput;
    }
    if (exposure && format != u"json"_s && format != u"text"_s) {
        printError(u"--exposure prints text or json, not '"_s + format + u"'"_s);
        return ExitCode::BadInput;
    }
    if (exposure && (parser.isSet(u"from"_s) || parser.isSet(u"to"_s) || parser.isSet(u"port"_s))) {
        printError(u"--exposure lists every way in; it takes no --from, --to or --port"_s);
        return ExitCode::BadInput;
    }
    sim::reach::Query query;
    query.from = parser.value(u"from"_s);
    query.to = parser.value(u"to"_s);
    query.withReasons = format == u"json"_s || format == u"text"_s;
    if (parser.isSet(u"port"_s)) {
        QString error;
        const std::optional<sim::reach::PortSpec> spec = sim::reach::parsePortSpec(parser.value(u"port"_s), &error);
        if (!spec) {
            printError(u"invalid --port: "_s + error);
            return ExitCode::BadInput;
        }
        query.port = spec->port;
        query.protocol = spec->protocol;
    }
    QList<sim::reach::Cidr> externals;
    QStringList externalTexts = parser.values(u"external"_s);
    for (QString *endpoint : {&query.from, &query.to}) {
        if (!endpoint->startsWith(u"ip:"_s))
            continue;
        externalTexts << endpoint->mid(3);
    }
    for (const QString &text : externalTexts) {
        const auto cidr = sim::reach::Cidr::parse(text);
        if (!cidr) {
            printError(u"invalid external endpoint '"_s + text
                       + u"': expected an IPv4 or IPv6 address or CIDR"_s);
            return ExitCode::BadInput;
        }
        externals << *cidr;
    }
    // ip:ADDRESS in --from/--to names the endpoint by its canonical form.
    for (QString *endpoint : {&query.from, &query.to}) {
        if (endpoint->startsWith(u"ip:"_s))
            *endpoint = u"ip:"_s + sim::reach::Cidr::parse(endpoint->mid(3))->toString();
    }

    model::Document document;
    if (loadDesign(paths, document) != ExitCode::Ok)
        return ExitCode::BadInput;
    const sim::reach::Network network = sim::reach::Network::build(document.snapshot(), externals);
    for (const QString &warning : network.warnings())
        printError(u"warning: "_s + warning);
    if (lint) {
        const std::vector<sim::reach::LintFinding> findings
            = sim::reach::lint(network, document.snapshot());
        printOut(format == u"json"_s ? lintJson(findings) : lintText(findings));
        return findings.empty() ? ExitCode::Ok : ExitCode::No;
    }
    if (exposure) {
        const std::vector<sim::reach::Connection> ways
            = sim::reach::exposures(network, document.snapshot(), exposureOptions);
        if (format == u"json"_s)
            printBytes(sim::reach::toJson(network, ways));
        else
            printOut(sim::reach::toText(network, ways));
        return ExitCode::Ok;
    }
    const bool queried = !query.from.isEmpty() || !query.to.isEmpty();
    if (format == u"json"_s || format == u"text"_s)
        return streamListing(network, query, format == u"json"_s, queried);

    if (!queried) {
        // The full matrix by equivalence classes: 10,000 pods are 100 million pairs.
        if (format == u"summary"_s)
            printOut(sim::reach::summaryText(sim::reach::summarize(network, query)));
        else if (format == u"matrix"_s)
            printOut(sim::reach::matrixText(sim::reach::workloadMatrix(network, query)));
        else
            printOut(sim::reach::dotText(sim::reach::workloadMatrix(network, query)));
        return ExitCode::Ok;
    }
    const sim::reach::QueryResult result = sim::reach::runQuery(network, query);
    if (!result.error.isEmpty()) {
        printError(result.error);
        return ExitCode::BadInput;
    }
    if (format == u"summary"_s)
        printOut(sim::reach::toSummary(network, result.connections));
    else if (format == u"matrix"_s)
        printOut(sim::reach::toMatrix(network, result.connections));
    else
        printOut(sim::reach::toDot(network, result.connections));
    const bool anyDenied = std::any_of(result.connections.cbegin(),
                                       result.connections.cend(),
                                       [](const sim::reach::Connection &c) { return !c.allowed; });
    return queried && anyDenied ? ExitCode::No : ExitCode::Ok;
}

} // namespace kstudio::app
