#include "registry/image/tagresolver.h"

#include "base/concurrently.h"
#include "registry/image/registryclient.h"

namespace gantry::registry {

Result<std::vector<TagDigest>> resolveTags(RegistryClient& client, const Reference& repository,
    const std::vector<std::string>& tags, int concurrency, const std::atomic_bool* cancelled)
{
    std::vector<std::optional<TagDigest>> resolved(tags.size());
    std::atomic_bool stop { false };
    auto done = runConcurrently(tags.size(), concurrency, stop, [&](std::size_t i) -> Status {
        if (cancelled && cancelled->load())
            return fail(ErrorKind::Cancelled, "cancelled");
        auto head = client.headManifest(repository.withTag(tags[i]), cancelled);
        if (head)
            resolved[i] = TagDigest { tags[i], head->digest, head->mediaType };
        else if (head.error().kind != ErrorKind::NotFound) // deleted since the listing: left out
            return std::unexpected(head.error());
        return {};
    });
    if (!done)
        return std::unexpected(done.error());
    std::vector<TagDigest> result;
    result.reserve(tags.size());
    for (auto& entry : resolved) {
        if (entry)
            result.push_back(std::move(*entry));
    }
    return result;
}

} // namespace gantry::registry
