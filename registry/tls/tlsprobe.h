#pragma once

#include "base/error.h"
#include "registry/tls/certificateinfo.h"
#include "registry/tls/probetarget.h"

#include <atomic>
#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::registry {

/// Why a probe did not get a usable answer. An untrusted chain is not a failure (see ProbeResult::trusted).
enum class ProbeFailure {
    None,
    Refused, ///< nothing listens on the port
    TimedOut, ///< no connection or no complete handshake within the target's timeout
    NotTls, ///< something answered, but not TLS (a plain HTTP server, say)
    NameMismatch, ///< the handshake worked but the leaf certificate is for another name
    HandshakeFailed, ///< TLS, but the handshake failed (alert, connection closed, no certificate)
    DnsFailed, ///< the host name does not resolve
    Network, ///< unreachable host or network, reset connection, no socket
    Cancelled, ///< the caller cancelled before the probe finished
};

/// "refused", "timed out", "not TLS", "name mismatch", "handshake failed", "DNS failed", …
std::string_view toString(ProbeFailure failure);

/// What one probe found.
struct ProbeResult
{
    /// As served, leaf first; filled whenever the handshake got that far, also for an untrusted
    /// chain, a name mismatch and a handshake that failed after the server's certificates.
    std::vector<CertificateInfo> chain;
    bool trusted = false; ///< the served chain verifies against the target's CAs (names aside)
    std::string trustError; ///< why not: "self-signed certificate", "certificate has expired", …
    ProbeFailure failure = ProbeFailure::None;
    std::string error; ///< one sentence naming the endpoint; empty without a failure
    std::chrono::milliseconds elapsed { 0 };
};

/// Connects, completes a TLS 1.2+ handshake and reads the served chain; sends no credential and
/// no request. Never takes much longer than `target.timeout`; stops soon after `cancelled` is set.
/// Safe to call from several threads at once.
ProbeResult probeTls(const ProbeTarget& target, const std::atomic_bool* cancelled = nullptr);

/// Probes all targets, `concurrency` at once; results in input order. The total time is about
/// the slowest probe's time × ceil(targets / concurrency), at most.
std::vector<ProbeResult> probeAll(
    std::span<const ProbeTarget> targets, int concurrency = 32, const std::atomic_bool* cancelled = nullptr);

} // namespace gantry::registry
