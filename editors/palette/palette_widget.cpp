// SPDX-License-Identifier: GPL-3.0-or-later
#include "palette_widget.h"

#include <editors/canvas/canvas_view.h>
#include <editors/canvas/kind_style.h>
#include <model/kinds/kind_registry.h>

#include <QHeaderView>
#include <QMimeData>

#include <algorithm>

namespace kstudio::editors {

namespace {

constexpr int kindRole = Qt::UserRole + 1;

// The order users look for kinds in: the common ones first within each category.
int commonness(const QString &kind)
{
    static const QStringList order = {
        QStringLiteral("Deployment"), QStringLiteral("StatefulSet"), QStringLiteral("DaemonSet"),
        QStringLiteral("Job"), QStringLiteral("CronJob"), QStringLiteral("Pod"),
        QStringLiteral("Service"), QStringLiteral("Ingress"), QStringLiteral("IngressClass"),
        QStringLiteral("ConfigMap"), QStringLiteral("Secret"), QStringLiteral("PersistentVolumeClaim"),
        QStringLiteral("NetworkPolicy"), QStringLiteral("PodDisruptionBudget"),
        QStringLiteral("HorizontalPodAutoscaler"), QStringLiteral("PriorityClass"),
        QStringLiteral("ResourceQuota"), QStringLiteral("LimitRange"), QStringLiteral("ServiceAccount"),
        QStringLiteral("Role"), QStringLiteral("RoleBinding"), QStringLiteral("ClusterRole"),
        QStringLiteral("ClusterRoleBinding"), QStringLiteral("Namespace"), QStringLiteral("Node")};
    const qsizetype index = order.indexOf(kind);
    return index < 0 ? 1000 : int(index);
}

} // namespace

PaletteWidget::PaletteWidget(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("palette"));
    setHeaderHidden(true);
    setRootIsDecorated(true);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setIconSize(QSize(24, 24));
    setSelectionMode(QAbstractItemView::SingleSelection);
    const std::pair<model::KindCategory, QString> categories[] = {
        {model::KindCategory::Workloads, tr("Workloads")},
        {model::KindCategory::Networking, tr("Networking")},
        {model::KindCategory::ConfigStorage, tr("Config & Storage")},
        {model::KindCategory::Policy, tr("Policy")},
        {model::KindCategory::Cluster, tr("Cluster")},
    };
    for (const auto &[category, title] : categories) {
        auto *group = new QTreeWidgetItem(this, {title});
        group->setFlags(Qt::ItemIsEnabled);
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        std::vector<const model::KindSpec *> kinds;
        for (const model::KindSpec *spec : model::allKinds()) {
            if (spec->category == category)
                kinds.push_back(spec);
        }
        std::sort(kinds.begin(), kinds.end(), [](const model::KindSpec *a, const model::KindSpec *b) {
            const QString ka = QString::fromLatin1(a->kind);
            const QString kb = QString::fromLatin1(b->kind);
            return std::pair(commonness(ka), ka) < std::pair(commonness(kb), kb);
        });
        for (const model::KindSpec *spec : kinds) {
            const QString kind = QString::fromLatin1(spec->kind);
            auto *item = new QTreeWidgetItem(group, {kind});
            item->setIcon(0, kindIcon(kind));
            item->setData(0, kindRole, kind);
            item->setToolTip(0, tr("Drag onto the canvas or a namespace frame to add a %1").arg(kind));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
        }
        group->setExpanded(category != model::KindCategory::Cluster);
    }
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString kind = item->data(0, kindRole).toString();
        if (!kind.isEmpty())
            Q_EMIT kindActivated(kind);
    });
}

QTreeWidgetItem *PaletteWidget::itemForKind(const QString &kind) const
{
    const QList<QTreeWidgetItem *> found = findItems(kind, Qt::MatchExactly | Qt::MatchRecursive);
    return found.value(0);
}

QStringList PaletteWidget::mimeTypes() const
{
    return {QString::fromLatin1(kindMimeType)};
}

QMimeData *PaletteWidget::mimeData(const QList<QTreeWidgetItem *> &items) const
{
    if (items.isEmpty())
        return nullptr;
    const QString kind = items.first()->data(0, kindRole).toString();
    if (kind.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(kindMimeType), kind.toUtf8());
    mime->setText(kind);
    return mime;
}

} // namespace kstudio::editors
