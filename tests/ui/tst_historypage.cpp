#include "model/journal/journal.h"
#include "model/tables/journaltablemodel.h"
#include "tests/model/journaltestkit.h"
#include "ui/historypage.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace gantry;
using namespace gantry::model;

class TestHistoryPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheJournalNewestFirst();
    void filtersNarrowTheTable_data();
    void filtersNarrowTheTable();
    void exportWritesTheFilteredRowsSafely();
    void exportToAnUnwritablePathFails();
    void pointBackIsOfferedWhereTheTagMovedAway_data();
    void pointBackIsOfferedWhereTheTagMovedAway();
    void verifyChain_data();
    void verifyChain();
};

namespace {

const std::string digestA = "sha256:" + std::string(64, 'a');
const std::string digestB = "sha256:" + std::string(64, 'b');

Workspace shopWorkspace()
{
    StageConfig prod;
    prod.name = "prod";
    prod.registry = "main";
    prod.host = "reg.example:5000";
    prod.repository = "shop/prod";
    prod.floatingTags = { "prod" };
    Workspace workspace;
    workspace.registries = { RegistryConfig { "main", "reg.example:5000", {} } };
    workspace.pipelines = { PipelineConfig { "shop", { prod } }, PipelineConfig { "cart", {} } };
    return workspace;
}

JournalEntry entry(qint64 id, const char* day, const char* pipeline, const char* tag, std::string_view action)
{
    JournalEntry result;
    result.id = id;
    // Noon UTC: the same local day in every zone within twelve hours of UTC.
    result.time = registry::parseRfc3339(std::string(day) + "T12:00:00Z").value_or(registry::Timestamp {});
    result.actor = "alice";
    result.pipeline = pipeline;
    result.stage = "prod";
    result.repository = std::string("reg.example:5000/") + pipeline + "/prod";
    result.tag = tag;
    result.action = std::string(action);
    result.outcome = result.isObservation() ? "observed" : "done";
    return result;
}

// Newest first. The prod tag points at B now: entry 1 put it on A (offered), entry 4 on B (not).
DashboardSnapshot sampleSnapshot()
{
    DashboardSnapshot snapshot;
    auto moved = entry(1, "2024-03-01", "shop", "prod", journal::moved);
    moved.digestBefore = digestB;
    moved.digestAfter = digestA;
    auto formula = entry(2, "2024-03-02", "shop", "2.2.4", journal::promote);
    formula.digestAfter = digestA;
    formula.note = "=HYPERLINK(\"http://evil.example\",\"x\")";
    auto refused = entry(3, "2024-03-03", "cart", "+cmd", journal::promote);
    refused.outcome = "refused";
    refused.error = "-1, then more";
    auto retarget = entry(4, "2024-03-04", "shop", "prod", journal::retarget);
    retarget.digestBefore = digestA;
    retarget.digestAfter = digestB;
    auto appeared = entry(5, "2024-03-05", "cart", "@latest", journal::appeared);
    appeared.digestAfter = digestB;
    snapshot.journal = { appeared, retarget, refused, formula, moved };

    StageView prod;
    prod.pipeline = "shop";
    prod.stage = "prod";
    prod.repository = "reg.example:5000/shop/prod";
    TagRow tag;
    tag.pipeline = "shop";
    tag.stage = "prod";
    tag.repository = prod.repository;
    tag.tag = "prod";
    tag.digest = digestB;
    prod.tags = { tag };
    snapshot.stages = { prod };
    return snapshot;
}

QList<qint64> shownIds(const QTableView& table)
{
    QList<qint64> ids;
    for (int row = 0; row < table.model()->rowCount(); ++row)
        ids.append(table.model()->index(row, 0).data(gantry::model::EntryIdRole).toLongLong());
    return ids;
}

// RFC 4180, as a spreadsheet reads it back.
QList<QList<QByteArray>> parseCsv(const QByteArray& csv)
{
    QList<QList<QByteArray>> rows;
    QList<QByteArray> row;
    QByteArray cell;
    bool quoted = false;
    for (qsizetype i = 0; i < csv.size(); ++i) {
        const char c = csv[i];
        if (quoted) {
            if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"')
                cell += csv[++i];
            else if (c == '"')
                quoted = false;
            else
                cell += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.append(std::exchange(cell, {}));
        } else if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
            row.append(std::exchange(cell, {}));
            rows.append(std::exchange(row, {}));
            ++i;
        } else {
            cell += c;
        }
    }
    return rows;
}

