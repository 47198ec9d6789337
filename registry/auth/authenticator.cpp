#include "registry/auth/authenticator.h"

#include "base/base64.h"
#include "registry/auth/tokenanswer.h"
#include "registry/http/httpheaders.h"
#include "registry/http/httptransport.h"
#include "registry/http/registryerrors.h"

#include <algorithm>
#include <curl/curl.h>

namespace gantry::registry {

namespace {

std::string scopeKey(std::vector<std::string> scopes)
{
    std::sort(scopes.begin(), scopes.end());
    std::string key;
    for (const auto& scope : scopes)
        key += scope + " ";
    return key;
}

std::string urlEncode(std::string_view text)
{
    std::string encoded;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            encoded.push_back(static_cast<char>(c));
        } else {
            static constexpr char digits[] = "0123456789ABCDEF";
            encoded += '%';
            encoded += digits[c >> 4];
            encoded += digits[c & 0xf];
        }
    }
    return encoded;
}

} // namespace

std::string_view toString(AuthMode mode)
{
    switch (mode) {
    case AuthMode::Unknown:
        return "unknown";
    case AuthMode::Anonymous:
        return "anonymous";
    case AuthMode::Basic:
        return "basic";
    case AuthMode::Token:
        return "token";
    }
    return "unknown";
}

Authenticator::Authenticator(std::string registryHost, HttpTransport& transport, const CredentialStore& credentials)
    : m_host(std::move(registryHost))
    , m_transport(transport)
    , m_credentialStore(credentials)
{
}

AuthMode Authenticator::mode() const
{
    std::lock_guard lock(m_mutex);
    return m_mode;
}

std::string Authenticator::userName() const
{
    std::lock_guard lock(m_mutex);
    // An identity token's user is a placeholder (`<token>`), not a person.
    if (!m_credential || !m_credential->identityToken.empty())
        return {};
    return m_credential->username;
}

const Credential* Authenticator::credential()
{
    if (!m_credentialLoaded) {
        m_credentialLoaded = true;
        auto found = m_credentialStore.lookup(m_host);
        if (found)
            m_credential = *found;
        else
            m_credentialError = found.error();
    }
    return m_credential ? &*m_credential : nullptr;
}

std::string Authenticator::basicHeader() const
{
    return "Authorization: Basic " + base64Encode(m_credential->username + ":" + m_credential->password);
}

Result<std::string> Authenticator::authorizationFor(
    const std::vector<std::string>& scopes, const std::atomic_bool* cancelled, std::chrono::seconds minValidity)
{
    std::lock_guard lock(m_mutex);
    if (m_mode == AuthMode::Basic)
        return basicHeader();
    if (m_mode != AuthMode::Token)
        return std::string();
    const auto key = scopeKey(scopes);
    const auto now = std::chrono::steady_clock::now();
    if (const auto cached = m_tokens.find(key); cached != m_tokens.end() && cached->second.expires - minValidity > now)
        return cached->second.header;
    std::chrono::steady_clock::time_point expires;
    auto token = fetchToken(scopes, cancelled, &expires);
    if (!token)
        return std::unexpected(token.error());
    m_tokens[key] = { "Authorization: Bearer " + *token, expires };
    return m_tokens[key].header;
}

