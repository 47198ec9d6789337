#include "model/journal/journalrows.h"

#include "model/journal/journaldatabase.h"
#include "model/journal/journalhash.h"

#include <QSqlQuery>
#include <chrono>

namespace gantry::model {

const QString journalEntryColumns = QStringLiteral(
    "id, time, actor, host, action, pipeline, stage, repository, tag, source, destination, digest_before, "
    "digest_after, outcome, error, note, previous_hash, hash");

namespace {

// Every text field in column order, after id and time.
auto textFields(JournalEntry& entry)
{
    return std::array { &entry.actor, &entry.host, &entry.action, &entry.pipeline, &entry.stage, &entry.repository,
        &entry.tag, &entry.source, &entry.destination, &entry.digestBefore, &entry.digestAfter, &entry.outcome,
        &entry.error, &entry.note, &entry.previousHash, &entry.hash };
}

} // namespace

JournalEntry journalEntryAt(const QSqlQuery& query)
{
    JournalEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.time = registry::Timestamp(std::chrono::seconds(query.value(1).toLongLong()));
    int column = 2;
    for (auto* field : textFields(entry))
        *field = stringAt(query, column++);
    return entry;
}

registry::Status insertJournalEntry(const JournalDatabase& database, JournalEntry& entry)
{
    const std::string_view doing = "append an entry";
    auto last = database.run(QStringLiteral("SELECT id, hash FROM entries ORDER BY id DESC LIMIT 1"), doing);
    if (!last)
        return std::unexpected(last.error());
    const bool first = !last->next();
    entry.id = first ? 1 : last->value(0).toLongLong() + 1;
    entry.previousHash = first ? std::string(journalGenesisHash) : stringAt(*last, 1);
    last->finish();
    auto hash = journalEntryHash(entry);
    if (!hash)
        return std::unexpected(hash.error());
    entry.hash = std::move(*hash);

    auto insert = database.prepare(QStringLiteral("INSERT INTO entries (") + journalEntryColumns
            + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        doing);
    if (!insert)
        return std::unexpected(insert.error());
    insert->addBindValue(QVariant::fromValue<qlonglong>(entry.id));
    insert->addBindValue(QVariant::fromValue<qlonglong>(entry.time.time_since_epoch().count()));
    for (auto* field : textFields(entry))
        insert->addBindValue(toQString(*field));
    return database.exec(*insert, doing);
}

registry::Timestamp journalNow()
{
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

} // namespace gantry::model
