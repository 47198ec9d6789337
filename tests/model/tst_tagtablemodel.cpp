#include "model/tables/tagtablemodel.h"
#include "tests/support/tagsnapshots.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <numeric>

using gantry::model::ArtifactRetention;
using gantry::model::RetentionStatus;
using gantry::model::TagRow;
using gantry::model::TagTableModel;
using gantry::test::digestOf;
using gantry::test::mayFirst;
using gantry::test::snapshotOf;
using gantry::test::tagRow;

class TestTagTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsColumns_data();
    void showsColumns();
    void gradesExpiry_data();
    void gradesExpiry();
    void ranksTagsAsTagLess();
    void mergeUpdatesRowsInPlace();
    void mergeRemovesAndAppendsRows();
    void sameSnapshotSignalsNothing();
    void offersStableOnlyWhereMissing();
    void spellsReferences();
};

Q_DECLARE_METATYPE(TagRow)

namespace {

const std::string repository = "registry.example.com/app/prod";

TagRow finalRow()
{
    return tagRow(repository, "2.2.4", digestOf('a'));
}

ArtifactRetention retention(RetentionStatus status, std::string keptBy, std::optional<int> daysLeft = std::nullopt)
{
    ArtifactRetention result;
    result.status = status;
    result.keptBy = std::move(keptBy);
    result.reason = "why: " + std::string(gantry::model::toString(status));
    result.daysLeft = daysLeft;
    if (daysLeft)
        result.expires = mayFirst(24 * *daysLeft);
    return result;
}

TagRow withRetention(ArtifactRetention verdict, std::string keptByTag = {})
{
    TagRow row = finalRow();
    verdict.keptByTag = keptByTag.empty() ? row.tag : std::move(keptByTag);
    row.retention = std::move(verdict);
    return row;
}

// Builds a row of finalRow() changed by `change`, for _data tables.
template<typename Change> TagRow changed(Change change)
{
    TagRow row = finalRow();
    change(row);
    return row;
}

std::vector<std::string> rowTags(const TagTableModel& model)
{
    std::vector<std::string> tags;
    for (int row = 0; row < model.rowCount(); ++row)
        tags.push_back(model.index(row, TagTableModel::Tag).data().toString().toStdString());
    return tags;
}

} // namespace

