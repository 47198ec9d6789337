#pragma once

#include "base/error.h"

#include <string>

namespace gantry::model {

class JournalDatabase;

/// The journal's format, in PRAGMA user_version. Bumped with a migration when the schema changes.
inline constexpr int journalSchemaVersion = 1;

/// Fails unless the file at `path` is missing, empty or starts like an SQLite database, without
/// opening it: SQLite would report a foreign file only at the first statement.
registry::Status checkSqliteHeader(const std::string& path);

/// Makes the connection ready: pragmas (WAL, synchronous NORMAL, busy timeout, foreign keys) and,
/// in a new file, the schema. A foreign SQLite database or a newer journal is an Io error and is
/// not written to.
registry::Status prepareJournalSchema(const JournalDatabase& database);

} // namespace gantry::model
