#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gantry::registry {

/// Feeds a streamed request body: fills `buffer` with up to `capacity` bytes and returns how many;
/// 0 means the body is complete; nullopt aborts the request (the reader keeps its reason).
using BodyReader = std::function<std::optional<std::size_t>(char* buffer, std::size_t capacity)>;
/// Takes a streamed response body chunk by chunk; false aborts the transfer.
using BodySink = std::function<bool(const char* data, std::size_t size)>;

struct HttpRequest
{
    std::string method = "GET";
    std::string url;
    std::vector<std::string> headers; ///< "Name: value"
    std::string body; ///< an in-memory body (manifests, forms); replayable
    BodyReader bodyReader; ///< a streamed body of `bodySize` bytes; never replayed
    std::int64_t bodySize = -1;
    BodySink bodySink; ///< when set, the response body is streamed here instead of kept
    std::size_t maxBodyBytes = 64 * 1024; ///< cap on a kept body; larger is a TooLarge error
    /// TCP and TLS handshake, instead of the transport's TransferLimits::connect.
    std::optional<std::chrono::milliseconds> connectTimeout;
    bool retryTransient = true; ///< false: one attempt, whatever the failure
    const std::atomic_bool* cancelled = nullptr;

    bool isReplayable() const { return !bodyReader; }
};

struct HttpResponse
{
    long status = 0;
    std::vector<std::pair<std::string, std::string>> headers; ///< names in lower case
    std::string body;
    std::string url; ///< the URL that answered

    /// The first header of that (lower-case) name, or empty.
    std::string header(std::string_view lowerCaseName) const;
    std::vector<std::string> headerValues(std::string_view lowerCaseName) const;
};

} // namespace gantry::registry