void TestTagTableModel::showsColumns_data()
{
    QTest::addColumn<TagRow>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("display");
    QTest::addColumn<QVariant>("raw");

    const auto add = [](const char* name, const TagRow& row, int column, const char* display, QVariant raw) {
        QTest::newRow(name) << row << column << QString::fromUtf8(display) << raw;
    };
    const QString fullDigest = QString::fromStdString(digestOf('a'));
    add("repository", finalRow(), TagTableModel::Repository, repository.c_str(), QString::fromStdString(repository));
    add("tag", finalRow(), TagTableModel::Tag, "2.2.4", QVariant::fromValue(qint64 { 0 }));
    add("class final", finalRow(), TagTableModel::Class, "final",
        QVariant::fromValue(static_cast<qint64>(gantry::model::ReleaseClass::Final)));
    add("class candidate", changed([](TagRow& r) { r.releaseClass = gantry::model::ReleaseClass::PreRelease; }),
        TagTableModel::Class, "pre-release",
        QVariant::fromValue(static_cast<qint64>(gantry::model::ReleaseClass::PreRelease)));
    add("digest short", finalRow(), TagTableModel::Digest, "sha256:aaaaaaaaaaaa", fullDigest);
    add("created", changed([](TagRow& r) { r.created = mayFirst(12); }), TagTableModel::Created, "2024-05-01 12:00",
        QVariant::fromValue(qint64 { 1714564800 }));
    add("created unknown", finalRow(), TagTableModel::Created, "",
        QVariant::fromValue(std::numeric_limits<qint64>::min()));
    add("size", changed([](TagRow& r) { r.size = 1536; }), TagTableModel::Size, "1.5 KiB",
        QVariant::fromValue(qint64 { 1536 }));
    add("size big", changed([](TagRow& r) { r.size = 734003200; }), TagTableModel::Size, "700.0 MiB",
        QVariant::fromValue(qint64 { 734003200 }));
    add("size unknown", finalRow(), TagTableModel::Size, "", QVariant::fromValue(qint64 { -1 }));
    add("platforms", changed([](TagRow& r) {
        r.platforms = { "linux/amd64", "linux/arm64" };
    }),
        TagTableModel::Platforms, "linux/amd64, linux/arm64", QStringLiteral("linux/amd64, linux/arm64"));
    add("kept by without policy", finalRow(), TagTableModel::KeptBy, "no policy", QStringLiteral("no policy"));
    add("expires without policy", finalRow(), TagTableModel::Expires, "forever",
        QVariant::fromValue(std::numeric_limits<qint64>::max()));
    const auto within = retention(RetentionStatus::KeptUntil, "any tag: pushed within 30 days", 8);
    add("kept by rule", withRetention(within), TagTableModel::KeptBy, "any tag: pushed within 30 days",
        QStringLiteral("any tag: pushed within 30 days"));
    add("kept by rule through stable", withRetention(within, "2.2.4-stable"), TagTableModel::KeptBy,
        "any tag: pushed within 30 days (through 2.2.4-stable)",
        QStringLiteral("any tag: pushed within 30 days (through 2.2.4-stable)"));
    add("expires on a date", withRetention(within), TagTableModel::Expires, "2024-05-09 (8 d)",
        QVariant::fromValue(qint64 { 1714521600 + 8 * 86400 }));
    add("kept while newest",
        withRetention(retention(RetentionStatus::KeptWhileNewest, "any tag: the newest 3 by push time")),
        TagTableModel::Expires, "kept while among newest 3",
        QVariant::fromValue(std::numeric_limits<qint64>::max() - 2));
    add("kept forever", withRetention(retention(RetentionStatus::KeptForever, "tags matching 1\\.0\\.0: always")),
        TagTableModel::Expires, "forever", QVariant::fromValue(std::numeric_limits<qint64>::max() - 1));
    add("expires unknown", withRetention(retention(RetentionStatus::Unknown, "")), TagTableModel::Expires, "unknown",
        QVariant::fromValue(std::numeric_limits<qint64>::max() - 3));
    add("kept by unknown is the reason", withRetention(retention(RetentionStatus::Unknown, "")), TagTableModel::KeptBy,
        "why: unknown", QStringLiteral("why: unknown"));
    add("expired undated", withRetention(retention(RetentionStatus::Expired, "")), TagTableModel::Expires, "expired",
        QVariant::fromValue(std::numeric_limits<qint64>::min() + 1));
    add("expired dated", withRetention(retention(RetentionStatus::Expired, "", -3)), TagTableModel::Expires,
        "2024-04-28 (expired)", QVariant::fromValue(qint64 { 1714521600 - 3 * 86400 }));
}

void TestTagTableModel::showsColumns()
{
    QFETCH(TagRow, row);
    QFETCH(int, column);
    QFETCH(QString, display);
    QFETCH(QVariant, raw);

    TagTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(snapshotOf({ row }));
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex cell = model.index(0, column);
    QCOMPARE(cell.data().toString(), display);
    QCOMPARE(cell.data(gantry::model::RawValueRole), raw);
}

void TestTagTableModel::gradesExpiry_data()
{
    QTest::addColumn<TagRow>("row");
    QTest::addColumn<int>("level");

    using Level = gantry::model::Severity;
    const auto add = [](const char* name, const TagRow& row, Level level) {
        QTest::newRow(name) << row << static_cast<int>(level);
    };
    const auto until = [](int days) { return withRetention(retention(RetentionStatus::KeptUntil, "within", days)); };
    add("no policy", finalRow(), Level::Ok);
    add("40 days", until(40), Level::Ok);
    add("29 days", until(29), Level::Ok);
    add("28 days", until(28), Level::Warning);
    add("15 days", until(15), Level::Warning);
    add("14 days", until(14), Level::Critical);
    add("today", until(0), Level::Critical);
    add("unknown", withRetention(retention(RetentionStatus::Unknown, "")), Level::Critical);
    add("expired", withRetention(retention(RetentionStatus::Expired, "", -2)), Level::Expired);
    add("forever", withRetention(retention(RetentionStatus::KeptForever, "always")), Level::Ok);
    add("newest", withRetention(retention(RetentionStatus::KeptWhileNewest, "newest", 3)), Level::Ok);
}

