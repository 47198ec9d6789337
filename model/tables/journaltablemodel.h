#pragma once

#include "model/journal/journalentry.h"
#include "model/tables/tableroles.h"

#include <QAbstractTableModel>
#include <vector>

namespace gantry::model {

/// The journal as a table, newest entry first. Takes the entries of each snapshot and merges them
/// by id: the journal only grows, so a refresh inserts its new entries at the top and leaves the
/// rows below (and their selection) alone. Roles (tableroles.h): RawValueRole is what to sort and
/// filter on (UTC seconds for Time, the full digest for the digest columns, the plain text for the
/// others); IsObservationRole and EntryIdRole on any column; SeverityRole on Outcome.
///
/// Not on RowTableModel: its rows run newest first and a refresh inserts new entries at the top, in
/// id order, where the shared merge appends new keys at the end.
class JournalTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Time,
        Actor,
        Action,
        Pipeline,
        Stage,
        Repository,
        Tag,
        DigestBefore,
        DigestAfter,
        Outcome,
        Message,
        ColumnCount
    };
    explicit JournalTableModel(QObject* parent = nullptr);

    /// `entries` newest first, as DashboardSnapshot::journal holds them.
    void setEntries(std::vector<JournalEntry> entries);
    const JournalEntry& entry(int row) const { return m_entries.at(static_cast<std::size_t>(row)); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void insertEntries(
        int row, std::vector<JournalEntry>::const_iterator first, std::vector<JournalEntry>::const_iterator last);

    std::vector<JournalEntry> m_entries; ///< by id, descending
};

} // namespace gantry::model
