#include "model/policy/severity.h"
#include "model/tables/journaltablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <cstdlib>
#include <ctime>

using namespace gantry::model;

class TestJournalTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mergesById_data();
    void mergesById();
    void selectionSurvivesARefresh();
    void changedEntryIsUpdatedInPlace();
    void cells_data();
    void cells();
    void outcomeSeverity_data();
    void outcomeSeverity();
};

namespace {

JournalEntry entryWithId(qint64 id)
{
    JournalEntry entry;
    entry.id = id;
    entry.time = gantry::registry::Timestamp(std::chrono::seconds(1'700'000'000 + id * 60));
    entry.action = "promote";
    entry.tag = "1.0." + std::to_string(id);
    entry.outcome = "done";
    return entry;
}

std::vector<JournalEntry> entriesWithIds(const QList<qint64>& ids)
{
    std::vector<JournalEntry> entries;
    for (const auto id : ids)
        entries.push_back(entryWithId(id));
    return entries;
}

QList<qint64> idsOf(const QAbstractItemModel& model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, 0).data(EntryIdRole).toLongLong());
    return ids;
}

int rowsIn(const QSignalSpy& spy)
{
    int rows = 0;
    for (const auto& signal : spy)
        rows += signal.at(2).toInt() - signal.at(1).toInt() + 1;
    return rows;
}

} // namespace

void TestJournalTableModel::initTestCase()
{
    // A fixed local zone two hours east of UTC (POSIX writes the offset the other way round), so
    // the Time column's local display is checked against a known value.
    qputenv("TZ", "XST-2");
    tzset();
}

void TestJournalTableModel::mergesById_data()
{
    QTest::addColumn<QList<qint64>>("before");
    QTest::addColumn<QList<qint64>>("after");
    QTest::addColumn<QList<qint64>>("rows");
    QTest::addColumn<int>("inserted");
    QTest::addColumn<int>("removed");
    using Ids = QList<qint64>;
    QTest::newRow("first snapshot") << Ids {} << Ids { 2, 1 } << Ids { 2, 1 } << 2 << 0;
    QTest::newRow("new entries on top") << Ids { 3, 2, 1 } << Ids { 5, 4, 3, 2, 1 } << Ids { 5, 4, 3, 2, 1 } << 2 << 0;
    QTest::newRow("nothing new") << Ids { 3, 2, 1 } << Ids { 3, 2, 1 } << Ids { 3, 2, 1 } << 0 << 0;
    QTest::newRow("window slides on") << Ids { 3, 2, 1 } << Ids { 5, 4, 3 } << Ids { 5, 4, 3 } << 2 << 2;
    QTest::newRow("gap filled") << Ids { 5, 1 } << Ids { 5, 3, 1 } << Ids { 5, 3, 1 } << 1 << 0;
    QTest::newRow("middle gone") << Ids { 5, 3, 1 } << Ids { 5, 1 } << Ids { 5, 1 } << 0 << 1;
    QTest::newRow("emptied") << Ids { 2, 1 } << Ids {} << Ids {} << 0 << 2;
    QTest::newRow("oldest first input") << Ids { 2, 1 } << Ids { 1, 2, 3 } << Ids { 3, 2, 1 } << 1 << 0;
    QTest::newRow("duplicate ids") << Ids {} << Ids { 2, 2, 1 } << Ids { 2, 1 } << 2 << 0;
    QTest::newRow("all replaced") << Ids { 2, 1 } << Ids { 9, 8, 7 } << Ids { 9, 8, 7 } << 3 << 2;
}

