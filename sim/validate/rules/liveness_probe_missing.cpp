// SPDX-License-Identifier: GPL-3.0-or-later
// liveness-probe-missing: a long-running container without a liveness probe. Without one the
// kubelet restarts a container only when its process exits, so a deadlocked server keeps its
// place (pkg/kubelet/prober). Not checked for Jobs, CronJobs and Pods that run to completion.
// kube-linter's no-liveness-probe checks the same.
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    reportContainersWithoutProbe(object, sink, "livenessProbe");
}

} // namespace

const Rule livenessProbeMissing{
    "liveness-probe-missing",
    Severity::Info,
    Family::Practice,
    "@workload",
    "A long-running container has no liveness probe",
    "The kubelet restarts a container whose liveness probe fails. Without one, a process that "
    "hangs without exiting stays in service until someone notices.",
    "Add a livenessProbe that fails only when the process cannot recover by itself (and keep it "
    "cheaper and more lenient than the readiness probe).",
    "https://kubernetes.io/docs/tasks/configure-pod-container/"
    "configure-liveness-readiness-startup-probes/#define-a-liveness-command",
    &check,
};

} // namespace kstudio::sim::validate::rules
