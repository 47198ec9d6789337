#pragma once

#include "base/error.h"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::registry {

/// One challenge of a `WWW-Authenticate` header (RFC 7235).
struct AuthChallenge
{
    std::string scheme; ///< lower-case: "basic", "bearer"
    std::map<std::string, std::string> params; ///< lower-case keys: realm, service, scope, error; values unquoted
    std::string token68; ///< the `token68` form (`Negotiate abc==`), when the challenge has one instead of params

    bool operator==(const AuthChallenge&) const = default;
};

/// Every challenge in one `WWW-Authenticate` value, in order: several challenges separated by
/// commas, quoted-string parameters with backslash escapes, token68, unquoted values, any
/// whitespace. A parameter given twice keeps its first value. Anything malformed gives an empty
/// vector: a client must not guess a realm out of garbage.
std::vector<AuthChallenge> parseWwwAuthenticate(std::string_view value);

/// The URI inside `<…>` of the first link whose `rel` includes `next` (RFC 8288; `rel` quoted or
/// not, matched case-insensitively, several links separated by commas). Not resolved: see
/// resolveSameOrigin. nullopt when there is no such link, the header is malformed or the target
/// is empty (an empty target would fetch the same page forever).
std::optional<std::string> nextLinkTarget(std::string_view linkHeader);

/// Resolves `target` (absolute, `/v2/…?last=x&n=100`, or a relative path) against `baseUrl`
/// (`https://host:port/v2/_catalog?n=100`), dropping any fragment. Protocol error when the
/// result is on another origin (scheme, host or port), since pagination must stay on the
/// registry, or when either URL is malformed, empty, or holds spaces or control bytes.
Result<std::string> resolveSameOrigin(std::string_view baseUrl, std::string_view target);

/// How long a `Retry-After` value asks to wait: delay-seconds, or an HTTP-date (IMF-fixdate,
/// RFC 850 or asctime) measured from `now`, rounded up. A date in the past is zero. Values are
/// capped at 2^31-1 seconds so a caller can add them to a time point safely. nullopt when malformed.
std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value, std::chrono::system_clock::time_point now);

/// `scheme://host:port` in lower case with the default port made explicit
/// (`https://Registry.example.com/v2/` → `https://registry.example.com:443`), to decide whether a
/// redirect stays on the registry's host. Empty when `url` is not an absolute http or https URL:
/// two empty origins must never be taken as equal.
std::string originOf(std::string_view url);

} // namespace gantry::registry
