// TagTableModel's side that takes snapshots: conversion to compact rows and the merge by key.
#include "model/policy/tagrank.h"
#include "model/tables/tagtablemodel.h"

#include <algorithm>

namespace gantry::model {

void TagTableModel::setSnapshot(const DashboardSnapshot& snapshot)
{
    QHash<RowKey, int> freshRows;
    std::vector<TagEntry> fresh = entriesOf(snapshot, freshRows);
    if (m_rows.empty()) {
        // The first fill: nothing is selected yet, and one reset is far cheaper than 100,000 insertions.
        if (fresh.empty())
            return;
        beginResetModel();
        m_rows = std::move(fresh);
        m_rowOf = std::move(freshRows);
        forgetSortRanks();
        endResetModel();
        return;
    }
    removeRowsMissingFrom(freshRows);
    updateAndAppend(std::move(fresh));
}

// `keys` gets each entry's index; its tag shares the entry's buffer.
std::vector<TagEntry> TagTableModel::entriesOf(const DashboardSnapshot& snapshot, QHash<RowKey, int>& keys)
{
    std::size_t count = 0;
    for (const StageView& view : snapshot.stages)
        count += view.tags.size();
    std::vector<TagEntry> entries;
    entries.reserve(count);
    std::vector<std::string_view> tags;
    tags.reserve(count);
    keys.reserve(static_cast<qsizetype>(count));
    TextPool pool;
    for (const StageView& view : snapshot.stages) {
        const quint32 stage = stageIndex(view);
        for (const TagRow& row : view.tags) {
            TagEntry entry = makeTagEntry(row, stage, pool);
            if (keys.contains(keyOf(entry)))
                continue;
            keys.insert(keyOf(entry), static_cast<int>(entries.size()));
            entries.push_back(std::move(entry));
            tags.push_back(row.tag);
        }
    }
    const std::vector<int> ranks = tagRanks(tags);
    for (std::size_t i = 0; i < entries.size(); ++i)
        entries[i].tagRank = ranks[i];
    return entries;
}

quint32 TagTableModel::stageIndex(const StageView& view)
{
    StageNames names { QString::fromStdString(view.pipeline), QString::fromStdString(view.stage),
        QString::fromStdString(view.repository), QString::fromStdString(view.repository).toLower() };
    const auto same = [&](const StageNames& known) {
        return known.pipeline == names.pipeline && known.stage == names.stage && known.repository == names.repository;
    };
    const auto found = std::ranges::find_if(m_stages, same);
    if (found != m_stages.end())
        return static_cast<quint32>(found - m_stages.begin());
    m_stages.push_back(std::move(names));
    return static_cast<quint32>(m_stages.size() - 1);
}

void TagTableModel::removeRowsMissingFrom(const QHash<RowKey, int>& fresh)
{
    const auto gone = [&](int row) { return !fresh.contains(keyOf(entry(row))); };
    // From the end, one signal per run of gone rows, so that the rows before a run keep their numbers.
    bool removed = false;
    for (int last = rowCount() - 1; last >= 0; --last) {
        if (!gone(last))
            continue;
        int first = last;
        while (first > 0 && gone(first - 1))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        forgetSortRanks();
        endRemoveRows();
        removed = true;
        last = first;
    }
    if (removed)
        reindex();
}

void TagTableModel::updateAndAppend(std::vector<TagEntry> fresh)
{
    std::vector<bool> changed(m_rows.size(), false);
    std::vector<TagEntry> added;
    for (TagEntry& entry : fresh) {
        const auto found = m_rowOf.constFind(keyOf(entry));
        if (found == m_rowOf.cend()) {
            added.push_back(std::move(entry));
            continue;
        }
        TagEntry& current = m_rows[static_cast<std::size_t>(found.value())];
        if (current == entry)
            continue;
        current = std::move(entry);
        changed[static_cast<std::size_t>(found.value())] = true;
    }
    forgetSortRanks();
    for (int first = 0; first < rowCount(); ++first) {
        if (!changed[static_cast<std::size_t>(first)])
            continue;
        int last = first;
        while (last + 1 < rowCount() && changed[static_cast<std::size_t>(last + 1)])
            ++last;
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
        first = last;
    }
    if (added.empty())
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
    for (TagEntry& entry : added) {
        m_rowOf.insert(keyOf(entry), rowCount());
        m_rows.push_back(std::move(entry));
    }
    forgetSortRanks();
    endInsertRows();
}

void TagTableModel::reindex()
{
    m_rowOf.clear();
    m_rowOf.reserve(rowCount());
    for (int row = 0; row < rowCount(); ++row)
        m_rowOf.insert(keyOf(entry(row)), row);
}

} // namespace gantry::model
