// A kubeconfig file as kubectl and cloud tools write it. Its path is in a folder that does not
// exist, so relative certificate files resolve to nothing real.
#include "model/workspace/kubeconfig.h"

#include "fuzz/fuzzinput.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>
#include <yaml-cpp/yaml.h>

using gantry::fuzz::require;

namespace {

const std::string path = "/nonexistent-fuzz/config";

std::size_t occurrences(std::string_view text, std::string_view value)
{
    std::size_t count = 0;
    for (auto at = text.find(value); at != std::string_view::npos; at = text.find(value, at + 1))
        ++count;
    return count;
}

// A value that fixed message text cannot spell: 8+ characters of letters, digits and -_./ with at
// least one letter and one digit (tokens, keys, passwords and paths mostly are), written once in
// the file, so that if it shows up it came from the users section. Messages join pieces with
// spaces, quotes and brackets, which such a value does not hold.
bool isDistinctive(const std::string& value, std::string_view text)
{
    const auto allowed
        = [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '/'; };
    return value.size() >= 8 && std::ranges::all_of(value, allowed)
        && std::ranges::any_of(value, [](unsigned char c) { return std::isdigit(c); })
        && std::ranges::any_of(value, [](unsigned char c) { return std::isalpha(c); }) && occurrences(text, value) == 1
        && path.find(value) == std::string::npos;
}

void collectScalars(const YAML::Node& node, std::string_view text, std::vector<std::string>& values)
{
    if (node.IsScalar()) {
        if (isDistinctive(node.Scalar(), text))
            values.push_back(node.Scalar());
    } else if (node.IsSequence()) {
        for (const auto& item : node)
            collectScalars(item, text, values);
    } else if (node.IsMap()) {
        for (const auto& entry : node)
            collectScalars(entry.second, text, values);
    }
}

// Every value under users[*].user (keys, tokens, passwords, exec, paths): none may reach a message.
std::vector<std::string> userValues(std::string_view text)
{
    std::vector<std::string> values;
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        if (!root.IsMap())
            return values;
        for (const auto& entry : root) {
            if (!entry.first.IsScalar() || entry.first.Scalar() != "users" || !entry.second.IsSequence())
                continue;
            for (const auto& user : entry.second) {
                if (user.IsMap()) {
                    for (const auto& field : user) {
                        if (field.first.IsScalar() && field.first.Scalar() == "user")
                            collectScalars(field.second, text, values);
                    }
                }
            }
        }
    } catch (const YAML::Exception&) {
        // Not YAML: parseKubeconfig reports only the fixed part of yaml-cpp's message.
    }
    return values;
}

bool revealsAny(const std::string& text, const std::vector<std::string>& values)
{
    return std::ranges::any_of(values, [&](const auto& value) { return text.find(value) != std::string::npos; });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto text = gantry::fuzz::textOf(data, size);
    const auto clusters = gantry::model::parseKubeconfig(text, path);
    const auto secrets = userValues(text);
    if (!clusters) {
        require(!clusters.error().message.empty(), "an error says what is wrong");
        require(!revealsAny(clusters.error().message, secrets), "messages never quote the users section");
        return 0;
    }
    for (const auto& cluster : *clusters) {
        require(!cluster.name.empty() && cluster.sourceFile == path, "contexts are named");
        // The client certificate's file is the one value of the users section a result names.
        for (const auto* field : { &cluster.name, &cluster.server, &cluster.tlsServerName, &cluster.caFile,
                 &cluster.site, &cluster.environment })
            require(!revealsAny(*field, secrets), "results never hold a credential");
    }
    return 0;
}
