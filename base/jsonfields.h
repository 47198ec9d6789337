#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace gantry::registry {

/// The string at `key` of a JSON object, or "" when it is missing or of another type. Answers
/// from registries are untrusted: nlohmann's value() throws on a type mismatch, this never does.
inline std::string stringField(const nlohmann::json& object, const char* key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace gantry::registry
