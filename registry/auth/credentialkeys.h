#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gantry::registry {

/// The key Docker stores Docker Hub under, and the server URL it gives credential helpers for it.
inline constexpr std::string_view dockerHubServerUrl = "https://index.docker.io/v1/";

/// Lower-cased, with Docker Hub's aliases (`index.docker.io`, `registry-1.docker.io`) as `docker.io`.
std::string normaliseRegistryHost(std::string_view host);

/// The registry, or registry/namespace, an `auths` or `credHelpers` key stands for, as containers/image
/// reads it: a key written as a URL loses its scheme and path ("http://host:5000/v1/" → "host:5000"),
/// a key without a scheme keeps its path, which names a namespace ("host/team").
std::string normaliseCredentialKey(std::string_view key);

/// The keys that may hold credentials for `host/repository`, most specific first:
/// "host/team/app", "host/team", "host". `host` must be normalised already.
std::vector<std::string> credentialKeyCandidates(const std::string& host, std::string_view repository);

} // namespace gantry::registry
