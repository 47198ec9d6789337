#include "registry/http/httpdate.h"

#include <algorithm>
#include <array>
#include <string>

// A forward-only scanner: Retry-After comes from servers we do not trust.

namespace gantry::registry {
namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

constexpr std::array<std::string_view, 12> kMonths
    = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
constexpr std::array<std::string_view, 7> kDays = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
constexpr std::array<std::string_view, 7> kLongDays
    = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };

// Fixed-layout fields of an HTTP-date, read left to right.
class DateReader
{
public:
    explicit DateReader(std::string_view text)
        : m_text(text)
    {
    }

    bool literal(std::string_view expected)
    {
        if (!m_text.starts_with(expected))
            return false;
        m_text.remove_prefix(expected.size());
        return true;
    }

    std::optional<int> number(std::size_t digits)
    {
        if (m_text.size() < digits || !std::ranges::all_of(m_text.substr(0, digits), isDigit))
            return std::nullopt;
        int value = 0;
        for (std::size_t i = 0; i < digits; ++i)
            value = value * 10 + (m_text[i] - '0');
        m_text.remove_prefix(digits);
        return value;
    }

    template<std::size_t N> std::optional<int> name(const std::array<std::string_view, N>& names)
    {
        // Longest first so "Monday" is not read as "Mon" followed by "day".
        std::optional<int> best;
        for (std::size_t i = 0; i < N; ++i)
            if (m_text.starts_with(names[i]) && (!best || names[i].size() > names[std::size_t(*best)].size()))
                best = int(i);
        if (best)
            m_text.remove_prefix(names[std::size_t(*best)].size());
        return best;
    }

    bool atEnd() const { return m_text.empty(); }

private:
    std::string_view m_text;
};

struct DateFields
{
    std::optional<int> year, month, day, hour, minute, second;
};

bool readTime(DateReader& reader, DateFields& fields)
{
    fields.hour = reader.number(2);
    const bool colon1 = reader.literal(":");
    fields.minute = reader.number(2);
    const bool colon2 = reader.literal(":");
    fields.second = reader.number(2);
    return fields.hour && colon1 && fields.minute && colon2 && fields.second;
}

// "Sun, 06 Nov 1994 08:49:37 GMT"
std::optional<DateFields> readImfFixdate(DateReader reader)
{
    DateFields fields;
    if (!reader.name(kDays) || !reader.literal(", "))
        return std::nullopt;
    fields.day = reader.number(2);
    if (!fields.day || !reader.literal(" ") || !(fields.month = reader.name(kMonths)) || !reader.literal(" "))
        return std::nullopt;
    fields.year = reader.number(4);
    if (!fields.year || !reader.literal(" ") || !readTime(reader, fields) || !reader.literal(" GMT") || !reader.atEnd())
        return std::nullopt;
    return fields;
}

// "Sunday, 06-Nov-94 08:49:37 GMT", two-digit year resolved later
std::optional<DateFields> readRfc850Date(DateReader reader)
{
    DateFields fields;
    if (!reader.name(kLongDays) || !reader.literal(", "))
        return std::nullopt;
    fields.day = reader.number(2);
    if (!fields.day || !reader.literal("-") || !(fields.month = reader.name(kMonths)) || !reader.literal("-"))
        return std::nullopt;
    fields.year = reader.number(2);
    if (!fields.year || !reader.literal(" ") || !readTime(reader, fields) || !reader.literal(" GMT") || !reader.atEnd())
        return std::nullopt;
    return fields;
}

// "Sun Nov  6 08:49:37 1994"
std::optional<DateFields> readAsctimeDate(DateReader reader)
{
    DateFields fields;
    if (!reader.name(kDays) || !reader.literal(" ") || !(fields.month = reader.name(kMonths)) || !reader.literal(" "))
        return std::nullopt;
    fields.day = reader.literal(" ") ? reader.number(1) : reader.number(2);
    if (!fields.day || !reader.literal(" ") || !readTime(reader, fields) || !reader.literal(" "))
        return std::nullopt;
    fields.year = reader.number(4);
    if (!fields.year || !reader.atEnd())
        return std::nullopt;
    return fields;
}

} // namespace

std::optional<std::chrono::sys_seconds> parseHttpDate(std::string_view text, std::chrono::system_clock::time_point now)
{
    using namespace std::chrono;
    auto parsed = readImfFixdate(DateReader(text));
    if (!parsed)
        parsed = readAsctimeDate(DateReader(text));
    const bool twoDigitYear = !parsed;
    if (!parsed)
        parsed = readRfc850Date(DateReader(text));
    if (!parsed)
        return std::nullopt;
    const DateFields& fields = *parsed;
    int yearValue = *fields.year;
    if (twoDigitYear) {
        // RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is in the previous century.
        const int currentYear = int(year_month_day(floor<days>(now)).year());
        yearValue += currentYear / 100 * 100;
        if (yearValue > currentYear + 50)
            yearValue -= 100;
    }
    const year_month_day date { year(yearValue), month(unsigned(*fields.month + 1)), day(unsigned(*fields.day)) };
    if (!date.ok() || *fields.hour > 23 || *fields.minute > 59 || *fields.second > 60)
        return std::nullopt;
    return sys_days(date) + hours(*fields.hour) + minutes(*fields.minute) + seconds(*fields.second);
}

} // namespace gantry::registry