void TestTagTableModel::gradesExpiry()
{
    QFETCH(TagRow, row);
    QFETCH(int, level);

    TagTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(snapshotOf({ row }));
    QCOMPARE(model.index(0, TagTableModel::Expires).data(gantry::model::SeverityRole).toInt(), level);
    QCOMPARE(static_cast<int>(model.expirySeverity(0)), level);
    // Only the Expires cell is painted by it.
    QVERIFY(!model.index(0, TagTableModel::Tag).data(gantry::model::SeverityRole).isValid());
}

void TestTagTableModel::ranksTagsAsTagLess()
{
    std::vector<std::string> tags { "2.2.10", "2.2.9", "latest", "2.2.9-stable", "3f9c2ab", "2.3.0rc1", "2.3.0",
        "2.2.10.1", "v2.2.4", "2.2.10rc2", "2.2.10-rc.1" };
    std::vector<TagRow> rows;
    for (std::size_t i = 0; i < tags.size(); ++i)
        rows.push_back(tagRow(repository, tags[i], digestOf("0123456789abcdef"[i % 16])));
    TagTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(snapshotOf(rows));

    std::vector<int> order(tags.size());
    std::iota(order.begin(), order.end(), 0);
    std::ranges::stable_sort(order, [&](int a, int b) {
        return model.index(a, TagTableModel::Tag).data(gantry::model::RawValueRole).toLongLong()
            < model.index(b, TagTableModel::Tag).data(gantry::model::RawValueRole).toLongLong();
    });
    std::vector<std::string> byRank;
    for (const int row : order)
        byRank.push_back(tags[static_cast<std::size_t>(row)]);
    std::vector<std::string> sorted = tags;
    std::ranges::sort(sorted, gantry::model::tagLess);
    QCOMPARE(byRank, sorted);
    // The proxy's shortcut agrees with tagLess on every pair.
    for (int a = 0; a < model.rowCount(); ++a) {
        for (int b = 0; b < model.rowCount(); ++b) {
            const bool expected
                = gantry::model::tagLess(tags[static_cast<std::size_t>(a)], tags[static_cast<std::size_t>(b)]);
            QCOMPARE(model.rawLess(a, b, TagTableModel::Tag), expected);
        }
    }
}

void TestTagTableModel::mergeUpdatesRowsInPlace()
{
    TagTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::vector<TagRow> rows { tagRow(repository, "2.2.3", digestOf('3')), tagRow(repository, "2.2.4", digestOf('4')),
        tagRow(repository, "2.2.5", digestOf('5')) };
    model.setSnapshot(snapshotOf(rows));
    const QPersistentModelIndex kept = model.index(1, TagTableModel::Digest);

    QSignalSpy resets(&model, &TagTableModel::modelReset);
    QSignalSpy inserts(&model, &TagTableModel::rowsInserted);
    QSignalSpy removals(&model, &TagTableModel::rowsRemoved);
    QSignalSpy changes(&model, &TagTableModel::dataChanged);
    rows[1].digest = digestOf('b');
    model.setSnapshot(snapshotOf(rows, 2));

    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserts.count(), 0);
    QCOMPARE(removals.count(), 0);
    QCOMPARE(changes.count(), 1);
    QCOMPARE(changes[0][0].toModelIndex().row(), 1);
    QCOMPARE(changes[0][1].toModelIndex().row(), 1);
    QCOMPARE(kept.row(), 1);
    QCOMPARE(kept.data().toString(), QStringLiteral("sha256:bbbbbbbbbbbb"));
    QCOMPARE(model.digest(1), QString::fromStdString(digestOf('b')));
}

