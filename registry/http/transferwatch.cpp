#include "registry/http/transferwatch.h"

#include <algorithm>

namespace gantry::registry {

TransferWatch::TransferWatch(const TransferLimits& limits, bool sendsBody, SteadyClock::time_point now)
    : m_limits(limits)
    , m_phase(sendsBody ? Phase::Sending : Phase::Waiting)
    , m_waitingSince(now)
{
}

void TransferWatch::answerStarted()
{
    // An answer may come before the body is all sent (a 401 or 413, say): from now on the answer counts.
    m_phase = Phase::Receiving;
    m_windowOpen = false;
}

std::optional<std::string> TransferWatch::check(
    std::int64_t sent, std::int64_t toSend, std::int64_t received, SteadyClock::time_point now)
{
    if (m_phase == Phase::Sending && toSend > 0 && sent >= toSend) {
        m_phase = Phase::Waiting;
        m_waitingSince = now;
    }
    switch (m_phase) {
    case Phase::Sending:
        return checkMoving(sent, now);
    case Phase::Waiting:
        if (now - m_waitingSince >= m_limits.firstByte)
            return "sent no answer within " + describeDuration(m_limits.firstByte);
        return std::nullopt;
    case Phase::Receiving:
        return checkMoving(received, now);
    }
    return std::nullopt;
}

std::optional<std::string> TransferWatch::checkMoving(std::int64_t moved, SteadyClock::time_point now)
{
    if (!m_windowOpen || moved < m_windowBytes) {
        m_windowOpen = true;
        m_windowStart = now;
        m_windowBytes = moved;
        return std::nullopt;
    }
    if (now - m_windowStart < m_limits.stallWindow)
        return std::nullopt;
    const auto windowMs = std::chrono::duration_cast<std::chrono::milliseconds>(m_limits.stallWindow).count();
    const std::int64_t needed = std::max<std::int64_t>(1, m_limits.minimumBytesPerSecond * windowMs / 1000);
    if (moved - m_windowBytes < needed)
        return "stalled: fewer than " + std::to_string(m_limits.minimumBytesPerSecond) + " bytes a second for "
            + describeDuration(m_limits.stallWindow);
    m_windowStart = now;
    m_windowBytes = moved;
    return std::nullopt;
}

} // namespace gantry::registry
