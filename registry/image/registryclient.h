#pragma once

#include "base/error.h"
#include "registry/auth/authenticator.h"
#include "registry/auth/credentialstore.h"
#include "registry/http/httpmessage.h"
#include "registry/http/httptransport.h"
#include "registry/image/digest.h"
#include "registry/image/manifest.h"
#include "registry/image/reference.h"
#include "registry/image/registryblobs.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace gantry::registry {

class RegistrySession;

/// Caps on one tag or repository listing: a registry that paginates without end must end in an
/// error, not in minutes of paging and memory spent without bound.
struct ListingLimits
{
    int maxPages = 10'000;
    std::size_t maxEntries = 1'000'000;
    std::size_t maxBytes = 128 * 1024 * 1024; ///< all pages' bodies together
};

struct ClientOptions
{
    TlsSettings tls = TlsSettings::fromEnvironment();
    CredentialSources credentials = CredentialSources::fromEnvironment();
    RetryPolicy retry;
    TransferLimits limits;
    ListingLimits listing;
};

/// What a HEAD of a manifest tells: enough to compare digests without downloading.
struct ManifestHead
{
    Digest digest;
    std::string mediaType;
    std::int64_t size = 0;
};

/// The OCI distribution API over one HttpTransport, for any number of registries. Blocking
/// calls, safe to make from several threads at once (the copier does); the GUI calls it from
/// its worker thread only. Every manifest and blob read is verified against its digest.
class RegistryClient
{
public:
    explicit RegistryClient(ClientOptions options = {});
    ~RegistryClient();
    RegistryClient(const RegistryClient&) = delete;
    RegistryClient& operator=(const RegistryClient&) = delete;

    /// All tags of a repository, following `Link` pagination on the same origin; unsorted. A page
    /// seen before, or more than ListingLimits allow, is a Protocol error naming the registry.
    Result<std::vector<std::string>> listTags(const Reference& repository, const std::atomic_bool* cancelled = nullptr);
    /// Repository names from `_catalog` (most hosted registries do not serve it: NotFound/Denied).
    Result<std::vector<std::string>> listRepositories(const std::string& registry, int pageSize = 1000);

    /// The registry's claim about a manifest, without its bytes: informative only, since a stale
    /// cache or proxy can answer another tag's digest. Decide no write on it; use findManifest.
    Result<ManifestHead> headManifest(const Reference& reference, const std::atomic_bool* cancelled = nullptr);
    /// Where a tag points, hashed from the manifest's own bytes (a GET, verified), with "not
    /// there" as nullopt rather than an error: for the many questions that ask whether a tag
    /// exists, or where it points, before deciding what to write.
    Result<std::optional<ManifestHead>> findManifest(
        const Reference& reference, const std::atomic_bool* cancelled = nullptr);
    /// Fetches and verifies a manifest: against the reference's digest when it has one, else
    /// against the registry's Docker-Content-Digest when it sends one.
    Result<Manifest> getManifest(const Reference& reference, const std::atomic_bool* cancelled = nullptr);
    /// PUTs the manifest's bytes unchanged under the reference's tag (or digest); returns the
    /// digest the registry stored, which must equal the manifest's. A tag is read back after the
    /// write: serving anything else is a DigestMismatch error saying so. When the answer is lost
    /// (no answer, a timeout, a 5xx) the tag is read back too, and a write found there succeeds.
    Result<Digest> putManifest(
        const Reference& target, const Manifest& manifest, const std::atomic_bool* cancelled = nullptr);
    /// DELETE /manifests/<tag or digest>, as given. Deleting a digest removes every tag on it.
    Status deleteManifest(const Reference& reference);

    Result<bool> hasBlob(
        const Reference& repository, const Digest& digest, const std::atomic_bool* cancelled = nullptr);
    /// Asks the registry to link a blob from `sourceRepository` (same registry) into `repository`.
    /// Any refusal comes back as "not mounted" so the caller falls back to an upload.
    MountOutcome mountBlob(const Reference& repository, const std::string& sourceRepository, const Digest& digest,
        const std::atomic_bool* cancelled = nullptr);
    /// Opens an upload session; returns its location.
    Result<std::string> startUpload(const Reference& repository, const std::atomic_bool* cancelled = nullptr);
    /// Completes an upload session with one streamed PUT of `size` bytes produced by `reader`.
    Status finishUpload(const Reference& repository, const std::string& location, const Digest& digest,
        std::int64_t size, BodyReader reader, const std::atomic_bool* cancelled = nullptr);
    /// Completes an upload session the other way registries accept: the stream in one PATCH, then
    /// a PUT with the digest and no body. For registries that refuse a monolithic PUT.
    Status finishUploadInChunk(const Reference& repository, const std::string& location, const Digest& digest,
        std::int64_t size, BodyReader reader, const std::atomic_bool* cancelled = nullptr);
    /// Uploads a small in-memory blob (POST, then PUT), unless the registry has it already.
    Status pushBlob(const Reference& repository, const std::string& bytes);
    /// Streams a blob into `sink`, verifying its size and digest; a mismatch is an error after
    /// the last byte (the sink must not trust the bytes before success).
    Status fetchBlob(const Reference& repository, const Descriptor& blob, const BodySink& sink,
        const std::atomic_bool* cancelled = nullptr);
    /// A verified small blob (an image config), capped at 4 MiB.
    Result<std::string> fetchSmallBlob(const Reference& repository, const Descriptor& blob);

    /// How the registry authenticates us, as learnt so far.
    AuthMode authMode(const std::string& registry);
    /// Who we are to the registry (the credential's user name), once it asked; empty when anonymous.
    std::string userName(const std::string& registry);
    /// HTTP requests sent so far, retries included.
    int requestCount() const { return m_transport.requestCount(); }

private:
    RegistrySession& session(const std::string& registry);
    /// Reads `target` back after a write: `written` when it serves that, else a DigestMismatch.
    Result<Digest> confirmManifest(
        const Reference& target, const Digest& written, const std::string& what, const std::atomic_bool* cancelled);

    HttpTransport m_transport;
    CredentialStore m_credentials;
    ListingLimits m_listing;
    std::mutex m_sessionsMutex;
    std::map<std::string, std::unique_ptr<RegistrySession>> m_sessions;
};

} // namespace gantry::registry
