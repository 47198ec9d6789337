// Header values a registry, a token service or anything in between sends: Link, WWW-Authenticate,
// Retry-After and HTTP-dates, and the URLs pagination follows. The whole input is each header's
// value; for resolveSameOrigin its first line is the base URL and the rest the link target.
#include "registry/http/httpheaders.h"

#include "fuzz/fuzzinput.h"
#include "registry/http/httpdate.h"

#include <algorithm>
#include <cctype>

using gantry::fuzz::require;
using namespace gantry::registry;

namespace {

bool isLowerCase(std::string_view text)
{
    return std::ranges::none_of(text, [](unsigned char c) { return std::isupper(c); });
}

// A fixed "now" keeps every run of an input the same.
const auto now = std::chrono::system_clock::time_point(std::chrono::sys_days(std::chrono::year(2026) / 12 / 4));

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto text = gantry::fuzz::textOf(data, size);

    for (const auto& challenge : parseWwwAuthenticate(text)) {
        require(!challenge.scheme.empty() && isLowerCase(challenge.scheme), "schemes are lower-case");
        for (const auto& [key, value] : challenge.params)
            require(!key.empty() && isLowerCase(key), "parameter names are lower-case");
    }

    if (const auto next = nextLinkTarget(text))
        require(!next->empty(), "a next link is never empty");

    if (const auto delay = parseRetryAfter(text, now))
        require(delay->count() >= 0 && delay->count() <= 2147483647, "Retry-After is within 0..2^31-1 s");
    (void)parseHttpDate(text, now);

    const auto origin = originOf(text);
    require(origin.empty() || origin.starts_with("http://") || origin.starts_with("https://"),
        "an origin is http or https");

    const auto [base, target] = gantry::fuzz::firstLineAndRest(text);
    if (const auto resolved = resolveSameOrigin(base, target)) {
        require(!originOf(*resolved).empty() && originOf(*resolved) == originOf(base),
            "a resolved link stays on the base URL's origin");
    } else {
        require(!resolved.error().message.empty(), "an error says what is wrong");
    }
    return 0;
}
