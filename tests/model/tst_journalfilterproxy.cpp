#include "base/timestamps.h"
#include "model/tables/journalfilterproxy.h"
#include "model/tables/journaltablemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace gantry::model;

class TestJournalFilterProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filters_data();
    void filters();
    void sortsOnRawValues_data();
    void sortsOnRawValues();
    void followsTheSourceModel();
};

namespace {

using Ids = QList<qint64>;

JournalEntry entry(qint64 id, const char* time, const char* pipeline, const char* tag, std::string_view action)
{
    JournalEntry result;
    result.id = id;
    result.time = gantry::registry::parseRfc3339(time).value_or(gantry::registry::Timestamp {});
    result.pipeline = pipeline;
    result.stage = "prod";
    result.tag = tag;
    result.action = std::string(action);
    result.outcome = result.isObservation() ? "observed" : "done";
    return result;
}

// Newest first, as snapshots hold them.
std::vector<JournalEntry> sampleJournal()
{
    return {
        entry(5, "2024-01-05T10:00:00Z", "shop", "prod", journal::retarget),
        entry(4, "2024-01-04T10:00:00Z", "cart", "latest", journal::appeared),
        entry(3, "2024-01-03T10:00:00Z", "cart", "2.2.4rc1", journal::promote),
        entry(2, "2024-01-02T10:00:00Z", "shop", "2.2.4", journal::promote),
        entry(1, "2024-01-01T10:00:00Z", "shop", "prod", journal::moved),
    };
}

QDateTime utc(const QString& text)
{
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODate);
}

Ids idsOf(const QAbstractItemModel& model)
{
    Ids ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, 0).data(gantry::model::EntryIdRole).toLongLong());
    return ids;
}

} // namespace

void TestJournalFilterProxy::filters_data()
{
    QTest::addColumn<QString>("pipeline");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QStringList>("actions");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("until");
    QTest::addColumn<int>("kind");
    QTest::addColumn<Ids>("ids");
    const auto both = static_cast<int>(JournalFilter::Kind::Both);
    const auto actions = static_cast<int>(JournalFilter::Kind::ActionsOnly);
    const auto observations = static_cast<int>(JournalFilter::Kind::ObservationsOnly);
    const QString any;
    const QStringList all;
    QTest::newRow("no filter") << any << any << all << any << any << both << Ids { 5, 4, 3, 2, 1 };
    QTest::newRow("pipeline") << QStringLiteral("shop") << any << all << any << any << both << Ids { 5, 2, 1 };
    QTest::newRow("pipeline is exact") << QStringLiteral("sho") << any << all << any << any << both << Ids {};
    QTest::newRow("tag substring") << any << QStringLiteral("2.2.4") << all << any << any << both << Ids { 3, 2 };
    QTest::newRow("tag ignores case") << any << QStringLiteral("PROD") << all << any << any << both << Ids { 5, 1 };
    QTest::newRow("one action") << any << any << QStringList { QStringLiteral("promote") } << any << any << both
                                << Ids { 3, 2 };
    QTest::newRow("two actions") << any << any << QStringList { QStringLiteral("moved"), QStringLiteral("appeared") }
                                 << any << any << both << Ids { 4, 1 };
    QTest::newRow("from is inclusive") << any << any << all << QStringLiteral("2024-01-04T10:00:00Z") << any << both
                                       << Ids { 5, 4 };
    QTest::newRow("until is exclusive") << any << any << all << any << QStringLiteral("2024-01-02T10:00:00Z") << both
                                        << Ids { 1 };
    QTest::newRow("between") << any << any << all << QStringLiteral("2024-01-02T00:00:00Z")
                             << QStringLiteral("2024-01-04T00:00:00Z") << both << Ids { 3, 2 };
    QTest::newRow("actions only") << any << any << all << any << any << actions << Ids { 5, 3, 2 };
    QTest::newRow("observations only") << any << any << all << any << any << observations << Ids { 4, 1 };
    QTest::newRow("pipeline, tag and kind")
        << QStringLiteral("shop") << QStringLiteral("prod") << all << any << any << observations << Ids { 1 };
}

void TestJournalFilterProxy::filters()
{
    QFETCH(QString, pipeline);
    QFETCH(QString, tag);
    QFETCH(QStringList, actions);
    QFETCH(QString, from);
    QFETCH(QString, until);
    QFETCH(int, kind);
    QFETCH(Ids, ids);
    JournalTableModel model;
    JournalFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(sampleJournal());
    proxy.setFilter(JournalFilter { .pipeline = pipeline,
        .tagContains = tag,
        .actions = QSet<QString>(actions.cbegin(), actions.cend()),
        .from = utc(from),
        .until = utc(until),
        .kind = static_cast<JournalFilter::Kind>(kind) });
    QCOMPARE(idsOf(proxy), ids);
}

void TestJournalFilterProxy::sortsOnRawValues_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::addColumn<Ids>("ids");
    QTest::newRow("time, oldest first") << int { JournalTableModel::Time } << int { Qt::AscendingOrder }
                                        << Ids { 1, 2, 3 };
    QTest::newRow("time, newest first") << int { JournalTableModel::Time } << int { Qt::DescendingOrder }
                                        << Ids { 3, 2, 1 };
    // The three digests look the same in the table (the first 12 hex digits); the full ones differ.
    QTest::newRow("digest after, by full digest")
        << int { JournalTableModel::DigestAfter } << int { Qt::AscendingOrder } << Ids { 3, 1, 2 };
    QTest::newRow("actor") << int { JournalTableModel::Actor } << int { Qt::AscendingOrder } << Ids { 2, 1, 3 };
}

void TestJournalFilterProxy::sortsOnRawValues()
{
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(Ids, ids);
    auto entries = sampleJournal();
    entries.resize(3);
    const char* actors[] = { "carol", "alice", "bob" };
    const char lastDigits[] = { 'a', 'c', 'b' };
    for (std::size_t i = 0; i < entries.size(); ++i) {
        entries[i].id = static_cast<qint64>(3 - i);
        entries[i].actor = actors[i];
        entries[i].digestAfter = "sha256:" + std::string(12, '0') + std::string(52, lastDigits[i]);
    }
    // ids 3 (carol, …aaa), 2 (alice, …ccc), 1 (bob, …bbb)
    JournalTableModel model;
    JournalFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(entries);
    proxy.sort(column, static_cast<Qt::SortOrder>(order));
    QCOMPARE(idsOf(proxy), ids);
}

void TestJournalFilterProxy::followsTheSourceModel()
{
    JournalTableModel model;
    JournalFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setFilter(JournalFilter { .pipeline = QStringLiteral("shop") });
    auto journal = sampleJournal();
    model.setEntries({ journal.begin() + 2, journal.end() });
    QCOMPARE(idsOf(proxy), (Ids { 2, 1 }));
    model.setEntries(journal);
    QCOMPARE(idsOf(proxy), (Ids { 5, 2, 1 }));
}

QTEST_GUILESS_MAIN(TestJournalFilterProxy)
#include "tst_journalfilterproxy.moc"
