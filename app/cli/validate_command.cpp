// SPDX-License-Identifier: GPL-3.0-or-later
// kstudio validate PATH... [--format text|json|sarif] [--k8s-version V] [--disable RULE]...
// (../shared/CLI.md), plus --min-severity, --severity RULE=LEVEL and --list-rules.
#include "commands.h"

#include <sim/validate/engine.h>
#include <sim/validate/rule.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace kstudio::app {

namespace {

namespace validate = sim::validate;

QString location(const validate::Finding &finding)
{
    QString where
        = finding.file.isEmpty() ? u"<%1 %2>"_s.arg(
              finding.kind, finding.ns.isEmpty() ? finding.name : finding.ns + u'/' + finding.name)
                                 : finding.file;
    if (finding.line > 0) {
        where += u':' + QString::number(finding.line);
        if (finding.column > 0)
            where += u':' + QString::number(finding.column);
    }
    return where;
}

QString textReport(const validate::Findings &findings)
{
    QString out;
    for (const validate::Finding &finding : findings) {
        out += location(finding) + u": "_s + validate::severityName(finding.severity) + u": "_s
               + finding.message + u" ["_s + finding.rule + u"]\n"_s;
    }
    return out;
}

QString jsonReport(const validate::Findings &findings)
{
    QJsonArray list;
    for (const validate::Finding &finding : findings) {
        list.append(QJsonObject{
            {u"rule"_s, finding.rule},
            {u"severity"_s, validate::severityName(finding.severity)},
            {u"object"_s,
             QJsonObject{{u"kind"_s, finding.kind},
                         {u"namespace"_s, finding.ns},
                         {u"name"_s, finding.name}}},
            {u"path"_s, finding.path},
            {u"message"_s, finding.message},
            {u"file"_s, finding.file},
            {u"line"_s, finding.line},
            {u"column"_s, finding.column},
        });
    }
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{u"findings"_s, list}}).toJson(QJsonDocument::Indented));
}

QString sarifLevel(validate::Severity severity)
{
    switch (severity) {
    case validate::Severity::Error:
        return u"error"_s;
    case validate::Severity::Warning:
        return u"warning"_s;
    case validate::Severity::Info:
        return u"note"_s;
    }
    return {};
}

QString artifactUri(const QString &file)
{
    if (QDir::isRelativePath(file))
        return QDir::fromNativeSeparators(file);
    return QUrl::fromLocalFile(file).toString();
}

// SARIF 2.1.0 (OASIS): one run, the rules as reportingDescriptors, one result per finding.
QString sarifReport(const validate::Findings &findings, const validate::Config &config)
{
    QJsonArray rules;
    QMap<QString, int> ruleIndex;
    for (const validate::Rule *rule : validate::allRules()) {
        const QString id = QString::fromLatin1(rule->id);
        ruleIndex.insert(id, int(rules.size()));
        rules.append(QJsonObject{
            {u"id"_s, id},
            {u"shortDescription"_s, QJsonObject{{u"text"_s, QString::fromUtf8(rule->summary)}}},
            {u"fullDescription"_s, QJsonObject{{u"text"_s, QString::fromUtf8(rule->why)}}},
            {u"help"_s, QJsonObject{{u"text"_s, QString::fromUtf8(rule->fix)}}},
            {u"helpUri"_s, QString::fromUtf8(rule->docUrl)},
            {u"defaultConfiguration"_s,
             QJsonObject{{u"level"_s, sarifLevel(config.severities.value(id, rule->severity))}}},
        });
    }
    QJsonArray results;
    for (const validate::Finding &finding : findings) {
        QJsonObject physical;
        if (!finding.file.isEmpty()) {
            physical.insert(u"artifactLocation"_s,
                            QJsonObject{{u"uri"_s, artifactUri(finding.file)}});
            if (finding.line > 0) {
                QJsonObject region{{u"startLine"_s, finding.line}};
                if (finding.column > 0)
                    region.insert(u"startColumn"_s, finding.column);
                physical.insert(u"region"_s, region);
            }
        }
        const QString object = finding.kind + u'/'
                               + (finding.ns.isEmpty() ? QString() : finding.ns + u'/')
                               + finding.name;
        const QString qualified = object + u':' + finding.path;
        const QJsonObject logical{{u"fullyQualifiedName"_s, qualified}, {u"kind"_s, u"object"_s}};
        QJsonObject location{{u"logicalLocations"_s, QJsonArray{logical}}};
        if (!physical.isEmpty())
            location.insert(u"physicalLocation"_s, physical);
        results.append(QJsonObject{
            {u"ruleId"_s, finding.rule},
            {u"ruleIndex"_s, ruleIndex.value(finding.rule)},
            {u"level"_s, sarifLevel(finding.severity)},
            {u"message"_s, QJsonObject{{u"text"_s, finding.message}}},
            {u"locations"_s, QJsonArray{location}},
        });
    }
    const QJsonObject driver{
        {u"name"_s, u"kstudio"_s},
        {u"version"_s, QStringLiteral(KSTUDIO_VERSION)},
        {u"informationUri"_s, u"https://kubernetes.io/docs/concepts/"_s},
        {u"rules"_s, rules},
    };
    const QJsonObject sarif{
        {u"$schema"_s, u"https://json.schemastore.org/sarif-2.1.0.json"_s},
        {u"version"_s, u"2.1.0"_s},
        {u"runs"_s,
         QJsonArray{QJsonObject{{u"tool"_s, QJsonObject{{u"driver"_s, driver}}},
                                {u"results"_s, results}}}},
    };
    return QString::fromUtf8(QJsonDocument(sarif).toJson(QJsonDocument::Indented));
}

