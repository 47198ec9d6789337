#include "ui/matrixcelldelegate.h"

#include "model/tables/pipelinematrixmodel.h"

namespace gantry::ui {

void MatrixCellDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    using State = model::MatrixCell::State;
    switch (State(index.data(model::PipelineMatrixModel::CellStateRole).toInt())) {
    case State::Drift:
        option->backgroundBrush = QColor(0xf4, 0xc7, 0xc3);
        option->palette.setColor(QPalette::Text, QColor(0x8b, 0x00, 0x00));
        option->font.setBold(true);
        break;
    case State::Absent:
    case State::Unknown:
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        break;
    case State::Present:
        break;
    }
}

} // namespace gantry::ui
