#pragma once

#include "base/timestamps.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gantry::model {

/// A time when nothing may be promoted into a stage: once (a release weekend, the year-end
/// shutdown) or every week (Friday 16:00 to Monday 08:00 in the site's time zone).
struct FreezeWindow
{
    enum class Repeat { Once, Weekly };
    Repeat repeat = Repeat::Once;
    registry::Timestamp from {}; ///< Once: the first frozen second
    registry::Timestamp until {}; ///< Once: the first thawed second
    int fromMinuteOfWeek = 0; ///< Weekly: minutes since Monday 00:00, in `timeZone`
    int untilMinuteOfWeek = 0; ///< Weekly: may be before `fromMinuteOfWeek` (the window wraps the week)
    std::string timeZone = "UTC"; ///< Weekly: an IANA name
    std::string reason;

    bool contains(registry::Timestamp time) const;
    /// The first thawed second at or after `time`, for a time the window contains.
    registry::Timestamp endAfter(registry::Timestamp time) const;
    /// "2026-12-20T00:00:00Z to 2027-01-04T00:00:00Z", "weekly fri 16:00 to mon 08:00 Europe/Zurich"
    std::string description() const;
};

/// A stage that is frozen now: until when (back-to-back windows followed to the end) and why.
struct ActiveFreeze
{
    registry::Timestamp until;
    std::string reason;
};
std::optional<ActiveFreeze> activeFreeze(std::span<const FreezeWindow> windows, registry::Timestamp now);

/// `fri 16:00` → minutes since Monday 00:00; nullopt for anything else.
std::optional<int> parseWeekTime(std::string_view text);
std::string formatWeekTime(int minuteOfWeek);
/// Whether Qt knows the IANA time zone `name`.
bool isKnownTimeZone(const std::string& name);

} // namespace gantry::model
