// SPDX-License-Identifier: GPL-3.0-or-later
// readiness-probe-missing: a long-running container without a readiness probe.
// Without one a container counts as ready as soon as it starts (pkg/kubelet/prober), so a
// Service sends it traffic before it can serve, and a rolling update moves on regardless.
// Not checked for Jobs, CronJobs and Pods that run to completion, nor for init containers
// other than sidecars. kube-linter's no-readiness-probe checks the same.
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    reportContainersWithoutProbe(object, sink, "readinessProbe");
}

} // namespace

const Rule readinessProbeMissing{
    "readiness-probe-missing",
    Severity::Info,
    Family::Practice,
    "@workload",
    "A long-running container has no readiness probe",
    "Readiness decides when a pod receives Service traffic and when a rolling update may proceed. "
    "Without a probe, a pod is ready the moment its containers start, before the application "
    "listens.",
    "Add a readinessProbe (httpGet, tcpSocket, grpc or exec) that succeeds only when the container "
    "can serve.",
    "https://kubernetes.io/docs/tasks/configure-pod-container/"
    "configure-liveness-readiness-startup-probes/#define-readiness-probes",
    &check,
};

} // namespace kstudio::sim::validate::rules
