// The messages view's model: each distinct problem once, counted, with only new ones announced.
#include "model/tables/messagelog.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using gantry::model::MessageLog;

class TestMessageLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void repeatsAreCountedNotAdded_data();
    void repeatsAreCountedNotAdded();
};

void TestMessageLog::repeatsAreCountedNotAdded_data()
{
    QTest::addColumn<QStringList>("messages");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QList<int>>("counts");
    QTest::newRow("one") << QStringList { QStringLiteral("a") } << QStringList { QStringLiteral("a") }
                         << QList<int> { 1 };
    QTest::newRow("a storm of one") << QStringList { QStringLiteral("down"), QStringLiteral("down"),
        QStringLiteral("down") } << QStringList { QStringLiteral("down") }
                                    << QList<int> { 3 };
    QTest::newRow("interleaved") << QStringList { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a") }
                                 << QStringList { QStringLiteral("a"), QStringLiteral("b") } << QList<int> { 2, 1 };
    QTest::newRow("empty ignored") << QStringList { QString(), QStringLiteral("b") }
                                   << QStringList { QStringLiteral("b") } << QList<int> { 1 };
}

void TestMessageLog::repeatsAreCountedNotAdded()
{
    QFETCH(QStringList, messages);
    QFETCH(QStringList, rows);
    QFETCH(QList<int>, counts);
    MessageLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy announced(&log, &MessageLog::newMessage);
    for (const auto& message : messages)
        log.add(message);
    QCOMPARE(log.rowCount(), rows.size());
    QCOMPARE(announced.size(), rows.size());
    for (int row = 0; row < rows.size(); ++row) {
        QCOMPARE(log.data(log.index(row, MessageLog::Message)).toString(), rows[row]);
        QCOMPARE(log.data(log.index(row, MessageLog::Count), gantry::model::RawValueRole).toInt(), counts[row]);
    }
    log.clear();
    QCOMPARE(log.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestMessageLog)
#include "tst_messagelog.moc"
