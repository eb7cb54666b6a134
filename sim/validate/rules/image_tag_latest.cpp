// SPDX-License-Identifier: GPL-3.0-or-later
// image-tag-latest: a container image without a tag or with the tag `latest`.
// Image references follow the distribution reference grammar (repository[:tag][@digest]); a
// missing tag means `latest`, and the kubelet then defaults imagePullPolicy to Always
// (pkg/apis/core/v1/defaults.go SetDefaults_Container). A digest pins the image.
// kube-linter's latest-tag checks the same.
#include "rules.h"
#include "support.h"

using namespace Qt::StringLiterals;

namespace kstudio::sim::validate::rules {

namespace {

// The tag of an image reference, empty when it has none; nullopt when pinned by digest.
std::optional<QString> tagOf(const QString &image)
{
    if (image.contains(u'@'))
        return std::nullopt;
    const qsizetype slash = image.lastIndexOf(u'/');
    const qsizetype colon = image.lastIndexOf(u':');
    if (colon <= slash) // the colon of a registry host:port, or none
        return QString();
    return image.mid(colon + 1);
}

void check(const model::Object &object, const RuleContext &, FindingSink &sink)
{
    const std::optional<PodSpecAt> pod = podSpecAt(object);
    if (!pod)
        return;
    for (const ContainerAt &container : containersAt(*pod)) {
        const QString image = textOf(container.node->get("image"));
        if (image.isEmpty())
            continue;
        const std::optional<QString> tag = tagOf(image);
        if (!tag)
            continue;
        if (tag->isEmpty())
            sink.report(
                container.path.child("image"),
                u"image %1 has no tag, which means latest: pin a version"_s.arg(quoted(image)));
        else if (*tag == u"latest"_s)
            sink.report(container.path.child("image"),
                        u"image %1 uses the latest tag: pin a version"_s.arg(quoted(image)));
    }
}

} // namespace

const Rule imageTagLatest{
    "image-tag-latest",
    Severity::Warning,
    Family::Practice,
    "@workload",
    "A container image has no tag or the tag latest",
    "latest (or no tag) names whatever was pushed last: two nodes can run different code, "
    "rollbacks do not roll back, and the image is pulled on every start.",
    "Use a specific version tag (nginx:1.27.2) or a digest (nginx@sha256:...).",
    "https://kubernetes.io/docs/concepts/containers/images/#image-names",
    &check,
};

} // namespace kstudio::sim::validate::rules
