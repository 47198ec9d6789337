#pragma once

#include "error.h"

#include <optional>
#include <string>
#include <vector>

namespace gantry::registry {

/// What a user stored for one registry. Never printed: there is deliberately no toString().
struct Credential {
    std::string username;
    std::string password;
    std::string identityToken; ///< an OAuth2 refresh token (Docker's `identitytoken`, or helper's `<token>` user)

    bool isEmpty() const { return username.empty() && password.empty() && identityToken.empty(); }
};

/// Where credentials are looked for. Defaults follow Docker and containers/image; tests override.
struct CredentialSources {
    std::vector<std::string> dockerConfigFiles; ///< config.json files, in order
    std::vector<std::string> authFiles; ///< containers auth.json files, in order

    /// REGISTRY_AUTH_FILE (explicit, first), then $DOCKER_CONFIG/config.json or ~/.docker/config.json,
    /// then $XDG_RUNTIME_DIR/containers/auth.json and ~/.config/containers/auth.json.
    static CredentialSources fromEnvironment();
};

/// Looks credentials up where users already keep them: Docker's config.json (credHelpers[host],
/// then credsStore, then auths) with its `docker-credential-<name> get` helpers, and containers'
/// auth.json files. Reads files each time it is asked (callers cache per session).
class CredentialStore {
public:
    explicit CredentialStore(CredentialSources sources = CredentialSources::fromEnvironment());

    /// Credentials for `registryHost` ("docker.io", "host:port"); `repository` lets auth.json
    /// entries scoped to a namespace ("host/team") win over the host entry.
    /// No entry is not an error (nullopt); an unreadable file or a failing helper is.
    Result<std::optional<Credential>> lookup(const std::string& registryHost, const std::string& repository = {}) const;

    /// The helper program a config names for this host, if any ("pass" for docker-credential-pass).
    std::optional<std::string> helperFor(const std::string& registryHost) const;

private:
    CredentialSources m_sources;
};

} // namespace gantry::registry
