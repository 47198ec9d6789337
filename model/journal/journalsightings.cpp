// Where tags point: the sightings table, and the observations observe() chains into the journal.
#include "model/journal/journal.h"
#include "model/journal/journaldatabase.h"
#include "model/journal/journalrows.h"

#include <QSqlQuery>

namespace gantry::model {

namespace {

qlonglong seconds(registry::Timestamp time)
{
    return time.time_since_epoch().count();
}

registry::Timestamp timestampAt(const QSqlQuery& query, int column)
{
    return registry::Timestamp(std::chrono::seconds(query.value(column).toLongLong()));
}

// A query with its values bound, run: what every reader of the sightings starts with.
registry::Result<QSqlQuery> select(
    const JournalDatabase& database, const QString& sql, const QVariantList& values, std::string_view doing)
{
    auto query = database.prepare(sql, doing);
    if (!query)
        return std::unexpected(query.error());
    for (const auto& value : values)
        query->addBindValue(value);
    if (auto done = database.exec(*query, doing); !done)
        return std::unexpected(done.error());
    return query;
}

// A statement run for its effect alone.
registry::Status execute(
    const JournalDatabase& database, const QString& sql, const QVariantList& values, std::string_view doing)
{
    if (auto query = select(database, sql, values, doing); !query)
        return std::unexpected(query.error());
    return {};
}

// A tag seen at a digest: a new sighting, or an old one present again. First seen keeps the
// earliest time, last seen the latest, whatever order the calls come in.
// `arrivedAfter` bounds when it got there from below: the refresh before, or `when` itself for
// Gantry's own writes; nullopt when it was there before Gantry watched the repository.
registry::Status markPresent(const JournalDatabase& database, const std::string& repository, const std::string& tag,
    const std::string& digest, registry::Timestamp when, std::optional<registry::Timestamp> arrivedAfter,
    std::string_view doing)
{
    return execute(database,
        QStringLiteral("INSERT INTO sightings (repository, tag, digest, first_seen, last_seen, present, arrived_after) "
                       "VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT (repository, tag, digest) DO UPDATE SET "
                       "present = 1, first_seen = min(first_seen, excluded.first_seen), "
                       "last_seen = max(last_seen, excluded.last_seen), "
                       "arrived_after = CASE WHEN excluded.first_seen < first_seen THEN excluded.arrived_after "
                       "ELSE arrived_after END"),
        { toQString(repository), toQString(tag), toQString(digest), seconds(when), seconds(when),
            arrivedAfter ? QVariant(seconds(*arrivedAfter)) : QVariant(QMetaType(QMetaType::LongLong)) },
        doing);
}

registry::Result<std::optional<registry::Timestamp>> lastObserved(
    const JournalDatabase& database, const std::string& repository, std::string_view doing)
{
    auto query = select(database, QStringLiteral("SELECT last_observed FROM watched WHERE repository = ?"),
        { toQString(repository) }, doing);
    if (!query)
        return std::unexpected(query.error());
    if (!query->next())
        return std::optional<registry::Timestamp> {};
    return timestampAt(*query, 0);
}

// The tag no longer points at `digest` (or at anything but `except`). Last seen stays at the
// last time it was really seen there.
registry::Status markAbsent(const JournalDatabase& database, const std::string& repository, const std::string& tag,
    const std::string& except, std::string_view doing)
{
    return execute(database,
        QStringLiteral("UPDATE sightings SET present = 0 WHERE repository = ? AND tag = ? AND digest <> ?"),
        { toQString(repository), toQString(tag), toQString(except) }, doing);
}

registry::Result<std::map<std::string, std::string>> presentTags(
    const JournalDatabase& database, const std::string& repository, std::string_view doing)
{
    auto query = database.prepare(
        QStringLiteral("SELECT tag, digest FROM sightings WHERE repository = ? AND present = 1"), doing);
    if (!query)
        return std::unexpected(query.error());
    query->addBindValue(toQString(repository));
    if (auto done = database.exec(*query, doing); !done)
        return std::unexpected(done.error());
    std::map<std::string, std::string> tags;
    while (query->next())
        tags[stringAt(*query, 0)] = stringAt(*query, 1);
    if (auto fetched = database.checkFetched(*query, doing); !fetched)
        return std::unexpected(fetched.error());
    return tags;
}

registry::Status checkSighting(const std::string& repository, const std::string& tag, const std::string& digest)
{
    if (repository.empty() || tag.empty() || digest.empty())
        return registry::fail(registry::ErrorKind::InvalidInput,
            "A tag sighting needs a repository, a tag and a digest (got \"" + repository + "\", \"" + tag + "\", \""
                + digest + "\").");
    return {};
}

} // namespace

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
    auto before = presentTags(*m_database, repository, doing);
    if (!before)
        return std::unexpected(before.error());
    auto watchedSince = lastObserved(*m_database, repository, doing);
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
            if (auto marked = markPresent(*m_database, repository, tag, is, now, *watchedSince, doing); !marked)
                return std::unexpected(marked.error());
        }
        if (was == is)
            continue;
        if (!was.empty()) {
            if (auto marked = markAbsent(*m_database, repository, tag, is, doing); !marked)
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
    if (auto watched = execute(*m_database,
            QStringLiteral("INSERT INTO watched (repository, last_observed) VALUES (?, ?) ON CONFLICT (repository) "
                           "DO UPDATE SET last_observed = max(last_observed, excluded.last_observed)"),
            { toQString(repository), seconds(now) }, doing);
        !watched)
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
    if (auto marked = markAbsent(*m_database, repository, tag, digest, doing); !marked)
        return marked;
    if (auto marked = markPresent(*m_database, repository, tag, digest, when, when, doing); !marked)
        return marked;
    return transaction->commit();
}

