#pragma once

// What the journal tests share: a journal in a temporary folder, sample entries, and a second,
// raw SQLite connection that edits the file behind the journal's back.

#include "base/error.h"
#include "model/journal/journal.h"
#include "tests/support/errornames.h"
#include "tests/support/filebytes.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace gantry::test {

inline registry::Timestamp at(const char* rfc3339)
{
    return registry::parseRfc3339(rfc3339).value_or(registry::Timestamp {});
}

inline std::string digestOf(char hexDigit)
{
    return "sha256:" + std::string(64, hexDigit);
}

/// A journal in its own temporary folder, open for the test's duration.
class TemporaryJournal
{
public:
    TemporaryJournal()
    {
        auto opened = model::Journal::open(path());
        if (opened)
            m_journal = std::move(*opened);
        else
            qWarning("cannot open the test journal: %s", opened.error().message.c_str());
    }

    std::string path() const { return (m_dir.path() + QStringLiteral("/journal.sqlite")).toStdString(); }
    QString folder() const { return m_dir.path(); }
    bool isOpen() const { return m_journal != nullptr; }
    model::Journal& operator*() const { return *m_journal; }
    model::Journal* operator->() const { return m_journal.get(); }
    void close() { m_journal.reset(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<model::Journal> m_journal;
};

/// An action entry with every field set, distinct per `n`.
inline model::JournalEntry sampleEntry(int n, const std::string& pipeline = "shop", const std::string& tag = "1.0.0")
{
    model::JournalEntry entry;
    const auto suffix = std::to_string(n);
    entry.time = registry::Timestamp(std::chrono::seconds(1'700'000'000 + n * 60));
    entry.actor = "alice" + suffix;
    entry.host = "workstation-" + suffix;
    entry.action = std::string(model::journal::promote);
    entry.pipeline = pipeline;
    entry.stage = "prod";
    entry.repository = "registry.example.com:5000/" + pipeline + "/prod";
    entry.tag = tag;
    entry.source = "registry.example.com:5000/" + pipeline + "/test:" + tag;
    entry.destination = entry.repository + ":" + tag;
    entry.digestBefore = digestOf('a');
    entry.digestAfter = digestOf('b');
    entry.outcome = std::string(model::journal::done);
    entry.error = "none " + suffix;
    entry.note = "note " + suffix;
    return entry;
}

/// Runs `sql` (statements separated by ';', none inside quotes) on the journal file through its own
/// connection, as a user with the sqlite3 tool would. Returns the error text, empty on success.
inline QString rawSql(const std::string& path, const QString& sql)
{
    const auto name = QStringLiteral("tamper");
    QString failure;
    {
        auto database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        database.setDatabaseName(QString::fromStdString(path));
        if (!database.open()) {
            failure = database.lastError().text();
        } else {
            for (const auto& statement : sql.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
                QSqlQuery query(database);
                if (failure.isEmpty() && !query.exec(statement))
                    failure = query.lastError().text();
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return failure;
}

} // namespace gantry::test
