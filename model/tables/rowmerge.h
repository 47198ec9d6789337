#pragma once

#include <QObject>
#include <map>
#include <set>
#include <type_traits>
#include <vector>

namespace gantry::model {

/// Makes `rows` hold `incoming` without a model reset, so that selection and scroll survive a
/// refresh: rows whose key is gone are removed, rows whose key stays are replaced in place (and
/// reported changed only when they differ), new keys are appended in their incoming order. A key
/// that comes twice counts once (the first). `model` calls it on its own rows and declares it a
/// friend (MERGES_ROWS_BY_KEY), since the begin/end calls it makes are protected.
template<typename Model, typename Row, typename KeyOf>
void mergeRowsByKey(Model& model, std::vector<Row>& rows, std::vector<Row> incoming, KeyOf keyOf)
{
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
        model.beginRemoveRows({}, first, last);
        rows.erase(rows.begin() + first, rows.begin() + last + 1);
        model.endRemoveRows();
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
                Q_EMIT model.dataChanged(model.index(changed, 0), model.index(changed, model.columnCount() - 1));
            }
        } else {
            added.push_back(std::move(row));
        }
    }
    if (added.empty())
        return;
    const int first = static_cast<int>(rows.size());
    model.beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
    std::move(added.begin(), added.end(), std::back_inserter(rows));
    model.endInsertRows();
}

} // namespace gantry::model

/// In a model's class body: lets mergeRowsByKey call the model's protected begin/end functions.
#define MERGES_ROWS_BY_KEY                                                                                             \
    template<typename Model, typename Row, typename KeyOf>                                                             \
    friend void gantry::model::mergeRowsByKey(Model&, std::vector<Row>&, std::vector<Row>, KeyOf)
