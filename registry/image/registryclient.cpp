#include "registry/image/registryclient.h"

#include "registry/http/httpheaders.h"
#include "registry/http/registryerrors.h"
#include "registry/image/listingpage.h"
#include "registry/image/mediatypes.h"
#include "registry/image/registrysession.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <set>

namespace gantry::registry {

namespace {

// Tag and repository listings of big registries run to megabytes; they are not manifests.
constexpr std::size_t maxListingBytes = 32 * 1024 * 1024;

std::string acceptManifests()
{
    return "Accept: " + std::string(mediatype::manifestAccept);
}

std::string manifestPath(const Reference& reference)
{
    return "/v2/" + reference.repository + "/manifests/" + reference.manifestIdentifier();
}

std::unexpected<Error> listingTooLong(std::string_view what, const std::string& host, const std::string& excess)
{
    return fail(ErrorKind::TooLarge,
        std::string(what) + ": " + host + " sent " + excess + "; Gantry stops there rather than page without end");
}

// Collects the string array under `key` of every page, following `Link: <…>; rel="next"`. Every
// page is fetched once: a link back to one already fetched is a circle, not more tags.
Result<std::vector<std::string>> collectPages(RegistrySession& session, std::string path, const char* key,
    const std::vector<std::string>& scopes, std::string_view what, const ListingLimits& limits,
    const std::atomic_bool* cancelled)
{
    std::vector<std::string> items;
    std::set<std::string> fetched;
    std::size_t bytes = 0;
    for (int page = 1;; ++page) {
        HttpRequest request;
        request.url = path;
        request.maxBodyBytes = maxListingBytes;
        request.cancelled = cancelled;
        auto response = session.send(request, scopes);
        if (!response)
            return std::unexpected(withContext(response.error(), what));
        if (response->status != 200)
            return std::unexpected(errorFromResponse(*response, what));
        bytes += response->body.size();
        auto names = parseListingPage(response->body, key, what);
        if (!names)
            return std::unexpected(names.error());
        items.insert(items.end(), std::make_move_iterator(names->begin()), std::make_move_iterator(names->end()));
        if (items.size() > limits.maxEntries)
            return listingTooLong(what, session.host(), "more than " + std::to_string(limits.maxEntries) + " entries");
        if (bytes > limits.maxBytes)
            return listingTooLong(what, session.host(), "more than " + std::to_string(limits.maxBytes) + " bytes");
        fetched.insert(response->url);
        const auto next = nextLinkTarget(response->header("link"));
        if (!next)
            return items;
        auto resolved = resolveSameOrigin(response->url, *next);
        if (!resolved)
            return std::unexpected(withContext(resolved.error(), what));
        if (fetched.contains(*resolved))
            return fail(ErrorKind::Protocol,
                std::string(what) + ": " + session.host() + " links its page " + std::to_string(page)
                    + " back to a page it already sent; its pagination goes round in a circle");
        if (page >= limits.maxPages)
            return listingTooLong(what, session.host(), "more than " + std::to_string(limits.maxPages) + " pages");
        path = std::move(*resolved);
    }
}

} // namespace

RegistryClient::RegistryClient(ClientOptions options)
    : m_transport(std::move(options.tls), options.retry, options.limits)
    , m_credentials(std::move(options.credentials))
    , m_listing(options.listing)
{
}

RegistryClient::~RegistryClient() = default;

RegistrySession& RegistryClient::session(const std::string& registry)
{
    std::lock_guard lock(m_sessionsMutex);
    auto& session = m_sessions[registry];
    if (!session)
        session = std::make_unique<RegistrySession>(registry, m_transport, m_credentials);
    return *session;
}

AuthMode RegistryClient::authMode(const std::string& registry)
{
    return session(registry).authMode();
}

std::string RegistryClient::userName(const std::string& registry)
{
    return session(registry).userName();
}

Result<std::vector<std::string>> RegistryClient::listTags(
    const Reference& repository, const std::atomic_bool* cancelled)
{
    return collectPages(session(repository.registry), "/v2/" + repository.repository + "/tags/list?n=1000", "tags",
        { pullScope(repository.repository) }, "listing tags of " + repository.name(), m_listing, cancelled);
}

Result<std::vector<std::string>> RegistryClient::listRepositories(const std::string& registry, int pageSize)
{
    return collectPages(session(registry), "/v2/_catalog?n=" + std::to_string(pageSize), "repositories",
        { "registry:catalog:*" }, "listing repositories of " + registry, m_listing, nullptr);
}

Result<ManifestHead> RegistryClient::headManifest(const Reference& reference, const std::atomic_bool* cancelled)
{
    HttpRequest request;
    request.method = "HEAD";
    request.url = manifestPath(reference);
    request.headers.push_back(acceptManifests());
    request.cancelled = cancelled;
    auto response = session(reference.registry).send(request, { pullScope(reference.repository) });
    const std::string what = "looking up " + reference.toString();
    if (!response)
        return std::unexpected(withContext(response.error(), what));
    if (response->status != 200)
        return std::unexpected(errorFromResponse(*response, what));
    auto digest = Digest::parse(response->header("docker-content-digest"));
    if (!digest) {
        // Some registries leave the header out; the manifest itself then tells.
        auto manifest = getManifest(reference, cancelled);
        if (!manifest)
            return std::unexpected(manifest.error());
        return ManifestHead { manifest->digest, manifest->mediaType, std::ssize(manifest->bytes) };
    }
    if (!reference.digest.empty() && digest->str() != reference.digest)
        return fail(ErrorKind::DigestMismatch,
            what + ": the registry answered for " + digest->str() + " instead of the digest asked for");
    const auto length = response->header("content-length");
    std::int64_t size = 0;
    std::from_chars(length.data(), length.data() + length.size(), size); // garbage leaves 0: size is informative
    return ManifestHead { *digest, response->header("content-type"), size };
}

Result<std::optional<ManifestHead>> RegistryClient::findManifest(
    const Reference& reference, const std::atomic_bool* cancelled)
{
    // A HEAD carries no bytes: a stale cache or proxy answers another tag's digest and nothing
    // shows it. What Gantry decides a write on is the digest of the manifest's own bytes.
    auto manifest = getManifest(reference, cancelled);
    if (manifest)
        return std::optional(ManifestHead { manifest->digest, manifest->mediaType, std::ssize(manifest->bytes) });
    if (manifest.error().kind == ErrorKind::NotFound)
        return std::optional<ManifestHead>();
    return std::unexpected(manifest.error());
}

Result<Manifest> RegistryClient::getManifest(const Reference& reference, const std::atomic_bool* cancelled)
{
    HttpRequest request;
    request.url = manifestPath(reference);
    request.headers.push_back(acceptManifests());
    request.maxBodyBytes = maxManifestBytes;
    request.cancelled = cancelled;
    auto response = session(reference.registry).send(request, { pullScope(reference.repository) });
    const std::string what = "reading the manifest of " + reference.toString();
    if (!response)
        return std::unexpected(withContext(response.error(), what));
    if (response->status != 200)
        return std::unexpected(errorFromResponse(*response, what));
    auto manifest = Manifest::parse(std::move(response->body), response->header("content-type"));
    if (!manifest)
        return std::unexpected(withContext(manifest.error(), what));
    if (!reference.digest.empty() && manifest->digest.str() != reference.digest)
        return fail(ErrorKind::DigestMismatch,
            what + ": its bytes hash to " + manifest->digest.str() + "; the registry served other content");
    if (const auto claimed = response->header("docker-content-digest");
        !claimed.empty() && claimed != manifest->digest.str())
        return fail(ErrorKind::DigestMismatch,
            what + ": the registry says " + claimed + " but the bytes it sent hash to " + manifest->digest.str());
    return manifest;
}

Result<Digest> RegistryClient::putManifest(
    const Reference& target, const Manifest& manifest, const std::atomic_bool* cancelled)
{
    HttpRequest request;
    request.method = "PUT";
    request.url = manifestPath(target);
    request.headers.push_back("Content-Type: " + manifest.mediaType);
    request.body = manifest.bytes;
    request.cancelled = cancelled;
    auto response = session(target.registry).send(request, { pushScope(target.repository) });
    const std::string what = "writing the manifest " + manifest.digest.shortForm() + " to " + target.toString();
    Result<HttpResponse> answered
        = response ? std::move(response) : std::unexpected(withContext(response.error(), what));
    if (answered && answered->status != 201 && answered->status != 200)
        answered = std::unexpected(errorFromResponse(*answered, what));
    if (answered) {
        const auto stored = answered->header("docker-content-digest");
        if (!stored.empty() && stored != manifest.digest.str()) {
            // An answer that names another digest carries no bytes (a cache or proxy rewrites such
            // headers): only what the registry now serves tells whether it kept ours.
            auto kept = confirmManifest(target, manifest.digest, what, cancelled);
            if (kept)
                return kept;
            auto contradicted = kept.error();
            contradicted.kind = ErrorKind::DigestMismatch;
            contradicted.message
                = what + ": the registry answered that it stored " + stored + ", and " + contradicted.message;
            return std::unexpected(contradicted);
        }
        // A digest reference is checked by the registry itself; a tag is only what it serves next.
        if (target.tag.empty())
            return manifest.digest;
        return confirmManifest(target, manifest.digest, what, cancelled);
    }
    // No answer, or the registry failed while it may have written: what the tag serves now tells.
    const auto kind = answered.error().kind;
    if (kind != ErrorKind::Network && kind != ErrorKind::Timeout && kind != ErrorKind::Server)
        return std::unexpected(answered.error());
    auto landed = confirmManifest(target, manifest.digest, what, cancelled);
    if (landed)
        return landed;
    auto lost = answered.error();
    lost.message += " (" + landed.error().message + ")";
    lost.writeUncertain = landed.error().writeUncertain;
    return std::unexpected(lost);
}

Result<Digest> RegistryClient::confirmManifest(
    const Reference& target, const Digest& written, const std::string& what, const std::atomic_bool* cancelled)
{
    auto seen = findManifest(target, cancelled);
    if (!seen) {
        auto unread = withContext(seen.error(), what + ": reading it back");
        unread.writeUncertain = true;
        return std::unexpected(unread);
    }
    if (*seen && (*seen)->digest == written)
        return written;
    return fail(ErrorKind::DigestMismatch,
        what + ": read back, " + target.toString() + " "
            + (*seen ? "serves " + (*seen)->digest.str() : std::string("is absent"))
            + "; the registry (or a cache or proxy in front of it) did not keep the write");
}

Status RegistryClient::deleteManifest(const Reference& reference)
{
    HttpRequest request;
    request.method = "DELETE";
    request.url = manifestPath(reference);
    auto response = session(reference.registry).send(request, { "repository:" + reference.repository + ":delete" });
    const std::string what = "deleting " + reference.toString();
    if (!response)
        return std::unexpected(withContext(response.error(), what));
    if (response->status != 202 && response->status != 200 && response->status != 204)
        return std::unexpected(errorFromResponse(*response, what));
    return {};
}

Result<bool> RegistryClient::hasBlob(
    const Reference& repository, const Digest& digest, const std::atomic_bool* cancelled)
{
    return RegistryBlobs(session(repository.registry)).has(repository, digest, cancelled);
}

MountOutcome RegistryClient::mountBlob(const Reference& repository, const std::string& sourceRepository,
    const Digest& digest, const std::atomic_bool* cancelled)
{
    return RegistryBlobs(session(repository.registry)).mount(repository, sourceRepository, digest, cancelled);
}

Result<std::string> RegistryClient::startUpload(const Reference& repository, const std::atomic_bool* cancelled)
{
    return RegistryBlobs(session(repository.registry)).startUpload(repository, cancelled);
}

Status RegistryClient::finishUpload(const Reference& repository, const std::string& location, const Digest& digest,
    std::int64_t size, BodyReader reader, const std::atomic_bool* cancelled)
{
    return RegistryBlobs(session(repository.registry))
        .finishUpload(repository, location, digest, size, std::move(reader), cancelled);
}

Status RegistryClient::finishUploadInChunk(const Reference& repository, const std::string& location,
    const Digest& digest, std::int64_t size, BodyReader reader, const std::atomic_bool* cancelled)
{
    return RegistryBlobs(session(repository.registry))
        .finishUploadInChunk(repository, location, digest, size, std::move(reader), cancelled);
}

Status RegistryClient::pushBlob(const Reference& repository, const std::string& bytes)
{
    return RegistryBlobs(session(repository.registry)).push(repository, bytes);
}

Status RegistryClient::fetchBlob(
    const Reference& repository, const Descriptor& blob, const BodySink& sink, const std::atomic_bool* cancelled)
{
    return RegistryBlobs(session(repository.registry)).fetch(repository, blob, sink, cancelled);
}

Result<std::string> RegistryClient::fetchSmallBlob(const Reference& repository, const Descriptor& blob)
{
    return RegistryBlobs(session(repository.registry)).fetchSmall(repository, blob);
}

} // namespace gantry::registry
