#include "registry/auth/tokenanswer.h"

#include "base/jsonfields.h"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace gantry::registry {

namespace {

// The spec's default lifetime; a shorter one would have every request fetch a token.
constexpr std::int64_t minimumLifetime = 60;
// A token service answering years must not make the cached expiry overflow the clock.
constexpr std::int64_t maximumLifetime = 24 * 60 * 60;

std::int64_t lifetimeOf(const nlohmann::json& expiresIn)
{
    if (expiresIn.is_number_unsigned())
        return static_cast<std::int64_t>(std::min<std::uint64_t>(expiresIn.get<std::uint64_t>(), maximumLifetime));
    if (expiresIn.is_number_integer())
        return std::clamp<std::int64_t>(expiresIn.get<std::int64_t>(), minimumLifetime, maximumLifetime);
    return minimumLifetime;
}

} // namespace

Result<TokenAnswer> parseTokenAnswer(std::string_view body, std::string_view tokenHost)
{
    const auto document = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!document.is_object())
        return fail(ErrorKind::Protocol, "the token service " + std::string(tokenHost) + " did not answer JSON");
    TokenAnswer answer;
    answer.token = stringField(document, "token");
    if (answer.token.empty())
        answer.token = stringField(document, "access_token");
    if (answer.token.empty())
        return fail(ErrorKind::Protocol, "the token service " + std::string(tokenHost) + " answered without a token");
    if (const auto expiresIn = document.find("expires_in"); expiresIn != document.end())
        answer.lifetime = std::chrono::seconds(std::max(lifetimeOf(*expiresIn), minimumLifetime));
    return answer;
}

} // namespace gantry::registry
