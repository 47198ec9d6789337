#include "model/workspace/freezewindow.h"

#include <QDateTime>
#include <QTimeZone>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>

namespace gantry::model {

namespace {

constexpr std::array<std::string_view, 7> dayNames { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
constexpr int minutesPerDay = 24 * 60;

QTimeZone zoneOf(const std::string& name)
{
    return name == "UTC" ? QTimeZone::utc() : QTimeZone(QByteArray::fromStdString(name));
}

QDateTime localTime(registry::Timestamp time, const std::string& zone)
{
    return QDateTime::fromSecsSinceEpoch(time.time_since_epoch().count(), zoneOf(zone));
}

int minuteOfWeek(const QDateTime& local)
{
    return (local.date().dayOfWeek() - 1) * minutesPerDay + local.time().hour() * 60 + local.time().minute();
}

bool weeklyContains(int from, int until, int minute)
{
    return from < until ? (minute >= from && minute < until) : (minute >= from || minute < until);
}

int readTwoDigits(std::string_view text, std::size_t pos)
{
    int value = -1;
    if (pos + 2 <= text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))
        && std::isdigit(static_cast<unsigned char>(text[pos + 1])))
        std::from_chars(text.data() + pos, text.data() + pos + 2, value);
    return value;
}

} // namespace

bool FreezeWindow::contains(registry::Timestamp time) const
{
    if (repeat == Repeat::Once)
        return time >= from && time < until;
    return weeklyContains(fromMinuteOfWeek, untilMinuteOfWeek, minuteOfWeek(localTime(time, timeZone)));
}

registry::Timestamp FreezeWindow::endAfter(registry::Timestamp time) const
{
    if (repeat == Repeat::Once)
        return until;
    // Wall-clock arithmetic in the window's zone, so a window ending "mon 08:00" ends at 08:00
    // local time also across a daylight-saving change.
    const QDateTime local = localTime(time, timeZone);
    const int now = minuteOfWeek(local);
    int daysAhead = (untilMinuteOfWeek / minutesPerDay - now / minutesPerDay + 7) % 7;
    if (daysAhead == 0 && untilMinuteOfWeek <= now)
        daysAhead = 7;
    const int minuteOfDay = untilMinuteOfWeek % minutesPerDay;
    const QDateTime end(local.date().addDays(daysAhead), QTime(minuteOfDay / 60, minuteOfDay % 60), zoneOf(timeZone));
    return registry::Timestamp(std::chrono::seconds(end.toSecsSinceEpoch()));
}

std::string FreezeWindow::description() const
{
    if (repeat == Repeat::Once)
        return registry::formatRfc3339(from) + " to " + registry::formatRfc3339(until);
    return "weekly " + formatWeekTime(fromMinuteOfWeek) + " to " + formatWeekTime(untilMinuteOfWeek) + " " + timeZone;
}

std::optional<ActiveFreeze> activeFreeze(std::span<const FreezeWindow> windows, registry::Timestamp now)
{
    std::optional<ActiveFreeze> freeze;
    registry::Timestamp time = now;
    // Windows that touch or overlap extend one another: the stage thaws when the last one ends.
    // Bounded, since each step moves strictly forward and there are finitely many windows a week.
    for (int step = 0; step < 64; ++step) {
        const FreezeWindow* holding = nullptr;
        for (const auto& window : windows) {
            if (window.contains(time) && (!holding || window.endAfter(time) > holding->endAfter(time)))
                holding = &window;
        }
        if (!holding)
            break;
        const auto end = holding->endAfter(time);
        if (!freeze)
            freeze = ActiveFreeze { end, holding->reason };
        freeze->until = end;
        time = end;
    }
    return freeze;
}

std::optional<int> parseWeekTime(std::string_view text)
{
    // "fri 16:00": a day name, one space, HH:MM.
    if (text.size() != 9 || text[3] != ' ' || text[6] != ':')
        return std::nullopt;
    std::string day(text.substr(0, 3));
    for (char& c : day)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    int dayIndex = -1;
    for (std::size_t i = 0; i < dayNames.size(); ++i) {
        if (dayNames[i] == day)
            dayIndex = static_cast<int>(i);
    }
    const int hours = readTwoDigits(text, 4);
    const int minutes = readTwoDigits(text, 7);
    if (dayIndex < 0 || hours < 0 || hours > 23 || minutes < 0 || minutes > 59)
        return std::nullopt;
    return dayIndex * minutesPerDay + hours * 60 + minutes;
}

std::string formatWeekTime(int minuteOfWeek)
{
    const int day = (minuteOfWeek / minutesPerDay) % 7;
    const int minute = minuteOfWeek % minutesPerDay;
    char time[8];
    std::snprintf(time, sizeof time, "%02d:%02d", minute / 60, minute % 60);
    return std::string(dayNames[static_cast<std::size_t>(day)]) + " " + time;
}

bool isKnownTimeZone(const std::string& name)
{
    return name == "UTC" || QTimeZone::isTimeZoneIdAvailable(QByteArray::fromStdString(name));
}

} // namespace gantry::model
