#pragma once

#include "base/error.h"
#include "registry/auth/credentialfile.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace gantry::registry {

/// What a user stored for one registry. Never printed: there is deliberately no toString().
struct Credential
{
    std::string username;
    std::string password;
    std::string identityToken; ///< an OAuth2 refresh token (Docker's `identitytoken`, or helper's `<token>` user)
    std::string origin; ///< where it came from, for messages: a file path or "docker-credential-pass"; not secret

    bool isEmpty() const { return username.empty() && password.empty() && identityToken.empty(); }
};

/// Where credentials are looked for. Defaults follow Docker and containers/image; tests override.
struct CredentialSources
{
    std::vector<CredentialFile> files; ///< looked at in order; the first that yields a credential wins
    std::chrono::milliseconds helperTimeout { 10'000 }; ///< for each `docker-credential-<name> get`

    /// $REGISTRY_AUTH_FILE (explicit, first), then $DOCKER_CONFIG/config.json or ~/.docker/config.json,
    /// then $XDG_RUNTIME_DIR/containers/auth.json (/run/containers/<uid>/auth.json without it) and
    /// $XDG_CONFIG_HOME/containers/auth.json (~/.config/containers/auth.json without it).
    static CredentialSources fromEnvironment();
};

/// Looks credentials up where users already keep them: Docker's config.json (credHelpers[host],
/// then credsStore, then auths) with its `docker-credential-<name> get` helpers, and containers'
/// auth.json files. Reads files each time it is asked (callers cache per session). Thread-safe.
///
/// In each file, as Docker and containers/image do:
/// - a `credHelpers` entry for the host decides alone: its helper's answer, found or not, is the
///   file's answer (an empty helper name means "use auths" for that host, as in Docker);
/// - else in a DockerConfig a `credsStore` decides alone (Docker never falls back to `auths` then);
/// - else `auths`: the most specific key that is a path prefix of `host/repository` ("host/team/app",
///   "host/team"), then the host itself, keys written as URLs ("https://host:5000/v1/") included.
/// Docker Hub goes by `docker.io`, `index.docker.io`, `registry-1.docker.io` and the key
/// `https://index.docker.io/v1/`; helpers named by a DockerConfig are asked for that URL, helpers
/// named by a ContainersAuth file for `docker.io`, which is what `docker login` and `podman login` stored.
class CredentialStore
{
public:
    explicit CredentialStore(CredentialSources sources = CredentialSources::fromEnvironment());

    /// Credentials for `registryHost` ("docker.io", "host:port"); `repository` lets auth.json
    /// entries scoped to a namespace ("host/team") win over the host entry.
    /// No entry is not an error (nullopt); an unreadable or malformed file or a failing helper is.
    /// Error messages name the file or helper, never a secret.
    Result<std::optional<Credential>> lookup(const std::string& registryHost, const std::string& repository = {}) const;

    /// The helper program a config names for this host, if any ("pass" for docker-credential-pass):
    /// the first file's credHelpers entry or (DockerConfig) credsStore. Unreadable files are skipped.
    std::optional<std::string> helperFor(const std::string& registryHost) const;

    const CredentialSources& sources() const { return m_sources; }

private:
    CredentialSources m_sources;
};

} // namespace gantry::registry
