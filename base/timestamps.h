#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gantry::registry {

using Timestamp = std::chrono::sys_seconds;

/// Parses RFC 3339 (`2024-05-01T12:30:00Z`, fractions and `+02:00` offsets allowed), as image
/// configs and OCI annotations write it. Anything else is nullopt.
std::optional<Timestamp> parseRfc3339(std::string_view text);
/// `2024-05-01T12:30:00Z`
std::string formatRfc3339(Timestamp time);

} // namespace gantry::registry
