#pragma once

#include "base/error.h"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace gantry::model {

/// Problems found in kubeconfig files, each with its file, line and field, reported together so
/// one run shows them all.
class KubeconfigProblems
{
public:
    void add(const std::string& file, int line, const std::string& field, const std::string& what);
    bool empty() const { return m_files.empty(); }
    /// InvalidInput: "FILE is not a valid kubeconfig:\n  line 14: contexts[1].context.cluster: …", per
    /// file in the order files were read, by line within a file.
    registry::Error error() const;

private:
    struct Problem
    {
        int line = 0;
        std::string text;
        bool operator==(const Problem&) const = default;
    };
    std::vector<std::pair<std::string, std::vector<Problem>>> m_files;
};

/// A value in a YAML document and the 1-based line of its key (or of the item, in a list).
struct YamlField
{
    YAML::Node node;
    int line = 0;
};

/// Reads fields of one YAML file, reporting problems with their field path and line. Problems
/// describe a value's type, never the value: kubeconfig files hold secrets.
class YamlFields
{
public:
    YamlFields(KubeconfigProblems& problems, std::string file);

    const std::string& file() const { return m_file; }
    void problem(int line, const std::string& field, const std::string& what);

    /// The value of `key` in `map`; nullopt when absent or null (kubectl treats null as unset).
    std::optional<YamlField> find(const YamlField& map, std::string_view key) const;
    /// True for a map; a problem for anything else.
    bool isMap(const YamlField& value, const std::string& field);
    /// The items of a list; a problem for anything else.
    std::vector<YamlField> items(const YamlField& value, const std::string& field);
    /// A scalar (an empty one counts as absent); a problem when not a scalar or when required and absent.
    std::optional<std::string> string(
        const YamlField& map, std::string_view key, const std::string& field, bool required = false);
    /// YAML 1.1 booleans (true, false, yes, no, on, off), as kubectl reads them; absent is false.
    bool boolean(const YamlField& map, std::string_view key, const std::string& field);
    /// Reports every key of `map` not in `known`: for Gantry's own sections, where a typo would drop a setting.
    void rejectUnknownKeys(const YamlField& map, const std::string& field, const std::set<std::string>& known);

private:
    KubeconfigProblems& m_problems;
    std::string m_file;
};

} // namespace gantry::model
