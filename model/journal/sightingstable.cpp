#include "model/journal/sightingstable.h"

#include "model/journal/journaldatabase.h"

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

} // namespace

SightingsTable::SightingsTable(const JournalDatabase& database)
    : m_database(database)
{
}

registry::Status SightingsTable::markPresent(const std::string& repository, const std::string& tag,
    const std::string& digest, registry::Timestamp when, std::optional<registry::Timestamp> arrivedAfter,
    std::string_view doing) const
{
    return execute(m_database,
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

registry::Result<std::optional<registry::Timestamp>> SightingsTable::lastObserved(
    const std::string& repository, std::string_view doing) const
{
    auto query = select(m_database, QStringLiteral("SELECT last_observed FROM watched WHERE repository = ?"),
        { toQString(repository) }, doing);
    if (!query)
        return std::unexpected(query.error());
    if (!query->next())
        return std::optional<registry::Timestamp> {};
    return timestampAt(*query, 0);
}

registry::Status SightingsTable::markAbsent(
    const std::string& repository, const std::string& tag, const std::string& except, std::string_view doing) const
{
    return execute(m_database,
        QStringLiteral("UPDATE sightings SET present = 0 WHERE repository = ? AND tag = ? AND digest <> ?"),
        { toQString(repository), toQString(tag), toQString(except) }, doing);
}

registry::Status SightingsTable::markObserved(
    const std::string& repository, registry::Timestamp now, std::string_view doing) const
{
    return execute(m_database,
        QStringLiteral("INSERT INTO watched (repository, last_observed) VALUES (?, ?) ON CONFLICT (repository) "
                       "DO UPDATE SET last_observed = max(last_observed, excluded.last_observed)"),
        { toQString(repository), seconds(now) }, doing);
}

registry::Result<std::map<std::string, std::string>> SightingsTable::presentTags(
    const std::string& repository, std::string_view doing) const
{
    auto query = m_database.prepare(
        QStringLiteral("SELECT tag, digest FROM sightings WHERE repository = ? AND present = 1"), doing);
    if (!query)
        return std::unexpected(query.error());
    query->addBindValue(toQString(repository));
    if (auto done = m_database.exec(*query, doing); !done)
        return std::unexpected(done.error());
    std::map<std::string, std::string> tags;
    while (query->next())
        tags[stringAt(*query, 0)] = stringAt(*query, 1);
    if (auto fetched = m_database.checkFetched(*query, doing); !fetched)
        return std::unexpected(fetched.error());
    return tags;
}

registry::Result<std::optional<registry::Timestamp>> SightingsTable::firstSeen(
    const std::string& repository, const std::string& digest) const
{
    const std::string_view doing = "read when a digest was first seen";
    auto query = select(m_database,
        QStringLiteral("SELECT min(first_seen) FROM sightings WHERE repository = ? AND digest = ?"),
        { toQString(repository), toQString(digest) }, doing);
    if (!query)
        return std::unexpected(query.error());
    if (!query->next() || query->value(0).isNull())
        return std::optional<registry::Timestamp> {};
    return timestampAt(*query, 0);
}

registry::Result<std::optional<Arrival>> SightingsTable::arrival(
    const std::string& repository, const std::string& digest) const
{
    const std::string_view doing = "read when a digest arrived";
    auto query = select(m_database,
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

registry::Result<std::vector<TagSighting>> SightingsTable::sightings(const std::string& repository) const
{
    const std::string_view doing = "read tag sightings";
    auto query = m_database.prepare(QStringLiteral("SELECT tag, digest, first_seen, last_seen, present FROM sightings "
                                                   "WHERE repository = ? ORDER BY tag, first_seen, digest"),
        doing);
    if (!query)
        return std::unexpected(query.error());
    query->addBindValue(toQString(repository));
    if (auto done = m_database.exec(*query, doing); !done)
        return std::unexpected(done.error());
    std::vector<TagSighting> result;
    while (query->next())
        result.push_back(TagSighting { repository, stringAt(*query, 0), stringAt(*query, 1), timestampAt(*query, 2),
            timestampAt(*query, 3), query->value(4).toBool() });
    if (auto fetched = m_database.checkFetched(*query, doing); !fetched)
        return std::unexpected(fetched.error());
    return result;
}

registry::Status checkSighting(const std::string& repository, const std::string& tag, const std::string& digest)
{
    if (repository.empty() || tag.empty() || digest.empty())
        return registry::fail(registry::ErrorKind::InvalidInput,
            "A tag sighting needs a repository, a tag and a digest (got \"" + repository + "\", \"" + tag + "\", \""
                + digest + "\").");
    return {};
}

} // namespace gantry::model
