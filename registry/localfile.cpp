#include "localfile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace gantry::registry {

Result<std::optional<std::string>> readCappedFile(const std::string& path, std::size_t maxBytes, std::string_view what)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return std::nullopt;
        return fail(ErrorKind::Io, "could not open " + path + ": " + std::strerror(errno));
    }
    std::string text;
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return fail(ErrorKind::Io, "could not read " + path + ": " + std::strerror(error));
        }
        if (n == 0)
            break;
        text.append(buffer, static_cast<std::size_t>(n));
        if (text.size() > maxBytes) {
            ::close(fd);
            return fail(ErrorKind::TooLarge,
                path + " is larger than " + std::to_string(maxBytes / 1024 / 1024) + " MiB; it cannot be "
                    + std::string(what));
        }
    }
    ::close(fd);
    return std::optional(std::move(text));
}

} // namespace gantry::registry