Status Authenticator::handleChallenge(
    const HttpResponse& response, const std::vector<std::string>& scopes, const std::string& sentAuthorization)
{
    std::lock_guard lock(m_mutex);
    const auto challenges = parseWwwAuthenticate(response.header("www-authenticate"));
    const auto bearer
        = std::find_if(challenges.begin(), challenges.end(), [](const auto& c) { return c.scheme == "bearer"; });
    const auto basic
        = std::find_if(challenges.begin(), challenges.end(), [](const auto& c) { return c.scheme == "basic"; });
    const Credential* stored = credential();
    if (m_credentialError)
        return std::unexpected(*m_credentialError);

    if (bearer != challenges.end()) {
        const auto realm = bearer->params.find("realm");
        if (realm == bearer->params.end() || realm->second.empty())
            return fail(ErrorKind::Protocol, m_host + " asked for token auth without naming a token service", 401);
        m_realm = realm->second;
        const auto service = bearer->params.find("service");
        m_service = service == bearer->params.end() ? std::string() : service->second;
        m_mode = AuthMode::Token;
        const auto key = scopeKey(scopes);
        const auto cached = m_tokens.find(key);
        // A refused token was expired or revoked early: drop it so the retry fetches a new one.
        // The session bounds the retries, so a token service that keeps issuing bad tokens ends in an error.
        if (cached != m_tokens.end() && cached->second.header == sentAuthorization)
            m_tokens.erase(cached);
        return {};
    }
    if (basic != challenges.end()) {
        if (!stored || stored->username.empty())
            return fail(ErrorKind::Unauthorized,
                m_host + " requires credentials and none are stored for it; log in with \"docker login " + m_host
                    + "\" or \"podman login " + m_host + "\"",
                401);
        if (!sentAuthorization.empty())
            return fail(
                ErrorKind::Unauthorized, "the credentials stored for " + m_host + " were rejected; log in again", 401);
        m_mode = AuthMode::Basic;
        return {};
    }
    return std::unexpected(errorFromResponse(response, "authentication with " + m_host));
}

Error Authenticator::refusal(const HttpResponse& response)
{
    std::lock_guard lock(m_mutex);
    const Credential* stored = credential();
    auto error = errorFromResponse(response, "access to " + m_host);
    error.kind = ErrorKind::Unauthorized;
    if (!stored || stored->isEmpty())
        error.message = m_host + " requires credentials and none are stored for it; log in with \"docker login "
            + m_host + "\" or \"podman login " + m_host + "\"";
    else
        error.message = m_host + " refused access with the credentials stored for it (" + error.message
            + "); check that this account may use the repository, or log in again";
    return error;
}

Result<std::string> Authenticator::fetchToken(const std::vector<std::string>& scopes, const std::atomic_bool* cancelled,
    std::chrono::steady_clock::time_point* expires)
{
    const std::string realmHost = hostOfUrl(m_realm);
    const bool secure = m_realm.starts_with("https://");
    if (!secure && !(m_realm.starts_with("http://") && isLoopbackHost(realmHost)))
        return fail(ErrorKind::Tls,
            "refusing to ask the token service " + realmHost + " for a token of " + m_host
                + " over an unencrypted connection");

    const Credential* stored = credential();
    HttpRequest request;
    request.url = m_realm + (m_realm.find('?') == std::string::npos ? "?" : "&") + "service=" + urlEncode(m_service);
    request.cancelled = cancelled;
    if (stored && !stored->identityToken.empty()) {
        // An identity token is an OAuth2 refresh token: it is exchanged by POST, never sent as Basic.
        request.method = "POST";
        request.headers.push_back("Content-Type: application/x-www-form-urlencoded");
        std::string scopeList;
        for (const auto& scope : scopes)
            scopeList += (scopeList.empty() ? "" : " ") + scope;
        request.body = "grant_type=refresh_token&client_id=gantry&service=" + urlEncode(m_service)
            + "&scope=" + urlEncode(scopeList) + "&refresh_token=" + urlEncode(stored->identityToken);
    } else {
        for (const auto& scope : scopes)
            request.url += "&scope=" + urlEncode(scope);
        if (stored && !stored->username.empty())
            request.headers.push_back(basicHeader());
    }

    auto response = m_transport.perform(request);
    if (!response)
        return std::unexpected(withContext(response.error(), "getting a token for " + m_host));
    if (response->status == 401 || response->status == 403) {
        if (stored)
            return fail(ErrorKind::Unauthorized,
                "the token service " + realmHost + " rejected the credentials stored for " + m_host + "; log in again",
                static_cast<int>(response->status));
        return fail(ErrorKind::Unauthorized,
            m_host + " requires credentials and none are stored for it; log in with \"docker login " + m_host + "\"",
            static_cast<int>(response->status));
    }
    if (response->status != 200)
        return std::unexpected(errorFromResponse(*response, "getting a token for " + m_host));

    auto answer = parseTokenAnswer(response->body, realmHost);
    if (!answer)
        return std::unexpected(answer.error());
    // Renew a little early so no request races the expiry.
    *expires = std::chrono::steady_clock::now() + answer->lifetime - std::chrono::seconds(5);
    return std::move(answer->token);
}

} // namespace gantry::registry
