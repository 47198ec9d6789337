#pragma once

#include "base/error.h"

#include <atomic>
#include <functional>

namespace gantry::registry {

/// Runs `task(0) … task(count - 1)` on up to `concurrency` threads (the caller's among them).
/// The first failure sets `stop` and is returned; tasks not yet started then never start, and
/// running ones see `stop` (pass it on to the requests they make). Also stops when `stop` is set
/// from outside, returning success: the caller knows why it stopped.
Status runConcurrently(
    std::size_t count, int concurrency, std::atomic_bool& stop, const std::function<Status(std::size_t index)>& task);

} // namespace gantry::registry
