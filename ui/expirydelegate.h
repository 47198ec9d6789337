#pragma once

#include <QStyledItemDelegate>

namespace gantry::ui {

/// Colours the Expires cell of the Tags page by TagTableModel::ExpiryLevelRole (the model layer links no
/// Gui, so it says how urgent, and the view says in which colour) and bolds the tag of an artifact that a
/// cluster runs.
class ExpiryDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace gantry::ui
