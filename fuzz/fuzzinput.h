#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

// Shared by the fuzz targets: how their bytes are read, and how a broken promise is reported.
namespace gantry::fuzz {

inline std::string_view textOf(const std::uint8_t* data, std::size_t size)
{
    return { reinterpret_cast<const char*>(data), size };
}

// Inputs that feed two arguments hold them on two lines: the first line, then the rest.
inline std::pair<std::string_view, std::string_view> firstLineAndRest(std::string_view text)
{
    const auto newline = text.find('\n');
    if (newline == std::string_view::npos)
        return { text, {} };
    return { text.substr(0, newline), text.substr(newline + 1) };
}

// A property the parsed value must have; libFuzzer and the corpus runner both stop on abort().
inline void require(bool holds, const char* promise)
{
    if (!holds) {
        std::fprintf(stderr, "broken promise: %s\n", promise);
        std::abort();
    }
}

} // namespace gantry::fuzz
