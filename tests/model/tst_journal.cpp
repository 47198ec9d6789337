#include "model/journal/journal.h"
#include "tests/model/journaltestkit.h"
#include "tests/support/datarows.h"
#include "tests/support/errornames.h"

#include <QDir>
#include <QTest>

using namespace gantry::model;
using gantry::registry::ErrorKind;
using gantry::registry::Timestamp;
using gantry::test::bytes;
using gantry::test::kindName;
using gantry::test::rawSql;
using gantry::test::row;
using gantry::test::sampleEntry;
using gantry::test::TemporaryJournal;
using gantry::test::why;

class TestJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendAssignsIdsAndChainsHashes();
    void appendFillsTimeActorAndHost();
    void appendRefusesBadEntries_data();
    void appendRefusesBadEntries();
    void roundTripsEveryField();
    void entriesFilter_data();
    void entriesFilter();
    void reopensAndContinuesTheChain();
    void twoJournalsOnOneFileShareTheChain();
    void defaultPathFollowsEnvironment();
};

void TestJournal::appendAssignsIdsAndChainsHashes()
{
    TemporaryJournal journal;
    QVERIFY(journal.isOpen());
    std::vector<JournalEntry> appended;
    for (int n = 1; n <= 3; ++n) {
        auto entry = journal->append(sampleEntry(n));
        QVERIFY2(entry, why(entry));
        appended.push_back(*entry);
    }
    QCOMPARE(appended[0].id, 1);
    QCOMPARE(appended[1].id, 2);
    QCOMPARE(appended[2].id, 3);
    QCOMPARE(bytes(appended[0].previousHash), QByteArray(64, '0'));
    QCOMPARE(bytes(appended[1].previousHash), bytes(appended[0].hash));
    QCOMPARE(bytes(appended[2].previousHash), bytes(appended[1].hash));
    for (const auto& entry : appended) {
        QCOMPARE(entry.hash.size(), 64u);
        QVERIFY(entry.hash.find_first_not_of("0123456789abcdef") == std::string::npos);
    }
    QVERIFY(appended[0].hash != appended[1].hash);
}

void TestJournal::appendFillsTimeActorAndHost()
{
    TemporaryJournal journal;
    JournalEntry entry;
    entry.action = journal::stable;
    const auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto appended = journal->append(entry);
    QVERIFY2(appended, why(appended));
    QVERIFY(appended->time >= before);
    QVERIFY(appended->time <= before + std::chrono::seconds(60));
    QVERIFY(!appended->actor.empty());
    QVERIFY(!appended->host.empty());

    // Given values are kept.
    auto given = journal->append(sampleEntry(7));
    QVERIFY2(given, why(given));
    QCOMPARE(bytes(given->actor), QByteArray("alice7"));
    QCOMPARE(given->time, sampleEntry(7).time);
}

void TestJournal::appendRefusesBadEntries_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QByteArray>("value");
    row("no action", "action", "");
    row("note not UTF-8", "note", "caf\xe9");
    row("tag not UTF-8", "tag", "\xff\xfe");
}

void TestJournal::appendRefusesBadEntries()
{
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, value);
    TemporaryJournal journal;
    auto entry = sampleEntry(1);
    (field == "action" ? entry.action : field == "note" ? entry.note : entry.tag) = value.toStdString();
    auto appended = journal->append(entry);
    QVERIFY(!appended);
    QCOMPARE(kindName(appended.error().kind), kindName(ErrorKind::InvalidInput));
    auto all = journal->entries();
    QVERIFY2(all, why(all));
    QVERIFY(all->empty());
}

void TestJournal::roundTripsEveryField()
{
    TemporaryJournal journal;
    auto entry = sampleEntry(1);
    entry.note = "forced over a version tag, \"2.2.4\"\nsecond line; ünïcødé ✓";
    entry.error = "tab\there, comma, quote \"";
    auto appended = journal->append(entry);
    QVERIFY2(appended, why(appended));
    entry.id = appended->id;
    entry.previousHash = appended->previousHash;
    entry.hash = appended->hash;
    QVERIFY(*appended == entry);

    auto read = journal->entries();
    QVERIFY2(read, why(read));
    QCOMPARE(read->size(), 1u);
    QVERIFY(read->front() == entry);
    QVERIFY(!read->front().isObservation());
}

