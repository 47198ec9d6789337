#pragma once

#include "base/error.h"
#include "model/workspace/workspace.h"
#include "registry/image/tagresolver.h"

#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace gantry::registry {
class RegistryClient;
}

namespace gantry::model {

/// One digest in a stage with every tag on it: the unit retention decides about.
struct StageArtifact
{
    registry::Digest digest;
    std::vector<std::string> tags; ///< in tagLess order
};

/// Every tag of a stage and where it points, read at one moment.
struct StageSnapshot
{
    std::string stage;
    registry::Reference repository;
    std::vector<registry::TagDigest> tags;
    bool repositoryExists = true; ///< false: the registry does not know it (yet, or a typo in the workspace)
    std::chrono::milliseconds listLatency { 0 }; ///< how long the registry took to list the tags

    /// Tags grouped by digest; artifacts ordered by their highest tag, newest first.
    std::vector<StageArtifact> artifacts() const;
    /// tag → digest, what the journal's observe() takes.
    std::map<std::string, std::string> tagDigests() const;
};

/// Lists a stage's tags and resolves each to its digest (HEADs, several at once). A repository
/// that does not exist yet is an empty stage, not an error: nothing was promoted there so far.
registry::Result<StageSnapshot> readStage(
    registry::RegistryClient& client, const StageConfig& stage, const std::atomic_bool* cancelled = nullptr);

} // namespace gantry::model
