#pragma once

#include "base/error.h"
#include "registry/auth/authenticator.h"
#include "registry/http/httpmessage.h"

#include <mutex>
#include <string>
#include <vector>

namespace gantry::registry {

class HttpTransport;
class CredentialStore;

/// Everything that makes one request to one registry host succeed: https (or, like Docker,
/// plain http for a loopback registry that does not speak TLS), authentication challenges,
/// and redirects — on which no credential or token ever leaves the registry's origin.
class RegistrySession
{
public:
    RegistrySession(std::string host, HttpTransport& transport, const CredentialStore& credentials);

    /// Sends `request`, whose url is a path on the registry ("/v2/…") or an absolute URL the
    /// registry handed out (an upload location). `scopes` are the token scopes it needs.
    /// Redirects are followed only when asked (GET and HEAD of blobs).
    Result<HttpResponse> send(
        HttpRequest request, const std::vector<std::string>& scopes, bool followRedirects = false);

    const std::string& host() const { return m_host; }
    AuthMode authMode() const { return m_auth.mode(); }
    std::string userName() const { return m_auth.userName(); }
    /// "https://host" or "http://host" once known; empty before the first answer.
    std::string baseUrl() const;

private:
    std::string candidateBaseUrl() const;

    const std::string m_host;
    const std::string m_apiHost;
    HttpTransport& m_transport;
    Authenticator m_auth;
    mutable std::mutex m_mutex;
    std::string m_baseUrl;
};

/// Token scopes, in Docker's syntax.
std::string pullScope(const std::string& repository);
std::string pushScope(const std::string& repository);

/// Resolves `target` (absolute or relative) against `base`; for redirects and upload locations.
Result<std::string> resolveUrl(std::string_view base, std::string_view target);

} // namespace gantry::registry