void TestJournal::entriesFilter_data()
{
    QTest::addColumn<QByteArray>("pipeline");
    QTest::addColumn<QByteArray>("repository");
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<QByteArray>("action");
    QTest::addColumn<int>("sinceEntry"); // 0: no since; else the time of that entry
    QTest::addColumn<int>("limit");
    QTest::addColumn<QList<int>>("ids");

    row("everything", "", "", "", "", 0, 0, QList<int> { 1, 2, 3, 4, 5 });
    row("pipeline", "shop", "", "", "", 0, 0, QList<int> { 1, 2, 5 });
    row("repository", "", "registry.example.com:5000/blog/prod", "", "", 0, 0, QList<int> { 3, 4 });
    row("tag", "", "", "1.0.0", "", 0, 0, QList<int> { 1, 3, 5 });
    row("action", "", "", "", "promote", 0, 0, QList<int> { 1, 3 });
    row("since is inclusive", "", "", "", "", 3, 0, QList<int> { 3, 4, 5 });
    row("combined", "shop", "", "1.0.0", "", 2, 0, QList<int> { 5 });
    row("limit keeps the newest", "", "", "", "", 0, 2, QList<int> { 4, 5 });
    row("limit with filter", "shop", "", "", "", 0, 2, QList<int> { 2, 5 });
    row("no match", "shop", "", "", "delete", 0, 0, QList<int> {});
    row("unknown pipeline", "nope", "", "", "", 0, 0, QList<int> {});
}

void TestJournal::entriesFilter()
{
    QFETCH(QByteArray, pipeline);
    QFETCH(QByteArray, repository);
    QFETCH(QByteArray, tag);
    QFETCH(QByteArray, action);
    QFETCH(int, sinceEntry);
    QFETCH(int, limit);
    QFETCH(QList<int>, ids);

    TemporaryJournal journal;
    const struct
    {
        const char* pipeline;
        const char* tag;
        std::string_view action;
    } seeds[] = { { "shop", "1.0.0", journal::promote }, { "shop", "1.0.1", journal::stable },
        { "blog", "1.0.0", journal::promote }, { "blog", "2.0.0", journal::remove },
        { "shop", "1.0.0", journal::retarget } };
    int n = 0;
    for (const auto& seed : seeds) {
        auto entry = sampleEntry(++n, seed.pipeline, seed.tag);
        entry.action = seed.action;
        auto appended = journal->append(entry);
        QVERIFY2(appended, why(appended));
    }

    JournalQuery query;
    query.pipeline = pipeline.toStdString();
    query.repository = repository.toStdString();
    query.tag = tag.toStdString();
    query.action = action.toStdString();
    if (sinceEntry > 0)
        query.since = sampleEntry(sinceEntry).time;
    query.limit = limit;
    auto found = journal->entries(query);
    QVERIFY2(found, why(found));
    QList<int> foundIds;
    for (const auto& entry : *found)
        foundIds.append(static_cast<int>(entry.id));
    QCOMPARE(foundIds, ids);
}

void TestJournal::reopensAndContinuesTheChain()
{
    TemporaryJournal journal;
    auto first = journal->append(sampleEntry(1));
    QVERIFY2(first, why(first));
    journal.close();

    auto reopened = Journal::open(journal.path());
    QVERIFY2(reopened, why(reopened));
    auto second = (*reopened)->append(sampleEntry(2));
    QVERIFY2(second, why(second));
    QCOMPARE(second->id, 2);
    QCOMPARE(bytes(second->previousHash), bytes(first->hash));
    auto report = (*reopened)->verify();
    QVERIFY2(report, why(report));
    QVERIFY2(report->intact, report->problem.c_str());
    QCOMPARE(report->rowsChecked, 2);
}

void TestJournal::twoJournalsOnOneFileShareTheChain()
{
    // Two connections in one process, as the GUI's worker and a dialog might have: each write
    // chains onto whatever the other wrote last.
    TemporaryJournal journal;
    auto other = Journal::open(journal.path());
    QVERIFY2(other, why(other));
    for (int n = 1; n <= 6; ++n) {
        auto appended = (n % 2 ? *journal : **other).append(sampleEntry(n));
        QVERIFY2(appended, why(appended));
        QCOMPARE(appended->id, n);
    }
    auto report = (*other)->verify();
    QVERIFY2(report, why(report));
    QVERIFY2(report->intact, report->problem.c_str());
    QCOMPARE(report->rowsChecked, 6);
}

void TestJournal::defaultPathFollowsEnvironment()
{
    const auto saved = qgetenv("GANTRY_JOURNAL");
    qputenv("GANTRY_JOURNAL", "/somewhere/else/journal.sqlite");
    QCOMPARE(bytes(Journal::defaultPath()), QByteArray("/somewhere/else/journal.sqlite"));
    qunsetenv("GANTRY_JOURNAL");
    const auto fallback = Journal::defaultPath();
    if (!saved.isEmpty())
        qputenv("GANTRY_JOURNAL", saved);
    QVERIFY2(bytes(fallback).endsWith("/gantry/journal.sqlite"), fallback.c_str());
    QVERIFY(QDir::isAbsolutePath(QString::fromStdString(fallback)));
}

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
