#pragma once

#include <QStyledItemDelegate>

namespace gantry::ui {

/// Paints a certificate's lifetime (notBefore → notAfter) as a bar: the elapsed part filled in the
/// status colour, marks where the warning and critical thresholds begin, the days left over it.
/// Reads model::LifetimeRole; cells without one are painted as usual.
class CertificateLifetimeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    /// Where the bar goes inside a cell, so that tests can look at its pixels.
    static QRect barRect(const QRect& cell);
};

} // namespace gantry::ui
