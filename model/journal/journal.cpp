#include "model/journal/journal.h"

#include "model/journal/journaldatabase.h"
#include "model/journal/journalrows.h"
#include "model/journal/journalschema.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <algorithm>

namespace gantry::model {

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

} // namespace gantry::model