QString rulesText(const validate::Config &config)
{
    QString out;
    for (const validate::Rule *rule : validate::allRules()) {
        const QString id = QString::fromLatin1(rule->id);
        out += u"%1 (%2, %3; applies to %4)\n  %5\n  Why: %6\n  Fix: %7\n  See: %8\n\n"_s.arg(
            id,
            validate::severityName(config.severities.value(id, rule->severity)),
            validate::familyName(rule->family),
            QString::fromLatin1(rule->kinds),
            QString::fromUtf8(rule->summary),
            QString::fromUtf8(rule->why),
            QString::fromUtf8(rule->fix),
            QString::fromUtf8(rule->docUrl));
    }
    return out;
}

QString rulesJson(const validate::Config &config)
{
    QJsonArray list;
    for (const validate::Rule *rule : validate::allRules()) {
        const QString id = QString::fromLatin1(rule->id);
        list.append(QJsonObject{
            {u"id"_s, id},
            {u"severity"_s, validate::severityName(config.severities.value(id, rule->severity))},
            {u"family"_s, validate::familyName(rule->family)},
            {u"kinds"_s, QString::fromLatin1(rule->kinds)},
            {u"summary"_s, QString::fromUtf8(rule->summary)},
            {u"why"_s, QString::fromUtf8(rule->why)},
            {u"fix"_s, QString::fromUtf8(rule->fix)},
            {u"docUrl"_s, QString::fromUtf8(rule->docUrl)},
        });
    }
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{u"rules"_s, list}}).toJson(QJsonDocument::Indented));
}

} // namespace

