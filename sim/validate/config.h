// SPDX-License-Identifier: GPL-3.0-or-later
// Config: what a validation run checks against (target Kubernetes version, disabled rules,
// re-levelled rules). The project file and CLI flags both end up here.
#pragma once

#include "finding.h"

#include <model/core/snapshot.h>

#include <QMap>
#include <QSet>
#include <QStringList>
#include <QString>

#include <compare>
#include <optional>

namespace kstudio::sim::validate {

// A Kubernetes minor release, "1.33". Patch levels do not change which APIs are served.
struct KubeVersion
{
    int major = 1;
    int minor = 33;

    // "1.33", "v1.33", "1.33.2"; nullopt for anything else.
    static std::optional<KubeVersion> parse(const QString &text);
    QString toString() const; // "1.33"
    friend auto operator<=>(const KubeVersion &, const KubeVersion &) = default;
};

// The newest release the studio knows; the scheduler simulation pins the same one.
inline constexpr KubeVersion defaultKubeVersion{1, 33};

struct Config
{
    KubeVersion target = defaultKubeVersion;
    QSet<QString> disabled;             // rule ids
    QMap<QString, Severity> severities; // rule id -> severity replacing its default
};

// Adds the rule settings saved with a design (a .kstudio project's "rules") to config. Settings
// naming a rule this version does not have, or a severity other than error/warning/info, are
// skipped and described in *problems (one line each), so a project from a newer studio still
// validates.
void applyRuleSettings(Config &config, const model::RuleSettings &settings, QStringList *problems);

} // namespace kstudio::sim::validate
