#pragma once

#include "base/error.h"
#include "registry/image/digest.h"
#include "registry/image/manifest.h"
#include "registry/image/reference.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace gantry::registry {

class RegistryClient;
class TransferSlots;

struct CopyProgress
{
    int blobsDone = 0;
    int blobsTotal = 0;
    std::int64_t bytesDone = 0; ///< of blobs finished, whether mounted, skipped or copied
    std::int64_t bytesTotal = 0;
};

struct CopyOptions
{
    /// Blobs streaming at once: what go-containerregistry, regclient and oras use. As many again
    /// may be checked, opened or awaiting the registry's confirmation meanwhile.
    int maxConcurrentBlobs = 4;
    /// Called from copy threads, one call at a time.
    std::function<void(const CopyProgress&)> onProgress;
    const std::atomic_bool* cancelled = nullptr;
    /// Called just before the manifest is written under the destination tag, after every blob has
    /// landed: a caller that planned against the destination checks here that it has not changed
    /// meanwhile (registries have no compare-and-swap on tags). An error stops the copy, tag unwritten.
    std::function<Status()> beforeTagWrite;
};

struct CopyReport
{
    Digest digest;
    std::string mediaType;
    bool alreadyPresent = false; ///< the destination had it: nothing was written
    int blobsMounted = 0;
    int blobsCopied = 0;
    int blobsSkipped = 0; ///< the destination had them already
    std::int64_t bytesCopied = 0;
    int manifestsWritten = 0;
};

/// Copies an image by digest, never by pull and push: blobs are mounted within a registry and
/// streamed between registries (verified as they stream, memory bounded), an index is copied with
/// all its children first, and the manifest bytes go last and unchanged, so a copy that dies
/// half-way leaves no tag and running it again finishes the job. A destination that already has
/// the same digest under the tag is not written at all.
class ImageCopier
{
public:
    explicit ImageCopier(RegistryClient& client, CopyOptions options = {});

    Result<CopyReport> copy(const Reference& source, const Reference& destination);

private:
    Status collectChildren(const Reference& source, const Manifest& index, std::vector<Manifest>& children, int depth);
    Status copyBlobs(const Reference& source, const Reference& destination, const std::vector<Descriptor>& blobs);
    Status copyBlob(const Reference& source, const Reference& destination, const Descriptor& blob);
    Status streamBlob(const Reference& source, const Reference& destination, const Descriptor& blob,
        std::string uploadLocation, bool inChunk);
    /// Counts a finished blob under `outcome` (mounted, skipped or copied) and reports progress.
    void blobDone(const Descriptor& blob, int CopyReport::*outcome);

    RegistryClient& m_client;
    CopyOptions m_options;
    std::atomic_bool m_stop { false };
    std::atomic_bool m_monolithicRefused { false }; ///< the destination wants PATCH, then PUT
    TransferSlots* m_slots = nullptr; ///< while copyBlobs runs: bounds the blobs streaming at once
    std::mutex m_reportMutex;
    CopyReport m_report;
    CopyProgress m_progress;
};

} // namespace gantry::registry
