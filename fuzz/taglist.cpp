// The JSON body of a /v2/<name>/tags/list (or /v2/_catalog) page, as a registry answers it.
#include "fuzz/fuzzinput.h"
#include "registry/image/listingpage.h"

using gantry::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto text = gantry::fuzz::textOf(data, size);
    for (const char* key : { "tags", "repositories" }) {
        const auto names = gantry::registry::parseListingPage(text, key, "listing tags of fuzz/input");
        require(names || !names.error().message.empty(), "an error says what is wrong");
    }
    return 0;
}
