// SPDX-License-Identifier: GPL-3.0-or-later
// pod-security-baseline: a pod template that fails a control of the baseline Pod Security
// Standard, each finding naming the control and the field. The controls and allowed values are
// those of v1.33: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
// and kubernetes/pod-security-admission policy/ check_windowsHostProcess.go,
// check_hostNamespaces.go, check_privileged.go, check_capabilities_baseline.go,
// check_hostPathVolumes.go, check_hostPorts.go, check_appArmorProfile.go,
// check_seLinuxOptions.go (1.31 types), check_procMount.go, check_seccompProfile_baseline.go,
// check_sysctls.go (1.29 set). Severity: see pod_security.h.
#include "pod_security.h"
#include "rules.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

// check_capabilities_baseline.go: capabilities a baseline pod may add.
const QSet<QString> &baselineCapabilities()
{
    static const QSet<QString> set{u"AUDIT_WRITE"_s, u"CHOWN"_s,   u"DAC_OVERRIDE"_s, u"FOWNER"_s,
                                   u"FSETID"_s,      u"KILL"_s,    u"MKNOD"_s,
                                   u"NET_BIND_SERVICE"_s,           u"SETFCAP"_s,
                                   u"SETGID"_s,      u"SETPCAP"_s, u"SETUID"_s,       u"SYS_CHROOT"_s};
    return set;
}

// check_sysctls.go (v1.29 and later): the safe sysctls.
const QSet<QString> &safeSysctls()
{
    static const QSet<QString> set{u"kernel.shm_rmid_forced"_s,
                                   u"net.ipv4.ip_local_port_range"_s,
                                   u"net.ipv4.ip_unprivileged_port_start"_s,
                                   u"net.ipv4.tcp_syncookies"_s,
                                   u"net.ipv4.ping_group_range"_s,
                                   u"net.ipv4.ip_local_reserved_ports"_s,
                                   u"net.ipv4.tcp_keepalive_time"_s,
                                   u"net.ipv4.tcp_fin_timeout"_s,
                                   u"net.ipv4.tcp_keepalive_intvl"_s,
                                   u"net.ipv4.tcp_keepalive_probes"_s};
    return set;
}

// check_seLinuxOptions.go (v1.31 and later): the allowed SELinux types.
const QSet<QString> &seLinuxTypes()
{
    static const QSet<QString> set{QString(),
                                   u"container_t"_s,
                                   u"container_init_t"_s,
                                   u"container_kvm_t"_s,
                                   u"container_engine_t"_s};
    return set;
}

struct Checker
{
    FindingSink &sink;
    Severity severity;

    void fail(const char *control, const model::FieldPath &path, const QString &what)
    {
        sink.reportAt(severity,
                      path,
                      u"%1: %2 (baseline Pod Security Standard)"_s.arg(QLatin1StringView(control),
                                                                         what));
    }

    // The controls a pod-level and a container-level securityContext share.
    void securityContext(const model::Node *context, const model::FieldPath &path)
    {
        if (!context || !context->isMapping())
            return;
        if (isTrueNode(context->at(model::FieldPath{{"windowsOptions"}, {"hostProcess"}})))
            fail("HostProcess",
                 path.child("windowsOptions").child("hostProcess"),
                 u"%1 must not be true"_s.arg(pathText(path.child("windowsOptions").child("hostProcess"))));
        if (const model::Node *apparmor = context->get("appArmorProfile")) {
            if (textOf(apparmor->get("type")) == u"Unconfined"_s)
                fail("AppArmor",
                     path.child("appArmorProfile").child("type"),
                     u"%1 must not be Unconfined"_s.arg(
                         pathText(path.child("appArmorProfile").child("type"))));
        }
        if (const model::Node *selinux = context->get("seLinuxOptions");
            selinux && selinux->isMapping()) {
            const model::FieldPath at = path.child("seLinuxOptions");
            const QString type = textOf(selinux->get("type"));
            if (!seLinuxTypes().contains(type))
                fail("SELinux",
                     at.child("type"),
                     u"%1 %2 is not one of container_t, container_init_t, container_kvm_t, "
                     "container_engine_t"_s.arg(pathText(at.child("type")), quoted(type)));
            for (const char *field : {"user", "role"}) {
                if (!textOf(selinux->get(field)).isEmpty())
                    fail("SELinux",
                         at.child(field),
                         u"%1 must not be set"_s.arg(pathText(at.child(field))));
            }
        }
        if (const model::Node *seccomp = context->get("seccompProfile")) {
            if (textOf(seccomp->get("type")) == u"Unconfined"_s)
                fail("Seccomp",
                     path.child("seccompProfile").child("type"),
                     u"%1 must not be Unconfined"_s.arg(
                         pathText(path.child("seccompProfile").child("type"))));
        }
    }

