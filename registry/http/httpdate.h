#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace gantry::registry {

/// Parses an HTTP-date in any of the three forms RFC 9110 §5.6.7 allows (IMF-fixdate, RFC 850
/// with its two-digit year read relative to `now`, asctime). The weekday name is not checked
/// against the date. Anything else is nullopt.
std::optional<std::chrono::sys_seconds> parseHttpDate(std::string_view text, std::chrono::system_clock::time_point now);

} // namespace gantry::registry
