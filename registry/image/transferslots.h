#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace gantry::registry {

/// Bounds how many blobs stream at once, apart from the requests around them. A blob holds a slot
/// from its first byte to its last, not until the registry answers the final PUT: a registry syncs
/// a finished blob to disk before it answers (tens of milliseconds for 20 MiB), and a slot held
/// through that wait would leave the network and the cores idle.
class TransferSlots
{
public:
    explicit TransferSlots(int count);

    /// One slot, held until released or destroyed.
    class Lease
    {
    public:
        Lease() = default;
        Lease(Lease&& other) noexcept;
        Lease& operator=(Lease&& other) noexcept;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease();

        explicit operator bool() const { return m_slots != nullptr; }
        /// Gives the slot back early; later calls do nothing.
        void release();

    private:
        friend class TransferSlots;
        explicit Lease(TransferSlots* slots)
            : m_slots(slots)
        {
        }
        TransferSlots* m_slots = nullptr;
    };

    /// Waits for a free slot; an empty lease when `stop` was set first.
    Lease acquire(const std::atomic_bool& stop);

private:
    void giveBack();

    std::mutex m_mutex;
    std::condition_variable m_freed;
    int m_free;
};

} // namespace gantry::registry
