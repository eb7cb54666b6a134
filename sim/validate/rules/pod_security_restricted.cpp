// SPDX-License-Identifier: GPL-3.0-or-later
// pod-security-restricted: a pod template that fails a control the restricted Pod Security
// Standard adds to baseline (baseline's own controls are pod-security-baseline's), each
// finding naming the control and the field. v1.33 definitions:
// https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted and
// kubernetes/pod-security-admission policy/ check_restrictedVolumes.go,
// check_allowPrivilegeEscalation.go, check_runAsNonRoot.go, check_runAsUser.go,
// check_seccompProfile_restricted.go, check_capabilities_restricted.go. Pods with
// spec.os.name: windows are exempt from the last three controls and privilege escalation, as
// upstream exempts them since 1.25. Severity: see pod_security.h.
#include "pod_security.h"
#include "rules.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

// check_restrictedVolumes.go: the volume sources a restricted pod may use.
constexpr const char *allowedVolumeSources[]
    = {"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
       "projected", "secret"};

struct Checker
{
    FindingSink &sink;
    Severity severity;

    void fail(const char *control, const model::FieldPath &path, const QString &what)
    {
        sink.reportAt(severity,
                      path,
                      u"%1: %2 (restricted Pod Security Standard)"_s.arg(
                          QLatin1StringView(control), what));
    }
};

QString seccompType(const model::Node *context)
{
    return context ? textOf(context->at(model::FieldPath{{"seccompProfile"}, {"type"}}))
                   : QString();
}

