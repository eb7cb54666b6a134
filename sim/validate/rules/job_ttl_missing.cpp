// SPDX-License-Identifier: GPL-3.0-or-later
// job-ttl-missing: a Job without spec.ttlSecondsAfterFinished. Finished Jobs and their pods
// then stay until someone deletes them (the TTL-after-finished controller only acts on Jobs
// that set it). CronJobs are not reported: their history limits clean up.
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    if (object.body.at(model::FieldPath{{"spec"}, {"ttlSecondsAfterFinished"}}))
        return;
    // A Job owned by a CronJob (a dump of a live cluster) is cleaned up by the CronJob.
    if (object.body.at(model::FieldPath{{"metadata"}, {"ownerReferences"}}))
        return;
    sink.report(model::FieldPath{{"spec"}},
                u"Job %1 has no ttlSecondsAfterFinished: it and its pods stay after it "
                "finishes"_s.arg(quoted(object.name())));
}

} // namespace

const Rule jobTtlMissing{
    "job-ttl-missing",
    Severity::Info,
    Family::Practice,
    "Job",
    "A Job is never cleaned up after it finishes",
    "Without ttlSecondsAfterFinished a finished Job and its pods stay in the cluster, counting "
    "against quotas and cluttering listings, until someone deletes them.",
    "Set spec.ttlSecondsAfterFinished (for example 3600) so the TTL controller deletes the Job "
    "and its pods after it finishes.",
    "https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/",
    &check,
};

} // namespace kstudio::sim::validate::rules
