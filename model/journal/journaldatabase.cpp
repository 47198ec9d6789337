#include "model/journal/journaldatabase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <atomic>

namespace gantry::model {

namespace {

const QString sqliteDriver = QStringLiteral("QSQLITE");

QString uniqueConnectionName()
{
    static std::atomic<unsigned long long> counter { 0 };
    return QStringLiteral("gantry-journal-%1").arg(++counter);
}

std::string describe(const QSqlError& error)
{
    const auto text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return text.isEmpty() ? std::string("unknown SQLite error") : text.toStdString();
}

} // namespace

JournalDatabase::JournalDatabase(std::string path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{
}

registry::Result<std::unique_ptr<JournalDatabase>> JournalDatabase::connect(const std::string& path)
{
    if (!QSqlDatabase::isDriverAvailable(sqliteDriver))
        return registry::fail(registry::ErrorKind::Io,
            "Journal " + path + ": cannot open: Qt's SQLite driver is missing (Debian package libqt6sql6-sqlite).");
    const auto name = uniqueConnectionName();
    std::string failure;
    {
        auto database = QSqlDatabase::addDatabase(sqliteDriver, name);
        database.setDatabaseName(toQString(path));
        // Also set as a pragma later; here too so that opening itself waits for a busy writer.
        database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!database.open())
            failure = describe(database.lastError());
    }
    if (!failure.empty()) {
        // The QSqlDatabase above is gone, as removeDatabase wants.
        QSqlDatabase::removeDatabase(name);
        return registry::fail(registry::ErrorKind::Io, "Journal " + path + ": cannot open: " + failure + ".");
    }
    return std::unique_ptr<JournalDatabase>(new JournalDatabase(path, name));
}

JournalDatabase::~JournalDatabase()
{
    {
        auto database = QSqlDatabase::database(m_connectionName, false);
        database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

registry::Result<QSqlQuery> JournalDatabase::prepare(const QString& sql, std::string_view doing) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    // Forward-only: Qt's SQLite result would otherwise cache every row it has read.
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return std::unexpected(error(doing, describe(query.lastError())));
    return query;
}

registry::Status JournalDatabase::exec(QSqlQuery& query, std::string_view doing) const
{
    if (!query.exec())
        return std::unexpected(error(doing, describe(query.lastError())));
    return {};
}

registry::Status JournalDatabase::checkFetched(const QSqlQuery& query, std::string_view doing) const
{
    if (query.lastError().type() != QSqlError::NoError)
        return std::unexpected(error(doing, describe(query.lastError())));
    return {};
}

registry::Result<QSqlQuery> JournalDatabase::run(const QString& sql, std::string_view doing) const
{
    auto query = prepare(sql, doing);
    if (!query)
        return query;
    if (auto done = exec(*query, doing); !done)
        return std::unexpected(done.error());
    return query;
}

registry::Error JournalDatabase::error(std::string_view doing, std::string_view cause) const
{
    return registry::fail(registry::ErrorKind::Io,
        "Journal " + m_path + ": cannot " + std::string(doing) + ": " + std::string(cause) + ".")
        .error();
}

WriteTransaction::WriteTransaction(const JournalDatabase& database, std::string_view doing)
    : m_database(&database)
    , m_doing(doing)
{
}

WriteTransaction::WriteTransaction(WriteTransaction&& other) noexcept
    : m_database(std::exchange(other.m_database, nullptr))
    , m_doing(std::move(other.m_doing))
{
}

registry::Result<WriteTransaction> WriteTransaction::begin(const JournalDatabase& database, std::string_view doing)
{
    if (auto begun = database.run(QStringLiteral("BEGIN IMMEDIATE"), doing); !begun)
        return std::unexpected(begun.error());
    return WriteTransaction(database, doing);
}

registry::Status WriteTransaction::commit()
{
    auto committed = m_database->run(QStringLiteral("COMMIT"), m_doing);
    if (!committed)
        return std::unexpected(committed.error()); // the destructor rolls back
    m_database = nullptr;
    return {};
}

WriteTransaction::~WriteTransaction()
{
    if (m_database)
        (void)m_database->run(QStringLiteral("ROLLBACK"), m_doing);
}

} // namespace gantry::model
