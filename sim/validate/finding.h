// SPDX-License-Identifier: GPL-3.0-or-later
// Finding: one thing the validation engine found wrong or questionable in one object.
#pragma once

#include <model/core/object.h>

#include <QList>
#include <QString>

#include <optional>

namespace kstudio::sim::validate {

// Error: the API server or a controller would refuse or break it; Warning: likely wrong or may
// depend on something outside the design; Info: advice. Ordered from most to least severe.
enum class Severity : quint8 { Error, Warning, Info };

QString severityName(Severity severity); // "error", "warning", "info"
std::optional<Severity> parseSeverity(const QString &name);

// Where and what. Messages are plain, untranslated English: they are part of the CLI contract.
// path is a FieldPath string relative to the object ("spec.template.spec.containers[0].image");
// line and column locate that field (or its nearest present parent) in file, 0 when unknown.
struct Finding
{
    QString rule;
    Severity severity = Severity::Error;
    model::ObjectId object = model::noObject;
    QString kind;
    QString ns; // effective namespace; empty for cluster-scoped objects
    QString name;
    QString path;
    QString file;
    int line = 0;
    int column = 0;
    QString message;

    friend bool operator==(const Finding &, const Finding &) = default;
};

using Findings = QList<Finding>;

// The engine's order: namespace, name, kind, then rule, path and message.
bool findingLessThan(const Finding &a, const Finding &b);

} // namespace kstudio::sim::validate
