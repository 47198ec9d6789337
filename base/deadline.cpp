#include "base/deadline.h"

#include <algorithm>

namespace gantry::registry {

int pollMilliseconds(SteadyClock::time_point deadline, std::chrono::milliseconds cap)
{
    // Rounded up: rounding down would wake a millisecond early and spin once more.
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, cap.count()));
}

std::string describeDuration(std::chrono::milliseconds duration)
{
    if (duration.count() % 1000 == 0)
        return std::to_string(duration.count() / 1000) + " s";
    return std::to_string(duration.count()) + " ms";
}

} // namespace gantry::registry