ExitCode validateCommand(const QStringList &arguments)
{
    // `kstudio rules` is this command with --list-rules; its help shows only what applies.
    const bool rulesOnly = arguments.value(0) == u"kstudio rules"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        rulesOnly ? u"List every validation rule with its documentation: id, default severity (or the one "
                    "--severity gives), family, the kinds it applies to, what it finds, why it matters, "
                    "how to fix it and a link to the Kubernetes documentation. docs/rules/ is generated "
                    "from this list."_s
                  :
        u"Check the design: schema, API versions, references between objects and practices. "
        "Prints one finding per line (file:line:col: severity: message [rule]), or JSON or "
        "SARIF 2.1.0. Exit code 1 when an error-level finding remains.\n"
        "An object silences a rule for itself with the annotation "
        "ignore-check.kstudio.dev/<rule-id>: \"<reason>\", or every rule with "
        "kstudio.dev/ignore-all: \"<reason>\"."_s);
    parser.addHelpOption();
    parser.addOption({{u"o"_s, u"format"_s},
                      rulesOnly ? u"Output format: text or json (default text)."_s
                                : u"Output format: text, json or sarif (default text)."_s,
                      u"FORMAT"_s,
                      u"text"_s});
    parser.addOption({u"k8s-version"_s,
                      u"Target Kubernetes version for the API-version rules (default %1)."_s.arg(
                          validate::defaultKubeVersion.toString()),
                      u"V"_s});
    parser.addOption({u"disable"_s, u"Do not run RULE (repeatable)."_s, u"RULE"_s});
    parser.addOption(
        {u"severity"_s,
         u"Report RULE at LEVEL (error, warning or info) instead of its default (repeatable)."_s,
         u"RULE=LEVEL"_s});
    QCommandLineOption minSeverity(
        u"min-severity"_s,
        u"Only print findings at least this severe: error, warning or info (default info)."_s,
        u"S"_s,
        u"info"_s);
    QCommandLineOption listRules(
        u"list-rules"_s,
        u"List every rule with its documentation (text or --format json) and exit."_s);
    if (rulesOnly) {
        minSeverity.setFlags(QCommandLineOption::HiddenFromHelp);
        listRules.setFlags(QCommandLineOption::HiddenFromHelp);
    }
    parser.addOption(minSeverity);
    parser.addOption(listRules);
    if (!rulesOnly)
        parser.addPositionalArgument(
            u"PATH"_s, u"Manifests (files, directories) or a .kstudio project."_s, u"PATH..."_s);
    if (const std::optional<ExitCode> done = parseCommandLine(parser, arguments))
        return *done;

    validate::Config config;
    const QString format = parser.value(u"format"_s);
    if (format != u"text"_s && format != u"json"_s && format != u"sarif"_s) {
        printError(u"unknown --format '%1' (expected text, json or sarif)"_s.arg(format));
        return ExitCode::BadInput;
    }
    if (parser.isSet(u"k8s-version"_s)) {
        const std::optional<validate::KubeVersion> version
            = validate::KubeVersion::parse(parser.value(u"k8s-version"_s));
        if (!version) {
            printError(u"invalid --k8s-version '%1' (expected MAJOR.MINOR, e.g. 1.33)"_s.arg(
                parser.value(u"k8s-version"_s)));
            return ExitCode::BadInput;
        }
        config.target = *version;
    }
    for (const QString &rule : parser.values(u"disable"_s))
        config.disabled.insert(rule);
    for (const QString &setting : parser.values(u"severity"_s)) {
        const qsizetype equals = setting.indexOf(u'=');
        const std::optional<validate::Severity> level
            = equals > 0 ? validate::parseSeverity(setting.mid(equals + 1)) : std::nullopt;
        if (!level) {
            printError(
                u"invalid --severity '%1' (expected RULE=error|warning|info)"_s.arg(setting));
            return ExitCode::BadInput;
        }
        config.severities.insert(setting.left(equals), *level);
    }
    const std::optional<validate::Severity> minimum
        = validate::parseSeverity(parser.value(u"min-severity"_s));
    if (!minimum) {
        printError(u"invalid --min-severity '%1' (expected error, warning or info)"_s.arg(
            parser.value(u"min-severity"_s)));
        return ExitCode::BadInput;
    }
    if (const QStringList unknown = validate::unknownRuleIds(config); !unknown.isEmpty()) {
        printError(u"unknown rule %1; 'kstudio validate --list-rules' lists them"_s.arg(
            unknown.join(u", "_s)));
        return ExitCode::BadInput;
    }
    if (parser.isSet(u"list-rules"_s)) {
        printOut(format == u"json"_s ? rulesJson(config) : rulesText(config));
        return ExitCode::Ok;
    }
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        printError(
            u"usage: kstudio validate PATH... [--format text|json|sarif] [--k8s-version V] [--disable RULE]..."_s);
        return ExitCode::BadInput;
    }

    model::Document document;
    const ExitCode loaded = loadDesign(paths, document);
    // A project's saved rule settings first, then the flags on top: --disable adds to the
    // project's disabled rules and --severity overrides its levels.
    validate::Config effective = config;
    effective.severities.clear();
    QStringList problems;
    validate::applyRuleSettings(effective, document.snapshot().ruleSettings(), &problems);
    for (const QString &problem : std::as_const(problems))
        printError(u"warning: "_s + problem);
    for (auto it = config.severities.cbegin(); it != config.severities.cend(); ++it)
        effective.severities.insert(it.key(), it.value());
    validate::Findings findings = validate::run(document.snapshot(), effective);
    findings.removeIf(
        [&](const validate::Finding &finding) { return finding.severity > *minimum; });
    if (format == u"json"_s)
        printOut(jsonReport(findings));
    else if (format == u"sarif"_s)
        printOut(sarifReport(findings, effective));
    else
        printOut(textReport(findings));
    if (loaded != ExitCode::Ok)
        return loaded;
    const bool errors
        = std::any_of(findings.cbegin(), findings.cend(), [](const validate::Finding &finding) {
              return finding.severity == validate::Severity::Error;
          });
    return errors ? ExitCode::No : ExitCode::Ok;
}

// kstudio rules [--format text|json]: the rule list with documentation, as
// `kstudio validate --list-rules` prints it.
ExitCode rulesCommand(const QStringList &arguments)
{
    QStringList forwarded = arguments;
    forwarded.insert(std::min<qsizetype>(1, forwarded.size()), QStringLiteral("--list-rules"));
    return validateCommand(forwarded);
}

} // namespace kstudio::app
