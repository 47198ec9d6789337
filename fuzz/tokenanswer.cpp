// The JSON a token service answers (Docker token auth, OAuth2), as the Authenticator reads it.
#include "registry/auth/tokenanswer.h"

#include "fuzz/fuzzinput.h"

using gantry::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto answer = gantry::registry::parseTokenAnswer(gantry::fuzz::textOf(data, size), "auth.example.org");
    if (answer) {
        require(!answer->token.empty(), "a granted token is not empty");
        // The Authenticator renews 5 s early and adds the lifetime to steady_clock::now().
        require(answer->lifetime >= std::chrono::seconds(60) && answer->lifetime <= std::chrono::hours(24),
            "a token lives 60 s to a day");
    } else {
        require(!answer.error().message.empty(), "an error says what is wrong");
    }
    return 0;
}
