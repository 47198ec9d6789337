#include "ui/certificatelifetimedelegate.h"

#include "model/clusters/certificatelifetime.h"
#include "model/tables/tableroles.h"
#include "ui/severitydelegate.h"

#include <QApplication>
#include <QPainter>

namespace gantry::ui {

namespace {

int xAt(const QRect& bar, double fraction)
{
    return bar.left() + static_cast<int>(fraction * bar.width() + 0.5);
}

} // namespace

QRect CertificateLifetimeDelegate::barRect(const QRect& cell)
{
    return cell.adjusted(4, 3, -4, -3);
}

void CertificateLifetimeDelegate::paint(
    QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QVariant value = index.data(model::LifetimeRole);
    if (!value.canConvert<model::CertificateLifetime>()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const auto lifetime = value.value<model::CertificateLifetime>();

    // The selection and focus background, without the text: the bar draws its own.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QRect bar = barRect(option.rect);
    painter->save();
    painter->fillRect(bar, QColor(0xe0, 0xe0, 0xe0));
    QRect elapsed = bar;
    elapsed.setRight(xAt(bar, lifetime.elapsed) - 1);
    painter->fillRect(elapsed, severityColour(lifetime.status));
    for (const auto& [fraction, status] : { std::pair(lifetime.warningMark, model::Severity::Warning),
             std::pair(lifetime.criticalMark, model::Severity::Critical) }) {
        painter->setPen(QPen(severityColour(status).darker(130), 2));
        const int x = xAt(bar, fraction);
        painter->drawLine(x, bar.top(), x, bar.bottom());
    }
    // The text sits on the bar's middle: light on a filled middle, dark on the empty track.
    const bool middleFilled = lifetime.elapsed > 0.5;
    painter->setPen(middleFilled ? Qt::white : Qt::black);
    QFont font = option.font;
    font.setBold(true);
    painter->setFont(font);
    painter->drawText(bar, Qt::AlignCenter, index.data(Qt::DisplayRole).toString());
    painter->restore();
}

QSize CertificateLifetimeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 140));
    return size;
}

} // namespace gantry::ui
