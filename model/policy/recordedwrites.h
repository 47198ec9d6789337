#pragma once

#include "base/error.h"
#include "model/journal/journal.h"
#include "model/policy/stabletagging.h"
#include "model/workspace/workspace.h"

#include <atomic>
#include <string>

namespace gantry::registry {
class RegistryClient;
}

namespace gantry::model {

/// Writes a -stable plan's tag with its journal trail: a "started" entry before the write, the
/// outcome after it (also when it failed), and the sighting. `actor` is who the journal names.
/// The plan must be a Write; anything else is an InvalidInput error and writes nothing.
registry::Status writeStableTagRecorded(registry::RegistryClient& client, Journal& journal, const StablePlan& plan,
    const std::string& actor, const std::atomic_bool* cancelled = nullptr);

/// Points a stage's floating tag at `digest`, an artifact already in that stage, journaled like
/// every write. Only the stage's floating tags move: a version tag is immutable (InvalidInput).
/// Returns the digest the registry stored.
registry::Result<registry::Digest> retargetFloatingTag(registry::RegistryClient& client, Journal& journal,
    const PipelineConfig& pipeline, const std::string& stage, const std::string& tag, const std::string& digest,
    const std::atomic_bool* cancelled = nullptr);

} // namespace gantry::model
