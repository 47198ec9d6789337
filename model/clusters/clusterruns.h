#pragma once

#include "model/clusters/clusterreport.h"
#include "model/journal/journal.h"
#include "model/policy/retention.h"
#include "model/policy/stageretention.h"
#include "model/workspace/workspace.h"

#include <atomic>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace gantry::registry {
class RegistryClient;
}

namespace gantry::model {

/// What a cluster really runs: its image reference resolved to a digest and to the version tags
/// at that digest in its stage, with what is wrong about it.
struct ClusterRuns
{
    std::string cluster;
    std::string image; ///< as the workspace says, often a floating tag
    std::string pipeline; ///< of the stage whose repository the image is in; empty when none is
    std::string stage;
    std::string digest; ///< empty when the tag cannot be resolved
    std::vector<std::string> versions; ///< final, patch and pre-release tags at that digest, oldest first
    std::optional<ArtifactRetention> retention;
    std::vector<std::string> flags; ///< "runs prod, which prod does not have", "prod points at no version tag", …
    std::string error; ///< a registry failure; the other fields are then partial
};

/// Resolves every cluster that names an image. Each stage is read once, however many clusters
/// use it, and not at all when `evaluated` has it already (the dashboard's refresh read them all).
/// Per-cluster problems are flags or errors in the result; only a journal failure is an error.
registry::Result<std::vector<ClusterRuns>> resolveWhatRuns(registry::RegistryClient& client, Journal& journal,
    const Workspace& workspace, std::span<const ClusterSource> clusters, registry::Timestamp now,
    const std::atomic_bool* cancelled = nullptr, std::span<const StageRetention> evaluated = {});

} // namespace gantry::model
