#include "ui/tonedelegate.h"

#include "model/tables/tone.h"

#include <QColor>
#include <QPalette>

namespace gantry::ui {

void ToneDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto tone = index.data(model::ToneRole);
    if (!tone.isValid())
        return;
    switch (static_cast<model::Tone>(tone.toInt())) {
    case model::Tone::Normal:
        return;
    case model::Tone::Muted:
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
        return;
    case model::Tone::Warning:
        option->palette.setColor(QPalette::Text, QColor(0xd0, 0x6a, 0x00));
        return;
    case model::Tone::Alarm:
        option->palette.setColor(QPalette::Text, QColor(0xc0, 0x1c, 0x28));
        return;
    }
}

} // namespace gantry::ui
