#pragma once

#include "base/error.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gantry::registry {

/// The two formats differ only in details: which `credsStore` applies and which name Docker Hub goes by.
enum class CredentialFileFormat {
    DockerConfig, ///< Docker's config.json: credHelpers, then credsStore, then auths
    ContainersAuth, ///< containers' auth.json (podman, skopeo, buildah): credHelpers, then auths
};

/// One file that may hold credentials. It need not exist.
struct CredentialFile
{
    std::string path;
    CredentialFileFormat format = CredentialFileFormat::DockerConfig;
};

/// One `auths` entry as written in the file; `auth` is still base64 (see decodeAuthEntry).
struct AuthFileEntry
{
    std::string auth; ///< base64 of `user:password`
    std::string username;
    std::string password;
    std::string identityToken;

    bool isEmpty() const { return auth.empty() && username.empty() && password.empty() && identityToken.empty(); }
};

/// The credential parts of a Docker config.json or a containers auth.json (same format). Other
/// fields (proxies, plugins, `email`) are ignored; keys are kept exactly as written.
struct CredentialFileContents
{
    std::map<std::string, AuthFileEntry> auths;
    std::map<std::string, std::string> credHelpers; ///< registry key → helper name ("pass")
    std::string credsStore; ///< the default helper, empty when none
};

/// Parses a credential file's text. `path` only names the file in error messages, which never
/// quote the file's text (it holds secrets). Field names match case-insensitively, as Go's
/// encoding/json does for Docker and containers; empty text is an empty file, as for Docker.
Result<CredentialFileContents> parseCredentialFile(std::string_view text, const std::string& path);

/// Reads and parses `path`; nullopt when the file does not exist.
Result<std::optional<CredentialFileContents>> readCredentialFile(const std::string& path);

} // namespace gantry::registry
