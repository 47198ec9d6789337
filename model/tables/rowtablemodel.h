#pragma once

#include "model/tables/tableroles.h"

#include <QAbstractTableModel>
#include <map>
#include <set>
#include <type_traits>
#include <vector>

namespace gantry::model {

/// What the pages' flat table models have in common, written once: the counts, finding the row
/// behind an index, the two roles every one of them answers alike, and the merge of a refresh.
/// `Derived` (CRTP) keeps its rows in `m_rows`, its columns in an enum ending in `ColumnCount`, and
/// answers `display(row, column)`, `rawValue(row, column)` (what sorting uses) and
/// `otherRole(row, column, role)` for the rest; it befriends this class (`friend class
/// RowTableModel<Derived>`) to let it reach them, since they are no part of its interface.
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

    /// Makes the rows hold `incoming` without a model reset, so that selection and scroll survive a
    /// refresh: rows whose key is gone are removed, rows whose key stays are replaced in place (and
    /// reported changed only when they differ), new keys are appended in their incoming order. A key
    /// that comes twice counts once (the first).
    template<typename Row, typename KeyOf> void mergeRows(std::vector<Row> incoming, KeyOf keyOf)
    {
        std::vector<Row>& rows = self().m_rows;
        using Key = std::decay_t<std::invoke_result_t<KeyOf, const Row&>>;
        std::set<Key> incomingKeys;
        for (const Row& row : incoming)
            incomingKeys.insert(keyOf(row));
        // From the back, one signal per run of adjacent rows, so that indexes ahead stay valid.
        for (int last = static_cast<int>(rows.size()) - 1; last >= 0;) {
            if (incomingKeys.contains(keyOf(rows[last]))) {
                --last;
                continue;
            }
            int first = last;
            while (first > 0 && !incomingKeys.contains(keyOf(rows[first - 1])))
                --first;
            beginRemoveRows({}, first, last);
            rows.erase(rows.begin() + first, rows.begin() + last + 1);
            endRemoveRows();
            last = first - 1;
        }

        std::map<Key, std::size_t> indexOf;
        for (std::size_t i = 0; i < rows.size(); ++i)
            indexOf.emplace(keyOf(rows[i]), i);
        std::set<Key> seen;
        std::vector<Row> added;
        for (Row& row : incoming) {
            if (!seen.insert(keyOf(row)).second)
                continue;
            if (const auto existing = indexOf.find(keyOf(row)); existing != indexOf.end()) {
                if (!(rows[existing->second] == row)) {
                    rows[existing->second] = std::move(row);
                    const int changed = static_cast<int>(existing->second);
                    Q_EMIT dataChanged(index(changed, 0), index(changed, columnCount() - 1));
                }
            } else {
                added.push_back(std::move(row));
            }
        }
        if (added.empty())
            return;
        appendRows(std::move(added));
    }

    /// Appends `added` with the insert signals around it.
    template<typename Row> void appendRows(std::vector<Row> added)
    {
        std::vector<Row>& rows = self().m_rows;
        const int first = static_cast<int>(rows.size());
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        std::move(added.begin(), added.end(), std::back_inserter(rows));
        endInsertRows();
    }

private:
    const Derived& self() const { return static_cast<const Derived&>(*this); }
    Derived& self() { return static_cast<Derived&>(*this); }
};

} // namespace gantry::model
