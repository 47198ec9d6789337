#pragma once

#include "base/error.h"
#include "registry/image/digest.h"
#include "registry/image/reference.h"

#include <atomic>
#include <string>
#include <vector>

namespace gantry::registry {

class RegistryClient;

struct TagDigest
{
    std::string tag;
    Digest digest;
    std::string mediaType;
};

/// Resolves many tags of one repository to digests with HEAD requests (they do not count
/// against pull rate limits, GETs do), several in flight at once. Tags that vanish between
/// listing and resolving are left out; any other failure is an error.
Result<std::vector<TagDigest>> resolveTags(RegistryClient& client, const Reference& repository,
    const std::vector<std::string>& tags, int concurrency = 8, const std::atomic_bool* cancelled = nullptr);

} // namespace gantry::registry
