#include "registry/image/registryblobs.h"

#include "registry/http/registryerrors.h"
#include "registry/image/registrysession.h"

namespace gantry::registry {

namespace {

std::string blobPath(const Reference& repository, const Digest& digest)
{
    return "/v2/" + repository.repository + "/blobs/" + digest.str();
}

std::string withDigestParameter(const std::string& location, const Digest& digest)
{
    return location + (location.find('?') == std::string::npos ? "?" : "&") + "digest=" + digest.str();
}

} // namespace

RegistryBlobs::RegistryBlobs(RegistrySession& session)
    : m_session(session)
{
}

Result<bool> RegistryBlobs::has(const Reference& repository, const Digest& digest, const std::atomic_bool* cancelled)
{
    HttpRequest request;
    request.method = "HEAD";
    request.url = blobPath(repository, digest);
    request.cancelled = cancelled;
    auto response = m_session.send(request, { pullScope(repository.repository) }, true);
    const std::string what = "checking for blob " + digest.shortForm() + " in " + repository.name();
    if (!response)
        return std::unexpected(withContext(response.error(), what));
    if (response->status == 200)
        return true;
    if (response->status == 404)
        return false;
    return std::unexpected(errorFromResponse(*response, what));
}

MountOutcome RegistryBlobs::mount(const Reference& repository, const std::string& sourceRepository,
    const Digest& digest, const std::atomic_bool* cancelled)
{
    HttpRequest request;
    request.method = "POST";
    request.url
        = "/v2/" + repository.repository + "/blobs/uploads/?mount=" + digest.str() + "&from=" + sourceRepository;
    request.cancelled = cancelled;
    // Destination scope first: some token services honour only the first scope.
    auto response = m_session.send(request, { pushScope(repository.repository), pullScope(sourceRepository) });
    if (!response)
        return {};
    if (response->status == 201)
        return { true, {} };
    if (response->status == 202)
        return { false, response->header("location") };
    return {};
}

Result<std::string> RegistryBlobs::startUpload(const Reference& repository, const std::atomic_bool* cancelled)
{
    HttpRequest request;
    request.method = "POST";
    request.url = "/v2/" + repository.repository + "/blobs/uploads/";
    request.cancelled = cancelled;
    auto response = m_session.send(request, { pushScope(repository.repository) });
    const std::string what = "starting an upload to " + repository.name();
    if (!response)
        return std::unexpected(withContext(response.error(), what));
    if (response->status != 202)
        return std::unexpected(errorFromResponse(*response, what));
    const auto location = response->header("location");
    if (location.empty())
        return fail(ErrorKind::Protocol, what + ": the registry opened an upload without a location", 202);
    return location;
}

Status RegistryBlobs::finishUpload(const Reference& repository, const std::string& location, const Digest& digest,
    std::int64_t size, BodyReader reader, const std::atomic_bool* cancelled)
{
    HttpRequest request;
    request.bodyReader = std::move(reader);
    request.bodySize = size;
    request.cancelled = cancelled;
    return putUpload(repository, location, digest, std::move(request));
}

Status RegistryBlobs::putUpload(
    const Reference& repository, const std::string& location, const Digest& digest, HttpRequest request)
{
    auto& registry = m_session;
    auto url = resolveUrl(registry.baseUrl(), location);
    if (!url)
        return std::unexpected(url.error());
    request.method = "PUT";
    request.url = withDigestParameter(*url, digest);
    request.headers.push_back("Content-Type: application/octet-stream");
    const auto* cancelled = request.cancelled;
    auto response = registry.send(std::move(request), { pushScope(repository.repository) });
    const std::string what = "uploading blob " + digest.shortForm() + " to " + repository.name();
    if (!response)
        return std::unexpected(withContext(response.error(), what));
    if (response->status == 201 || response->status == 204)
        return {};
    auto error = errorFromResponse(*response, what);
    // A PUT retried after its answer was lost finds the session spent by the first one, which may
    // well have stored the blob: a blob is its digest, so if the registry has it, it is ours.
    if (error.registryCode == "BLOB_UPLOAD_UNKNOWN") {
        if (auto present = has(repository, digest, cancelled); present && *present)
            return {};
    }
    return std::unexpected(error);
}

Status RegistryBlobs::finishUploadInChunk(const Reference& repository, const std::string& location,
    const Digest& digest, std::int64_t size, BodyReader reader, const std::atomic_bool* cancelled)
{
    auto& registry = m_session;
    const std::string what = "uploading blob " + digest.shortForm() + " to " + repository.name();
    auto url = resolveUrl(registry.baseUrl(), location);
    if (!url)
        return std::unexpected(url.error());
    HttpRequest patch;
    patch.method = "PATCH";
    patch.url = *url;
    patch.headers.push_back("Content-Type: application/octet-stream");
    patch.bodyReader = std::move(reader);
    patch.bodySize = size;
    patch.cancelled = cancelled;
    auto patched = registry.send(std::move(patch), { pushScope(repository.repository) });
    if (!patched)
        return std::unexpected(withContext(patched.error(), what));
    if (patched->status != 202 && patched->status != 204)
        return std::unexpected(errorFromResponse(*patched, what));
    // The session moves on with every chunk: the PUT goes to the location the PATCH answered.
    const auto next = patched->header("location");
    auto putUrl = resolveUrl(*url, next.empty() ? *url : next);
    if (!putUrl)
        return std::unexpected(putUrl.error());
    HttpRequest put;
    put.cancelled = cancelled;
    return putUpload(repository, *putUrl, digest, std::move(put));
}

Status RegistryBlobs::push(const Reference& repository, const std::string& bytes)
{
    const auto digest = Digest::ofBytes(bytes);
    auto present = has(repository, digest, nullptr);
    if (!present)
        return std::unexpected(present.error());
    if (*present)
        return {};
    auto location = startUpload(repository, nullptr);
    if (!location)
        return std::unexpected(location.error());
    // In memory, so that a PUT whose connection dropped can be sent again.
    HttpRequest request;
    request.body = bytes;
    return putUpload(repository, *location, digest, std::move(request));
}

Status RegistryBlobs::fetch(
    const Reference& repository, const Descriptor& blob, const BodySink& sink, const std::atomic_bool* cancelled)
{
    Sha256Stream hash;
    std::int64_t received = 0;
    bool oversized = false;
    HttpRequest request;
    request.url = blobPath(repository, blob.digest);
    request.cancelled = cancelled;
    request.bodySink = [&](const char* data, std::size_t size) {
        received += static_cast<std::int64_t>(size);
        if (received > blob.size) {
            oversized = true;
            return false;
        }
        hash.update(data, size);
        return sink(data, size);
    };
    auto response = m_session.send(std::move(request), { pullScope(repository.repository) }, true);
    const std::string what = "reading blob " + blob.digest.shortForm() + " from " + repository.name();
    if (oversized)
        return fail(ErrorKind::DigestMismatch,
            what + ": the registry sent more than the " + std::to_string(blob.size) + " bytes the manifest lists");
    if (!response)
        return std::unexpected(withContext(response.error(), what));
    if (response->status != 200)
        return std::unexpected(errorFromResponse(*response, what));
    if (received != blob.size)
        return fail(ErrorKind::DigestMismatch,
            what + ": received " + std::to_string(received) + " bytes, the manifest lists "
                + std::to_string(blob.size));
    const auto actual = hash.finish();
    if (actual != blob.digest)
        return fail(ErrorKind::DigestMismatch,
            what + ": its bytes hash to " + actual.str() + "; the registry holds corrupt or substituted content");
    return {};
}

Result<std::string> RegistryBlobs::fetchSmall(const Reference& repository, const Descriptor& blob)
{
    if (blob.size > maxManifestBytes)
        return fail(ErrorKind::TooLarge,
            "blob " + blob.digest.shortForm() + " of " + repository.name() + " is larger than 4 MiB");
    std::string bytes;
    auto fetched = fetch(
        repository, blob,
        [&bytes](const char* data, std::size_t size) {
            bytes.append(data, size);
            return true;
        },
        nullptr);
    if (!fetched)
        return std::unexpected(fetched.error());
    return bytes;
}

} // namespace gantry::registry
