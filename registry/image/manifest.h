#pragma once

#include "base/error.h"
#include "registry/image/digest.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gantry::registry {

struct Platform
{
    std::string os;
    std::string architecture;
    std::string variant;
    std::string osVersion;

    /// `linux/arm64/v8`, as docker and skopeo print it.
    std::string toString() const;
};

/// A pointer to content: what manifests say about their config, layers and children.
struct Descriptor
{
    std::string mediaType;
    Digest digest;
    std::int64_t size = 0;
    std::vector<std::string> urls;
    std::optional<Platform> platform;
    std::map<std::string, std::string> annotations;

    /// Foreign and non-distributable layers live elsewhere (their `urls`); registries never get them.
    bool isNonDistributable() const;
};

/// An image manifest or an index, with its bytes exactly as received: re-serialising the JSON
/// would change the digest, so the bytes are what gets copied.
struct Manifest
{
    std::string mediaType;
    std::string bytes;
    Digest digest;
    std::optional<Descriptor> config; ///< image manifests only
    std::vector<Descriptor> layers; ///< image manifests only
    std::vector<Descriptor> manifests; ///< indexes only: the children
    std::map<std::string, std::string> annotations;

    /// Parses and validates `bytes`; `contentType` is the HTTP Content-Type, used when the JSON
    /// carries no `mediaType`. Schema 1 and unknown types are errors.
    static Result<Manifest> parse(std::string bytes, std::string_view contentType);

    bool isIndex() const;
    /// The blobs a registry must hold for this image manifest: config and distributable layers.
    std::vector<Descriptor> blobs() const;
};

/// Largest manifest, config or index body Gantry reads: anything bigger is hostile or broken.
inline constexpr std::int64_t maxManifestBytes = 4 * 1024 * 1024;

} // namespace gantry::registry
