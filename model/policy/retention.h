#pragma once

#include "base/timestamps.h"
#include "model/workspace/retentionpolicy.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::model {

/// How a retention policy treats one artifact, strongest first: the first that applies wins.
enum class RetentionStatus {
    KeptForever, ///< an always-rule matches one of its tags
    KeptWhileNewest, ///< a latest-rule keeps it for as long as it stays among the newest
    KeptUntil, ///< a pushed-within rule keeps it until `expires`, in the future
    Unknown, ///< nothing surely keeps it, but a rule whose outcome Gantry cannot know might
    Expired, ///< no rule keeps it: the registry deletes it at its next run
};

/// `keptForever`, `keptWhileNewest`, `keptUntil`, `unknown`, `expired`
std::string_view toString(RetentionStatus status);

/// What a registry tells about one artifact: its digest, every tag pointing at it, its push time.
struct ArtifactFacts
{
    std::string digest;
    std::vector<std::string> tags;
    /// When it was pushed, at the latest; nullopt when nobody knows. Exact unless pushedEarliest says
    /// otherwise.
    std::optional<registry::Timestamp> pushed {};
    /// When it was pushed, at the earliest: a refresh that sees a tag appear knows only that it was
    /// pushed since the refresh before. Nullopt: `pushed` is exact.
    std::optional<registry::Timestamp> pushedEarliest {};

    registry::Timestamp earliestPush() const { return pushedEarliest.value_or(*pushed); }
};

struct ArtifactRetention
{
    std::string digest;
    std::vector<std::string> tags;
    RetentionStatus status = RetentionStatus::Expired;
    int keptByRule = -1; ///< index in the policy's rules of the rule that keeps it; -1 for Unknown, Expired
    std::string keptBy; ///< that rule's description
    std::string keptByTag; ///< the tag through which it keeps the artifact (`2.2.4-stable` for `2.2.4`)
    /// KeptUntil: when it goes. KeptWhileNewest: the latest pushed-within date, a floor, if any.
    /// Expired: the latest pushed-within date that passed, if any. Otherwise nullopt.
    std::optional<registry::Timestamp> expires;
    std::optional<int> daysLeft; ///< floor((expires - now) / 24 h), negative once expired; with `expires`
    std::vector<std::string> unknownRules; ///< descriptions of the matching rules whose outcome is unknown
    std::string reason; ///< one line for a user: why this status
};

/// Evaluates `policy` for every artifact of a stage, as Harbor does: an artifact is kept while any rule
/// keeps any of its tags. Latest-rules rank by push time, newest first, and Gantry knows push times
/// only as intervals (exact for its own writes, between two refreshes otherwise, unknown for what was
/// there before it watched): an artifact is kept when even every artifact possibly newer leaves room,
/// not kept when the surely newer ones fill the count, and unknown in between. Pushes in one second
/// have no order: not by version either, since a hotfix of an old release is often the newest push.
/// Unknown is never reported as Expired. The result has the input's order. A stage of 2,000 tags takes
/// a few milliseconds.
std::vector<ArtifactRetention> evaluateRetention(
    const RetentionPolicy& policy, std::span<const ArtifactFacts> artifacts, registry::Timestamp now);

} // namespace gantry::model
