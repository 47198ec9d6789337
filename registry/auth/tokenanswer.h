#pragma once

#include "base/error.h"

#include <chrono>
#include <string>
#include <string_view>

namespace gantry::registry {

/// What a token service granted: the bearer token and how long it lives.
struct TokenAnswer
{
    std::string token;
    std::chrono::seconds lifetime { 60 };
};

/// Parses the JSON body of a token service's 200 answer (Docker token auth): `token`, else OAuth2's
/// `access_token`; `expires_in` in seconds, at least the spec's default of 60 and at most a day.
/// Protocol error naming `tokenHost` when the body is not a JSON object or grants no token.
Result<TokenAnswer> parseTokenAnswer(std::string_view body, std::string_view tokenHost);

} // namespace gantry::registry
