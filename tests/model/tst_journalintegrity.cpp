// The journal's guarantees against edits behind its back and against files that are not journals.
#include "model/journal/journal.h"
#include "tests/model/journaltestkit.h"
#include "tests/support/datarows.h"
#include "tests/support/errornames.h"

#include <QDir>
#include <QTest>

using namespace gantry::model;
using gantry::registry::ErrorKind;
using gantry::test::bytes;
using gantry::test::fileBytes;
using gantry::test::kindName;
using gantry::test::rawSql;
using gantry::test::row;
using gantry::test::sampleEntry;
using gantry::test::TemporaryJournal;
using gantry::test::why;

namespace {

QByteArray problemText(const ChainReport& report)
{
    return QByteArray::fromStdString(report.problem);
}

} // namespace

class TestJournalIntegrity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyJournalIsIntact();
    void untouchedChainIsIntact();
    void detectsTampering_data();
    void detectsTampering();
    void deletingTheNewestEntriesShowsOnlyInTheHeadHash();
    void createsMissingFolders();
    void refusesForeignFiles_data();
    void refusesForeignFiles();
    void refusesUnusablePaths();
};

void TestJournalIntegrity::emptyJournalIsIntact()
{
    TemporaryJournal journal;
    auto report = journal->verify();
    QVERIFY2(report, why(report));
    QVERIFY(report->intact);
    QCOMPARE(report->rowsChecked, 0);
    QCOMPARE(report->firstBadId, 0);
    QCOMPARE(bytes(report->headHash), QByteArray(64, '0'));
}

void TestJournalIntegrity::untouchedChainIsIntact()
{
    TemporaryJournal journal;
    std::string last;
    for (int n = 1; n <= 5; ++n) {
        auto appended = journal->append(sampleEntry(n));
        QVERIFY2(appended, why(appended));
        last = appended->hash;
    }
    auto report = journal->verify();
    QVERIFY2(report, why(report));
    QVERIFY2(report->intact, report->problem.c_str());
    QCOMPARE(report->rowsChecked, 5);
    QVERIFY(report->problem.empty());
    QCOMPARE(bytes(report->headHash), bytes(last));
}

void TestJournalIntegrity::detectsTampering_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("firstBadId");
    QTest::addColumn<QByteArray>("says");

    const auto zeros = QString(64, QLatin1Char('0'));
    row("changed note", QStringLiteral("UPDATE entries SET note = 'nothing to see' WHERE id = 3"), 3, "changed");
    row("changed actor", QStringLiteral("UPDATE entries SET actor = 'mallory' WHERE id = 1"), 1, "changed");
    row("changed time", QStringLiteral("UPDATE entries SET time = time + 1 WHERE id = 4"), 4, "changed");
    row("changed digest", QStringLiteral("UPDATE entries SET digest_after = digest_before WHERE id = 5"), 5, "changed");
    row("changed outcome", QStringLiteral("UPDATE entries SET outcome = 'done' WHERE id = 2"), 2, "changed");
    row("rewritten hash", QStringLiteral("UPDATE entries SET hash = '%1' WHERE id = 3").arg(zeros), 3, "changed");
    row("deleted middle", QStringLiteral("DELETE FROM entries WHERE id = 3"), 4, "deleted");
    row("deleted several", QStringLiteral("DELETE FROM entries WHERE id IN (2, 3)"), 4, "deleted");
    row("deleted first", QStringLiteral("DELETE FROM entries WHERE id = 1"), 2, "first entry");
    // The id is hashed too, so renumbering (here, to fake a gap that looks like a deletion) shows.
    row("renumbered", QStringLiteral("UPDATE entries SET id = id + 10 WHERE id >= 4"), 14, "changed");
    row("swapped",
        QStringLiteral("UPDATE entries SET id = -2 WHERE id = 2; UPDATE entries SET id = 2 WHERE id = 3; "
                       "UPDATE entries SET id = 3 WHERE id = -2"),
        2, "follow");
    row("inserted copy",
        QStringLiteral("INSERT INTO entries SELECT 6, time, actor, host, action, pipeline, stage, "
                       "repository, tag, source, destination, digest_before, digest_after, outcome, "
                       "error, note, previous_hash, hash FROM entries WHERE id = 2"),
        6, "follow");
}

