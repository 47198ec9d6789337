#include "registry/image/registrysession.h"

#include "registry/http/httpheaders.h"
#include "registry/http/httptransport.h"

#include <curl/curl.h>

namespace gantry::registry {

namespace {

// Docker Hub's API lives on another name than the one in image references.
std::string apiHostFor(const std::string& host)
{
    return host == "docker.io" ? "registry-1.docker.io" : host;
}

bool isRedirect(long status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

constexpr int maxAuthRounds = 2;
constexpr int maxRedirects = 5;

} // namespace

std::string pullScope(const std::string& repository)
{
    return "repository:" + repository + ":pull";
}

std::string pushScope(const std::string& repository)
{
    return "repository:" + repository + ":pull,push";
}

Result<std::string> resolveUrl(std::string_view base, std::string_view target)
{
    CURLU* url = curl_url();
    std::string baseText(base);
    std::string targetText(target);
    std::string resolved;
    if (curl_url_set(url, CURLUPART_URL, baseText.c_str(), 0) == CURLUE_OK
        && curl_url_set(url, CURLUPART_URL, targetText.c_str(), 0) == CURLUE_OK) {
        char* text = nullptr;
        if (curl_url_get(url, CURLUPART_URL, &text, 0) == CURLUE_OK) {
            resolved = text;
            curl_free(text);
        }
    }
    curl_url_cleanup(url);
    if (resolved.empty())
        return fail(ErrorKind::Protocol, "the registry gave an invalid location \"" + targetText + "\"");
    return resolved;
}

RegistrySession::RegistrySession(std::string host, HttpTransport& transport, const CredentialStore& credentials)
    : m_host(std::move(host))
    , m_apiHost(apiHostFor(m_host))
    , m_transport(transport)
    , m_auth(m_host, transport, credentials)
{
}

std::string RegistrySession::baseUrl() const
{
    std::lock_guard lock(m_mutex);
    return m_baseUrl;
}

std::string RegistrySession::candidateBaseUrl() const
{
    std::lock_guard lock(m_mutex);
    return m_baseUrl.empty() ? "https://" + m_apiHost : m_baseUrl;
}

Result<HttpResponse> RegistrySession::send(
    HttpRequest request, const std::vector<std::string>& scopes, bool followRedirects)
{
    std::string base = candidateBaseUrl();
    const bool absolute = request.url.starts_with("http://") || request.url.starts_with("https://");
    const std::string path = request.url;
    std::string url = absolute ? path : base + path;
    bool mayAuthenticate = true;
    int authRounds = 0;
    int redirects = 0;

    for (;;) {
        if (!absolute && url == base + path) {
            // Another request may have learnt meanwhile that this loopback registry speaks plain HTTP.
            if (auto learned = candidateBaseUrl(); learned != base) {
                base = std::move(learned);
                url = base + path;
            }
        }
        const bool onRegistry = originOf(url) == originOf(base);
        std::string authorization;
        if (mayAuthenticate && onRegistry) {
            // A streamed body cannot be replayed after a 401, so it starts with a token good for a while.
            const auto minValidity = std::chrono::seconds(request.bodyReader ? 60 : 10);
            auto header = m_auth.authorizationFor(scopes, request.cancelled, minValidity);
            if (!header)
                return std::unexpected(header.error());
            authorization = std::move(*header);
        }
        HttpRequest attempt = request;
        attempt.url = url;
        // Probing until a TLS answer confirmed https: a request that started while another one
        // learnt "plain HTTP" still tries https once, and must then switch too, not fail.
        const bool probingTls
            = !absolute && isLoopbackHost(m_host) && url.starts_with("https://") && !baseUrl().starts_with("https://");
        if (probingTls) {
            // A loopback TLS handshake takes milliseconds; a plain HTTP server that ignores the
            // ClientHello must not cost the whole connect timeout, nor its retries.
            attempt.connectTimeout = std::chrono::milliseconds(1500);
            attempt.retryTransient = false;
        }
        if (!authorization.empty())
            attempt.headers.push_back(authorization);

        auto response = m_transport.perform(attempt);
        if (!response) {
            const auto& error = response.error();
            const bool notTls = (error.kind == ErrorKind::Tls && error.registryCode == tlsHandshakeFailed)
                || error.kind == ErrorKind::Timeout;
            if (probingTls && notTls) {
                // Like Docker: a loopback registry that does not speak TLS is spoken to in plain HTTP.
                std::lock_guard lock(m_mutex);
                m_baseUrl = "http://" + m_apiHost;
                base = m_baseUrl;
                url = base + path;
                continue;
            }
            return std::unexpected(response.error());
        }
        if (onRegistry) {
            std::lock_guard lock(m_mutex);
            if (m_baseUrl.empty())
                m_baseUrl = base;
        }
        if (response->status == 401 && mayAuthenticate && onRegistry && authRounds < maxAuthRounds
            && request.isReplayable()) {
            auto handled = m_auth.handleChallenge(*response, scopes, authorization);
            if (!handled)
                return std::unexpected(handled.error());
            ++authRounds;
            continue;
        }
        if (response->status == 401 && mayAuthenticate && onRegistry)
            return std::unexpected(m_auth.refusal(*response));
        if (followRedirects && isRedirect(response->status) && redirects < maxRedirects) {
            auto next = resolveUrl(url, response->header("location"));
            if (!next)
                return std::unexpected(next.error());
            url = std::move(*next);
            // Blob downloads are often redirected to a CDN: it must never see the registry's credential.
            if (originOf(url) != originOf(base))
                mayAuthenticate = false;
            ++redirects;
            continue;
        }
        return response;
    }
}

} // namespace gantry::registry
