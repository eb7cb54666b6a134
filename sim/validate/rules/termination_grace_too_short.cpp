// SPDX-License-Identifier: GPL-3.0-or-later
// termination-grace-too-short: a preStop sleep (lifecycle.preStop.sleep.seconds, or an exec of
// `sleep N`) as long as or longer than the pod's terminationGracePeriodSeconds (default 30).
// The grace period counts from the start of the preStop hook, so the kubelet kills the
// container before it even gets SIGTERM
// (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination).
#include "rules.h"
#include "support.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

std::optional<long long> preStopSleep(const model::Node &container)
{
    const model::Node *preStop = container.at(model::FieldPath{{"lifecycle"}, {"preStop"}});
    if (!preStop || !preStop->isMapping())
        return std::nullopt;
    if (const model::Node *seconds = preStop->at(model::FieldPath{{"sleep"}, {"seconds"}}))
        return seconds->toInt();
    const model::Node *command = preStop->at(model::FieldPath{{"exec"}, {"command"}});
    if (!command || !command->isSequence())
        return std::nullopt;
    static const QRegularExpression sleep(u"(?:^|[;&|\\s])sleep\\s+(\\d+)\\b"_s);
    QStringList words;
    for (const model::Node &word : command->children())
        words.append(textOf(&word));
    const QRegularExpressionMatch match = sleep.match(words.join(u' '));
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toLongLong();
}

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    const model::Node *graceNode = pod->spec->get("terminationGracePeriodSeconds");
    const long long grace = graceNode && graceNode->toInt() ? *graceNode->toInt() : 30;
    for (const ContainerAt &container : containersAt(*pod)) {
        const std::optional<long long> sleep = preStopSleep(*container.node);
        if (!sleep || *sleep < grace)
            continue;
        sink.report(container.path.child("lifecycle").child("preStop"),
                    u"container %1 sleeps %2 s in preStop, but the pod's grace period is %3 s%4: "
                    "the container is killed before it gets SIGTERM"_s.arg(
                        quoted(textOf(container.node->get("name"))))
                        .arg(*sleep)
                        .arg(grace)
                        .arg(graceNode ? QString() : u" (the default)"_s));
    }
}

} // namespace

const Rule terminationGraceTooShort{
    "termination-grace-too-short",
    Severity::Warning,
    Family::Practice,
    "@workload",
    "A preStop sleep is not shorter than terminationGracePeriodSeconds",
    "The termination grace period starts when the preStop hook starts. If the hook sleeps as "
    "long as the grace period, the kubelet kills the container with SIGKILL before the program "
    "ever receives SIGTERM, so it cannot shut down cleanly.",
    "Make terminationGracePeriodSeconds longer than the preStop sleep plus the program's "
    "shutdown time, or shorten the sleep.",
    "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination",
    &check,
};

} // namespace kstudio::sim::validate::rules
