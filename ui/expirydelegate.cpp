#include "ui/expirydelegate.h"

#include "model/tables/tagtablemodel.h"

namespace gantry::ui {

namespace {

using gantry::model::TagTableModel;

QColor backgroundFor(TagTableModel::ExpiryLevel level)
{
    switch (level) {
    case TagTableModel::ExpiryLevel::Expired:
        return QColor(0xef, 0x9a, 0x9a); // red
    case TagTableModel::ExpiryLevel::Critical:
        return QColor(0xff, 0xcc, 0x80); // orange
    case TagTableModel::ExpiryLevel::Warning:
        return QColor(0xff, 0xf5, 0x9d); // yellow
    case TagTableModel::ExpiryLevel::None:
        break;
    }
    return {};
}

} // namespace

void ExpiryDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == TagTableModel::Tag && !index.data(TagTableModel::RunningClustersRole).toString().isEmpty())
        option->font.setBold(true);
    if (index.column() != TagTableModel::Expires)
        return;
    const auto level = static_cast<TagTableModel::ExpiryLevel>(index.data(TagTableModel::ExpiryLevelRole).toInt());
    if (const QColor background = backgroundFor(level); background.isValid()) {
        option->backgroundBrush = background;
        // Light backgrounds in a dark theme too: keep the text readable.
        option->palette.setColor(QPalette::Text, Qt::black);
    }
}

} // namespace gantry::ui
