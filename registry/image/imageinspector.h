#pragma once

#include "base/error.h"
#include "base/timestamps.h"
#include "registry/image/digest.h"
#include "registry/image/manifest.h"
#include "registry/image/reference.h"

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace gantry::registry {

class RegistryClient;

struct PlatformImage
{
    std::string platform; ///< "linux/arm64/v8"
    Digest digest;
    std::int64_t size = 0; ///< manifest, config and layers
};

/// What `gantryctl inspect` and the Tags page show about one image.
struct ImageDetails
{
    Reference reference;
    Digest digest;
    std::string mediaType;
    /// Bytes of every manifest and distributable blob the image consists of, counted once each.
    std::int64_t size = 0;
    std::vector<PlatformImage> platforms; ///< for an index; one entry for a single image with a platform
    std::optional<Timestamp> created;
};

/// Reads an image's manifest (and, for an index, its children) and configs.
Result<ImageDetails> inspectImage(
    RegistryClient& client, const Reference& reference, const std::atomic_bool* cancelled = nullptr);

/// When an image was made: the `org.opencontainers.image.created` annotation, then that label in
/// its config, then the config's `created`. Reproducible builds write 1970-01-01: unknown.
std::optional<Timestamp> imageCreated(const Manifest& manifest, std::string_view configBytes);

} // namespace gantry::registry
