#include "tagresolver.h"

#include "registryclient.h"

#include <mutex>
#include <optional>
#include <thread>

namespace gantry::registry {

Result<std::vector<TagDigest>> resolveTags(RegistryClient& client, const Reference& repository,
    const std::vector<std::string>& tags, int concurrency, const std::atomic_bool* cancelled)
{
    std::vector<std::optional<TagDigest>> resolved(tags.size());
    std::atomic_size_t next { 0 };
    std::atomic_bool failed { false };
    std::optional<Error> firstError;
    std::mutex errorMutex;
    auto worker = [&] {
        for (std::size_t i = next++; i < tags.size() && !failed; i = next++) {
            if (cancelled && cancelled->load()) {
                std::lock_guard lock(errorMutex);
                firstError = Error { ErrorKind::Cancelled, "cancelled", 0, {} };
                failed = true;
                return;
            }
            auto head = client.headManifest(repository.withTag(tags[i]), cancelled);
            if (head) {
                resolved[i] = TagDigest { tags[i], head->digest, head->mediaType };
            } else if (head.error().kind != ErrorKind::NotFound) {
                std::lock_guard lock(errorMutex);
                if (!firstError)
                    firstError = head.error();
                failed = true;
            }
        }
    };
    {
        std::vector<std::jthread> workers;
        const auto threads = std::min<std::size_t>(std::max(concurrency, 1), tags.size());
        for (std::size_t i = 1; i < threads; ++i)
            workers.emplace_back(worker);
        worker();
    }
    if (firstError)
        return std::unexpected(*firstError);
    std::vector<TagDigest> result;
    result.reserve(tags.size());
    for (auto& entry : resolved) {
        if (entry)
            result.push_back(std::move(*entry));
    }
    return result;
}

} // namespace gantry::registry
