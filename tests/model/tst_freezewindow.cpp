#include "model/workspace/freezewindow.h"
#include "tests/support/datarows.h"

#include <QTest>

using gantry::model::activeFreeze;
using gantry::model::FreezeWindow;
using gantry::model::parseWeekTime;
using gantry::registry::formatRfc3339;
using gantry::registry::parseRfc3339;
using gantry::registry::Timestamp;
using gantry::test::bytes;
using gantry::test::row;
using gantry::test::str;

class TestFreezeWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsTheThawTime_data();
    void findsTheThawTime();
    void parsesWeekTimes_data();
    void parsesWeekTimes();
};

namespace {

Timestamp at(const char* text)
{
    return *parseRfc3339(text);
}

FreezeWindow once(const char* from, const char* until, const char* reason)
{
    FreezeWindow window;
    window.from = at(from);
    window.until = at(until);
    window.reason = reason;
    return window;
}

FreezeWindow weekly(const char* from, const char* until, const char* zone, const char* reason)
{
    FreezeWindow window;
    window.repeat = FreezeWindow::Repeat::Weekly;
    window.fromMinuteOfWeek = *parseWeekTime(from);
    window.untilMinuteOfWeek = *parseWeekTime(until);
    window.timeZone = zone;
    window.reason = reason;
    return window;
}

// The windows every row is evaluated against.
std::vector<FreezeWindow> windows()
{
    return {
        // 2026-11-27 is a Friday. Zurich is UTC+1 in winter, UTC+2 in summer.
        weekly("fri 16:00", "mon 08:00", "Europe/Zurich", "weekend"),
        once("2026-12-19T00:00:00Z", "2027-01-05T08:00:00Z", "closure"),
        // Touches the closure's end: the stage stays frozen through both.
        once("2027-01-05T08:00:00Z", "2027-01-06T12:00:00Z", "inventory"),
        weekly("wed 22:00", "wed 23:00", "UTC", "backup"),
    };
}

} // namespace

void TestFreezeWindow::findsTheThawTime_data()
{
    QTest::addColumn<QByteArray>("now");
    QTest::addColumn<QByteArray>("until"); // empty: not frozen
    QTest::addColumn<QByteArray>("reason");

    row("thursday", "2026-11-26T12:00:00Z", "", "");
    row("friday before start", "2026-11-27T14:59:59Z", "", "");
    row("friday start, local 16:00", "2026-11-27T15:00:00Z", "2026-11-30T07:00:00Z", "weekend");
    row("sunday", "2026-11-29T20:00:00Z", "2026-11-30T07:00:00Z", "weekend");
    row("monday last frozen second", "2026-11-30T06:59:59Z", "2026-11-30T07:00:00Z", "weekend");
    row("monday thawed", "2026-11-30T07:00:00Z", "", "");
    // Summer time: local 08:00 on Monday is 06:00 UTC.
    row("summer weekend", "2026-06-06T10:00:00Z", "2026-06-08T06:00:00Z", "weekend");
    // The clocks go back on 2026-10-25 (a Sunday): the window still ends at 08:00 local.
    row("across DST change", "2026-10-24T10:00:00Z", "2026-10-26T07:00:00Z", "weekend");
    row("closure", "2026-12-22T10:00:00Z", "2027-01-06T12:00:00Z", "closure");
    row("closure on a weekend", "2026-12-19T10:00:00Z", "2027-01-06T12:00:00Z", "closure");
    row("inventory alone", "2027-01-06T09:00:00Z", "2027-01-06T12:00:00Z", "inventory");
    row("short window", "2026-11-25T22:30:00Z", "2026-11-25T23:00:00Z", "backup");
    row("after the short window", "2026-11-25T23:00:00Z", "", "");
}

void TestFreezeWindow::findsTheThawTime()
{
    QFETCH(QByteArray, now);
    QFETCH(QByteArray, until);
    QFETCH(QByteArray, reason);
    const auto all = windows();
    const auto freeze = activeFreeze(all, at(now.constData()));
    QCOMPARE(bytes(freeze ? formatRfc3339(freeze->until) : std::string()), until);
    QCOMPARE(bytes(freeze ? freeze->reason : std::string()), reason);
}

void TestFreezeWindow::parsesWeekTimes_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("minute");

    row("monday midnight", "mon 00:00", 0);
    row("friday afternoon", "fri 16:00", 4 * 1440 + 960);
    row("upper case", "Sun 23:59", 6 * 1440 + 1439);
    row("hour 24", "mon 24:00", -1);
    row("minute 60", "mon 10:60", -1);
    row("full day name", "monday 10:00", -1);
    row("no time", "mon", -1);
    row("single digit hour", "mon 8:00", -1);
    row("unknown day", "fry 10:00", -1);
}

void TestFreezeWindow::parsesWeekTimes()
{
    QFETCH(QByteArray, text);
    QFETCH(int, minute);
    QCOMPARE(parseWeekTime(str(text)).value_or(-1), minute);
    if (minute >= 0)
        QCOMPARE(bytes(gantry::model::formatWeekTime(minute)), text.toLower());
}

QTEST_APPLESS_MAIN(TestFreezeWindow)
#include "tst_freezewindow.moc"
