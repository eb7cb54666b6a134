// SPDX-License-Identifier: GPL-3.0-or-later
// PaletteWidget: the kinds by category, dragged onto the canvas (or double-clicked to add at
// the centre of the view).
#pragma once

#include <QTreeWidget>

namespace kstudio::editors {

class PaletteWidget final : public QTreeWidget
{
    Q_OBJECT
public:
    explicit PaletteWidget(QWidget *parent = nullptr);
    // The row of a kind, for tests and keyboard use.
    QTreeWidgetItem *itemForKind(const QString &kind) const;

Q_SIGNALS:
    void kindActivated(const QString &kind);

protected:
    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override;
    QStringList mimeTypes() const override;
};

} // namespace kstudio::editors
