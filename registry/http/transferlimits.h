#pragma once

#include <chrono>
#include <cstdint>

namespace gantry::registry {

/// How long one attempt of a request may wait on the network. Like skopeo and crane: seconds to
/// connect and to start answering, while a body (a blob of gigabytes) may take as long as it
/// needs provided it keeps moving.
struct TransferLimits
{
    std::chrono::milliseconds connect { 10'000 }; ///< TCP connect and TLS handshake
    std::chrono::milliseconds firstByte { 30'000 }; ///< from the request's last byte sent to the answer's first
    /// A body sent or received at fewer than `minimumBytesPerSecond`, averaged over this long, has stalled.
    std::chrono::milliseconds stallWindow { 30'000 };
    std::int64_t minimumBytesPerSecond = 1024;
};

} // namespace gantry::registry
