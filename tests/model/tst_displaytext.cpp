// What the widgets show of text from outside: a tag, a registry's error, a cluster's name and a
// background message reach the tables and the messages view with their control characters,
// invalid UTF-8 and bidirectional overrides escaped (as gantryctl prints them), so a label cannot
// be reordered or split and a tooltip cannot be driven by an escape sequence.
#include "model/tables/clustertablemodel.h"
#include "model/tables/displaytext.h"
#include "model/tables/messagelog.h"
#include "model/tables/registrystatusmodel.h"
#include "model/tables/tagtablemodel.h"
#include "tests/model/clusterviewkit.h"
#include "tests/support/tagsnapshots.h"

#include <QTest>

using namespace gantry;

namespace {

const std::string hostile = "evil\x1b[2J\n\xe2\x80\xae"
                            "txt\xff";
const QString shown = QStringLiteral("evil\\x1b[2J\\n\\u202etxt\\xff");

// Nothing a text layout or a terminal would act on.
bool isDisplaySafe(const QString& text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u <= 0x9f) || (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069)
            || u == 0xfffd)
            return false;
    }
    return true;
}

} // namespace

class TestDisplayText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapesOutsideText_data();
    void escapesOutsideText();
    void tagTableShowsTagsEscaped();
    void registryStatusShowsErrorsEscaped();
    void clusterTableShowsNamesEscaped();
    void messageLogKeepsLinesAndEscapesTheRest();
};

void TestDisplayText::escapesOutsideText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QByteArray("1.2.0-stable") << QStringLiteral("1.2.0-stable");
    QTest::newRow("other UTF-8 stays") << QByteArray("Zürich 東京") << QStringLiteral("Zürich 東京");
    QTest::newRow("ESC CSI") << QByteArray("\x1b[31mred") << QStringLiteral("\\x1b[31mred");
    QTest::newRow("newline, tab, CR") << QByteArray("a\nb\tc\rd") << QStringLiteral("a\\nb\\tc\\rd");
    QTest::newRow("DEL, NUL") << QByteArray("x\x7fy\0z", 5) << QStringLiteral("x\\x7fy\\x00z");
    QTest::newRow("C1 as UTF-8") << QByteArray("\xc2\x9b"
                                               "2J")
                                 << QStringLiteral("\\u009b2J");
    QTest::newRow("bidi override") << QByteArray("a\xe2\x80\xae"
                                                 "b")
                                   << QStringLiteral("a\\u202eb");
    QTest::newRow("bidi isolate") << QByteArray("a\xe2\x81\xa6"
                                                "b\xe2\x81\xa9")
                                  << QStringLiteral("a\\u2066b\\u2069");
    QTest::newRow("lone byte") << QByteArray("a\x9b"
                                             "b")
                               << QStringLiteral("a\\x9bb");
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << QStringLiteral("\\xc0\\xaf");
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QStringLiteral("\\xed\\xa0\\x80");
    QTest::newRow("cut short") << QByteArray("ok\xe2\x80") << QStringLiteral("ok\\xe2\\x80");
}

void TestDisplayText::escapesOutsideText()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    QCOMPARE(model::displayText(text.toStdString()), expected);
}

void TestDisplayText::tagTableShowsTagsEscaped()
{
    model::TagTableModel tags;
    tags.setSnapshot(test::snapshotOf({ test::tagRow("team/app/prod", hostile, test::digestOf('a')) }));
    QCOMPARE(tags.rowCount(), 1);
    // The model keeps tags as QString (the bytes that were not UTF-8 are U+FFFD by then).
    const QString tag = tags.data(tags.index(0, model::TagTableModel::Tag)).toString();
    QCOMPARE(tag, QStringLiteral("evil\\x1b[2J\\n\\u202etxt") + QChar(0xfffd));
}

void TestDisplayText::registryStatusShowsErrorsEscaped()
{
    model::RegistryStatusModel registries;
    const std::vector<model::RegistryStatus> statuses { { "hub", "hub.example.org", false, model::RegistryAuth::Unknown,
        std::nullopt, test::clusterTestNow, "the registry answered 400: " + hostile } };
    registries.setRegistries(statuses, test::clusterTestNow);
    const QString error = registries.data(registries.index(0, model::RegistryStatusModel::Error)).toString();
    QCOMPARE(error, QStringLiteral("the registry answered 400: ") + shown);
    const QString tip
        = registries.data(registries.index(0, model::RegistryStatusModel::Error), Qt::ToolTipRole).toString();
    QVERIFY2(isDisplaySafe(tip), qPrintable(tip));
}

void TestDisplayText::clusterTableShowsNamesEscaped()
{
    model::ClusterTableModel clusters;
    const std::vector views { test::clusterView(hostile, "site" + hostile, -1) };
    clusters.setClusters(views, test::clusterTestNow);
    QCOMPARE(clusters.rowCount(), 1);
    QCOMPARE(clusters.data(clusters.index(0, model::ClusterTableModel::Cluster)).toString(), shown);
    QCOMPARE(
        clusters.data(clusters.index(0, model::ClusterTableModel::Site)).toString(), QStringLiteral("site") + shown);
    for (int column = 0; column < model::ClusterTableModel::ColumnCount; ++column) {
        for (const int role : { int(Qt::DisplayRole), int(Qt::ToolTipRole) }) {
            const QVariant value = clusters.data(clusters.index(0, column), role);
            if (value.typeId() == QMetaType::QString)
                QVERIFY2(isDisplaySafe(value.toString().remove(QLatin1Char('\n'))), qPrintable(value.toString()));
        }
    }
}

void TestDisplayText::messageLogKeepsLinesAndEscapesTheRest()
{
    model::MessageLog log;
    QString announced;
    connect(&log, &model::MessageLog::newMessage, this, [&](const QString& message) { announced = message; });
    log.add(QStringLiteral("ws.json is not a valid workspace:\n  registries[0]: ") + QString::fromStdString(hostile));
    // Its lines are Gantry's; the bytes fromStdString could not read are U+FFFD already.
    const QString expected
        = QStringLiteral("ws.json is not a valid workspace:\n  registries[0]: evil\\x1b[2J\n\\u202etxt")
        + QChar(0xfffd);
    QCOMPARE(log.data(log.index(0, model::MessageLog::Message)).toString(), expected);
    QCOMPARE(announced, expected);
}

QTEST_GUILESS_MAIN(TestDisplayText)
#include "tst_displaytext.moc"
