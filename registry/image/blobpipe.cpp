#include "registry/image/blobpipe.h"

#include <algorithm>
#include <cstring>

namespace gantry::registry {

BlobPipe::BlobPipe(std::size_t capacity)
    : m_ring(std::make_unique_for_overwrite<char[]>(std::max<std::size_t>(capacity, 2)))
    , m_capacity(std::max<std::size_t>(capacity, 2))
{
}

bool BlobPipe::write(const char* data, std::size_t size)
{
    std::unique_lock lock(m_mutex);
    while (size > 0) {
        m_changed.wait(lock, [this] { return m_readerClosed || m_size < m_capacity; });
        if (m_readerClosed)
            return false;
        const std::size_t tail = (m_head + m_size) % m_capacity;
        const std::size_t contiguous = std::min(m_capacity - m_size, m_capacity - tail);
        const std::size_t chunk = std::min(size, contiguous);
        std::memcpy(m_ring.get() + tail, data, chunk);
        m_size += chunk;
        data += chunk;
        size -= chunk;
        m_changed.notify_all();
    }
    return true;
}

void BlobPipe::finish()
{
    std::lock_guard lock(m_mutex);
    m_finished = true;
    m_changed.notify_all();
}

void BlobPipe::fail()
{
    std::lock_guard lock(m_mutex);
    m_failed = true;
    m_changed.notify_all();
}

std::optional<std::size_t> BlobPipe::read(char* buffer, std::size_t capacity)
{
    std::unique_lock lock(m_mutex);
    // Until the writer has verified the blob, one byte stays behind so the upload cannot end.
    m_changed.wait(lock, [this] { return m_failed || m_finished || m_size > 1; });
    if (m_failed)
        return std::nullopt;
    const std::size_t readable = m_finished ? m_size : m_size - 1;
    const std::size_t contiguous = std::min(readable, m_capacity - m_head);
    const std::size_t chunk = std::min(capacity, contiguous);
    std::memcpy(buffer, m_ring.get() + m_head, chunk);
    m_head = (m_head + chunk) % m_capacity;
    m_size -= chunk;
    m_changed.notify_all();
    return chunk;
}

void BlobPipe::closeReader()
{
    std::lock_guard lock(m_mutex);
    m_readerClosed = true;
    m_changed.notify_all();
}

} // namespace gantry::registry
