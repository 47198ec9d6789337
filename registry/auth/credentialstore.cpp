#include "registry/auth/credentialstore.h"

#include "base/base64.h"
#include "registry/auth/credentialfile.h"
#include "registry/auth/credentialhelper.h"
#include "registry/auth/credentialkeys.h"

#include <algorithm>
#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

namespace gantry::registry {

namespace {

std::string environmentVariable(const char* name)
{
    const char* value = std::getenv(name);
    return value ? value : "";
}

std::string homeDirectory()
{
    if (std::string home = environmentVariable("HOME"); !home.empty())
        return home;
    passwd entry {};
    passwd* found = nullptr;
    char buffer[4096];
    if (getpwuid_r(getuid(), &entry, buffer, sizeof buffer, &found) == 0 && found && found->pw_dir)
        return found->pw_dir;
    return {};
}

bool isDockerHub(const std::string& host)
{
    return host == "docker.io";
}

// The name a helper is asked for: Docker says https://index.docker.io/v1/ for Docker Hub, containers/image
// says docker.io; each helper holds what its own tool's login stored.
std::string helperServerUrl(CredentialFileFormat format, const std::string& host)
{
    if (format == CredentialFileFormat::DockerConfig && isDockerHub(host))
        return std::string(dockerHubServerUrl);
    return host;
}

// Keys compared as written before any normalisation, in the order each tool would try them.
std::vector<std::string> exactKeysFor(CredentialFileFormat format, const std::string& candidate)
{
    if (!isDockerHub(candidate))
        return { candidate };
    if (format == CredentialFileFormat::DockerConfig)
        return { std::string(dockerHubServerUrl), candidate };
    return { candidate, std::string(dockerHubServerUrl) };
}

template<typename Value>
const std::pair<const std::string, Value>* findByKey(
    const std::map<std::string, Value>& map, CredentialFileFormat format, const std::string& candidate)
{
    for (const std::string& key : exactKeysFor(format, candidate)) {
        if (const auto it = map.find(key); it != map.end())
            return &*it;
    }
    for (const auto& item : map) {
        if (normaliseCredentialKey(item.first) == candidate)
            return &item;
    }
    return nullptr;
}

// The helper that decides for this host alone, if any; "" from credHelpers means "use auths".
struct HelperChoice
{
    std::string name;
    std::string namedBy; ///< "credHelpers" or "credsStore", for messages
};

std::optional<HelperChoice> helperChoice(
    const CredentialFileContents& contents, CredentialFileFormat format, const std::string& host)
{
    if (const auto* entry = findByKey(contents.credHelpers, format, host))
        return HelperChoice { entry->second, "credHelpers" };
    if (format == CredentialFileFormat::DockerConfig && !contents.credsStore.empty())
        return HelperChoice { contents.credsStore, "credsStore" };
    return std::nullopt;
}

Result<std::optional<Credential>> decodeEntry(
    const AuthFileEntry& entry, const std::string& path, const std::string& key)
{
    Credential credential;
    credential.identityToken = entry.identityToken;
    if (!entry.auth.empty()) {
        const std::string where = path + ": the \"auth\" field for \"" + key + "\"";
        auto decoded = base64Decode(entry.auth);
        if (!decoded)
            return fail(ErrorKind::InvalidInput, where + " " + decoded.error().message);
        // The user name cannot hold ':', the password can: split at the first one.
        const std::size_t colon = decoded->find(':');
        if (colon == std::string::npos || colon == 0)
            return fail(ErrorKind::InvalidInput, where + " is not the base64 of \"user:password\"");
        credential.username = decoded->substr(0, colon);
        credential.password = decoded->substr(colon + 1);
        // Docker trims NULs that some encoders left behind.
        const auto notNul = credential.password.find_last_not_of('\0');
        credential.password.resize(notNul == std::string::npos ? 0 : notNul + 1);
        credential.password.erase(0, credential.password.find_first_not_of('\0'));
    } else {
        credential.username = entry.username;
        credential.password = entry.password;
    }
    if (credential.isEmpty())
        return std::nullopt;
    credential.origin = path;
    return credential;
}

Result<std::optional<Credential>> lookupInFile(const CredentialFile& file, const CredentialFileContents& contents,
    const std::string& host, const std::string& repository, std::chrono::milliseconds helperTimeout)
{
    if (const auto helper = helperChoice(contents, file.format, host)) {
        if (!helper->name.empty()) {
            auto answer = askCredentialHelper(helper->name, helperServerUrl(file.format, host), helperTimeout);
            if (!answer)
                return std::unexpected(withContext(answer.error(), helper->namedBy + " in " + file.path));
            return answer;
        }
    }
    // Namespaced keys ("host/team") are containers' extension; containers/image honours them in
    // Docker's config.json too, and the Docker CLI never writes them, so both formats take them.
    for (const std::string& candidate : credentialKeyCandidates(host, repository)) {
        const auto* entry = findByKey(contents.auths, file.format, candidate);
        if (!entry || entry->second.isEmpty()) // `{}` is what Docker leaves behind for a credsStore login
            continue;
        return decodeEntry(entry->second, file.path, entry->first);
    }
    return std::nullopt;
}

} // namespace

CredentialSources CredentialSources::fromEnvironment()
{
    CredentialSources sources;
    const auto add = [&sources](std::string path, CredentialFileFormat format) {
        const bool known = std::ranges::any_of(sources.files, [&](const CredentialFile& f) { return f.path == path; });
        if (!known)
            sources.files.push_back(CredentialFile { std::move(path), format });
    };
    const std::string home = homeDirectory();

    if (std::string explicitFile = environmentVariable("REGISTRY_AUTH_FILE"); !explicitFile.empty())
        add(std::move(explicitFile), CredentialFileFormat::ContainersAuth);

    if (const std::string dockerConfig = environmentVariable("DOCKER_CONFIG"); !dockerConfig.empty())
        add(dockerConfig + "/config.json", CredentialFileFormat::DockerConfig);
    else if (!home.empty())
        add(home + "/.docker/config.json", CredentialFileFormat::DockerConfig);

    if (const std::string runtimeDir = environmentVariable("XDG_RUNTIME_DIR"); !runtimeDir.empty())
        add(runtimeDir + "/containers/auth.json", CredentialFileFormat::ContainersAuth);
    else
        add("/run/containers/" + std::to_string(getuid()) + "/auth.json", CredentialFileFormat::ContainersAuth);

    if (const std::string configHome = environmentVariable("XDG_CONFIG_HOME"); !configHome.empty())
        add(configHome + "/containers/auth.json", CredentialFileFormat::ContainersAuth);
    else if (!home.empty())
        add(home + "/.config/containers/auth.json", CredentialFileFormat::ContainersAuth);
    return sources;
}

CredentialStore::CredentialStore(CredentialSources sources)
    : m_sources(std::move(sources))
{
}

Result<std::optional<Credential>> CredentialStore::lookup(
    const std::string& registryHost, const std::string& repository) const
{
    const std::string host = normaliseRegistryHost(registryHost);
    if (host.empty() || host.find('/') != std::string::npos)
        return fail(ErrorKind::InvalidInput, "\"" + registryHost + "\" is not a registry host");
    for (const CredentialFile& file : m_sources.files) {
        auto contents = readCredentialFile(file.path);
        if (!contents)
            return std::unexpected(contents.error());
        if (!*contents)
            continue;
        auto found = lookupInFile(file, **contents, host, repository, m_sources.helperTimeout);
        if (!found || *found)
            return found;
    }
    return std::nullopt;
}

std::optional<std::string> CredentialStore::helperFor(const std::string& registryHost) const
{
    const std::string host = normaliseRegistryHost(registryHost);
    for (const CredentialFile& file : m_sources.files) {
        auto contents = readCredentialFile(file.path);
        if (!contents || !*contents)
            continue;
        if (const auto helper = helperChoice(**contents, file.format, host); helper && !helper->name.empty())
            return helper->name;
    }
    return std::nullopt;
}

} // namespace gantry::registry
