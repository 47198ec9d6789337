#pragma once

#include "model/journal/journal.h"
#include "model/policy/retention.h"
#include "model/policy/stagesnapshot.h"
#include "model/workspace/workspace.h"

#include <atomic>
#include <map>
#include <string>
#include <vector>

namespace gantry::registry {
class RegistryClient;
}

namespace gantry::model {

/// A stage's artifacts with their retention verdicts, and the workspace clusters that run them.
struct StageRetention
{
    const StageConfig* stage = nullptr;
    StageSnapshot snapshot;
    const RetentionPolicy* policy = nullptr; ///< nullptr: the registry keeps everything
    std::vector<ArtifactRetention> artifacts;
    std::map<std::string, std::vector<std::string>> clustersByDigest;

    const ArtifactRetention* artifact(const std::string& digest) const;
};

/// Reads the stage, takes push times from the journal's first sightings (registries do not say when
/// an image was pushed: exact for what Gantry pushed, an upper bound otherwise, unknown when never
/// seen), evaluates the stage's policy and finds which clusters run which artifact.
registry::Result<StageRetention> evaluateStageRetention(registry::RegistryClient& client, Journal& journal,
    const Workspace& workspace, const StageConfig& stage, registry::Timestamp now,
    const std::atomic_bool* cancelled = nullptr);

/// The same over a stage read already (the dashboard reads it once, for the journal and for this):
/// no registry request, only the journal.
registry::Result<StageRetention> evaluateStageRetention(Journal& journal, const Workspace& workspace,
    const StageConfig& stage, StageSnapshot snapshot, registry::Timestamp now);

/// Whether retention may take the artifact within `warningDays`: expired, unknown, or kept until a
/// date that close.
bool mayExpireWithin(const ArtifactRetention& artifact, int warningDays);

} // namespace gantry::model
