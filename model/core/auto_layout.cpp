// SPDX-License-Identifier: GPL-3.0-or-later
// Grid auto-layout.
#include "auto_layout.h"

#include <model/kinds/kind_registry.h>

#include <QMap>

#include <algorithm>
#include <array>

namespace kstudio::model {

namespace {

constexpr double itemWidth = layoutItemWidth;
constexpr double itemHeight = layoutItemHeight;
constexpr double gapX = 40;
constexpr double gapY = 20;
constexpr double framePadding = 30;
constexpr double frameTitle = 30;
constexpr double frameGap = 60;
constexpr double rowWidthLimit = 2600;
constexpr int columnCount = 6;
constexpr int maxRows = 8;

int columnOf(const Object &object)
{
    const QString kind = object.kind();
    if (kind == QLatin1String("Ingress") || kind == QLatin1String("Gateway")
        || kind == QLatin1String("HTTPRoute"))
        return 0;
    if (kind == QLatin1String("Service"))
        return 1;
    const KindSpec *spec = findKind(kind);
    if (!spec)
        return 5;
    switch (spec->category) {
    case KindCategory::Workloads:
        return 2;
    case KindCategory::ConfigStorage:
        return 3;
    case KindCategory::Policy:
        return 4;
    case KindCategory::Networking:
        return 1;
    case KindCategory::Cluster:
        return 5;
    }
    return 5;
}

} // namespace

Layout autoLayout(const Snapshot &snapshot)
{
    // namespace -> column -> objects (id order within a column).
    QMap<QString, std::array<QList<ObjectId>, columnCount>> byNamespace;
    for (const auto &object : snapshot.objects()) {
        const QString ns = object->kind() == QLatin1String("Namespace") ? object->name()
                                                                         : object->effectiveNamespace();
        auto &columns = byNamespace[ns];
        if (object->kind() != QLatin1String("Namespace"))
            columns[static_cast<std::size_t>(columnOf(*object))].append(object->id);
    }
    Layout layout;
    layout.view = snapshot.layout().view;
    double x = 0;
    double y = 0;
    double rowHeight = 0;
    for (auto it = byNamespace.cbegin(); it != byNamespace.cend(); ++it) {
        const auto &columns = it.value();
        // A tall column (a dozen policies) wraps into side-by-side sub-columns of at most
        // maxRows items, so that a namespace stays about as wide as it is tall.
        int used = 0;
        int tallest = 0;
        for (const auto &column : columns) {
            if (column.isEmpty())
                continue;
            const int count = static_cast<int>(column.size());
            used += (count + maxRows - 1) / maxRows;
            tallest = std::max(tallest, std::min(count, maxRows));
        }
        const double width = std::max(1, used) * (itemWidth + gapX) - gapX + 2 * framePadding;
        const double height = frameTitle + std::max(1, tallest) * (itemHeight + gapY) - gapY
                              + 2 * framePadding;
        if (x > 0 && x + width > rowWidthLimit) {
            x = 0;
            y += rowHeight + frameGap;
            rowHeight = 0;
        }
        layout.frames.insert(it.key(), ItemLayout{QPointF(x, y), QSizeF(width, height), false});
        int columnIndex = 0;
        for (const auto &column : columns) {
            if (column.isEmpty())
                continue;
            for (int index = 0; index < column.size(); ++index) {
                const int sub = index / maxRows;
                const int row = index % maxRows;
                const double itemX = x + framePadding + (columnIndex + sub) * (itemWidth + gapX);
                const double itemY = y + frameTitle + framePadding + row * (itemHeight + gapY);
                layout.items.insert(column.at(index), ItemLayout{QPointF(itemX, itemY), QSizeF(), false});
            }
            columnIndex += (static_cast<int>(column.size()) + maxRows - 1) / maxRows;
        }
        x += width + frameGap;
        rowHeight = std::max(rowHeight, height);
    }
    return layout;
}

Edit layoutEdit(const Layout &layout)
{
    std::vector<Edit> edits;
    edits.reserve(static_cast<std::size_t>(layout.items.size() + layout.frames.size()));
    for (auto it = layout.frames.cbegin(); it != layout.frames.cend(); ++it)
        edits.push_back(Edit(SetFrameLayout{it.key(), it.value()}));
    for (auto it = layout.items.cbegin(); it != layout.items.cend(); ++it)
        edits.push_back(Edit(SetItemLayout{it.key(), it.value()}));
    return Edit(Compound{QStringLiteral("Auto-layout"), std::move(edits)});
}

} // namespace kstudio::model