void TestJournalIntegrity::detectsTampering()
{
    QFETCH(QString, sql);
    QFETCH(int, firstBadId);
    QFETCH(QByteArray, says);

    TemporaryJournal journal;
    for (int n = 1; n <= 5; ++n) {
        auto entry = sampleEntry(n);
        entry.outcome = n == 2 ? "failed" : "done";
        auto appended = journal->append(entry);
        QVERIFY2(appended, why(appended));
    }
    const auto failure = rawSql(journal.path(), sql);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    auto report = journal->verify();
    QVERIFY2(report, why(report));
    QVERIFY(!report->intact);
    QCOMPARE(report->firstBadId, firstBadId);
    QVERIFY2(problemText(*report).contains("Entry " + QByteArray::number(firstBadId) + ' '), report->problem.c_str());
    QVERIFY2(problemText(*report).contains(says), report->problem.c_str());
}

void TestJournalIntegrity::deletingTheNewestEntriesShowsOnlyInTheHeadHash()
{
    // What the chain cannot see, pinned down so that the comment in journal.h stays true.
    TemporaryJournal journal;
    for (int n = 1; n <= 4; ++n)
        QVERIFY(journal->append(sampleEntry(n)));
    auto before = journal->verify();
    QVERIFY2(before, why(before));
    const auto failure = rawSql(journal.path(), QStringLiteral("DELETE FROM entries WHERE id >= 3"));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    auto after = journal->verify();
    QVERIFY2(after, why(after));
    QVERIFY(after->intact);
    QCOMPARE(after->rowsChecked, 2);
    QVERIFY(after->headHash != before->headHash);
}

void TestJournalIntegrity::createsMissingFolders()
{
    QTemporaryDir dir;
    const auto path = (dir.path() + QStringLiteral("/a/b/c/journal.sqlite")).toStdString();
    auto journal = Journal::open(path);
    QVERIFY2(journal, why(journal));
    QVERIFY(QFile::exists(QString::fromStdString(path)));
    QVERIFY((*journal)->append(sampleEntry(1)));
}

void TestJournalIntegrity::refusesForeignFiles_data()
{
    QTest::addColumn<QByteArray>("kind");
    QTest::addColumn<QByteArray>("says");
    row("text file", "text", "not an SQLite database");
    row("short binary file", "binary", "not an SQLite database");
    row("another program's SQLite database", "sqlite", "not a Gantry journal");
    row("SQLite with another application id", "application", "not a Gantry journal");
    row("journal from a newer Gantry", "newer", "newer Gantry");
}

void TestJournalIntegrity::refusesForeignFiles()
{
    QFETCH(QByteArray, kind);
    QFETCH(QByteArray, says);
    QTemporaryDir dir;
    const auto qpath = dir.path() + QStringLiteral("/journal.sqlite");
    const auto path = qpath.toStdString();
    if (kind == "text" || kind == "binary") {
        QFile file(qpath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kind == "text" ? QByteArray("time,action\n2024-01-01,promote\n") : QByteArray("\x00\x01\x02", 3));
    } else if (kind == "sqlite") {
        QCOMPARE(rawSql(path, QStringLiteral("CREATE TABLE entries (id INTEGER, what TEXT)")), QString());
    } else if (kind == "application") {
        QCOMPARE(rawSql(path, QStringLiteral("PRAGMA application_id = 1234")), QString());
    } else {
        QVERIFY(Journal::open(path));
        QCOMPARE(rawSql(path, QStringLiteral("PRAGMA user_version = 99")), QString());
    }
    const auto before = fileBytes(qpath);
    QVERIFY(!before.isEmpty());

    auto journal = Journal::open(path);
    QVERIFY(!journal);
    QCOMPARE(kindName(journal.error().kind), kindName(ErrorKind::Io));
    const auto message = QByteArray::fromStdString(journal.error().message);
    QVERIFY2(message.contains(qpath.toUtf8()), message.constData());
    QVERIFY2(message.contains(says), message.constData());
    QCOMPARE(fileBytes(qpath), before);
}

void TestJournalIntegrity::refusesUnusablePaths()
{
    QTemporaryDir dir;
    QFile blocker(dir.path() + QStringLiteral("/plain-file"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const std::string paths[] = {
        "",
        (dir.path() + QStringLiteral("/plain-file/journal.sqlite")).toStdString(), // its folder is a file
        dir.path().toStdString(), // a folder
    };
    for (const auto& path : paths) {
        auto journal = Journal::open(path);
        QVERIFY2(!journal, path.c_str());
        QCOMPARE(kindName(journal.error().kind), kindName(ErrorKind::Io));
        QVERIFY2(journal.error().message.find(path) != std::string::npos, journal.error().message.c_str());
    }
}

QTEST_GUILESS_MAIN(TestJournalIntegrity)
#include "tst_journalintegrity.moc"