    void container(const PodContainer &container)
    {
        const model::FieldPath contextPath = container.path.child("securityContext");
        const model::Node *context = container.node->get("securityContext");
        securityContext(context, contextPath);
        if (context && context->isMapping()) {
            if (isTrueNode(context->get("privileged")))
                fail("Privileged Containers",
                     contextPath.child("privileged"),
                     u"container %1 sets privileged: true"_s.arg(quoted(container.name)));
            const model::Node *add = context->at(model::FieldPath{{"capabilities"}, {"add"}});
            if (add && add->isSequence()) {
                for (int i = 0; i < int(add->size()); ++i) {
                    const QString capability = textOf(&add->children()[std::size_t(i)]);
                    if (!baselineCapabilities().contains(capability))
                        fail("Capabilities",
                             contextPath.child("capabilities").child("add").child(i),
                             u"container %1 adds %2, which is not in the baseline set"_s.arg(
                                 quoted(container.name), capability));
                }
            }
            const QString procMount = textOf(context->get("procMount"));
            if (!procMount.isEmpty() && procMount != u"Default"_s)
                fail("/proc Mount Type",
                     contextPath.child("procMount"),
                     u"container %1 sets procMount: %2 (only Default)"_s.arg(
                         quoted(container.name), procMount));
        }
        const model::Node *ports = container.node->get("ports");
        if (ports && ports->isSequence()) {
            for (int i = 0; i < int(ports->size()); ++i) {
                const model::Node *hostPort = ports->children()[std::size_t(i)].get("hostPort");
                if (hostPort && hostPort->toInt().value_or(0) != 0)
                    fail("Host Ports",
                         container.path.child("ports").child(i).child("hostPort"),
                         u"container %1 uses hostPort %2"_s.arg(quoted(container.name),
                                                                 hostPort->qtext()));
            }
        }
    }
};

void check(const model::Object &object, const RuleContext &context, FindingSink &sink)
{
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    Checker checker{sink,
                    podSecuritySeverity(context,
                                        object.effectiveNamespace(),
                                        PodSecurityLevel::Baseline,
                                        sink.severity())};
    for (const char *field : {"hostNetwork", "hostPID", "hostIPC"}) {
        if (isTrueNode(pod->spec->get(field)))
            checker.fail("Host Namespaces",
                         pod->path.child(field),
                         u"%1 must not be true"_s.arg(pathText(pod->path.child(field))));
    }
    const model::FieldPath podContextPath = pod->path.child("securityContext");
    const model::Node *podContext = pod->spec->get("securityContext");
    checker.securityContext(podContext, podContextPath);
    if (podContext && podContext->isMapping()) {
        const model::Node *sysctls = podContext->get("sysctls");
        if (sysctls && sysctls->isSequence()) {
            for (int i = 0; i < int(sysctls->size()); ++i) {
                const QString name = textOf(sysctls->children()[std::size_t(i)].get("name"));
                if (!safeSysctls().contains(name))
                    checker.fail("Sysctls",
                                 podContextPath.child("sysctls").child(i).child("name"),
                                 u"sysctl %1 is not in the safe set"_s.arg(quoted(name)));
            }
        }
    }
    if (const model::Node *volumes = pod->spec->get("volumes"); volumes && volumes->isSequence()) {
        for (int i = 0; i < int(volumes->size()); ++i) {
            const model::Node &volume = volumes->children()[std::size_t(i)];
            if (volume.get("hostPath"))
                checker.fail("HostPath Volumes",
                             pod->path.child("volumes").child(i).child("hostPath"),
                             u"volume %1 is a hostPath volume"_s.arg(
                                 quoted(textOf(volume.get("name")))));
        }
    }
    // The AppArmor annotations of the pod (container.apparmor.security.beta.kubernetes.io/<c>).
    const model::Labels annotations = podAnnotations(object);
    const QString apparmorPrefix = u"container.apparmor.security.beta.kubernetes.io/"_s;
    for (auto it = annotations.cbegin(); it != annotations.cend(); ++it) {
        if (!it.key().startsWith(apparmorPrefix))
            continue;
        if (it.value() != u"runtime/default"_s && !it.value().startsWith(u"localhost/"_s))
            checker.fail("AppArmor",
                         podTemplatePath(object)->child("metadata").child("annotations").child(
                             it.key().toStdString()),
                         u"annotation %1 is %2 (only runtime/default or localhost/*)"_s.arg(
                             it.key(), quoted(it.value())));
    }
    for (const PodContainer &container : allContainers(*pod))
        checker.container(container);
}

} // namespace

const Rule podSecurityBaseline{
    "pod-security-baseline",
    Severity::Warning,
    Family::Practice,
    "@workload",
    "A pod fails a control of the baseline Pod Security Standard",
    "The baseline standard blocks the known privilege escalations: host namespaces, privileged "
    "containers, extra capabilities, hostPath volumes, host ports, unconfined AppArmor, seccomp "
    "or SELinux, unsafe sysctls. A namespace labelled pod-security.kubernetes.io/enforce: "
    "baseline (or restricted) refuses such pods: then this is an error; warn or audit labels "
    "make it a warning; without labels it is a warning; in a namespace labelled enforce: "
    "privileged it is information.",
    "Remove the setting named in the message. Node agents that truly need host access belong in a "
    "namespace labelled pod-security.kubernetes.io/enforce: privileged.",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
    &check,
};

} // namespace kstudio::sim::validate::rules
