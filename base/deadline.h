#pragma once

#include <chrono>
#include <string>

namespace gantry::registry {

using SteadyClock = std::chrono::steady_clock;

/// What poll() should wait for to wake at `deadline`: 0 once it has passed, never more than `cap`.
int pollMilliseconds(SteadyClock::time_point deadline, std::chrono::milliseconds cap = std::chrono::minutes(1));

/// "3 s" for whole seconds, "500 ms" otherwise: how error messages quote a time limit.
std::string describeDuration(std::chrono::milliseconds duration);

} // namespace gantry::registry
