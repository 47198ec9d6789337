#include "model/workspace/duration.h"

#include <array>
#include <charconv>
#include <utility>

namespace gantry::model {

namespace {

constexpr std::array<std::pair<char, long long>, 5> units { { { 'w', 7 * 86400 }, { 'd', 86400 }, { 'h', 3600 },
    { 'm', 60 }, { 's', 1 } } };

// Ten years: longer is a typo, and it keeps the sum far from overflow.
constexpr long long maximumSeconds = 10LL * 366 * 86400;

} // namespace

std::optional<std::chrono::seconds> parseDuration(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    long long total = 0;
    std::size_t pos = 0;
    std::size_t lastUnit = 0; // units must come largest first, each once: "1h1d" is a typo
    while (pos < text.size()) {
        long long amount = 0;
        const auto [end, error] = std::from_chars(text.data() + pos, text.data() + text.size(), amount);
        if (error != std::errc() || end == text.data() + pos || amount < 0 || amount > maximumSeconds)
            return std::nullopt;
        pos = static_cast<std::size_t>(end - text.data());
        if (pos == text.size())
            return std::nullopt; // a number without its unit
        std::size_t unit = lastUnit;
        while (unit < units.size() && units[unit].first != text[pos])
            ++unit;
        if (unit == units.size())
            return std::nullopt;
        total += amount * units[unit].second;
        if (total > maximumSeconds)
            return std::nullopt;
        lastUnit = unit + 1;
        ++pos;
    }
    return std::chrono::seconds(total);
}

std::string formatDuration(std::chrono::seconds duration)
{
    long long rest = duration.count();
    if (rest <= 0)
        return "0s";
    std::string text;
    // Weeks read worse than days in messages ("soaks 10d"), so they are parsed but not written.
    for (const auto& [unit, seconds] : units) {
        if (unit == 'w' || rest < seconds)
            continue;
        text += std::to_string(rest / seconds) + unit;
        rest %= seconds;
    }
    return text;
}

} // namespace gantry::model
