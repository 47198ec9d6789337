#pragma once

#include "base/error.h"
#include "registry/http/httpmessage.h"
#include "registry/image/digest.h"
#include "registry/image/manifest.h"
#include "registry/image/reference.h"

#include <atomic>
#include <cstdint>
#include <string>

namespace gantry::registry {

class RegistrySession;

/// The answer to a cross-repository mount: done, or an upload session to continue.
struct MountOutcome
{
    bool mounted = false;
    std::string uploadLocation; ///< set when the registry opened an upload session instead
};

/// The blob endpoints of the distribution API over one registry's session: existence, mounts,
/// uploads and verified downloads. RegistryClient's blob calls, which pick the session, are
/// documented there; a RegistryBlobs is made for one call and holds nothing of its own.
class RegistryBlobs
{
public:
    explicit RegistryBlobs(RegistrySession& session);

    Result<bool> has(const Reference& repository, const Digest& digest, const std::atomic_bool* cancelled);
    MountOutcome mount(const Reference& repository, const std::string& sourceRepository, const Digest& digest,
        const std::atomic_bool* cancelled);
    Result<std::string> startUpload(const Reference& repository, const std::atomic_bool* cancelled);
    Status finishUpload(const Reference& repository, const std::string& location, const Digest& digest,
        std::int64_t size, BodyReader reader, const std::atomic_bool* cancelled);
    Status finishUploadInChunk(const Reference& repository, const std::string& location, const Digest& digest,
        std::int64_t size, BodyReader reader, const std::atomic_bool* cancelled);
    Status push(const Reference& repository, const std::string& bytes);
    Status fetch(
        const Reference& repository, const Descriptor& blob, const BodySink& sink, const std::atomic_bool* cancelled);
    Result<std::string> fetchSmall(const Reference& repository, const Descriptor& blob);

private:
    /// The PUT that completes an upload session, with `request`'s body (streamed or in memory).
    Status putUpload(
        const Reference& repository, const std::string& location, const Digest& digest, HttpRequest request);

    RegistrySession& m_session;
};

} // namespace gantry::registry