void check(const model::Object &object, const RuleContext &rules, FindingSink &sink)
{
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    Checker checker{sink,
                    podSecuritySeverity(rules,
                                        object.effectiveNamespace(),
                                        PodSecurityLevel::Restricted,
                                        sink.severity())};
    const bool windows
        = textOf(pod->spec->at(model::FieldPath{{"os"}, {"name"}})) == u"windows"_s;

    if (const model::Node *volumes = pod->spec->get("volumes"); volumes && volumes->isSequence()) {
        for (int i = 0; i < int(volumes->size()); ++i) {
            const model::Node &volume = volumes->children()[std::size_t(i)];
            for (const model::Node &source : volume.children()) {
                const std::string &key = source.key();
                if (key == "name" || source.isNull())
                    continue;
                if (std::find_if(std::begin(allowedVolumeSources),
                                 std::end(allowedVolumeSources),
                                 [&](const char *allowed) { return key == allowed; })
                    == std::end(allowedVolumeSources))
                    checker.fail("Volume Types",
                                 pod->path.child("volumes").child(i).child(key),
                                 u"volume %1 uses %2 (allowed: configMap, csi, downwardAPI, "
                                 "emptyDir, ephemeral, persistentVolumeClaim, projected, secret)"_s
                                     .arg(quoted(textOf(volume.get("name"))),
                                          QString::fromStdString(key)));
            }
        }
    }

    const model::FieldPath podContextPath = pod->path.child("securityContext");
    const model::Node *podContext = pod->spec->get("securityContext");
    const model::Node *podNonRoot = podContext ? podContext->get("runAsNonRoot") : nullptr;
    const bool podSaysNonRoot = isTrueNode(podNonRoot);
    if (isFalseNode(podNonRoot))
        checker.fail("Running as Non-root",
                     podContextPath.child("runAsNonRoot"),
                     u"%1 must not be false"_s.arg(pathText(podContextPath.child("runAsNonRoot"))));
    if (podContext && podContext->get("runAsUser")
        && podContext->get("runAsUser")->toInt() == 0)
        checker.fail("Running as Non-root user",
                     podContextPath.child("runAsUser"),
                     u"%1 must not be 0"_s.arg(pathText(podContextPath.child("runAsUser"))));
    const QString podSeccomp = seccompType(podContext);
    const bool podSeccompGood = podSeccomp == u"RuntimeDefault"_s || podSeccomp == u"Localhost"_s;
    if (!windows && !podSeccomp.isEmpty() && !podSeccompGood)
        checker.fail("Seccomp",
                     podContextPath.child("seccompProfile").child("type"),
                     u"%1 must be RuntimeDefault or Localhost, not %2"_s.arg(
                         pathText(podContextPath.child("seccompProfile").child("type")),
                         podSeccomp));

    // One finding per container, listing each failing control with its field: a pod that
    // sets nothing fails four controls in every container, and four findings each would bury
    // the rest of the design's findings.
    for (const PodContainer &container : allContainers(*pod)) {
        const model::Node *context = container.node->get("securityContext");
        QStringList failures;
        const auto fail = [&](const char *control, const QString &what) {
            failures.append(u"%1 (%2)"_s.arg(QLatin1StringView(control), what));
        };
        const model::Node *nonRoot = context ? context->get("runAsNonRoot") : nullptr;
        if (isFalseNode(nonRoot))
            fail("Running as Non-root", u"runAsNonRoot must not be false"_s);
        else if (!podSaysNonRoot && !isTrueNode(nonRoot))
            fail("Running as Non-root", u"runAsNonRoot must be true, here or on the pod"_s);
        if (context && context->get("runAsUser") && context->get("runAsUser")->toInt() == 0)
            fail("Running as Non-root user", u"runAsUser must not be 0"_s);
        if (!windows) {
            if (!isFalseNode(context ? context->get("allowPrivilegeEscalation") : nullptr))
                fail("Privilege Escalation", u"allowPrivilegeEscalation must be false"_s);
            const QString seccomp = seccompType(context);
            if (!seccomp.isEmpty() && seccomp != u"RuntimeDefault"_s && seccomp != u"Localhost"_s)
                fail("Seccomp",
                     u"seccompProfile.type must be RuntimeDefault or Localhost, not %1"_s.arg(
                         seccomp));
            else if (seccomp.isEmpty() && !podSeccompGood)
                fail("Seccomp",
                     u"seccompProfile.type must be RuntimeDefault or Localhost, here or on the "
                     "pod"_s);
            const model::Node *capabilities = context ? context->get("capabilities") : nullptr;
            bool dropsAll = false;
            if (const model::Node *drop = capabilities ? capabilities->get("drop") : nullptr;
                drop && drop->isSequence()) {
                for (const model::Node &item : drop->children())
                    dropsAll = dropsAll || textOf(&item) == u"ALL"_s;
            }
            if (!dropsAll)
                fail("Capabilities", u"capabilities.drop must include ALL"_s);
            if (const model::Node *add = capabilities ? capabilities->get("add") : nullptr;
                add && add->isSequence()) {
                for (const model::Node &item : add->children()) {
                    if (textOf(&item) != u"NET_BIND_SERVICE"_s)
                        fail("Capabilities",
                             u"capabilities.add has %1; only NET_BIND_SERVICE may be added"_s.arg(
                                 textOf(&item)));
                }
            }
        }
        if (!failures.isEmpty())
            checker.fail("Container",
                         container.path.child("securityContext"),
                         u"container %1 securityContext: %2"_s.arg(quoted(container.name),
                                                                  failures.join(u"; "_s)));
    }
}

} // namespace

const Rule podSecurityRestricted{
    "pod-security-restricted",
    Severity::Info,
    Family::Practice,
    "@workload",
    "A pod fails a control of the restricted Pod Security Standard",
    "The restricted standard is current pod-hardening practice: only ephemeral and claim-backed "
    "volume types, no privilege escalation, non-root users, a RuntimeDefault or Localhost "
    "seccomp profile, and every capability dropped. A namespace labelled "
    "pod-security.kubernetes.io/enforce: restricted refuses pods that fail it: then this is an "
    "error; warn or audit: restricted make it a warning; otherwise it is advice (info).",
    "Set in each container's securityContext: allowPrivilegeEscalation: false, runAsNonRoot: "
    "true, seccompProfile: {type: RuntimeDefault}, capabilities: {drop: [ALL]} (the pod-level "
    "securityContext can carry runAsNonRoot and seccompProfile for all containers).",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    &check,
};

} // namespace kstudio::sim::validate::rules
