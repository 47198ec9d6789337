#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gantry::model {

/// Reads a JSON document a user wrote (a workspace) and collects every problem with the path of
/// the field it concerns (`pipelines[0].stages[2].registry: …`), so one run shows them all.
/// Readers return a fallback after a problem, so the caller reads on instead of stopping.
class JsonReader
{
public:
    void problem(const std::string& field, const std::string& what);
    const std::vector<std::string>& problems() const { return m_problems; }
    bool ok() const { return m_problems.empty(); }

    /// True when `value` is an object; reports every key not in `known` ("unknown key … (known: …)").
    bool expectObject(const nlohmann::json& value, const std::string& field, const std::set<std::string>& known);
    bool expectArray(const nlohmann::json& value, const std::string& field);

    std::optional<std::string> string(
        const nlohmann::json& object, const std::string& key, const std::string& field, bool required);
    std::optional<long long> integer(const nlohmann::json& object, const std::string& key, const std::string& field,
        long long minimum, long long maximum);
    std::optional<bool> boolean(const nlohmann::json& object, const std::string& key, const std::string& field);
    /// A list of strings; missing means empty.
    std::vector<std::string> strings(const nlohmann::json& object, const std::string& key, const std::string& field);

private:
    std::vector<std::string> m_problems;
};

/// `parent.key` or `key` at the top.
std::string fieldPath(const std::string& parent, const std::string& key);
/// `parent[index]`
std::string fieldPath(const std::string& parent, std::size_t index);
/// A JSON type for messages: "a string", "a number", "an object"…
std::string describeJsonType(const nlohmann::json& value);

} // namespace gantry::model
