#pragma once

#include "base/error.h"
#include "registry/auth/credentialstore.h"
#include "registry/http/httpmessage.h"

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace gantry::registry {

class HttpTransport;

/// How a registry wants requests authenticated, as last learnt from it.
enum class AuthMode { Unknown, Anonymous, Basic, Token };
std::string_view toString(AuthMode mode);

/// Answers one registry's challenges: Basic with stored credentials, or Docker token auth
/// (a token per scope set, cached until shortly before it expires). Credentials are looked
/// up once, on the first challenge, and only ever sent to the registry host (Basic) or to the
/// token service its challenge names over https (loopback may use http). Thread-safe: one
/// token fetch at a time, so concurrent requests share the token.
class Authenticator
{
public:
    Authenticator(std::string registryHost, HttpTransport& transport, const CredentialStore& credentials);

    /// The Authorization header to send for a request needing `scopes` (empty when the registry
    /// has asked for none yet). A cached token with less than `minValidity` left is renewed first,
    /// so a long streamed upload starts with a fresh token.
    Result<std::string> authorizationFor(const std::vector<std::string>& scopes, const std::atomic_bool* cancelled,
        std::chrono::seconds minValidity = std::chrono::seconds(10));

    /// Learns from a 401 answer to a request that carried `sentAuthorization`. Success means
    /// "try again"; an error says why that cannot help (no credentials, credentials rejected).
    Status handleChallenge(
        const HttpResponse& response, const std::vector<std::string>& scopes, const std::string& sentAuthorization);

    AuthMode mode() const;
    /// The user name of the credential in use, once a challenge made us load it; empty when
    /// anonymous. Not secret: it is who the journal says acted.
    std::string userName() const;

    /// Explains a 401 that persists after the challenges were answered: missing credentials
    /// (with the way to log in) or credentials that do not grant access.
    Error refusal(const HttpResponse& response);

private:
    struct CachedToken
    {
        std::string header;
        std::chrono::steady_clock::time_point expires;
    };

    Result<std::string> fetchToken(const std::vector<std::string>& scopes, const std::atomic_bool* cancelled,
        std::chrono::steady_clock::time_point* expires);
    const Credential* credential();
    std::string basicHeader() const;

    const std::string m_host;
    HttpTransport& m_transport;
    const CredentialStore& m_credentialStore;

    mutable std::mutex m_mutex;
    AuthMode m_mode = AuthMode::Unknown;
    std::string m_realm;
    std::string m_service;
    bool m_credentialLoaded = false;
    std::optional<Credential> m_credential;
    std::optional<Error> m_credentialError;
    std::map<std::string, CachedToken> m_tokens;
};

} // namespace gantry::registry
