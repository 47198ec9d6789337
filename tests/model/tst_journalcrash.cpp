// A writer killed with SIGKILL in the middle of a burst loses no committed entry and corrupts
// nothing; writers in several processes keep one chain.
//
// Could this fail? For what a killed process can cause, yes, and it was tried: a writer that
// reports entries before committing them (batching commits) loses the reported tail, and writers
// that read the last hash before taking the write lock (a deferred BEGIN) fail with "database is
// locked" or fork the chain. What it cannot catch are settings that matter only when the machine
// stops: SIGKILL leaves the kernel's page cache alone, so synchronous=OFF passes, and so, in
// practice, does journal_mode=OFF (also tried: a one-row commit is a couple of page writes and a
// kill almost never lands between them). Those rest on the pragmas in journalschema.cpp, on
// writesAheadLog below, and on SQLite's own crash testing.
#include "model/journal/journal.h"
#include "tests/model/journaltestkit.h"
#include "tests/support/datarows.h"

#include <QProcess>
#include <QTest>
#include <map>
#include <set>

using namespace gantry::model;
using gantry::test::row;
using gantry::test::TemporaryJournal;
using gantry::test::why;

namespace {

const QString burstProgram = QStringLiteral(GANTRY_JOURNAL_BURST);

// What a writer printed on complete lines, id -> hash: a line the kill cut short promised nothing.
std::map<std::int64_t, QByteArray> printedEntries(const QByteArray& output)
{
    std::map<std::int64_t, QByteArray> entries;
    const auto complete = output.left(output.lastIndexOf('\n') + 1);
    for (const auto& line : complete.split('\n')) {
        const auto fields = line.split(' ');
        if (fields.size() == 2)
            entries[fields[0].toLongLong()] = fields[1];
    }
    return entries;
}

} // namespace

class TestJournalCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedWriterLosesNothing_data();
    void killedWriterLosesNothing();
    void concurrentWritersKeepOneChain();
    void writesAheadLog();
};

void TestJournalCrash::killedWriterLosesNothing_data()
{
    QTest::addColumn<int>("killAfter");
    QTest::addColumn<int>("bursts");
    row("while starting", 0, 1);
    row("after a few", 30, 1);
    row("after hundreds", 400, 1);
    row("past WAL checkpoints", 1500, 1);
    row("three kills in a row", 250, 3);
}

void TestJournalCrash::killedWriterLosesNothing()
{
    QFETCH(int, killAfter);
    QFETCH(int, bursts);
    QTemporaryDir dir;
    const auto path = (dir.path() + QStringLiteral("/journal.sqlite")).toStdString();
    std::map<std::int64_t, QByteArray> promised; // id -> hash

    for (int burst = 0; burst < bursts; ++burst) {
        QProcess writer;
        writer.start(burstProgram, { QString::fromStdString(path) });
        QVERIFY2(writer.waitForStarted(), qPrintable(writer.errorString()));
        QByteArray output;
        while (output.count('\n') < killAfter) {
            if (!writer.waitForReadyRead(20000))
                QFAIL(qPrintable(QStringLiteral("journal_burst stopped early: ")
                    + QString::fromLocal8Bit(writer.readAllStandardError())));
            output += writer.readAllStandardOutput();
        }
        writer.kill();
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        output += writer.readAllStandardOutput();
        const auto printed = printedEntries(output);
        QVERIFY(printed.size() >= static_cast<std::size_t>(killAfter));
        // A later burst that gives out a promised id again has lost the entry behind it.
        for (const auto& [id, hash] : printed)
            QVERIFY2(promised.emplace(id, hash).second, qPrintable(QStringLiteral("entry %1 was lost").arg(id)));
    }

    auto journal = Journal::open(path);
    QVERIFY2(journal, why(journal));
    auto entries = (*journal)->entries();
    QVERIFY2(entries, why(entries));
    std::map<std::int64_t, QByteArray> stored;
    for (const auto& entry : *entries)
        stored[entry.id] = QByteArray::fromStdString(entry.hash);
    for (const auto& [id, hash] : promised) {
        const auto found = stored.find(id);
        QVERIFY2(found != stored.end() && found->second == hash,
            qPrintable(QStringLiteral("entry %1 was printed but is gone or different").arg(id)));
    }
    // Ids run 1..n without a hole: a writer reuses nothing and skips nothing across kills.
    QCOMPARE(static_cast<std::int64_t>(stored.size()), stored.empty() ? 0 : stored.rbegin()->first);

    auto report = (*journal)->verify();
    QVERIFY2(report, why(report));
    QVERIFY2(report->intact, report->problem.c_str());
    QCOMPARE(report->rowsChecked, static_cast<std::int64_t>(stored.size()));
    auto next = (*journal)->append(gantry::test::sampleEntry(1));
    QVERIFY2(next, why(next));
    QCOMPARE(next->id, static_cast<std::int64_t>(stored.size()) + 1);
}

void TestJournalCrash::concurrentWritersKeepOneChain()
{
    // Three processes start on a journal that does not exist yet, so they also race to create it.
    QTemporaryDir dir;
    const auto path = (dir.path() + QStringLiteral("/journal.sqlite")).toStdString();
    constexpr int writers = 3;
    constexpr int perWriter = 150;
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int i = 0; i < writers; ++i) {
        processes.push_back(std::make_unique<QProcess>());
        processes.back()->start(burstProgram, { QString::fromStdString(path), QString::number(perWriter) });
    }
    std::set<std::int64_t> printed;
    for (auto& process : processes) {
        QVERIFY(process->waitForFinished(60000));
        QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        for (const auto& [id, hash] : printedEntries(process->readAllStandardOutput()))
            QVERIFY2(printed.insert(id).second, "two writers were given the same id");
    }
    QCOMPARE(printed.size(), static_cast<std::size_t>(writers * perWriter));

    auto journal = Journal::open(path);
    QVERIFY2(journal, why(journal));
    auto report = (*journal)->verify();
    QVERIFY2(report, why(report));
    QVERIFY2(report->intact, report->problem.c_str());
    QCOMPARE(report->rowsChecked, writers * perWriter);
}

void TestJournalCrash::writesAheadLog()
{
    // The kill above cannot tell WAL from a rollback journal; the file can. An open journal that
    // has written keeps its log beside it.
    TemporaryJournal journal;
    QVERIFY(journal.isOpen());
    QVERIFY(journal->append(gantry::test::sampleEntry(1)));
    QVERIFY(QFile::exists(QString::fromStdString(journal.path() + "-wal")));
}

QTEST_GUILESS_MAIN(TestJournalCrash)
#include "tst_journalcrash.moc"
