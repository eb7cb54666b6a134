// SPDX-License-Identifier: GPL-3.0-or-later
// How a kind looks: its icon (resources/icons/kinds, rendered once per size) and colour.
#pragma once

#include <QColor>
#include <QIcon>
#include <QPixmap>
#include <QString>

namespace kstudio::editors {

QIcon kindIcon(const QString &kind);
QPixmap kindPixmap(const QString &kind, int size, qreal devicePixelRatio);
QColor kindColor(const QString &kind);

} // namespace kstudio::editors
