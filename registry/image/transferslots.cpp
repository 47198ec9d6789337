#include "registry/image/transferslots.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace gantry::registry {

namespace {
// `stop` is a plain flag that nobody notifies about, so a waiter looks at it this often.
constexpr auto stopPollInterval = std::chrono::milliseconds(20);
} // namespace

TransferSlots::TransferSlots(int count)
    : m_free(std::max(count, 1))
{
}

TransferSlots::Lease TransferSlots::acquire(const std::atomic_bool& stop)
{
    std::unique_lock lock(m_mutex);
    while (m_free == 0) {
        if (stop)
            return {};
        m_freed.wait_for(lock, stopPollInterval);
    }
    if (stop)
        return {};
    --m_free;
    return Lease(this);
}

void TransferSlots::giveBack()
{
    {
        std::lock_guard lock(m_mutex);
        ++m_free;
    }
    m_freed.notify_one();
}

TransferSlots::Lease::Lease(Lease&& other) noexcept
    : m_slots(std::exchange(other.m_slots, nullptr))
{
}

TransferSlots::Lease& TransferSlots::Lease::operator=(Lease&& other) noexcept
{
    if (this != &other) {
        release();
        m_slots = std::exchange(other.m_slots, nullptr);
    }
    return *this;
}

TransferSlots::Lease::~Lease()
{
    release();
}

void TransferSlots::Lease::release()
{
    if (auto* slots = std::exchange(m_slots, nullptr))
        slots->giveBack();
}

} // namespace gantry::registry
