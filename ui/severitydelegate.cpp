#include "ui/severitydelegate.h"

#include "model/tables/tableroles.h"

#include <QPalette>

namespace gantry::ui {

using model::Severity;

namespace {

// The light backgrounds of Fill, from the least urgent one that gets a background up.
QColor fillColour(Severity severity)
{
    switch (severity) {
    case Severity::Warning:
        return QColor(0xff, 0xf5, 0x9d); // yellow
    case Severity::Critical:
        return QColor(0xff, 0xcc, 0x80); // orange
    case Severity::Expired:
        return QColor(0xef, 0x9a, 0x9a); // red
    case Severity::Ok:
    case Severity::Notice:
    case Severity::Unknown:
        break;
    }
    return {};
}

} // namespace

QColor severityColour(Severity severity)
{
    switch (severity) {
    case Severity::Ok:
        return QColor(0x2e, 0x7d, 0x32);
    case Severity::Notice:
        return QColor(0x9e, 0x9e, 0x9e);
    case Severity::Warning:
        return QColor(0xc7, 0x7c, 0x02);
    case Severity::Critical:
        return QColor(0xd3, 0x2f, 0x2f);
    case Severity::Unknown:
        return QColor(0x75, 0x75, 0x75);
    case Severity::Expired:
        return QColor(0x7f, 0x00, 0x00);
    }
    return QColor(0x75, 0x75, 0x75);
}

SeverityDelegate::SeverityDelegate(Style style, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_style(style)
{
}

QStyleOptionViewItem SeverityDelegate::styleOption(
    const QStyleOptionViewItem& viewOption, const QModelIndex& index) const
{
    QStyleOptionViewItem option = viewOption;
    initStyleOption(&option, index);
    return option;
}

void SeverityDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(model::EmphasisRole).toBool())
        option->font.setBold(true);
    const QVariant value = index.data(model::SeverityRole);
    if (!value.isValid())
        return;
    const auto severity = static_cast<Severity>(value.toInt());
    if (m_style == Style::Text) {
        option->palette.setColor(QPalette::Text, severityColour(severity));
        return;
    }
    if (const QColor background = fillColour(severity); background.isValid()) {
        option->backgroundBrush = background;
        // Light backgrounds in a dark theme too: keep the text readable.
        option->palette.setColor(QPalette::Text, Qt::black);
    } else if (severity != Severity::Ok) {
        option->palette.setColor(QPalette::Text, severityColour(severity));
    }
}

} // namespace gantry::ui
