#pragma once

#include "base/deadline.h"
#include "registry/http/transferlimits.h"

#include <cstdint>
#include <optional>
#include <string>

namespace gantry::registry {

/// Holds one attempt to its TransferLimits, from curl's progress reports: the answer must start
/// within `firstByte` of the request's last byte, and a body being sent or received must keep
/// moving. Connect time is curl's own limit. Not thread-safe: one attempt, one thread.
class TransferWatch
{
public:
    TransferWatch(const TransferLimits& limits, bool sendsBody, SteadyClock::time_point now);

    /// The answer's first byte (its status line) has arrived.
    void answerStarted();
    bool answering() const { return m_phase == Phase::Receiving; }
    /// nullopt while the attempt is within its limits; otherwise why it is given up, as the end
    /// of a sentence that starts with the host ("sent no answer within 30 s").
    std::optional<std::string> check(
        std::int64_t sent, std::int64_t toSend, std::int64_t received, SteadyClock::time_point now);

private:
    enum class Phase { Sending, Waiting, Receiving };
    std::optional<std::string> checkMoving(std::int64_t moved, SteadyClock::time_point now);

    TransferLimits m_limits;
    Phase m_phase;
    SteadyClock::time_point m_waitingSince;
    bool m_windowOpen = false;
    SteadyClock::time_point m_windowStart;
    std::int64_t m_windowBytes = 0;
};

} // namespace gantry::registry
