#pragma once

// How a JournalEntry maps to a row of the entries table. Internal to model/.

#include "base/error.h"
#include "model/journal/journalentry.h"

#include <QString>

class QSqlQuery;

namespace gantry::model {

class JournalDatabase;

/// The entries table's columns in JournalEntry's order, for SELECT.
extern const QString journalEntryColumns;

/// The entry in the current row of a SELECT of journalEntryColumns.
JournalEntry journalEntryAt(const QSqlQuery& query);

/// Inside a write transaction: gives `entry` the next id, chains it onto the last entry, hashes
/// it and inserts it.
registry::Status insertJournalEntry(const JournalDatabase& database, JournalEntry& entry);

/// The current time, to the second, as journal entries keep it.
registry::Timestamp journalNow();

} // namespace gantry::model
