#include "registry/auth/credentialkeys.h"

#include <algorithm>
#include <cctype>

namespace gantry::registry {

namespace {

std::string lowered(std::string_view text)
{
    std::string result(text);
    std::ranges::transform(result, result.begin(), [](unsigned char c) { return std::tolower(c); });
    return result;
}

bool startsWithIgnoringCase(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && lowered(text.substr(0, prefix.size())) == prefix;
}

} // namespace

std::string normaliseRegistryHost(std::string_view host)
{
    std::string result = lowered(host);
    if (result == "index.docker.io" || result == "registry-1.docker.io")
        return "docker.io";
    return result;
}

std::string normaliseCredentialKey(std::string_view key)
{
    bool hadScheme = false;
    for (std::string_view scheme : { "http://", "https://" }) {
        if (startsWithIgnoringCase(key, scheme)) {
            key.remove_prefix(scheme.size());
            hadScheme = true;
            break;
        }
    }
    const std::size_t slash = key.find('/');
    const std::string host = normaliseRegistryHost(key.substr(0, slash));
    if (hadScheme || slash == std::string_view::npos)
        return host;
    std::string_view path = key.substr(slash);
    while (!path.empty() && path.back() == '/')
        path.remove_suffix(1);
    return host + std::string(path);
}

std::vector<std::string> credentialKeyCandidates(const std::string& host, std::string_view repository)
{
    while (!repository.empty() && repository.front() == '/')
        repository.remove_prefix(1);
    while (!repository.empty() && repository.back() == '/')
        repository.remove_suffix(1);
    std::string key = repository.empty() ? host : host + "/" + std::string(repository);
    std::vector<std::string> candidates;
    for (;;) {
        candidates.push_back(key);
        if (key.size() <= host.size())
            break;
        key.resize(key.rfind('/'));
    }
    return candidates;
}

} // namespace gantry::registry
