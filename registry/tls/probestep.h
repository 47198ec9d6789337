#pragma once

#include "base/deadline.h"
#include "registry/tls/tlsprobe.h"

#include <atomic>
#include <expected>
#include <string>
#include <string_view>

namespace gantry::registry {

/// Why one step of a probe failed; `reason` continues a sentence that starts with the endpoint:
/// "refused the connection", "did not complete the TLS handshake within 3 s".
struct ProbeError
{
    ProbeFailure failure = ProbeFailure::Network;
    std::string reason;
};

template<typename T> using ProbeStep = std::expected<T, ProbeError>;

inline std::unexpected<ProbeError> probeFailed(ProbeFailure failure, std::string reason)
{
    return std::unexpected(ProbeError { failure, std::move(reason) });
}

/// The single deadline of one probe (lookup, connect and handshake share it) and the caller's cancel flag.
class ProbeDeadline
{
public:
    ProbeDeadline(std::chrono::milliseconds budget, const std::atomic_bool* cancelled);

    SteadyClock::time_point at() const { return m_at; }
    bool isCancelled() const { return m_cancelled && *m_cancelled; }
    /// How long to sleep at most before looking at the cancel flag again.
    std::chrono::milliseconds slice() const;

    /// Waits until `fd` is ready for `events` (poll's); TimedOut "did not <action> within …" or Cancelled.
    ProbeStep<void> waitFor(int fd, short events, std::string_view action) const;
    ProbeError timedOut(std::string_view action) const;
    static ProbeError cancelled();

private:
    std::chrono::milliseconds m_budget;
    SteadyClock::time_point m_at;
    const std::atomic_bool* m_cancelled;
};

} // namespace gantry::registry
