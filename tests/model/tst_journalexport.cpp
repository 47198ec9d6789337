#include "model/journal/journalexport.h"
#include "tests/model/journaltestkit.h"
#include "tests/support/datarows.h"

#include <QTest>

using namespace gantry::model;
using gantry::test::bytes;
using gantry::test::row;
using gantry::test::sampleEntry;

class TestJournalExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvHasAHeaderRow();
    void csvQuotes_data();
    void csvQuotes();
    void csvSpreadsheetSafe_data();
    void csvSpreadsheetSafe();
    void jsonHasEveryField();
};

void TestJournalExport::csvHasAHeaderRow()
{
    const auto csv = bytes(journalToCsv({}));
    QCOMPARE(csv,
        QByteArray("id,time,actor,host,action,pipeline,stage,repository,tag,source,destination,digestBefore,"
                   "digestAfter,outcome,error,note,previousHash,hash\r\n"));
}

void TestJournalExport::csvQuotes_data()
{
    QTest::addColumn<QByteArray>("note");
    QTest::addColumn<QByteArray>("cell");
    row("plain", "forced over 2.2.4", "forced over 2.2.4");
    row("empty", "", "");
    row("comma", "a, b", "\"a, b\"");
    row("quote", "say \"hi\"", "\"say \"\"hi\"\"\"");
    row("newline", "line 1\nline 2", "\"line 1\nline 2\"");
    row("carriage return", "a\r\nb", "\"a\r\nb\"");
    row("only a quote", "\"", "\"\"\"\"");
    row("semicolon and tab are plain", "a;b\tc", "a;b\tc");
}

void TestJournalExport::csvQuotes()
{
    QFETCH(QByteArray, note);
    QFETCH(QByteArray, cell);
    auto entry = sampleEntry(1);
    entry.note = note.toStdString();
    entry.previousHash = "p";
    entry.hash = "h";
    const auto csv = bytes(journalToCsv({ entry }));
    const auto header = csv.indexOf("\r\n") + 2;
    const auto expected = QByteArray("0,2023-11-14T22:14:20Z,alice1,workstation-1,promote,shop,prod,"
                                     "registry.example.com:5000/shop/prod,1.0.0,"
                                     "registry.example.com:5000/shop/test:1.0.0,"
                                     "registry.example.com:5000/shop/prod:1.0.0,")
        + bytes(entry.digestBefore) + ',' + bytes(entry.digestAfter) + ",done,none 1," + cell + ",p,h\r\n";
    QCOMPARE(csv.mid(header), expected);
}

void TestJournalExport::csvSpreadsheetSafe_data()
{
    QTest::addColumn<QByteArray>("note");
    QTest::addColumn<QByteArray>("verbatim");
    QTest::addColumn<QByteArray>("safe");
    row("plain", "forced over 2.2.4", "forced over 2.2.4", "forced over 2.2.4");
    row("empty", "", "", "");
    row("formula", "=HYPERLINK(\"x\")", "\"=HYPERLINK(\"\"x\"\")\"", "\"'=HYPERLINK(\"\"x\"\")\"");
    row("plus", "+1", "+1", "'+1");
    row("minus", "-2+3", "-2+3", "'-2+3");
    row("at", "@SUM(A1)", "@SUM(A1)", "'@SUM(A1)");
    row("tab", "\tx", "\tx", "'\tx");
    row("carriage return", "\rx", "\"\rx\"", "\"'\rx\"");
    row("formula with a comma", "=1,2", "\"=1,2\"", "\"'=1,2\"");
    row("sign inside is fine", "a=b-c", "a=b-c", "a=b-c");
}

void TestJournalExport::csvSpreadsheetSafe()
{
    QFETCH(QByteArray, note);
    QFETCH(QByteArray, verbatim);
    QFETCH(QByteArray, safe);
    JournalEntry entry;
    entry.note = note.toStdString();
    // The note is the 16th of 18 fields; the thirteen before it (after id and time) and the two after it are empty.
    const auto line
        = [](const QByteArray& cell) { return "0,1970-01-01T00:00:00Z" + QByteArray(14, ',') + cell + ",,\r\n"; };
    const auto dataRow = [&](CsvCells cells) {
        const auto csv = bytes(journalToCsv({ entry }, cells));
        return csv.mid(csv.indexOf("\r\n") + 2);
    };
    QCOMPARE(dataRow(CsvCells::Verbatim), line(verbatim));
    QCOMPARE(dataRow(CsvCells::SpreadsheetSafe), line(safe));
}

void TestJournalExport::jsonHasEveryField()
{
    auto entry = sampleEntry(2);
    entry.id = 42;
    entry.previousHash = std::string(64, '0');
    entry.hash = std::string(64, 'f');
    const auto json = journalToJson({ entry, sampleEntry(3) });
    QVERIFY(json.is_array());
    QCOMPARE(json.size(), 2u);
    const auto& object = json[0];
    QByteArrayList keys;
    for (const auto& [key, value] : object.items())
        keys.append(bytes(key));
    std::ranges::sort(keys);
    QByteArrayList expected { "action", "actor", "destination", "digestAfter", "digestBefore", "error", "hash", "host",
        "id", "note", "outcome", "pipeline", "previousHash", "repository", "source", "stage", "tag", "time" };
    QCOMPARE(keys, expected);
    QVERIFY(object["id"].is_number_integer());
    QCOMPARE(object["id"].get<std::int64_t>(), 42);
    QCOMPARE(bytes(object["time"].get<std::string>()), QByteArray("2023-11-14T22:15:20Z"));
    QCOMPARE(bytes(object["digestBefore"].get<std::string>()), bytes(entry.digestBefore));
    QCOMPARE(bytes(object["hash"].get<std::string>()), bytes(entry.hash));
    QCOMPARE(bytes(json[1]["actor"].get<std::string>()), QByteArray("alice3"));
}

QTEST_GUILESS_MAIN(TestJournalExport)
#include "tst_journalexport.moc"
