// SPDX-License-Identifier: GPL-3.0-or-later
#include "kind_style.h"

#include <model/kinds/kind_registry.h>

#include <QHash>
#include <QPainter>
#include <QSvgRenderer>

namespace kstudio::editors {

namespace {

QString iconPath(const QString &kind)
{
    const model::KindSpec *spec = model::findKind(kind);
    return QStringLiteral(":/icons/kinds/%1.svg")
        .arg(spec ? QString::fromLatin1(spec->icon) : QStringLiteral("custom"));
}

} // namespace

QIcon kindIcon(const QString &kind)
{
    static QHash<QString, QIcon> cache;
    auto it = cache.find(kind);
    if (it == cache.end())
        it = cache.insert(kind, QIcon(iconPath(kind)));
    return it.value();
}

QPixmap kindPixmap(const QString &kind, int size, qreal devicePixelRatio)
{
    static QHash<QString, QPixmap> cache;
    const QString key = kind + QLatin1Char('@') + QString::number(size) + QLatin1Char('x')
                        + QString::number(devicePixelRatio);
    auto it = cache.find(key);
    if (it != cache.end())
        return it.value();
    const int pixels = qCeil(size * devicePixelRatio);
    QPixmap pixmap(pixels, pixels);
    pixmap.fill(Qt::transparent);
    QSvgRenderer renderer(iconPath(kind));
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter);
    painter.end();
    pixmap.setDevicePixelRatio(devicePixelRatio);
    return cache.insert(key, pixmap).value();
}

QColor kindColor(const QString &kind)
{
    const model::KindSpec *spec = model::findKind(kind);
    if (!spec)
        return QColor(0x7a, 0x7a, 0x7a);
    switch (spec->category) {
    case model::KindCategory::Workloads:
        return QColor(0x32, 0x6c, 0xe5);
    case model::KindCategory::Networking:
        return QColor(0x0f, 0x9d, 0x8a);
    case model::KindCategory::ConfigStorage:
        return QColor(0x8e, 0x5e, 0xd6);
    case model::KindCategory::Policy:
        return QColor(0xd9, 0x82, 0x2b);
    case model::KindCategory::Cluster:
        return QColor(0x5f, 0x6b, 0x7a);
    }
    return QColor(0x7a, 0x7a, 0x7a);
}

} // namespace kstudio::editors
