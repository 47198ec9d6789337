#pragma once

#include "model/tables/tableroles.h"

#include <QAbstractTableModel>

namespace gantry::model {

/// What the pages' flat table models have in common, written once: the counts, finding the row
/// behind an index, and the two roles every one of them answers alike. `Derived` (CRTP) keeps its
/// rows in `m_rows`, its columns in an enum ending in `ColumnCount`, and answers
/// `display(row, column)`, `rawValue(row, column)` (what sorting uses) and
/// `otherRole(row, column, role)` for the rest; it befriends this class to let it reach them.
template<typename Derived> class RowTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(self().m_rows.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : Derived::ColumnCount;
    }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const auto& row = self().m_rows[static_cast<std::size_t>(index.row())];
        switch (role) {
        case Qt::DisplayRole:
            return self().display(row, index.column());
        case RawValueRole:
            return self().rawValue(row, index.column());
        default:
            return self().otherRole(row, index.column(), role);
        }
    }

protected:
    /// Every row's `column` shows something else now (time moved on, thresholds changed).
    void columnChanged(int column)
    {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, column), index(rowCount() - 1, column));
    }

private:
    const Derived& self() const { return static_cast<const Derived&>(*this); }
};

} // namespace gantry::model