void TestJournalTableModel::mergesById()
{
    QFETCH(QList<qint64>, before);
    QFETCH(QList<qint64>, after);
    QFETCH(QList<qint64>, rows);
    QFETCH(int, inserted);
    QFETCH(int, removed);
    JournalTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(entriesWithIds(before));
    QSignalSpy insertions(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removals(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.setEntries(entriesWithIds(after));
    QCOMPARE(idsOf(model), rows);
    QCOMPARE(rowsIn(insertions), inserted);
    QCOMPARE(rowsIn(removals), removed);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(changes.size(), 0); // the same ids carry the same entries here
}

void TestJournalTableModel::selectionSurvivesARefresh()
{
    JournalTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(entriesWithIds({ 3, 2, 1 }));
    const QPersistentModelIndex selected = model.index(1, JournalTableModel::Tag);
    model.setEntries(entriesWithIds({ 6, 5, 4, 3, 2, 1 }));
    QVERIFY(selected.isValid());
    QCOMPARE(selected.row(), 4);
    QCOMPARE(selected.data().toString(), QStringLiteral("1.0.2"));
}

void TestJournalTableModel::changedEntryIsUpdatedInPlace()
{
    JournalTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(entriesWithIds({ 3, 2, 1 }));
    auto changed = entriesWithIds({ 3, 2, 1 });
    changed[1].note = "rewritten";
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy insertions(&model, &QAbstractItemModel::rowsInserted);
    model.setEntries(changed);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(insertions.size(), 0);
    QCOMPARE(model.index(1, JournalTableModel::Message).data().toString(), QStringLiteral("rewritten"));
}

void TestJournalTableModel::cells_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QVariant>("display");
    QTest::addColumn<QVariant>("raw");
    QTest::addColumn<QVariant>("toolTip");
    const QString before = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
    const QString after = QStringLiteral("sha256:0123456789ab") + QString(52, QLatin1Char('f'));
    const auto text = [](const char* value) { return QVariant(QString::fromUtf8(value)); };
    QTest::newRow("time, local") << int { JournalTableModel::Time } << text("2023-11-15 00:14:20")
                                 << QVariant(qint64 { 1'700'000'060 }) << text("2023-11-14T22:14:20Z");
    QTest::newRow("actor") << int { JournalTableModel::Actor } << text("alice") << text("alice") << QVariant();
    QTest::newRow("action") << int { JournalTableModel::Action } << text("retarget") << text("retarget") << QVariant();
    QTest::newRow("pipeline") << int { JournalTableModel::Pipeline } << text("shop") << text("shop") << QVariant();
    QTest::newRow("stage") << int { JournalTableModel::Stage } << text("prod") << text("prod") << QVariant();
    QTest::newRow("repository") << int { JournalTableModel::Repository } << text("reg:5000/shop/prod")
                                << text("reg:5000/shop/prod") << text("reg:5000/shop/prod");
    QTest::newRow("tag") << int { JournalTableModel::Tag } << text("prod") << text("prod") << QVariant();
    QTest::newRow("digest before, short") << int { JournalTableModel::DigestBefore } << text("sha256:aaaaaaaaaaaa")
                                          << QVariant(before) << QVariant(before);
    QTest::newRow("digest after, short") << int { JournalTableModel::DigestAfter } << text("sha256:0123456789ab")
                                         << QVariant(after) << QVariant(after);
    QTest::newRow("outcome") << int { JournalTableModel::Outcome } << text("forced") << text("forced") << QVariant();
    QTest::newRow("error and note") << int { JournalTableModel::Message } << text("too fresh; forced by alice")
                                    << text("too fresh; forced by alice") << text("too fresh; forced by alice");
}

void TestJournalTableModel::cells()
{
    QFETCH(int, column);
    QFETCH(QVariant, display);
    QFETCH(QVariant, raw);
    QFETCH(QVariant, toolTip);
    JournalEntry entry;
    entry.id = 1;
    entry.time = gantry::registry::Timestamp(std::chrono::seconds(1'700'000'060));
    entry.actor = "alice";
    entry.action = "retarget";
    entry.pipeline = "shop";
    entry.stage = "prod";
    entry.repository = "reg:5000/shop/prod";
    entry.tag = "prod";
    entry.digestBefore = "sha256:" + std::string(64, 'a');
    entry.digestAfter = "sha256:0123456789ab" + std::string(52, 'f');
    entry.outcome = "forced";
    entry.error = "too fresh";
    entry.note = "forced by alice";
    JournalTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries({ entry });
    const auto index = model.index(0, column);
    QCOMPARE(index.data(), display);
    QCOMPARE(index.data(RawValueRole), raw);
    QCOMPARE(index.data(Qt::ToolTipRole), toolTip);
    QCOMPARE(index.data(IsObservationRole).toBool(), false);
}

void TestJournalTableModel::outcomeSeverity_data()
{
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QVariant>("severity"); // invalid: a plain cell
    const auto severity = [](Severity value) { return QVariant(static_cast<int>(value)); };
    QTest::newRow("done") << QStringLiteral("done") << QVariant();
    QTest::newRow("observed") << QStringLiteral("observed") << QVariant();
    QTest::newRow("unchanged") << QStringLiteral("unchanged") << QVariant();
    QTest::newRow("failed") << QStringLiteral("failed") << severity(Severity::Critical);
    QTest::newRow("refused") << QStringLiteral("refused") << severity(Severity::Critical);
    QTest::newRow("forced") << QStringLiteral("forced") << severity(Severity::Warning);
    QTest::newRow("started") << QStringLiteral("started") << severity(Severity::Notice);
}

void TestJournalTableModel::outcomeSeverity()
{
    QFETCH(QString, outcome);
    QFETCH(QVariant, severity);
    auto entry = entryWithId(1);
    entry.outcome = outcome.toStdString();
    JournalTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries({ entry });
    QCOMPARE(model.index(0, JournalTableModel::Outcome).data(SeverityRole), severity);
    QVERIFY(!model.index(0, JournalTableModel::Tag).data(SeverityRole).isValid());
}

QTEST_GUILESS_MAIN(TestJournalTableModel)
#include "tst_journaltablemodel.moc"
