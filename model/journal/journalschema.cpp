#include "model/journal/journalschema.h"

#include "base/localfile.h"
#include "model/journal/journaldatabase.h"

#include <array>

namespace gantry::model {

namespace {

// PRAGMA application_id marks the file as Gantry's ("GNTJ"), so that a journal path that
// names someone else's SQLite database is refused rather than written into.
constexpr int applicationId = 0x474E544A;

const std::array schemaStatements {
    // Chained entries: the authority. Times are Unix seconds (UTC); hashes are 64 hex digits.
    QStringLiteral("CREATE TABLE entries ("
                   "id INTEGER PRIMARY KEY, time INTEGER NOT NULL, actor TEXT NOT NULL, host TEXT NOT NULL, "
                   "action TEXT NOT NULL, pipeline TEXT NOT NULL, stage TEXT NOT NULL, "
                   "repository TEXT NOT NULL, tag TEXT NOT NULL, source TEXT NOT NULL, "
                   "destination TEXT NOT NULL, digest_before TEXT NOT NULL, digest_after TEXT NOT NULL, "
                   "outcome TEXT NOT NULL, error TEXT NOT NULL, note TEXT NOT NULL, "
                   "previous_hash TEXT NOT NULL, hash TEXT NOT NULL)"),
    QStringLiteral("CREATE INDEX entries_by_repository ON entries (repository, tag)"),
    QStringLiteral("CREATE INDEX entries_by_pipeline ON entries (pipeline)"),
    // Sightings: mutable state (last seen changes on every refresh), so not chained.
    QStringLiteral("CREATE TABLE sightings ("
                   "repository TEXT NOT NULL, tag TEXT NOT NULL, digest TEXT NOT NULL, "
                   "first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, present INTEGER NOT NULL, "
                   "arrived_after INTEGER, "
                   "PRIMARY KEY (repository, tag, digest)) WITHOUT ROWID"),
    // When each repository was last observed: a tag that appears at the next refresh arrived after it.
    QStringLiteral("CREATE TABLE watched (repository TEXT PRIMARY KEY, last_observed INTEGER NOT NULL) WITHOUT ROWID"),
    QStringLiteral("CREATE INDEX sightings_by_digest ON sightings (repository, digest)"),
    QStringLiteral("PRAGMA application_id = %1").arg(applicationId),
    QStringLiteral("PRAGMA user_version = %1").arg(journalSchemaVersion),
};

struct Identity
{
    int applicationId = 0;
    int version = 0;
    int objects = 0; ///< tables, indexes, views, triggers
};

registry::Result<int> readNumber(const JournalDatabase& database, const QString& sql, std::string_view doing)
{
    auto query = database.run(sql, doing);
    if (!query)
        return std::unexpected(query.error());
    if (!query->next())
        return std::unexpected(database.error(doing, "no answer"));
    return query->value(0).toInt();
}

registry::Result<Identity> readIdentity(const JournalDatabase& database)
{
    const std::string_view doing = "read its format";
    // One read transaction for the three reads: each on its own would see its own snapshot, and
    // another process creating the journal meanwhile would make it look like someone else's file.
    // Inside createSchema's write transaction this is a no-op nesting SQLite refuses, so only here.
    const bool ownTransaction = database.run(QStringLiteral("BEGIN"), doing).has_value();
    const auto finish = [&] {
        if (ownTransaction)
            (void)database.run(QStringLiteral("COMMIT"), doing);
    };
    Identity identity;
    for (auto [field, sql] : { std::pair { &identity.applicationId, QStringLiteral("PRAGMA application_id") },
             std::pair { &identity.version, QStringLiteral("PRAGMA user_version") },
             std::pair { &identity.objects, QStringLiteral("SELECT count(*) FROM sqlite_master") } }) {
        auto number = readNumber(database, sql, doing);
        if (!number) {
            finish();
            return std::unexpected(number.error());
        }
        *field = *number;
    }
    finish();
    return identity;
}

// Empty: a new file (or one another process is creating right now).
registry::Result<bool> checkIdentity(const JournalDatabase& database)
{
    auto identity = readIdentity(database);
    if (!identity)
        return std::unexpected(identity.error());
    if (identity->applicationId == 0 && identity->version == 0 && identity->objects == 0)
        return true;
    if (identity->applicationId != applicationId || identity->version < 1)
        return registry::fail(registry::ErrorKind::Io,
            "Journal " + database.path() + ": is an SQLite database but not a Gantry journal; it was left as it is.");
    if (identity->version > journalSchemaVersion)
        return registry::fail(registry::ErrorKind::Io,
            "Journal " + database.path() + ": was written by a newer Gantry (format "
                + std::to_string(identity->version) + ", this one reads up to " + std::to_string(journalSchemaVersion)
                + "); it was left as it is.");
    return false;
}

registry::Status setPragma(const JournalDatabase& database, const QString& sql, std::string_view doing)
{
    auto query = database.run(sql, doing);
    if (!query)
        return std::unexpected(query.error());
    return {};
}

registry::Status createSchema(const JournalDatabase& database)
{
    const std::string_view doing = "create its tables";
    auto transaction = WriteTransaction::begin(database, doing);
    if (!transaction)
        return std::unexpected(transaction.error());
    // Another process may have created the schema while this one waited for the lock.
    auto empty = checkIdentity(database);
    if (!empty)
        return std::unexpected(empty.error());
    if (!*empty)
        return transaction->commit();
    for (const auto& statement : schemaStatements) {
        if (auto done = setPragma(database, statement, doing); !done)
            return done;
    }
    return transaction->commit();
}

} // namespace

registry::Status checkSqliteHeader(const std::string& path)
{
    static constexpr char magic[] = "SQLite format 3"; // and its terminating NUL: 16 bytes
    // Read as every file Gantry reads: a FIFO or a device is refused before SQLite opens it.
    const auto start = registry::readFileStart(path, sizeof magic, "a journal");
    if (!start)
        return registry::fail(registry::ErrorKind::Io, "Journal " + start.error().message + ".");
    if (!*start || (*start)->empty())
        return {};
    if (**start != std::string_view(magic, sizeof magic))
        return registry::fail(registry::ErrorKind::Io,
            "Journal " + path + ": is not a Gantry journal (not an SQLite database); it was left as it is.");
    return {};
}

registry::Status prepareJournalSchema(const JournalDatabase& database)
{
    // Busy timeout first, so that every later statement waits for a writer in another process.
    if (auto done = setPragma(database, QStringLiteral("PRAGMA busy_timeout = 5000"), "set its busy timeout"); !done)
        return done;
    auto empty = checkIdentity(database);
    if (!empty)
        return std::unexpected(empty.error());
    // WAL with synchronous NORMAL: a commit is durable against a crash of the process (not of the
    // machine's power), and readers do not block the writer.
    auto mode = database.run(QStringLiteral("PRAGMA journal_mode = WAL"), "switch to write-ahead logging");
    if (!mode)
        return std::unexpected(mode.error());
    if (!mode->next() || mode->value(0).toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0)
        return std::unexpected(database.error("switch to write-ahead logging", "the file system does not allow it"));
    mode->finish();
    for (const auto& pragma :
        { QStringLiteral("PRAGMA synchronous = NORMAL"), QStringLiteral("PRAGMA foreign_keys = ON") }) {
        if (auto done = setPragma(database, pragma, "set its pragmas"); !done)
            return done;
    }
    if (*empty)
        return createSchema(database);
    return {};
}

} // namespace gantry::model
