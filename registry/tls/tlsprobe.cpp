#include "registry/tls/tlsprobe.h"

#include "base/concurrently.h"
#include "registry/tls/chaintrust.h"
#include "registry/tls/tcpconnect.h"
#include "registry/tls/tlshandshake.h"
#include "registry/tls/x509certificates.h"

#include <openssl/err.h>

namespace gantry::registry {

namespace {

std::string endpointOf(const ProbeTarget& target)
{
    const bool ipv6 = target.host.find(':') != std::string::npos;
    return (ipv6 ? "[" + target.host + "]" : target.host) + ":" + std::to_string(target.port);
}

ProbeStep<void> probeInto(ProbeResult& result, const ProbeTarget& target, const ProbeDeadline& deadline)
{
    if (deadline.isCancelled())
        return std::unexpected(ProbeDeadline::cancelled());
    if (target.host.empty() || target.port < 1 || target.port > 65535)
        return probeFailed(ProbeFailure::Network, "is not an endpoint to connect to");
    auto socket = connectTcp(target.host, target.port, deadline);
    if (!socket)
        return std::unexpected(socket.error());
    const std::string& name = target.serverName.empty() ? target.host : target.serverName;
    const HandshakeOutcome handshake = tlsHandshake(*socket, name, deadline);
    SSL* ssl = handshake.ssl.get();
    STACK_OF(X509)* served = ssl ? SSL_get_peer_cert_chain(ssl) : nullptr;
    if (served)
        result.chain = describeChain(served);
    if (handshake.error)
        return std::unexpected(*handshake.error);
    X509* leaf = SSL_get0_peer_certificate(ssl);
    if (!leaf || !served)
        return probeFailed(ProbeFailure::HandshakeFailed, "completed the TLS handshake without a certificate");
    const ChainTrust trust = verifyServedChain(leaf, served, target.caPem);
    result.trusted = trust.trusted;
    result.trustError = trust.error;
    // A polite close_notify, sent at most once and never waited for; its errors do not matter
    // and must not linger in this thread's queue for the next OpenSSL user.
    SSL_shutdown(ssl);
    ERR_clear_error();
    if (!certificateNames(leaf, name))
        return probeFailed(ProbeFailure::NameMismatch, "serves a certificate that is not valid for " + name);
    return {};
}

} // namespace

std::string_view toString(ProbeFailure failure)
{
    switch (failure) {
    case ProbeFailure::None:
        return "none";
    case ProbeFailure::Refused:
        return "refused";
    case ProbeFailure::TimedOut:
        return "timed out";
    case ProbeFailure::NotTls:
        return "not TLS";
    case ProbeFailure::NameMismatch:
        return "name mismatch";
    case ProbeFailure::HandshakeFailed:
        return "handshake failed";
    case ProbeFailure::DnsFailed:
        return "DNS failed";
    case ProbeFailure::Network:
        return "network";
    case ProbeFailure::Cancelled:
        return "cancelled";
    }
    return "unknown";
}

ProbeResult probeTls(const ProbeTarget& target, const std::atomic_bool* cancelled)
{
    const auto started = SteadyClock::now();
    const ProbeDeadline deadline(target.timeout, cancelled);
    ProbeResult result;
    if (auto probed = probeInto(result, target, deadline); !probed) {
        result.failure = probed.error().failure;
        result.error = endpointOf(target) + " " + probed.error().reason;
    }
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - started);
    return result;
}

std::vector<ProbeResult> probeAll(
    std::span<const ProbeTarget> targets, int concurrency, const std::atomic_bool* cancelled)
{
    std::vector<ProbeResult> results(targets.size());
    // Probes report their failures in their results, so nothing here stops early: a cancelled
    // caller gets a Cancelled result for every target not probed to the end.
    std::atomic_bool neverStop { false };
    runConcurrently(targets.size(), concurrency, neverStop, [&](std::size_t index) -> Status {
        results[index] = probeTls(targets[index], cancelled);
        return {};
    });
    return results;
}

} // namespace gantry::registry
