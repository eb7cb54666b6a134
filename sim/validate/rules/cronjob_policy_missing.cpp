// SPDX-License-Identifier: GPL-3.0-or-later
// cronjob-policy-missing: a CronJob that leaves spec.timeZone unset (the schedule then follows
// the kube-controller-manager's local time zone) or spec.concurrencyPolicy unset (Allow: runs
// overlap when one takes longer than the interval).
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const model::Node *spec = object.body.get("spec");
    if (!spec || !spec->isMapping())
        return;
    const QString schedule = textOf(spec->get("schedule"));
    // CRON_TZ= or TZ= in the schedule is refused by the API server since 1.29 (spec.timeZone
    // replaces it); a schedule with it is left to the schema rules.
    if (!spec->get("timeZone") && !schedule.contains(u"TZ="_s))
        sink.report(model::FieldPath{{"spec"}, {"timeZone"}},
                    u"CronJob %1 has no timeZone: schedule %2 follows the controller manager's "
                    "local time zone"_s.arg(quoted(object.name()), quoted(schedule)));
    if (!spec->get("concurrencyPolicy"))
        sink.report(model::FieldPath{{"spec"}, {"concurrencyPolicy"}},
                    u"CronJob %1 has no concurrencyPolicy: the default Allow lets runs overlap"_s
                        .arg(quoted(object.name())));
}

} // namespace

const Rule cronjobPolicyMissing{
    "cronjob-policy-missing",
    Severity::Info,
    Family::Practice,
    "CronJob",
    "A CronJob leaves its time zone or concurrency policy to the defaults",
    "Without spec.timeZone the schedule is read in the time zone of kube-controller-manager, "
    "which differs between clusters and providers. Without spec.concurrencyPolicy the default "
    "Allow starts a new run while the previous one is still going.",
    "Set spec.timeZone (for example Etc/UTC or Europe/Paris) and spec.concurrencyPolicy: Forbid "
    "(or Replace) unless overlapping runs are intended.",
    "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/",
    &check,
};

} // namespace kstudio::sim::validate::rules