// A page over a dashboard whose journal lives in a temporary folder.
struct PageFixture
{
    QTemporaryDir folder;
    Dashboard dashboard { shopWorkspace(), (folder.path() + QStringLiteral("/journal.sqlite")).toStdString(), {} };
    ui::HistoryPage page { dashboard };
    QTableView& table = *page.findChild<QTableView*>(QStringLiteral("journalTable"));

    PageFixture() { page.setSnapshot(std::make_shared<const model::DashboardSnapshot>(sampleSnapshot())); }
};

} // namespace

void TestHistoryPage::showsTheJournalNewestFirst()
{
    PageFixture fixture;
    QCOMPARE(shownIds(fixture.table), (QList<qint64> { 5, 4, 3, 2, 1 }));
    // A later snapshot with one more entry adds one row on top.
    auto later = sampleSnapshot();
    later.journal.insert(later.journal.begin(), entry(6, "2024-03-06", "shop", "2.2.5", journal::promote));
    fixture.page.setSnapshot(std::make_shared<const model::DashboardSnapshot>(later));
    QCOMPARE(shownIds(fixture.table), (QList<qint64> { 6, 5, 4, 3, 2, 1 }));
}

void TestHistoryPage::filtersNarrowTheTable_data()
{
    QTest::addColumn<QString>("pipeline");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<QList<qint64>>("ids");
    const QString all;
    const QDate any;
    QTest::newRow("nothing") << all << all << all << any << any << QList<qint64> { 5, 4, 3, 2, 1 };
    QTest::newRow("pipeline") << QStringLiteral("cart") << all << all << any << any << QList<qint64> { 5, 3 };
    QTest::newRow("tag") << all << QStringLiteral("pro") << all << any << any << QList<qint64> { 4, 1 };
    QTest::newRow("one action") << all << all << QStringLiteral("promote") << any << any << QList<qint64> { 3, 2 };
    QTest::newRow("observations") << all << all << QStringLiteral("Observed tag movements") << any << any
                                  << QList<qint64> { 5, 1 };
    QTest::newRow("Gantry's actions") << all << all << QStringLiteral("Gantry's actions") << any << any
                                      << QList<qint64> { 4, 3, 2 };
    QTest::newRow("from a day") << all << all << all << QDate(2024, 3, 4) << any << QList<qint64> { 5, 4 };
    QTest::newRow("to a day, inclusive") << all << all << all << any << QDate(2024, 3, 2) << QList<qint64> { 2, 1 };
    QTest::newRow("one day") << all << all << all << QDate(2024, 3, 3) << QDate(2024, 3, 3) << QList<qint64> { 3 };
    QTest::newRow("everything at once") << QStringLiteral("shop") << QStringLiteral("prod")
                                        << QStringLiteral("retarget") << QDate(2024, 3, 2) << QDate(2024, 3, 4)
                                        << QList<qint64> { 4 };
}

void TestHistoryPage::filtersNarrowTheTable()
{
    QFETCH(QString, pipeline);
    QFETCH(QString, tag);
    QFETCH(QString, action);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(QList<qint64>, ids);
    PageFixture fixture;
    auto* pipelines = fixture.page.findChild<QComboBox*>(QStringLiteral("pipelineFilter"));
    auto* actions = fixture.page.findChild<QComboBox*>(QStringLiteral("actionFilter"));
    QVERIFY(pipelines && actions);
    if (!pipeline.isEmpty())
        pipelines->setCurrentIndex(pipelines->findData(pipeline));
    fixture.page.findChild<QLineEdit*>(QStringLiteral("tagFilter"))->setText(tag);
    if (!action.isEmpty())
        actions->setCurrentIndex(actions->findText(action));
    if (from.isValid())
        fixture.page.findChild<QDateEdit*>(QStringLiteral("fromDate"))->setDate(from);
    if (to.isValid())
        fixture.page.findChild<QDateEdit*>(QStringLiteral("toDate"))->setDate(to);
    QCOMPARE(shownIds(fixture.table), ids);
}

