#pragma once

#include "base/timestamps.h"
#include "model/workspace/retentionpolicy.h"

#include <optional>
#include <string>
#include <vector>

namespace gantry::model {

/// One rule of a retention policy that keeps the promoted artifact, or may.
struct RetainingRule
{
    std::string description; ///< "tags matching .*-stable: pushed within 365 days"
    std::string tag; ///< the planned tag through which it keeps the artifact ("2.2.4-stable")
    /// False when the outcome depends on what registries do not tell (pull times): it may keep it.
    bool surely = true;

    bool operator==(const RetainingRule&) const = default;
};

/// What the destination's retention policy will do with a promoted artifact, decided with the plan
/// so that whoever shows the plan only shows it.
struct PlannedRetention
{
    /// The destination's policy by name; nullopt: it has none, the registry keeps everything.
    std::optional<std::string> policy;
    std::vector<std::string> tags; ///< the artifact's tags there once promoted: the tag, its -stable tag
    /// The rules that keep it through one of those tags, in the policy's order. Empty under a policy:
    /// the registry deletes it at its next run.
    std::vector<RetainingRule> keptBy;
};

/// Judges an artifact with `tags` under `policy` (nullptr: none) by the rules of retention.h, as
/// pushed at `now`: a promotion's write is the newest push of its destination.
PlannedRetention planRetention(const RetentionPolicy* policy, std::vector<std::string> tags, registry::Timestamp now);

} // namespace gantry::model
