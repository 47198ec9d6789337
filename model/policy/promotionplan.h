#pragma once

#include "base/error.h"
#include "base/timestamps.h"
#include "model/policy/guard.h"
#include "model/policy/plannedretention.h"
#include "model/workspace/workspace.h"
#include "registry/image/digest.h"
#include "registry/image/reference.h"
#include "registry/image/registryclient.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gantry::model {

/// What the user asked: `gantryctl promote PIPELINE TAG [--from S] [--to S] [--force]`.
struct PromotionRequest
{
    std::string tag;
    std::string from; ///< empty: the last stage that has the tag
    std::string to; ///< empty: the stage after `from`
    bool force = false;
};

/// What the registries and the journal said, gathered before planning (so planning is pure).
struct PromotionFacts
{
    std::vector<std::optional<registry::ManifestHead>> tagInStage; ///< per stage: where the tag points, if there
    std::optional<registry::Digest> stableInDestination; ///< where `<tag>-stable` points in the destination
    /// Per stage: the journal's first sighting of the digest there (asked for the stages it leaves
    /// or skips that have a soak time; empty elsewhere).
    std::vector<std::optional<registry::Timestamp>> enteredStage;
    std::optional<registry::Timestamp> created; ///< the image's creation time, the soak fallback
    registry::Timestamp now {};
};

/// One guard's verdict, with what to do about a refusal.
struct GuardCheck
{
    enum class State { Passed, Refused, Overridden };
    Guard guard = Guard::Source;
    State state = State::Passed;
    std::string detail; ///< a sentence: "soaks until 2026-11-24T10:00:00Z (fast-feedback needs 1d; …)"
    std::string wayOut; ///< for a refusal: "wait until …, or pass --force (recorded in the journal)"

    /// --force may override it: the guard says (mayBeForced).
    bool overridable() const { return mayBeForced(guard); }
};
std::string_view toString(GuardCheck::State state);

/// The `-stable` tag a promotion writes, if the destination stage wants one.
enum class StableStep {
    None, ///< the stage writes none, or the tag is not a final or patch release
    Write,
    AlreadyThere, ///< at the same digest
    Conflict, ///< at another digest: refused, never overwritten
};

/// Everything decided before anything is written: the dialog and `--dry-run` show it as it is.
struct PromotionPlan
{
    std::string pipeline;
    std::string tag;
    int fromIndex = -1;
    int toIndex = -1;
    std::string fromStage;
    std::string toStage;
    bool toProtected = false;
    registry::Reference source; ///< pinned: `host/repo:tag@sha256:…`, so what was checked is what is copied
    registry::Reference destination; ///< `host/repo:tag`
    registry::Digest digest;
    std::string mediaType;
    std::optional<registry::Digest> destinationBefore; ///< where the tag pointed in the destination
    bool copyNeeded = false;
    StableStep stable = StableStep::None;
    std::string stableTag;
    std::vector<GuardCheck> guards;
    /// What the destination's retention policy will do with the artifact, tagged as the plan leaves
    /// it (the tag, and its -stable tag when written or there already); nullopt without a destination.
    std::optional<PlannedRetention> retention;

    const GuardCheck* refusal() const; ///< the first refused guard, or nullptr
    const GuardCheck* check(Guard guard) const; ///< the first verdict of `guard`, or nullptr
    bool forced() const; ///< some guard was overridden by --force
    /// Refused, and --force would override every refusal (never a missing source, a backward
    /// promotion or a -stable conflict).
    bool forceable() const;
    bool nothingToDo() const { return !refusal() && !copyNeeded && stable != StableStep::Write; }
    /// The gantryctl command that runs this plan, for the dialog's "copy command".
    std::string command(bool dryRun = false) const;
};

/// Picks the stages (unknown names are InvalidInput), runs every guard and judges what the
/// destination's retention policy, one of `retentionPolicies` (Workspace::retentionPolicies), will do.
/// Never writes.
registry::Result<PromotionPlan> planPromotion(const PipelineConfig& pipeline, const PromotionRequest& request,
    const PromotionFacts& facts, const std::map<std::string, RetentionPolicy>& retentionPolicies);

/// The stages a request names, or their defaults: from the last stage that has the tag to the next.
/// `present[i]` says whether stage i has the tag.
registry::Result<std::pair<int, int>> chooseStages(
    const PipelineConfig& pipeline, const PromotionRequest& request, const std::vector<bool>& present);

/// chooseStages over what the registries said: a stage has the tag when its HEAD found it.
registry::Result<std::pair<int, int>> chooseStages(
    const PipelineConfig& pipeline, const PromotionRequest& request, const PromotionFacts& facts);

} // namespace gantry::model
