#include "base/concurrently.h"

#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace gantry::registry {

Status runConcurrently(
    std::size_t count, int concurrency, std::atomic_bool& stop, const std::function<Status(std::size_t index)>& task)
{
    std::atomic_size_t next { 0 };
    std::optional<Error> firstError;
    std::mutex errorMutex;
    auto worker = [&] {
        for (std::size_t i = next++; i < count && !stop; i = next++) {
            auto done = task(i);
            if (!done) {
                std::lock_guard lock(errorMutex);
                if (!firstError)
                    firstError = done.error();
                stop = true;
            }
        }
    };
    {
        const auto threads = std::min<std::size_t>(static_cast<std::size_t>(std::max(concurrency, 1)), count);
        std::vector<std::jthread> workers;
        for (std::size_t i = 1; i < threads; ++i)
            workers.emplace_back(worker);
        worker();
    }
    if (firstError)
        return std::unexpected(*firstError);
    return {};
}

} // namespace gantry::registry
