#include "registry/image/listingpage.h"

#include <nlohmann/json.hpp>

namespace gantry::registry {

Result<std::vector<std::string>> parseListingPage(std::string_view body, const char* key, std::string_view what)
{
    const auto document = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!document.is_object())
        return fail(ErrorKind::Protocol, std::string(what) + ": the registry did not answer JSON");
    std::vector<std::string> names;
    const auto list = document.find(key);
    if (list != document.end() && list->is_array()) {
        for (const auto& item : *list) {
            if (item.is_string())
                names.push_back(item.get<std::string>());
        }
    } else if (list != document.end() && !list->is_null()) {
        return fail(ErrorKind::Protocol, std::string(what) + ": \"" + key + "\" is not a list");
    }
    return names;
}

} // namespace gantry::registry
