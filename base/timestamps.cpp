#include "base/timestamps.h"

#include <charconv>

namespace gantry::registry {

namespace {

bool readNumber(std::string_view text, std::size_t& position, std::size_t digits, int& value)
{
    if (position + digits > text.size())
        return false;
    const auto* begin = text.data() + position;
    const auto [end, error] = std::from_chars(begin, begin + digits, value);
    if (error != std::errc() || end != begin + digits)
        return false;
    position += digits;
    return true;
}

bool expect(std::string_view text, std::size_t& position, std::string_view choices)
{
    if (position >= text.size() || choices.find(text[position]) == std::string_view::npos)
        return false;
    ++position;
    return true;
}

} // namespace

std::optional<Timestamp> parseRfc3339(std::string_view text)
{
    std::size_t at = 0;
    int year, month, day, hour, minute, second;
    if (!readNumber(text, at, 4, year) || !expect(text, at, "-") || !readNumber(text, at, 2, month)
        || !expect(text, at, "-") || !readNumber(text, at, 2, day) || !expect(text, at, "Tt ")
        || !readNumber(text, at, 2, hour) || !expect(text, at, ":") || !readNumber(text, at, 2, minute)
        || !expect(text, at, ":") || !readNumber(text, at, 2, second))
        return std::nullopt;
    if (at < text.size() && text[at] == '.') {
        ++at;
        const auto start = at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9')
            ++at;
        if (at == start)
            return std::nullopt;
    }
    int offsetMinutes = 0;
    if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
        ++at;
    } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        const int sign = text[at] == '-' ? -1 : 1;
        ++at;
        int offsetHours, offsetMins;
        if (!readNumber(text, at, 2, offsetHours) || !expect(text, at, ":") || !readNumber(text, at, 2, offsetMins))
            return std::nullopt;
        offsetMinutes = sign * (offsetHours * 60 + offsetMins);
    } else {
        return std::nullopt;
    }
    if (at != text.size())
        return std::nullopt;
    const std::chrono::year_month_day date { std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
        std::chrono::day(static_cast<unsigned>(day)) };
    if (!date.ok() || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute)
        + std::chrono::seconds(std::min(second, 59)) - std::chrono::minutes(offsetMinutes);
}

std::string formatRfc3339(Timestamp time)
{
    const auto days = std::chrono::floor<std::chrono::days>(time);
    const std::chrono::year_month_day date(days);
    const std::chrono::hh_mm_ss clock(time - days);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(date.year()),
        static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
        static_cast<long>(clock.hours().count()), static_cast<long>(clock.minutes().count()),
        static_cast<long>(clock.seconds().count()));
    return buffer;
}

} // namespace gantry::registry
