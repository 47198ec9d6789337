#include "registry/image/imagecopier.h"

#include "base/concurrently.h"
#include "registry/image/blobpipe.h"
#include "registry/image/registryclient.h"
#include "registry/image/transferslots.h"

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <future>
#include <set>
#include <thread>

namespace gantry::registry {

namespace {

constexpr std::size_t pipeCapacity = 1024 * 1024;
constexpr int maxIndexDepth = 4;
constexpr int blobAttempts = 2;
constexpr std::int64_t smallBlobBytes = 1024 * 1024;

bool isTransient(const Error& error)
{
    return error.kind == ErrorKind::Network || error.kind == ErrorKind::Timeout || error.kind == ErrorKind::Server;
}

// A PUT with the whole body refused as such, not for its content (that would be DIGEST_INVALID).
bool refusesMonolithicUpload(const Error& error)
{
    return error.kind == ErrorKind::Unsupported || error.httpStatus == 405 || error.httpStatus == 416
        || error.registryCode == "BLOB_UPLOAD_INVALID";
}

} // namespace

ImageCopier::ImageCopier(RegistryClient& client, CopyOptions options)
    : m_client(client)
    , m_options(std::move(options))
{
}

Result<CopyReport> ImageCopier::copy(const Reference& source, const Reference& destination)
{
    m_report = {};
    m_progress = {};
    m_stop = false;
    // Workers watch m_stop; a caller's cancel flag is mirrored into it while the copy runs.
    std::jthread cancelWatch;
    if (m_options.cancelled) {
        cancelWatch = std::jthread([this](std::stop_token stop) {
            // Wakes at once when the copy ends (stop requested), so a quick copy never waits for it.
            std::mutex mutex;
            std::condition_variable_any wake;
            std::unique_lock lock(mutex);
            while (!wake.wait_for(lock, stop, std::chrono::milliseconds(20), [] { return false; })
                && !stop.stop_requested()) {
                if (m_options.cancelled->load()) {
                    m_stop = true;
                    return;
                }
            }
        });
    }

    // What the destination holds is asked while the source's manifest is read: one round trip
    // (and, between registries, one connection set-up) instead of two in a row. Read, not HEADed:
    // "already there" skips the write, so it is decided on the manifest's bytes, never on a claim.
    auto destinationManifest
        = std::async(std::launch::async, [&] { return m_client.findManifest(destination, &m_stop); });
    auto top = m_client.getManifest(source, &m_stop);
    auto existing = destinationManifest.get();
    if (!top)
        return std::unexpected(top.error());
    if (!destination.digest.empty() && destination.digest != top->digest.str())
        return fail(ErrorKind::InvalidInput,
            "the destination names digest " + destination.digest + " but the source is " + top->digest.str());
    m_report.digest = top->digest;
    m_report.mediaType = top->mediaType;

    if (!existing)
        return std::unexpected(existing.error());
    if (*existing && (*existing)->digest == top->digest) {
        m_report.alreadyPresent = true;
        return m_report;
    }

    std::vector<Manifest> children;
    if (top->isIndex()) {
        if (auto collected = collectChildren(source, *top, children, 0); !collected)
            return std::unexpected(collected.error());
    }
    std::vector<Descriptor> blobs;
    std::set<Digest> seen;
    std::vector<const Manifest*> manifests { &*top };
    for (const auto& child : children)
        manifests.push_back(&child);
    for (const Manifest* manifest : manifests) {
        for (const auto& blob : manifest->blobs()) {
            if (seen.insert(blob.digest).second)
                blobs.push_back(blob);
        }
    }
    if (auto copied = copyBlobs(source, destination, blobs); !copied)
        return std::unexpected(copied.error());

    // Children before their index and the tagged manifest last: no tag points at missing content.
    for (const auto& child : children) {
        const auto target = Reference { destination.registry, destination.repository, {}, child.digest.str() };
        if (auto put = m_client.putManifest(target, child, &m_stop); !put)
            return std::unexpected(put.error());
        ++m_report.manifestsWritten;
    }
    if (m_stop)
        return fail(ErrorKind::Cancelled, "the copy was cancelled before its manifest was written; nothing is tagged");
    if (m_options.beforeTagWrite) {
        if (auto unchanged = m_options.beforeTagWrite(); !unchanged)
            return std::unexpected(unchanged.error());
    }
    // putManifest reads the tag back: a copy reported done is one the destination serves.
    if (auto put = m_client.putManifest(destination, *top, &m_stop); !put)
        return std::unexpected(put.error());
    ++m_report.manifestsWritten;
    return m_report;
}

Status ImageCopier::collectChildren(
    const Reference& source, const Manifest& index, std::vector<Manifest>& children, int depth)
{
    if (depth >= maxIndexDepth)
        return fail(ErrorKind::Unsupported, "indexes nest deeper than " + std::to_string(maxIndexDepth) + " levels");
    for (const auto& entry : index.manifests) {
        const auto childReference = Reference { source.registry, source.repository, {}, entry.digest.str() };
        auto child = m_client.getManifest(childReference, &m_stop);
        if (!child)
            return std::unexpected(child.error());
        if (child->isIndex()) {
            if (auto nested = collectChildren(source, *child, children, depth + 1); !nested)
                return nested;
        }
        children.push_back(std::move(*child));
    }
    return {};
}

Status ImageCopier::copyBlobs(
    const Reference& source, const Reference& destination, const std::vector<Descriptor>& blobs)
{
    m_progress.blobsTotal = static_cast<int>(blobs.size());
    for (const auto& blob : blobs)
        m_progress.bytesTotal += blob.size;

    // Largest first: the small ones then fill the gaps at the end instead of a large one
    // streaming alone after the rest.
    std::vector<const Descriptor*> order;
    for (const auto& blob : blobs)
        order.push_back(&blob);
    std::ranges::stable_sort(order, std::greater {}, &Descriptor::size);
    // Twice as many workers as slots: while some blobs stream, the others ask whether the
    // destination has them, open their uploads or wait for the registry to confirm the last PUT.
    TransferSlots slots(m_options.maxConcurrentBlobs);
    m_slots = &slots;
    auto copied = runConcurrently(order.size(), 2 * std::max(m_options.maxConcurrentBlobs, 1), m_stop,
        [&](std::size_t i) { return copyBlob(source, destination, *order[i]); });
    m_slots = nullptr;
    if (!copied)
        return copied;
    if (m_options.cancelled && m_options.cancelled->load())
        return fail(ErrorKind::Cancelled, "the copy was cancelled; nothing is tagged");
    return {};
}

Status ImageCopier::copyBlob(const Reference& source, const Reference& destination, const Descriptor& blob)
{
    std::string location;
    if (source.registry == destination.registry) {
        auto mount = m_client.mountBlob(destination, source.repository, blob.digest, &m_stop);
        if (mount.mounted) {
            blobDone(blob, &CopyReport::blobsMounted);
            return {};
        }
        location = mount.uploadLocation; // may be empty: then a new upload session
    } else {
        auto present = m_client.hasBlob(destination, blob.digest, &m_stop);
        if (!present)
            return std::unexpected(present.error());
        if (*present) {
            blobDone(blob, &CopyReport::blobsSkipped);
            return {};
        }
    }

    Status streamed;
    for (int attempt = 1; attempt <= blobAttempts; ++attempt) {
        const bool inChunk = m_monolithicRefused;
        streamed = streamBlob(source, destination, blob, std::exchange(location, {}), inChunk);
        if (!streamed && !inChunk && refusesMonolithicUpload(streamed.error())) {
            // Some registries accept an upload only as PATCH, then PUT: stream the blob again that way.
            m_monolithicRefused = true;
            continue;
        }
        if (streamed || !isTransient(streamed.error()) || m_stop)
            break;
    }
    if (!streamed)
        return streamed;
    blobDone(blob, &CopyReport::blobsCopied);
    return {};
}

Status ImageCopier::streamBlob(const Reference& source, const Reference& destination, const Descriptor& blob,
    std::string uploadLocation, bool inChunk)
{
    if (uploadLocation.empty()) {
        auto started = m_client.startUpload(destination, &m_stop);
        if (!started)
            return std::unexpected(started.error());
        uploadLocation = std::move(*started);
    }
    // A small blob is over as soon as it starts: it takes no slot from the large ones.
    TransferSlots::Lease slot;
    if (blob.size > smallBlobBytes) {
        slot = m_slots->acquire(m_stop);
        if (!slot)
            return fail(ErrorKind::Cancelled, "the copy stopped before blob " + blob.digest.shortForm() + " was sent");
    }
    BlobPipe pipe(std::min<std::size_t>(pipeCapacity, static_cast<std::size_t>(blob.size) + 2));
    std::optional<Error> downloadError;
    std::atomic_bool uploadGaveUp { false };
    std::jthread downloader([&] {
        const auto intoPipe = [&](const char* data, std::size_t size) {
            if (pipe.write(data, size))
                return true;
            uploadGaveUp = true;
            return false;
        };
        auto fetched = m_client.fetchBlob(source, blob, intoPipe, &m_stop);
        if (fetched) {
            pipe.finish();
        } else {
            downloadError = fetched.error();
            pipe.fail();
        }
    });
    std::int64_t sent = 0;
    BodyReader reader = [&](char* buffer, std::size_t capacity) {
        auto read = pipe.read(buffer, capacity);
        sent += read.value_or(0);
        // The last byte is handed over (curl asks no further when it knows the size): what is
        // left is the registry's answer, and the slot goes to the next blob.
        if (!read || *read == 0 || sent == blob.size)
            slot.release();
        return read;
    };
    auto uploaded = inChunk
        ? m_client.finishUploadInChunk(destination, uploadLocation, blob.digest, blob.size, std::move(reader), &m_stop)
        : m_client.finishUpload(destination, uploadLocation, blob.digest, blob.size, std::move(reader), &m_stop);
    pipe.closeReader();
    downloader.join();
    // The side that failed first has the real reason: the other was only stopped for it.
    if (downloadError && !uploadGaveUp)
        return std::unexpected(*downloadError);
    return uploaded;
}

void ImageCopier::blobDone(const Descriptor& blob, int CopyReport::*outcome)
{
    std::lock_guard lock(m_reportMutex);
    ++(m_report.*outcome);
    if (outcome == &CopyReport::blobsCopied)
        m_report.bytesCopied += blob.size;
    ++m_progress.blobsDone;
    m_progress.bytesDone += blob.size;
    if (m_options.onProgress)
        m_options.onProgress(m_progress);
}

} // namespace gantry::registry