registry::Result<std::optional<registry::Timestamp>> Journal::firstSeen(
    const std::string& repository, const std::string& digest)
{
    const std::string_view doing = "read when a digest was first seen";
    auto query = select(*m_database,
        QStringLiteral("SELECT min(first_seen) FROM sightings WHERE repository = ? AND digest = ?"),
        { toQString(repository), toQString(digest) }, doing);
    if (!query)
        return std::unexpected(query.error());
    if (!query->next() || query->value(0).isNull())
        return std::optional<registry::Timestamp> {};
    return timestampAt(*query, 0);
}

registry::Result<std::optional<Arrival>> Journal::arrival(const std::string& repository, const std::string& digest)
{
    const std::string_view doing = "read when a digest arrived";
    auto query = select(*m_database,
        QStringLiteral("SELECT first_seen, arrived_after FROM sightings "
                       "WHERE repository = ? AND digest = ? ORDER BY first_seen LIMIT 1"),
        { toQString(repository), toQString(digest) }, doing);
    if (!query)
        return std::unexpected(query.error());
    if (!query->next())
        return std::optional<Arrival> {};
    Arrival arrival;
    arrival.latest = timestampAt(*query, 0);
    if (!query->value(1).isNull())
        arrival.earliest = timestampAt(*query, 1);
    return std::optional(arrival);
}

registry::Result<std::vector<TagSighting>> Journal::sightings(const std::string& repository)
{
    const std::string_view doing = "read tag sightings";
    auto query = m_database->prepare(QStringLiteral("SELECT tag, digest, first_seen, last_seen, present FROM sightings "
                                                    "WHERE repository = ? ORDER BY tag, first_seen, digest"),
        doing);
    if (!query)
        return std::unexpected(query.error());
    query->addBindValue(toQString(repository));
    if (auto done = m_database->exec(*query, doing); !done)
        return std::unexpected(done.error());
    std::vector<TagSighting> result;
    while (query->next())
        result.push_back(TagSighting { repository, stringAt(*query, 0), stringAt(*query, 1), timestampAt(*query, 2),
            timestampAt(*query, 3), query->value(4).toBool() });
    if (auto fetched = m_database->checkFetched(*query, doing); !fetched)
        return std::unexpected(fetched.error());
    return result;
}

} // namespace gantry::model
