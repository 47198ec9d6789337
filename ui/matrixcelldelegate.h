#pragma once

#include <QStyledItemDelegate>

namespace gantry::ui {

/// Paints the pipeline matrix's cells by state: drift red, absent and unknown greyed. The model
/// says the state (it links no Qt Gui); the colours are the view's business.
class MatrixCellDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace gantry::ui
