#pragma once

#include "base/deadline.h"
#include "base/error.h"
#include "registry/http/httpmessage.h"
#include "registry/http/tlssettings.h"
#include "registry/http/transferlimits.h"

#include <memory>
#include <mutex>
#include <vector>

namespace gantry::registry {

/// How often and how patiently transient failures are retried.
struct RetryPolicy
{
    int maxAttempts = 4;
    std::chrono::milliseconds firstBackoff { 200 };
    std::chrono::seconds maxRetryAfter { 30 }; ///< a longer Retry-After is not waited for
    /// A request, its retries and the waits between them end within this; only a streamed body
    /// that keeps moving may run past it (it is held to TransferLimits instead).
    std::chrono::milliseconds deadline { 60'000 };
};

/// HTTP over libcurl: a pool of easy handles, each keeping its connections alive, so several
/// threads can have requests in flight and each reuses a warm connection. HTTP/2 where TLS
/// offers it; TLS always verified. Redirects are not followed here: the registry session
/// decides which host may see which credential. Thread-safe.
class HttpTransport
{
public:
    explicit HttpTransport(
        TlsSettings tls = TlsSettings::fromEnvironment(), RetryPolicy retry = {}, TransferLimits limits = {});
    ~HttpTransport();
    HttpTransport(const HttpTransport&) = delete;
    HttpTransport& operator=(const HttpTransport&) = delete;

    /// One exchange. Transport failures (refused, reset, TLS, timeout) are errors; any HTTP
    /// status is a response. Retries network errors, timeouts, 408, 429 and 5xx with backoff
    /// (honouring Retry-After) while the request can be replayed, no body byte reached its sink
    /// and the retry policy's deadline leaves time for the wait.
    Result<HttpResponse> perform(const HttpRequest& request);

    /// Requests sent so far, retries included: for tests and benchmarks.
    int requestCount() const;

private:
    struct Attempt;
    Attempt performOnce(const HttpRequest& request, SteadyClock::time_point deadline);
    void* acquireHandle();
    void releaseHandle(void* handle);

    TlsSettings m_tls;
    RetryPolicy m_retry;
    TransferLimits m_limits;
    void* m_share = nullptr;
    std::mutex m_shareLocks[8];
    std::mutex m_poolMutex;
    std::vector<void*> m_idleHandles;
    std::atomic_int m_requestCount { 0 };
};

/// Error::registryCode of a TLS handshake that failed (for instance because the peer speaks plain HTTP).
inline constexpr std::string_view tlsHandshakeFailed = "TLS_HANDSHAKE_FAILED";

/// "host:port" of an absolute URL ("https://host:port/path" → "host:port").
std::string hostOfUrl(std::string_view url);

/// True for hosts Docker treats as local: localhost, 127.0.0.0/8 and ::1, with or without a port.
bool isLoopbackHost(std::string_view hostAndPort);

} // namespace gantry::registry
