#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>

namespace gantry::registry {

/// A bounded byte pipe from a download thread to an upload thread, so that a blob streams from
/// one registry to another without ever being held whole in memory. The last byte is held back
/// until the writer calls finish(): an upload cannot complete before the download was verified.
class BlobPipe
{
public:
    explicit BlobPipe(std::size_t capacity);

    /// Writer: blocks while the pipe is full. False once the reader has given up.
    bool write(const char* data, std::size_t size);
    /// Writer: every byte is written and verified.
    void finish();
    /// Writer: the download failed; the reader's next read aborts.
    void fail();

    /// Reader: blocks until bytes are available. 0 at the verified end, nullopt when the writer failed.
    std::optional<std::size_t> read(char* buffer, std::size_t capacity);
    /// Reader: gives up (the upload ended); a blocked writer wakes and stops.
    void closeReader();

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::unique_ptr<char[]> m_ring; // not zero-filled: a fresh 4 MiB memset per blob showed in profiles
    std::size_t m_capacity;
    std::size_t m_head = 0; ///< next byte to read
    std::size_t m_size = 0; ///< bytes buffered
    bool m_finished = false;
    bool m_failed = false;
    bool m_readerClosed = false;
};

} // namespace gantry::registry
