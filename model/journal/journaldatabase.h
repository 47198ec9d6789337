#pragma once

// The journal's SQLite connection and the few SQL helpers the journal's files share. Internal to
// model/: callers use Journal.

#include "base/error.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <memory>
#include <string>
#include <string_view>

class QSqlError;

namespace gantry::model {

/// One uniquely named Qt SQL connection to one file, used from the thread that opened it.
class JournalDatabase
{
public:
    /// Opens (creating when missing) the file at `path`. Sets no pragma and checks nothing else.
    static registry::Result<std::unique_ptr<JournalDatabase>> connect(const std::string& path);
    ~JournalDatabase();
    JournalDatabase(const JournalDatabase&) = delete;
    JournalDatabase& operator=(const JournalDatabase&) = delete;

    const std::string& path() const { return m_path; }

    /// A forward-only statement on this connection, ready for bindValue.
    registry::Result<QSqlQuery> prepare(const QString& sql, std::string_view doing) const;
    /// Runs a prepared statement; a failure names the file and what was being done.
    registry::Status exec(QSqlQuery& query, std::string_view doing) const;
    /// After the last next(): fails if the rows stopped because of an error rather than the end.
    registry::Status checkFetched(const QSqlQuery& query, std::string_view doing) const;
    /// Prepares and runs a statement without parameters.
    registry::Result<QSqlQuery> run(const QString& sql, std::string_view doing) const;
    /// An Io error: "Journal <path>: cannot <doing>: <cause>."
    registry::Error error(std::string_view doing, std::string_view cause) const;

private:
    JournalDatabase(std::string path, QString connectionName);

    std::string m_path;
    QString m_connectionName;
};

/// BEGIN IMMEDIATE takes the write lock before the first read, so writers in other processes
/// wait (busy_timeout) instead of reading the same last hash and forking the chain. Rolls back
/// unless committed.
class WriteTransaction
{
public:
    static registry::Result<WriteTransaction> begin(const JournalDatabase& database, std::string_view doing);
    WriteTransaction(WriteTransaction&& other) noexcept;
    WriteTransaction& operator=(WriteTransaction&&) = delete;
    ~WriteTransaction();

    registry::Status commit();

private:
    WriteTransaction(const JournalDatabase& database, std::string_view doing);

    const JournalDatabase* m_database;
    std::string m_doing;
};

inline QString toQString(const std::string& text)
{
    return QString::fromStdString(text);
}

inline std::string stringAt(const QSqlQuery& query, int column)
{
    return query.value(column).toString().toStdString();
}

} // namespace gantry::model
