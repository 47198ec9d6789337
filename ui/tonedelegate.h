#pragma once

#include <QStyledItemDelegate>

namespace gantry::ui {

/// Colours a cell's text by the model::Tone a model gives under model::ToneRole; cells without
/// one keep the palette's colour. The models name the tone, since model/ has no QColor.
class ToneDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace gantry::ui