void TestTagTableModel::mergeRemovesAndAppendsRows()
{
    TagTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(snapshotOf({ tagRow(repository, "a", digestOf('a')), tagRow(repository, "b", digestOf('b')),
        tagRow(repository, "c", digestOf('c')), tagRow(repository, "d", digestOf('d')) }));
    const QPersistentModelIndex c = model.index(2, TagTableModel::Tag);

    QSignalSpy resets(&model, &TagTableModel::modelReset);
    QSignalSpy inserts(&model, &TagTableModel::rowsInserted);
    QSignalSpy removals(&model, &TagTableModel::rowsRemoved);
    model.setSnapshot(snapshotOf({ tagRow(repository, "e", digestOf('e')), tagRow(repository, "c", digestOf('c')),
                                     tagRow(repository, "a", digestOf('a')) },
        2));

    QCOMPARE(resets.count(), 0);
    QCOMPARE(removals.count(), 2); // b and d are not next to each other
    QCOMPARE(inserts.count(), 1);
    QCOMPARE(rowTags(model), (std::vector<std::string> { "a", "c", "e" }));
    QCOMPARE(c.row(), 1);
    QCOMPARE(c.data().toString(), QStringLiteral("c"));
}

void TestTagTableModel::sameSnapshotSignalsNothing()
{
    TagTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto snapshot = snapshotOf({ withRetention(retention(RetentionStatus::KeptUntil, "within", 9)),
        tagRow(repository, "latest", digestOf('f')) });
    model.setSnapshot(snapshot);
    QSignalSpy changes(&model, &TagTableModel::dataChanged);
    QSignalSpy layout(&model, &TagTableModel::layoutChanged);
    QSignalSpy resets(&model, &TagTableModel::modelReset);
    model.setSnapshot(snapshot);
    QCOMPARE(changes.count() + layout.count() + resets.count(), 0);
    QCOMPARE(model.rowCount(), 2);
}

void TestTagTableModel::offersStableOnlyWhereMissing()
{
    const std::string other = "registry.example.com/app/test";
    TagTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(
        snapshotOf({ tagRow(repository, "2.2.4", digestOf('4')), tagRow(repository, "2.2.4-stable", digestOf('4')),
            tagRow(repository, "2.2.5", digestOf('5')), tagRow(repository, "2.2.5.1", digestOf('6')),
            tagRow(repository, "2.2.6rc1", digestOf('7')), tagRow(other, "2.2.5-stable", digestOf('5')) }));

    QCOMPARE(model.missingStableTag(0), std::nullopt);
    QCOMPARE(model.missingStableTag(1), std::nullopt); // a -stable tag itself
    QCOMPARE(model.missingStableTag(2),
        std::optional(QStringLiteral("2.2.5-stable"))); // the other stage's is not this one's
    QCOMPARE(model.missingStableTag(3), std::optional(QStringLiteral("2.2.5.1-stable")));
    QCOMPARE(model.missingStableTag(4), std::nullopt);
}

void TestTagTableModel::spellsReferences()
{
    TagTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(snapshotOf({ finalRow() }));
    QCOMPARE(model.tagReference(0), QStringLiteral("registry.example.com/app/prod:2.2.4"));
    // Against the digest the row was made with, not the model's own answer.
    const auto digest = QString::fromStdString(digestOf('a'));
    QCOMPARE(model.digest(0), digest);
    QCOMPARE(model.digestReference(0), QStringLiteral("registry.example.com/app/prod@") + digest);
    QCOMPARE(model.index(0, TagTableModel::Digest).data(Qt::ToolTipRole).toString(), digest);
    QCOMPARE(model.pipeline(0), QStringLiteral("app"));
    QCOMPARE(model.stage(0), QStringLiteral("prod"));
}

QTEST_GUILESS_MAIN(TestTagTableModel)
#include "tst_tagtablemodel.moc"
