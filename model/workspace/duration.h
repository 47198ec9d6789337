#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gantry::model {

/// Parses a duration as people write it in a workspace: `90s`, `30m`, `2h`, `3d`, `1w`, or a sum
/// such as `1d12h`. Zero (`0s`) is allowed; anything else (no unit, negative, fractions) is nullopt.
std::optional<std::chrono::seconds> parseDuration(std::string_view text);
/// The shortest form parseDuration reads back: `1d12h`, `30m`, `0s`.
std::string formatDuration(std::chrono::seconds duration);

} // namespace gantry::model
