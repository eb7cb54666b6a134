// SPDX-License-Identifier: GPL-3.0-or-later
// The help layout of kubectl and helm (spf13/cobra's default usage template: the long
// description, then "Usage:", "Examples:", "Flags:"), with an "Exit codes:" section after it
// because scripts and classroom graders depend on them (../shared/CLI.md).
#include "help.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace kstudio::app {

namespace {

struct CommandHelpEntry
{
    const char *command;   // as typed: "kstudio validate"
    const char *usage;     // one usage form per line, without indentation
    const char *examples;  // "# what it does" then the command, an empty line between examples
    const char *exitCodes; // "0  ..." lines
};

constexpr CommandHelpEntry entries[] = {
    {"kstudio import",
     "kstudio import PATH... -o DESIGN.kstudio [--node-pools FILE] [--notes FILE]",
     "# Turn a directory of manifests into a laid-out project\n"
     "kstudio import k8s/ -o shop.kstudio\n"
     "\n"
     "# The same, with a cluster to schedule on and a description shown in the Notes dock\n"
     "kstudio import k8s/ --node-pools pools.json --notes README.txt -o shop.kstudio",
     "0  the project was written\n"
     "2  bad input or usage: a malformed file is reported (file:line:col) and left out, the\n"
     "   rest is still written; a bad --node-pools file or an unwritable output writes nothing"},
    {"kstudio export",
     "kstudio export PATH... --manifests DIR\n"
     "kstudio export PATH... --manifests OUT --single-file\n"
     "kstudio export PATH... --helm DIR [--chart-name NAME] [--chart-version SEMVER] [--app-version VERSION]\n"
     "kstudio export PATH... --kustomize DIR",
     "# One file per object, numbered in install order\n"
     "kstudio export shop.kstudio --manifests out/\n"
     "\n"
     "# One YAML stream on stdout, for kubectl apply -f -\n"
     "kstudio export shop.kstudio --manifests - --single-file\n"
     "\n"
     "# A Helm chart that helm lint --strict accepts\n"
     "kstudio export shop.kstudio --helm charts/shop --chart-version 1.2.0\n"
     "\n"
     "# A kustomize base with dev, staging and production overlays\n"
     "kstudio export shop.kstudio --kustomize deploy/",
     "0  written\n"
     "2  bad input or usage, or the output cannot be written"},
    {"kstudio validate",
     "kstudio validate PATH... [-o text|json|sarif] [--k8s-version V] [--disable RULE]... [flags]",
     "# Check a project; a CI job fails on any error-level finding\n"
     "kstudio validate shop.kstudio\n"
     "\n"
     "# Only the errors, as JSON\n"
     "kstudio validate k8s/ --min-severity error -o json\n"
     "\n"
     "# SARIF for code scanning, against Kubernetes 1.29, without one rule\n"
     "kstudio validate k8s/ -o sarif --k8s-version 1.29 --disable image-tag-latest > findings.sarif\n"
     "\n"
     "# Every rule with its documentation\n"
     "kstudio validate --list-rules",
     "0  no error-level finding (warnings and notes do not fail)\n"
     "1  at least one error-level finding\n"
     "2  bad input or usage (the findings of the readable files are still printed)"},
    {"kstudio schedule",
     "kstudio schedule PATH... [-o text|json|summary] [--explain POD] [--hpa min|max] [flags]\n"
     "kstudio schedule PATH... --drain NODE | --cordon NODE | --fail-zone ZONE | --fail-node NODE | --scale NS/NAME=N\n"
     "kstudio schedule PATH... --plan-capacity [--node-shape SHAPE] [--zones Z,...]",
     "# Where each pod lands on the project's node pools\n"
     "kstudio schedule shop.kstudio\n"
     "\n"
     "# Totals and Pending pods only, on a large design\n"
     "kstudio schedule big.kstudio -o summary\n"
     "\n"
     "# Why a pod goes where it goes (each plugin's verdict and score per node)\n"
     "kstudio schedule shop.kstudio --explain shop/api-0\n"
     "\n"
     "# What if zone-a fails, with every HPA at its maximum\n"
     "kstudio schedule shop.kstudio --fail-zone zone-a --hpa max\n"
     "\n"
     "# What if the api runs 6 replicas\n"
     "kstudio schedule shop.kstudio --scale shop/api=6\n"
     "\n"
     "# How many 4-CPU nodes over three zones the design needs\n"
     "kstudio schedule k8s/ --plan-capacity --node-shape cpu=4,memory=16Gi --zones a,b,c",
     "0  every pod is placed (--plan-capacity: a node count fits)\n"
     "1  a pod stays Pending (--plan-capacity: no node count fits)\n"
     "2  bad input or usage"},
    {"kstudio reach",
     "kstudio reach PATH... [-o text|json|matrix|summary|dot] [--from NS/NAME] [--to NS/NAME] [--port N[/PROTO]] [--external IP|CIDR]...\n"
     "kstudio reach PATH... --exposure [-o text|json] [--ingress-controller NS[:K=V,...]] [--gateway-controller NS[:K=V,...]]\n"
     "kstudio reach PATH... --lint [-o text|json]",
     "# May the frontend reach the database? (exit code 1 when denied)\n"
     "kstudio reach shop.kstudio --from shop/frontend --to shop/postgres --port 5432\n"
     "\n"
     "# Allowed ports between workloads, as a table\n"
     "kstudio reach shop.kstudio -o matrix\n"
     "\n"
     "# What the internet reaches, and through which Service, Ingress or route\n"
     "kstudio reach shop.kstudio --exposure\n"
     "\n"
     "# Policies that allow nothing new, blocked DNS, unreachable Services\n"
     "kstudio reach shop.kstudio --lint\n"
     "\n"
     "# The whole graph for Graphviz\n"
     "kstudio reach shop.kstudio -o dot | dot -Tsvg > reach.svg",
     "0  answered (every queried connection is allowed; --lint: no finding)\n"
     "1  a queried connection (--from/--to) is denied; --lint: at least one finding\n"
     "2  bad input or usage"},
    {"kstudio import-chart",
     "kstudio import-chart CHART_DIR -o DESIGN.kstudio [-f FILE]... [--set K=V]... [--release NAME] [-n NS]",
     "# Render a chart with its default values\n"
     "kstudio import-chart ./charts/shop -o shop.kstudio\n"
     "\n"
     "# With a values file and an override, into a namespace\n"
     "kstudio import-chart ./charts/shop -f prod.yaml --set replicaCount=3 -n shop -o shop.kstudio",
     "0  the project was written\n"
     "2  bad input or usage, helm not found, or helm template failed (its message is shown)"},
    {"kstudio rules",
     "kstudio rules [-o text|json] [--k8s-version V] [--disable RULE]... [--severity RULE=LEVEL]...",
     "# Every validation rule with why it matters and how to fix it\n"
     "kstudio rules\n"
     "\n"
     "# As JSON (docs/rules/ is generated from it)\n"
     "kstudio rules -o json",
     "0  listed\n"
     "2  bad usage (an unknown rule or format)"},
};

const CommandHelpEntry *entryFor(const QString &command)
{
    for (const CommandHelpEntry &entry : entries) {
        if (command == QLatin1String(entry.command))
            return &entry;
    }
    return nullptr;
}

QString indented(const char *text)
{
    QStringList lines = QString::fromUtf8(text).split(u'\n');
    for (QString &line : lines) {
        if (!line.isEmpty())
            line.prepend(u"  "_s);
    }
    return lines.join(u'\n') + u'\n';
}

// Wraps each paragraph of text at 80 columns, as the descriptions in cobra's help are.
QString wrapped(const QString &text)
{
    constexpr qsizetype width = 80;
    QStringList out;
    for (const QString &paragraph : text.split(u'\n')) {
        QString line;
        for (const QString &word : paragraph.split(u' ', Qt::SkipEmptyParts)) {
            if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
                out.append(line);
                line.clear();
            }
            line += (line.isEmpty() ? QString() : u" "_s) + word;
        }
        out.append(line);
    }
    return out.join(u'\n');
}

} // namespace