void TestHistoryPage::exportWritesTheFilteredRowsSafely()
{
    PageFixture fixture;
    auto* pipelines = fixture.page.findChild<QComboBox*>(QStringLiteral("pipelineFilter"));
    pipelines->setCurrentIndex(pipelines->findData(QStringLiteral("shop")));
    fixture.table.sortByColumn(0, Qt::AscendingOrder);
    const auto path = fixture.folder.path() + QStringLiteral("/export.csv");
    const auto written = fixture.page.exportCsv(path);
    QVERIFY2(written.has_value(), "the export failed");
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto csv = file.readAll();
    // The formula is quoted (it holds a comma and quotes) and starts with a ' inside the quotes.
    QVERIFY(csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","));
    const auto rows = parseCsv(csv);
    QCOMPARE(rows.size(), 4); // the header and shop's three entries, in the table's order
    QCOMPARE(rows[0].size(), 18);
    QCOMPARE(rows[0][0], QByteArray("id"));
    QCOMPARE(rows[0][15], QByteArray("note"));
    QCOMPARE(rows[1][0], QByteArray("1"));
    QCOMPARE(rows[2][0], QByteArray("2"));
    QCOMPARE(rows[3][0], QByteArray("4"));
    QCOMPARE(rows[2][1], QByteArray("2024-03-02T12:00:00Z"));
    QCOMPARE(rows[2][8], QByteArray("2.2.4"));
    QCOMPARE(rows[2][12], QByteArray::fromStdString(digestA));
    QCOMPARE(rows[2][15], QByteArray("'=HYPERLINK(\"http://evil.example\",\"x\")"));
}

void TestHistoryPage::exportToAnUnwritablePathFails()
{
    PageFixture fixture;
    const auto written = fixture.page.exportCsv(fixture.folder.path() + QStringLiteral("/missing/folder/export.csv"));
    QVERIFY(!written.has_value());
    QVERIFY(written.error().message.starts_with("Cannot write "));
}

void TestHistoryPage::pointBackIsOfferedWhereTheTagMovedAway_data()
{
    QTest::addColumn<qint64>("id");
    QTest::addColumn<bool>("offered");
    QTest::newRow("prod moved to A, now at B") << qint64 { 1 } << true;
    QTest::newRow("version tag") << qint64 { 2 } << false;
    QTest::newRow("refused promotion") << qint64 { 3 } << false;
    QTest::newRow("prod retargeted to B, still there") << qint64 { 4 } << false;
    QTest::newRow("tag of a stage the workspace lacks") << qint64 { 5 } << false;
}

void TestHistoryPage::pointBackIsOfferedWhereTheTagMovedAway()
{
    QFETCH(qint64, id);
    QFETCH(bool, offered);
    PageFixture fixture;
    const auto row = static_cast<int>(shownIds(fixture.table).indexOf(id));
    QCOMPARE(fixture.page.retargetForRow(row).has_value(), offered);
    fixture.table.selectionModel()->setCurrentIndex(
        fixture.table.model()->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(fixture.page.findChild<QPushButton*>(QStringLiteral("pointBackButton"))->isEnabled(), offered);
    if (!offered)
        return;
    const auto request = *fixture.page.retargetForRow(row);
    QCOMPARE(request.tag, std::string("prod"));
    QCOMPARE(request.stage, std::string("prod"));
    QCOMPARE(request.digest, digestA);
    const auto question = fixture.page.retargetQuestion(request);
    QVERIFY2(question.contains(QStringLiteral("prod in prod")), qPrintable(question));
    QVERIFY2(question.contains(QStringLiteral("sha256:bbbbbbbb → sha256:aaaaaaaa")), qPrintable(question));
}

void TestHistoryPage::verifyChain_data()
{
    QTest::addColumn<QString>("tampering");
    QTest::addColumn<QString>("shown");
    QTest::newRow("intact") << QString() << QStringLiteral("chain intact: 2 entries, head ");
    QTest::newRow("an entry edited") << QStringLiteral("UPDATE entries SET note = 'edited' WHERE id = 1")
                                     << QStringLiteral("chain broken: ");
}

void TestHistoryPage::verifyChain()
{
    QFETCH(QString, tampering);
    QFETCH(QString, shown);
    PageFixture fixture;
    {
        auto journal = Journal::open(fixture.dashboard.journalPath());
        QVERIFY(journal.has_value());
        QVERIFY((*journal)->append(entry(0, "2024-03-01", "shop", "2.2.4", journal::promote)).has_value());
        QVERIFY((*journal)->append(entry(0, "2024-03-02", "shop", "2.2.5", journal::promote)).has_value());
    }
    if (!tampering.isEmpty())
        QCOMPARE(test::rawSql(fixture.dashboard.journalPath(), tampering), QString());
    auto* status = fixture.page.findChild<QLabel*>(QStringLiteral("chainStatus"));
    auto* verify = fixture.page.findChild<QPushButton*>(QStringLiteral("verifyButton"));
    QTest::mouseClick(verify, Qt::LeftButton);
    QVERIFY(!verify->isEnabled()); // until the answer comes
    QTRY_VERIFY_WITH_TIMEOUT(verify->isEnabled(), 10000);
    QVERIFY2(status->text().startsWith(shown), qPrintable(status->text()));
}

QTEST_MAIN(TestHistoryPage)
#include "tst_historypage.moc"
