#include "model/workspace/jsonreader.h"

namespace gantry::model {

std::string fieldPath(const std::string& parent, const std::string& key)
{
    return parent.empty() ? key : parent + "." + key;
}

std::string fieldPath(const std::string& parent, std::size_t index)
{
    return parent + "[" + std::to_string(index) + "]";
}

std::string describeJsonType(const nlohmann::json& value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::null:
        return "null";
    case nlohmann::json::value_t::object:
        return "an object";
    case nlohmann::json::value_t::array:
        return "a list";
    case nlohmann::json::value_t::string:
        return "a string";
    case nlohmann::json::value_t::boolean:
        return "true or false";
    case nlohmann::json::value_t::number_float:
        return "a fractional number";
    default:
        return "a number";
    }
}

void JsonReader::problem(const std::string& field, const std::string& what)
{
    m_problems.push_back(field.empty() ? what : field + ": " + what);
}

bool JsonReader::expectObject(const nlohmann::json& value, const std::string& field, const std::set<std::string>& known)
{
    if (!value.is_object()) {
        problem(field, "must be an object, not " + describeJsonType(value));
        return false;
    }
    for (const auto& [key, unused] : value.items()) {
        if (known.contains(key))
            continue;
        std::string names;
        for (const auto& name : known)
            names += (names.empty() ? "" : ", ") + name;
        // A typo such as "minimumSaok" would otherwise silently drop a guard.
        problem(fieldPath(field, key), "unknown key (known here: " + names + ")");
    }
    return true;
}

bool JsonReader::expectArray(const nlohmann::json& value, const std::string& field)
{
    if (value.is_array())
        return true;
    problem(field, "must be a list, not " + describeJsonType(value));
    return false;
}

std::optional<std::string> JsonReader::string(
    const nlohmann::json& object, const std::string& key, const std::string& field, bool required)
{
    const auto it = object.find(key);
    if (it == object.end()) {
        if (required)
            problem(fieldPath(field, key), "is missing");
        return std::nullopt;
    }
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
        problem(fieldPath(field, key),
            it->is_string() ? std::string("must not be empty") : "must be a string, not " + describeJsonType(*it));
        return std::nullopt;
    }
    return it->get<std::string>();
}

std::optional<long long> JsonReader::integer(const nlohmann::json& object, const std::string& key,
    const std::string& field, long long minimum, long long maximum)
{
    const auto it = object.find(key);
    if (it == object.end())
        return std::nullopt;
    const auto outOfRange = [&](const std::string& suffix) {
        problem(fieldPath(field, key),
            "must be a whole number from " + std::to_string(minimum) + " to " + std::to_string(maximum) + suffix);
        return std::nullopt;
    };
    if (!it->is_number_integer())
        return outOfRange(", not " + describeJsonType(*it));
    // Unsigned values beyond long long's range are out of any range we accept.
    if (it->is_number_unsigned() && it->get<unsigned long long>() > static_cast<unsigned long long>(maximum))
        return outOfRange({});
    const long long value = it->get<long long>();
    if (value < minimum || value > maximum)
        return outOfRange({});
    return value;
}

std::optional<bool> JsonReader::boolean(const nlohmann::json& object, const std::string& key, const std::string& field)
{
    const auto it = object.find(key);
    if (it == object.end())
        return std::nullopt;
    if (!it->is_boolean()) {
        problem(fieldPath(field, key), "must be true or false, not " + describeJsonType(*it));
        return std::nullopt;
    }
    return it->get<bool>();
}

std::vector<std::string> JsonReader::strings(
    const nlohmann::json& object, const std::string& key, const std::string& field)
{
    std::vector<std::string> values;
    const auto it = object.find(key);
    if (it == object.end() || !expectArray(*it, fieldPath(field, key)))
        return values;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& item = (*it)[i];
        if (item.is_string() && !item.get_ref<const std::string&>().empty())
            values.push_back(item.get<std::string>());
        else
            problem(fieldPath(fieldPath(field, key), i), "must be a non-empty string, not " + describeJsonType(item));
    }
    return values;
}

} // namespace gantry::model