QString commandHelp(const QString &command, const QString &description, const QString &qtHelp)
{
    const CommandHelpEntry *entry = entryFor(command);
    if (!entry)
        return qtHelp;
    // Qt's text: "Usage: ...\n<description>\n\nOptions:\n...\n\nArguments:\n...". Keep its
    // option and argument lists (aligned, wrapped), under cobra's section names.
    const qsizetype options = qtHelp.indexOf(u"\nOptions:\n"_s);
    QString flags = options < 0 ? QString() : qtHelp.mid(options + 1);
    if (flags.startsWith(u"Options:"_s))
        flags.replace(0, 8, u"Flags:"_s);
    // Qt's wording of its own help flags, in cobra's ("help for validate"); --help-all adds only
    // Qt's platform options, which a command run without a display does not have.
    flags.replace(u"Displays help on commandline options."_s, u"help for "_s + command.section(u' ', 1));
    QStringList flagLines = flags.split(u'\n');
    flagLines.removeIf([](const QString &line) { return line.trimmed().startsWith(u"--help-all"_s); });
    flags = flagLines.join(u'\n');
    if (!flags.endsWith(u'\n'))
        flags += u'\n';
    return wrapped(description) + u"\n\nUsage:\n"_s + indented(entry->usage) + u"\nExamples:\n"_s
           + indented(entry->examples) + u'\n' + flags + u"\nExit codes:\n"_s
           + indented(entry->exitCodes);
}

QString topLevelHelpTail()
{
    return u"Examples:\n"_s
           + indented("# Start the studio on a project\n"
                      "kstudio shop.kstudio\n"
                      "\n"
                      "# Check, schedule and probe a design without a display (CI, grading)\n"
                      "kstudio validate shop.kstudio -o json\n"
                      "kstudio schedule shop.kstudio -o summary\n"
                      "kstudio reach shop.kstudio --from shop/frontend --to shop/api\n"
                      "\n"
                      "# Manifests into a project, and a project out as a Helm chart\n"
                      "kstudio import k8s/ -o shop.kstudio\n"
                      "kstudio export shop.kstudio --helm charts/shop");
}

} // namespace kstudio::app
