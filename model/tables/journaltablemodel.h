#pragma once

#include "model/journal/journalentry.h"

#include <QAbstractTableModel>
#include <vector>

namespace gantry::model {

/// The journal as a table, newest entry first. Takes the entries of each snapshot and merges them
/// by id: the journal only grows, so a refresh inserts its new entries at the top and leaves the
/// rows below (and their selection) alone.
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
    enum Role {
        /// What to sort and filter on: UTC seconds (qint64) for Time, the full digest for the digest
        /// columns, the plain text for the others.
        RawValueRole = Qt::UserRole + 1,
        IsObservationRole, ///< bool, any column: a tag movement Gantry saw rather than an action it took
        EntryIdRole, ///< qint64, any column
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
