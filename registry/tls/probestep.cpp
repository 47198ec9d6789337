#include "registry/tls/probestep.h"

#include <cerrno>
#include <cstring>
#include <poll.h>

namespace gantry::registry {

ProbeDeadline::ProbeDeadline(std::chrono::milliseconds budget, const std::atomic_bool* cancelled)
    : m_budget(budget)
    , m_at(SteadyClock::now() + budget)
    , m_cancelled(cancelled)
{
}

std::chrono::milliseconds ProbeDeadline::slice() const
{
    // Nobody can cancel without a flag, so then one sleep until the deadline is enough.
    return m_cancelled ? std::chrono::milliseconds(50) : std::chrono::minutes(1);
}

ProbeStep<void> ProbeDeadline::waitFor(int fd, short events, std::string_view action) const
{
    for (;;) {
        if (isCancelled())
            return std::unexpected(cancelled());
        const int wait = pollMilliseconds(m_at, slice());
        if (wait == 0)
            return std::unexpected(timedOut(action));
        pollfd entry { fd, events, 0 };
        const int ready = ::poll(&entry, 1, wait);
        if (ready > 0)
            return {};
        if (ready < 0 && errno != EINTR)
            return probeFailed(
                ProbeFailure::Network, "could not be waited for (" + std::string(std::strerror(errno)) + ")");
    }
}

ProbeError ProbeDeadline::timedOut(std::string_view action) const
{
    return { ProbeFailure::TimedOut, "did not " + std::string(action) + " within " + describeDuration(m_budget) };
}

ProbeError ProbeDeadline::cancelled()
{
    return { ProbeFailure::Cancelled, "was not probed to the end: cancelled" };
}

} // namespace gantry::registry
