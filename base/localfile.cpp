#include "base/localfile.h"

#include "base/filedescriptor.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gantry::registry {

namespace {

std::string sizeText(std::size_t bytes)
{
    if (bytes >= 1024 * 1024)
        return std::to_string(bytes / 1024 / 1024) + " MiB";
    if (bytes >= 1024)
        return std::to_string(bytes / 1024) + " KiB";
    return std::to_string(bytes) + " bytes";
}

Error tooLarge(const std::string& path, std::size_t maxBytes, std::string_view what)
{
    return Error { ErrorKind::TooLarge,
        path + " is larger than " + sizeText(maxBytes) + "; it cannot be " + std::string(what), 0, {} };
}

std::string_view kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISFIFO(mode))
        return "a FIFO (named pipe)";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

// Opened without blocking (a FIFO with no writer would wait for one in open()) and checked on
// the descriptor itself, so the file checked is the file read.
Result<std::optional<FileDescriptor>> openRegular(const std::string& path, std::string_view what, off_t& size)
{
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
    if (!fd.isOpen()) {
        if (errno == ENOENT || errno == ENOTDIR)
            return std::nullopt;
        return fail(ErrorKind::Io, "could not open " + path + ": " + std::strerror(errno));
    }
    struct stat status
    {
    };
    if (::fstat(fd.get(), &status) != 0)
        return fail(ErrorKind::Io, "could not read " + path + ": " + std::strerror(errno));
    if (!S_ISREG(status.st_mode)) {
        return fail(ErrorKind::Io,
            path + " is " + std::string(kindOf(status.st_mode)) + ", not a regular file; it cannot be "
                + std::string(what));
    }
    size = status.st_size;
    return std::optional(std::move(fd));
}

// Up to `limit` bytes from `fd`.
Result<std::string> readUpTo(const FileDescriptor& fd, std::size_t limit, const std::string& path)
{
    std::string text;
    char buffer[64 * 1024];
    while (text.size() < limit) {
        const ssize_t n = ::read(fd.get(), buffer, std::min(sizeof buffer, limit - text.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(ErrorKind::Io, "could not read " + path + ": " + std::strerror(errno));
        if (n == 0)
            break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    return text;
}

} // namespace

Result<std::optional<std::string>> readCappedFile(const std::string& path, std::size_t maxBytes, std::string_view what)
{
    off_t size = 0;
    auto fd = openRegular(path, what, size);
    if (!fd || !*fd)
        return fd ? Result<std::optional<std::string>>(std::nullopt) : std::unexpected(fd.error());
    if (static_cast<std::size_t>(size) > maxBytes)
        return std::unexpected(tooLarge(path, maxBytes, what));
    // cap + 1, to tell a file that grew past the cap since fstat from one that fits.
    auto text = readUpTo(**fd, maxBytes + 1, path);
    if (!text)
        return std::unexpected(text.error());
    if (text->size() > maxBytes)
        return std::unexpected(tooLarge(path, maxBytes, what));
    return std::optional(std::move(*text));
}

Result<std::optional<std::string>> readFileStart(const std::string& path, std::size_t bytes, std::string_view what)
{
    off_t size = 0;
    auto fd = openRegular(path, what, size);
    if (!fd || !*fd)
        return fd ? Result<std::optional<std::string>>(std::nullopt) : std::unexpected(fd.error());
    auto text = readUpTo(**fd, bytes, path);
    if (!text)
        return std::unexpected(text.error());
    return std::optional(std::move(*text));
}

} // namespace gantry::registry
