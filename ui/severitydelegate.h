#pragma once

#include "model/policy/severity.h"

#include <QColor>
#include <QStyledItemDelegate>

namespace gantry::ui {

/// The one colour of each model::Severity: for text, for the lifetime bar's fill and for the chart's
/// points. Dark enough to read as text on a light row, strong enough to fill a bar; no two alike.
QColor severityColour(model::Severity severity);

/// The one painter of a severity in a table, on every page: reads the model's SeverityRole and
/// EmphasisRole (model/ links no Qt Gui, so it says how urgent and the view says in which colour) and
/// paints the cell in one of two ways, chosen by the page for the whole view:
/// - `Text`: the text in severityColour; for cells that state a status ("critical", "failed").
/// - `Fill`: warning, critical and expired cells on a light background of their own with dark text,
///   notice and unknown ones with their colour's text, ok ones plain; for cells that carry their own
///   text (a date, a digest) and are marked by how urgent they are.
/// Cells without a severity keep the palette's colours; EmphasisRole makes any cell bold.
class SeverityDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    enum class Style { Text, Fill };

    explicit SeverityDelegate(Style style, QObject* parent = nullptr);

    Style style() const { return m_style; }
    /// The option `index` is painted with: the view's own with the severity applied. What tests and
    /// delegates that draw cells of their own (CertificateLifetimeDelegate) start from.
    QStyleOptionViewItem styleOption(const QStyleOptionViewItem& viewOption, const QModelIndex& index) const;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    Style m_style;
};

} // namespace gantry::ui
