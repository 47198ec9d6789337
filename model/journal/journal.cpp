#include "model/journal/journal.h"

#include "model/journal/journaldatabase.h"
#include "model/journal/journalhash.h"
#include "model/journal/journalrows.h"
#include "model/journal/journalschema.h"
#include "model/journal/sightingstable.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <algorithm>

namespace gantry::model {

namespace {

// verify() walks the chain: each entry's hash must match its fields, and each entry must name the
// hash of the entry before it. What a chain cannot show: that its newest entries were deleted (what
// is left is a valid shorter chain), which is why the report carries the head hash for the user to
// note.

// Empty when `entry` follows the entry before it (`previousId` 0: none); else the problem.
std::string linkProblem(const JournalEntry& entry, std::int64_t previousId, const std::string& previousHash)
{
    if (entry.previousHash == previousHash)
        return {};
    const auto id = std::to_string(entry.id);
    if (previousId == 0)
        return "Entry " + id
            + " is the first entry but does not start the chain: the entries before it were deleted, or its "
              "previous hash was changed.";
    const auto previous = std::to_string(previousId);
    if (entry.id > previousId + 1)
        return "Entry " + id + " does not follow entry " + previous + ": the entries between them were deleted.";
    return "Entry " + id + " does not follow entry " + previous
        + ": an entry was inserted, deleted or moved there, or entry " + previous + "'s hash was changed.";
}

std::string hashProblem(const JournalEntry& entry)
{
    const auto hash = journalEntryHash(entry);
    if (hash && *hash == entry.hash)
        return {};
    return "Entry " + std::to_string(entry.id) + " was changed after it was written: its fields no longer match "
        + "its hash.";
}

} // namespace

Journal::Journal(std::unique_ptr<JournalDatabase> database)
    : m_database(std::move(database))
{
}

Journal::~Journal() = default;

registry::Result<std::unique_ptr<Journal>> Journal::open(const std::string& path)
{
    if (path.empty())
        return registry::fail(registry::ErrorKind::Io, "The journal path is empty.");
    const QFileInfo file(toQString(path));
    if (file.isDir())
        return registry::fail(registry::ErrorKind::Io, "Journal " + path + ": is a folder, not a file.");
    if (!QDir().mkpath(file.absolutePath()))
        return registry::fail(registry::ErrorKind::Io,
            "Journal " + path + ": cannot create its folder " + file.absolutePath().toStdString() + ".");
    if (auto header = checkSqliteHeader(path); !header)
        return std::unexpected(header.error());
    auto database = JournalDatabase::connect(path);
    if (!database)
        return std::unexpected(database.error());
    if (auto prepared = prepareJournalSchema(**database); !prepared)
        return std::unexpected(prepared.error());
    return std::unique_ptr<Journal>(new Journal(std::move(*database)));
}

std::string Journal::defaultPath()
{
    const auto configured = qEnvironmentVariable("GANTRY_JOURNAL");
    if (!configured.isEmpty())
        return configured.toStdString();
    return (QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/gantry/journal.sqlite"))
        .toStdString();
}

const std::string& Journal::path() const
{
    return m_database->path();
}

registry::Result<JournalEntry> Journal::append(JournalEntry entry)
{
    if (entry.action.empty())
        return registry::fail(registry::ErrorKind::InvalidInput, "A journal entry needs an action.");
    if (entry.time == registry::Timestamp {})
        entry.time = journalNow();
    if (entry.actor.empty())
        entry.actor = localUserName();
    if (entry.host.empty())
        entry.host = localHostName();
    auto transaction = WriteTransaction::begin(*m_database, "append an entry");
    if (!transaction)
        return std::unexpected(transaction.error());
    if (auto inserted = insertJournalEntry(*m_database, entry); !inserted)
        return std::unexpected(inserted.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return entry;
}

registry::Result<std::vector<JournalEntry>> Journal::entries(const JournalQuery& query)
{
    QString sql = QStringLiteral("SELECT ") + journalEntryColumns + QStringLiteral(" FROM entries WHERE 1 = 1");
    QVariantList values;
    for (const auto& [column, value] : { std::pair { "pipeline", &query.pipeline },
             std::pair { "repository", &query.repository }, std::pair { "tag", &query.tag },
             std::pair { "action", &query.action }, std::pair { "outcome", &query.outcome } }) {
        if (value->empty())
            continue;
        sql += QStringLiteral(" AND %1 = ?").arg(QLatin1String(column));
        values.append(toQString(*value));
    }
    if (query.since) {
        sql += QStringLiteral(" AND time >= ?");
        values.append(QVariant::fromValue<qlonglong>(query.since->time_since_epoch().count()));
    }
    // With a limit, the newest entries are the ones wanted: read newest first, then turn around.
    const bool newestFirst = query.limit > 0;
    sql += newestFirst ? QStringLiteral(" ORDER BY id DESC LIMIT %1").arg(query.limit) : QStringLiteral(" ORDER BY id");

    const std::string_view doing = "read entries";
    auto select = m_database->prepare(sql, doing);
    if (!select)
        return std::unexpected(select.error());
    for (const auto& value : values)
        select->addBindValue(value);
    if (auto done = m_database->exec(*select, doing); !done)
        return std::unexpected(done.error());
    std::vector<JournalEntry> result;
    while (select->next())
        result.push_back(journalEntryAt(*select));
    if (auto fetched = m_database->checkFetched(*select, doing); !fetched)
        return std::unexpected(fetched.error());
    if (newestFirst)
        std::ranges::reverse(result);
    return result;
}

registry::Result<std::vector<JournalEntry>> Journal::observe(const std::string& pipeline, const std::string& stage,
    const std::string& repository, const std::map<std::string, std::string>& tagDigests, registry::Timestamp now)
{
    if (repository.empty())
        return registry::fail(registry::ErrorKind::InvalidInput, "Observed tags need a repository.");
    for (const auto& [tag, digest] : tagDigests) {
        if (auto valid = checkSighting(repository, tag, digest); !valid)
            return std::unexpected(valid.error());
    }
    const std::string doing = "record the tags of " + repository;
    auto transaction = WriteTransaction::begin(*m_database, doing);
    if (!transaction)
        return std::unexpected(transaction.error());
    const SightingsTable table(*m_database);
    auto before = table.presentTags(repository, doing);
    if (!before)
        return std::unexpected(before.error());
    auto watchedSince = table.lastObserved(repository, doing);
    if (!watchedSince)
        return std::unexpected(watchedSince.error());

    // Every tag on either side, in tag order: (digest before, digest now), empty for none.
    std::map<std::string, std::pair<std::string, std::string>> tags;
    for (const auto& [tag, digest] : *before)
        tags[tag].first = digest;
    for (const auto& [tag, digest] : tagDigests)
        tags[tag].second = digest;

    std::vector<JournalEntry> recorded;
    const auto actor = localUserName();
    const auto host = localHostName();
    for (const auto& [tag, digests] : tags) {
        const auto& [was, is] = digests;
        if (!is.empty()) {
            if (auto marked = table.markPresent(repository, tag, is, now, *watchedSince, doing); !marked)
                return std::unexpected(marked.error());
        }
        if (was == is)
            continue;
        if (!was.empty()) {
            if (auto marked = table.markAbsent(repository, tag, is, doing); !marked)
                return std::unexpected(marked.error());
        }
        JournalEntry entry;
        entry.time = now;
        entry.actor = actor;
        entry.host = host;
        entry.action = was.empty() ? journal::appeared : is.empty() ? journal::disappeared : journal::moved;
        entry.pipeline = pipeline;
        entry.stage = stage;
        entry.repository = repository;
        entry.tag = tag;
        entry.digestBefore = was;
        entry.digestAfter = is;
        entry.outcome = journal::observed;
        if (auto inserted = insertJournalEntry(*m_database, entry); !inserted)
            return std::unexpected(inserted.error());
        recorded.push_back(std::move(entry));
    }
    if (auto watched = table.markObserved(repository, now, doing); !watched)
        return std::unexpected(watched.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return recorded;
}

registry::Status Journal::recordSighting(
    const std::string& repository, const std::string& tag, const std::string& digest, registry::Timestamp when)
{
    if (auto valid = checkSighting(repository, tag, digest); !valid)
        return valid;
    const std::string doing = "record " + repository + ":" + tag;
    auto transaction = WriteTransaction::begin(*m_database, doing);
    if (!transaction)
        return std::unexpected(transaction.error());
    const SightingsTable table(*m_database);
    if (auto marked = table.markAbsent(repository, tag, digest, doing); !marked)
        return marked;
    if (auto marked = table.markPresent(repository, tag, digest, when, when, doing); !marked)
        return marked;
    return transaction->commit();
}

registry::Result<std::optional<registry::Timestamp>> Journal::firstSeen(
    const std::string& repository, const std::string& digest)
{
    return SightingsTable(*m_database).firstSeen(repository, digest);
}

registry::Result<std::optional<Arrival>> Journal::arrival(const std::string& repository, const std::string& digest)
{
    return SightingsTable(*m_database).arrival(repository, digest);
}

registry::Result<std::vector<TagSighting>> Journal::sightings(const std::string& repository)
{
    return SightingsTable(*m_database).sightings(repository);
}

registry::Result<ChainReport> Journal::verify()
{
    const std::string_view doing = "verify its entries";
    auto query = m_database->run(
        QStringLiteral("SELECT ") + journalEntryColumns + QStringLiteral(" FROM entries ORDER BY id"), doing);
    if (!query)
        return std::unexpected(query.error());
    ChainReport report;
    report.headHash = journalGenesisHash;
    std::int64_t previousId = 0;
    // Every row is read even after a problem, so rowsChecked and headHash describe the whole file.
    while (query->next()) {
        const auto entry = journalEntryAt(*query);
        ++report.rowsChecked;
        if (report.intact) {
            auto problem = linkProblem(entry, previousId, report.headHash);
            if (problem.empty())
                problem = hashProblem(entry);
            if (!problem.empty()) {
                report.intact = false;
                report.firstBadId = entry.id;
                report.problem = std::move(problem);
            }
        }
        previousId = entry.id;
        report.headHash = entry.hash;
    }
    if (auto fetched = m_database->checkFetched(*query, doing); !fetched)
        return std::unexpected(fetched.error());
    return report;
}

} // namespace gantry::model
