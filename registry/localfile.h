#pragma once

#include "error.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gantry::registry {

/// Reads a whole local file of at most `maxBytes`, without reading further than the cap.
/// nullopt when it does not exist (so callers can skip optional files, as Docker and kubectl do);
/// Io when it cannot be read; TooLarge past the cap ("… is larger than 16 MiB; it cannot be
/// `what`"). Messages name the path, never the content.
Result<std::optional<std::string>> readCappedFile(const std::string& path, std::size_t maxBytes, std::string_view what);

} // namespace gantry::registry
