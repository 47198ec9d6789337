#pragma once

#include "base/error.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gantry::registry {

/// Reads a whole local file of at most `maxBytes`: the one way Gantry reads a file it is given
/// (workspace, kubeconfig, credential files, certificates, caches). Only a regular file is read: a
/// FIFO, a device (/dev/zero), a socket or a folder is refused before any byte is read, so none can
/// block or grow without end, and a file over the cap is refused by its size before it is read
/// (and never read past cap + 1 bytes should it grow meanwhile).
/// nullopt when it does not exist (so callers can skip optional files, as Docker and kubectl do);
/// Io when it cannot be read or is not a regular file; TooLarge past the cap ("… is larger than
/// 16 MiB; it cannot be `what`"). Messages name the path, never the content.
Result<std::optional<std::string>> readCappedFile(const std::string& path, std::size_t maxBytes, std::string_view what);

/// The first `bytes` bytes of a regular file (fewer when it is shorter), refused as readCappedFile
/// refuses what is not a regular file; for a header check before another library opens the file.
Result<std::optional<std::string>> readFileStart(const std::string& path, std::size_t bytes, std::string_view what);

} // namespace gantry::registry
