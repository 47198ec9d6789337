#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace gantry::registry {

/// What went wrong, coarse enough for a caller to decide what to do next.
enum class ErrorKind {
    InvalidInput, ///< the user's input (reference, file, option) is malformed
    NotFound, ///< repository, tag, manifest or blob does not exist
    Unauthorized, ///< credentials missing, wrong, or refused by the token service
    Denied, ///< authenticated, but not allowed
    Network, ///< connection refused, reset, dropped, DNS failure
    Timeout, ///< no answer in time
    Tls, ///< certificate not trusted, name mismatch, handshake failure
    Protocol, ///< the server answered something that is not what the API promises
    DigestMismatch, ///< bytes do not hash to the digest they claim
    TooLarge, ///< a capped body (manifest, token, error) exceeded its cap
    Unsupported, ///< a valid thing Gantry does not handle (schema 1, foreign digest algorithm)
    Server, ///< the registry failed (5xx) after retries
    Cancelled, ///< the caller cancelled
    Io, ///< local file or process trouble
};

std::string_view toString(ErrorKind kind);

/// An error a user can act on: `message` is one sentence without credentials.
struct Error
{
    ErrorKind kind = ErrorKind::Protocol;
    std::string message;
    int httpStatus = 0; ///< 0 when there was no HTTP answer
    std::string registryCode; ///< e.g. MANIFEST_UNKNOWN, when the registry said so
    /// A write was sent and whether it landed cannot be told: its answer was lost (or named
    /// another digest) and reading the destination back failed too. Never journaled as failed.
    bool writeUncertain = false;
};

template<typename T> using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorKind kind, std::string message, int httpStatus = 0, std::string code = {})
{
    return std::unexpected(Error { kind, std::move(message), httpStatus, std::move(code) });
}

/// Prefixes context ("copying layer sha256:ab12…: ") to an error's message, keeping its kind.
Error withContext(Error error, std::string_view context);

} // namespace gantry::registry
