#include "model/workspace/yamlfields.h"

#include "model/workspace/jsonreader.h"

#include <algorithm>

namespace gantry::model {

namespace {

std::string describe(const YAML::Node& node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return "a map";
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Scalar:
        return "a single value";
    default:
        return "null";
    }
}

int lineOf(const YAML::Node& node)
{
    return node.Mark().line + 1;
}

} // namespace

void KubeconfigProblems::add(const std::string& file, int line, const std::string& field, const std::string& what)
{
    auto it = std::find_if(m_files.begin(), m_files.end(), [&](const auto& entry) { return entry.first == file; });
    if (it == m_files.end())
        it = m_files.insert(m_files.end(), { file, {} });
    // Two contexts sharing a broken cluster would otherwise report it twice.
    Problem problem { line, "line " + std::to_string(line) + ": " + (field.empty() ? what : field + ": " + what) };
    if (std::find(it->second.begin(), it->second.end(), problem) == it->second.end())
        it->second.push_back(std::move(problem));
}

registry::Error KubeconfigProblems::error() const
{
    std::string message;
    for (auto [file, problems] : m_files) {
        message += (message.empty() ? "" : "\n") + file + " is not a valid kubeconfig:";
        // Contexts are resolved after the whole file is read: their problems come in late.
        std::ranges::stable_sort(problems, {}, &Problem::line);
        for (const auto& problem : problems)
            message += "\n  " + problem.text;
    }
    return registry::fail(registry::ErrorKind::InvalidInput, std::move(message)).error();
}

YamlFields::YamlFields(KubeconfigProblems& problems, std::string file)
    : m_problems(problems)
    , m_file(std::move(file))
{
}

void YamlFields::problem(int line, const std::string& field, const std::string& what)
{
    m_problems.add(m_file, line, field, what);
}

std::optional<YamlField> YamlFields::find(const YamlField& map, std::string_view key) const
{
    // Iterating instead of operator[]: that throws on scalars and returns invalid nodes for
    // missing keys, which throw on the next use.
    for (const auto& entry : map.node) {
        if (entry.first.IsScalar() && entry.first.Scalar() == key) {
            if (entry.second.IsNull())
                return std::nullopt;
            return YamlField { entry.second, lineOf(entry.first) };
        }
    }
    return std::nullopt;
}

bool YamlFields::isMap(const YamlField& value, const std::string& field)
{
    if (value.node.IsMap())
        return true;
    problem(value.line, field, "must be a map, not " + describe(value.node));
    return false;
}

std::vector<YamlField> YamlFields::items(const YamlField& value, const std::string& field)
{
    std::vector<YamlField> items;
    if (!value.node.IsSequence()) {
        problem(value.line, field, "must be a list, not " + describe(value.node));
        return items;
    }
    for (const auto& item : value.node)
        items.push_back({ item, lineOf(item) });
    return items;
}

std::optional<std::string> YamlFields::string(
    const YamlField& map, std::string_view key, const std::string& field, bool required)
{
    const auto value = find(map, key);
    const std::string path = fieldPath(field, std::string(key));
    if (value && !value->node.IsScalar()) {
        problem(value->line, path, "must be a single value, not " + describe(value->node));
        return std::nullopt;
    }
    if (!value || value->node.Scalar().empty()) {
        if (required)
            problem(value ? value->line : map.line, path, "is missing");
        return std::nullopt;
    }
    return value->node.Scalar();
}

bool YamlFields::boolean(const YamlField& map, std::string_view key, const std::string& field)
{
    const auto value = find(map, key);
    bool result = false;
    if (value && !YAML::convert<bool>::decode(value->node, result))
        problem(value->line, fieldPath(field, std::string(key)),
            value->node.IsScalar() ? std::string("must be true or false")
                                   : "must be true or false, not " + describe(value->node));
    return result;
}

void YamlFields::rejectUnknownKeys(const YamlField& map, const std::string& field, const std::set<std::string>& known)
{
    std::string names;
    for (const auto& name : known)
        names += (names.empty() ? "" : ", ") + name;
    for (const auto& entry : map.node) {
        const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
        if (!known.contains(key))
            problem(lineOf(entry.first), fieldPath(field, key), "unknown key (known here: " + names + ")");
    }
}

} // namespace gantry::model
