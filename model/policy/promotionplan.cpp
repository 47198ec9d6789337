#include "model/policy/promotionplan.h"

#include "model/policy/releaseclass.h"
#include "model/workspace/duration.h"

#include <algorithm>

namespace gantry::model {

using registry::ErrorKind;
using registry::fail;
using registry::formatRfc3339;
using State = GuardCheck::State;

namespace {

constexpr const char* forceWayOut = "or pass --force (recorded in the journal)";

std::string stageNames(const PipelineConfig& pipeline)
{
    std::string names;
    for (const auto& stage : pipeline.stages)
        names += (names.empty() ? "" : ", ") + stage.name;
    return names;
}

registry::Result<int> stageIndex(const PipelineConfig& pipeline, const std::string& name, const char* option)
{
    const int index = pipeline.indexOf(name);
    if (index < 0) {
        return fail(ErrorKind::InvalidInput,
            std::string(option) + ": pipeline " + pipeline.name + " has no stage \"" + name
                + "\" (stages: " + stageNames(pipeline) + ")");
    }
    return index;
}

// Adds a verdict; a refusal the guard lets --force override becomes Overridden under --force.
void judge(PromotionPlan& plan, bool force, Guard guard, bool passed, std::string detail, std::string wayOut = {})
{
    State state = State::Passed;
    if (!passed)
        state = mayBeForced(guard) && force ? State::Overridden : State::Refused;
    plan.guards.push_back({ guard, state, std::move(detail), passed ? std::string() : std::move(wayOut) });
}

void checkStageOrder(PromotionPlan& plan, const PipelineConfig& pipeline, const PromotionFacts& facts, bool force)
{
    if (plan.toIndex <= plan.fromIndex) {
        judge(plan, force, Guard::StageOrder, false,
            plan.toStage + " does not come after " + plan.fromStage + " in " + pipeline.name + " ("
                + stageNames(pipeline) + ")",
            "promote forwards; to point a floating tag back at an older release, retarget it");
        return;
    }
    // Skipping a stage is allowed only when the artifact has been there: each stage is a test.
    std::vector<std::string> skipped;
    for (int i = plan.fromIndex + 1; i < plan.toIndex; ++i) {
        const auto& there = facts.tagInStage[static_cast<std::size_t>(i)];
        if (!there || there->digest != plan.digest)
            skipped.push_back(pipeline.stages[static_cast<std::size_t>(i)].name);
    }
    if (skipped.empty()) {
        judge(plan, force, Guard::StageOrder, true, plan.fromStage + " → " + plan.toStage);
        return;
    }
    std::string names;
    for (const auto& name : skipped)
        names += (names.empty() ? "" : ", ") + name;
    judge(plan, force, Guard::SkippedStages, false,
        plan.tag + " would skip " + names + ", which " + (skipped.size() > 1 ? "do" : "does") + " not have it at "
            + plan.digest.shortForm(),
        "promote to " + skipped.front() + " first, " + forceWayOut);
}

void checkImmutability(PromotionPlan& plan, const StageConfig& destination, bool force)
{
    if (!plan.destinationBefore || *plan.destinationBefore == plan.digest)
        return;
    const auto tagClass = classifyTag(plan.tag, destination.floatingTags);
    if (tagClass == ReleaseClass::Floating) {
        judge(plan, force, Guard::ImmutableTag, true,
            plan.tag + " is a floating tag in " + destination.name + ": it moves from "
                + plan.destinationBefore->shortForm());
        return;
    }
    const std::string kind = tagClass == ReleaseClass::Other ? "tags" : "version tags";
    judge(plan, force, Guard::ImmutableTag, false,
        destination.name + " already has " + plan.tag + " at " + plan.destinationBefore->shortForm()
            + ", another image; " + kind + " are never moved",
        "release it under a new version, " + std::string(forceWayOut));
}

void checkStable(PromotionPlan& plan, const StageConfig& destination, const PromotionFacts& facts, bool force)
{
    if (!destination.writesStableTags)
        return;
    const auto stableTag = stableTagFor(plan.tag);
    if (!stableTag) {
        judge(plan, force, Guard::Stable, true, plan.tag + " is not a final or patch release: no -stable tag");
        return;
    }
    plan.stableTag = *stableTag;
    if (!facts.stableInDestination) {
        plan.stable = StableStep::Write;
        judge(plan, force, Guard::Stable, true, "writes " + plan.stableTag + " at " + plan.digest.shortForm());
    } else if (*facts.stableInDestination == plan.digest) {
        plan.stable = StableStep::AlreadyThere;
        judge(plan, force, Guard::Stable, true, plan.stableTag + " is already there");
    } else {
        // Never overridden (guard.cpp says why).
        plan.stable = StableStep::Conflict;
        judge(plan, force, Guard::Stable, false,
            destination.name + " has " + plan.stableTag + " at " + facts.stableInDestination->shortForm()
                + ", another image; -stable tags are never overwritten",
            "find out which image is the real " + plan.tag + " (gantryctl history); delete the wrong one by digest");
    }
}

// The soak time of one stage the artifact leaves: the source, or a stage it skips having been there.
void checkStageSoak(PromotionPlan& plan, const StageConfig& stage, std::optional<registry::Timestamp> seen,
    const PromotionFacts& facts, bool force)
{
    const auto needs = formatDuration(stage.minimumSoak);
    const auto entered = seen ? seen : facts.created;
    if (!entered) {
        judge(plan, force, Guard::SoakTime, false,
            "unknown how long " + plan.tag + " has been in " + stage.name
                + " (no journal sighting, no creation time); it needs " + needs,
            "run gantryctl refresh " + plan.pipeline + " to start the clock, " + forceWayOut);
        return;
    }
    const std::string since = " in " + stage.name + " since " + formatRfc3339(*entered)
        + (seen ? "" : " (its creation time: no journal sighting)");
    const auto until = *entered + stage.minimumSoak;
    if (until > facts.now) {
        judge(plan, force, Guard::SoakTime, false,
            "soaks until " + formatRfc3339(until) + " (" + stage.name + " needs " + needs + ";" + since + ")",
            "wait until " + formatRfc3339(until) + ", " + forceWayOut);
    } else {
        judge(plan, force, Guard::SoakTime, true, "soaked: " + needs + " needed," + since);
    }
}

// Every stage the artifact leaves behind has had its soak time: skipping a stage is no way around it.
void checkSoak(PromotionPlan& plan, const PipelineConfig& pipeline, const PromotionFacts& facts, bool force)
{
    for (int i = plan.fromIndex; i < plan.toIndex; ++i) {
        const auto& stage = pipeline.stages[static_cast<std::size_t>(i)];
        if (stage.minimumSoak.count() <= 0)
            continue;
        const auto index = static_cast<std::size_t>(i);
        checkStageSoak(
            plan, stage, index < facts.enteredStage.size() ? facts.enteredStage[index] : std::nullopt, facts, force);
    }
}

void checkFreeze(PromotionPlan& plan, const StageConfig& destination, const PromotionFacts& facts, bool force)
{
    if (destination.freezes.empty())
        return;
    const auto freeze = activeFreeze(destination.freezes, facts.now);
    if (!freeze) {
        judge(plan, force, Guard::FreezeWindow, true, destination.name + " is not frozen");
        return;
    }
    judge(plan, force, Guard::FreezeWindow, false,
        destination.name + " is frozen until " + formatRfc3339(freeze->until)
            + (freeze->reason.empty() ? std::string() : ": " + freeze->reason),
        "wait until " + formatRfc3339(freeze->until) + ", " + forceWayOut);
}

// Retention keeps an artifact while any rule keeps any of its tags: the version and its -stable tag.
void planDestinationRetention(PromotionPlan& plan, const StageConfig& destination,
    const std::map<std::string, RetentionPolicy>& retentionPolicies, registry::Timestamp now)
{
    std::vector<std::string> tags { plan.tag };
    if (plan.stable == StableStep::Write || plan.stable == StableStep::AlreadyThere)
        tags.push_back(plan.stableTag);
    const auto policy = retentionPolicies.find(destination.retentionPolicy);
    plan.retention = planRetention(policy == retentionPolicies.end() ? nullptr : &policy->second, std::move(tags), now);
}

} // namespace

std::string_view toString(GuardCheck::State state)
{
    switch (state) {
    case State::Passed:
        return "passed";
    case State::Refused:
        return "refused";
    case State::Overridden:
        return "overridden";
    }
    return "refused";
}

const GuardCheck* PromotionPlan::refusal() const
{
    const auto it = std::ranges::find(guards, State::Refused, &GuardCheck::state);
    return it == guards.end() ? nullptr : &*it;
}

const GuardCheck* PromotionPlan::check(Guard guard) const
{
    const auto it = std::ranges::find(guards, guard, &GuardCheck::guard);
    return it == guards.end() ? nullptr : &*it;
}

bool PromotionPlan::forced() const
{
    return std::ranges::find(guards, State::Overridden, &GuardCheck::state) != guards.end();
}

bool PromotionPlan::forceable() const
{
    return refusal() && std::ranges::all_of(guards, [](const GuardCheck& guard) {
        return guard.state != State::Refused || guard.overridable();
    });
}

std::string PromotionPlan::command(bool dryRun) const
{
    std::string text = "gantryctl promote " + pipeline + " " + tag;
    if (!fromStage.empty())
        text += " --from " + fromStage;
    if (!toStage.empty())
        text += " --to " + toStage;
    if (forced())
        text += " --force";
    if (dryRun)
        text += " --dry-run";
    return text;
}

registry::Result<std::pair<int, int>> chooseStages(
    const PipelineConfig& pipeline, const PromotionRequest& request, const std::vector<bool>& present)
{
    int to = -1;
    if (!request.to.empty()) {
        auto index = stageIndex(pipeline, request.to, "--to");
        if (!index)
            return std::unexpected(index.error());
        to = *index;
    }
    int from = -1;
    if (!request.from.empty()) {
        auto index = stageIndex(pipeline, request.from, "--from");
        if (!index)
            return std::unexpected(index.error());
        from = *index;
    } else {
        // The last stage that has the tag; with --to, the last one before it, so that running the
        // same promotion again finds the destination done instead of promoting it onto itself.
        const int last = to >= 0 ? to - 1 : static_cast<int>(present.size()) - 1;
        for (int i = last; i >= 0 && from < 0; --i) {
            if (present[static_cast<std::size_t>(i)])
                from = i;
        }
    }
    if (request.to.empty() && from >= 0 && from + 1 < static_cast<int>(pipeline.stages.size()))
        to = from + 1;
    return std::pair { from, to };
}

registry::Result<std::pair<int, int>> chooseStages(
    const PipelineConfig& pipeline, const PromotionRequest& request, const PromotionFacts& facts)
{
    std::vector<bool> present;
    for (const auto& head : facts.tagInStage)
        present.push_back(head.has_value());
    return chooseStages(pipeline, request, present);
}

registry::Result<PromotionPlan> planPromotion(const PipelineConfig& pipeline, const PromotionRequest& request,
    const PromotionFacts& facts, const std::map<std::string, RetentionPolicy>& retentionPolicies)
{
    if (facts.tagInStage.size() != pipeline.stages.size())
        return fail(ErrorKind::InvalidInput, "promotion facts do not cover every stage of " + pipeline.name);
    const auto stages = chooseStages(pipeline, request, facts);
    if (!stages)
        return std::unexpected(stages.error());

    PromotionPlan plan;
    plan.pipeline = pipeline.name;
    plan.tag = request.tag;
    std::tie(plan.fromIndex, plan.toIndex) = *stages;
    if (plan.fromIndex < 0) {
        judge(plan, request.force, Guard::Source, false, request.tag + " is in no stage of " + pipeline.name,
            "check the tag's spelling; gantryctl tags " + pipeline.stages.front().reference().name() + " lists them");
        return plan;
    }
    const auto& source = pipeline.stages[static_cast<std::size_t>(plan.fromIndex)];
    plan.fromStage = source.name;
    const auto& sourceHead = facts.tagInStage[static_cast<std::size_t>(plan.fromIndex)];
    if (!sourceHead) {
        judge(plan, request.force, Guard::Source, false, source.name + " has no tag " + request.tag,
            "check the tag's spelling; gantryctl tags " + source.reference().name() + " lists them");
        return plan;
    }
    plan.digest = sourceHead->digest;
    plan.mediaType = sourceHead->mediaType;
    plan.source = source.reference(request.tag).withDigest(plan.digest.str());
    if (plan.toIndex < 0) {
        // Already as far as it goes: running the same promotion twice is not an error.
        judge(plan, request.force, Guard::Source, true,
            request.tag + " is in " + source.name + ", the last stage of " + pipeline.name + ": nothing further");
        return plan;
    }
    const auto& destination = pipeline.stages[static_cast<std::size_t>(plan.toIndex)];
    plan.toStage = destination.name;
    plan.toProtected = destination.isProtected;
    plan.destination = destination.reference(request.tag);
    if (const auto& before = facts.tagInStage[static_cast<std::size_t>(plan.toIndex)])
        plan.destinationBefore = before->digest;
    plan.copyNeeded = !plan.destinationBefore || *plan.destinationBefore != plan.digest;
    judge(plan, request.force, Guard::Source, true,
        source.name + " has " + request.tag + " at " + plan.digest.shortForm());

    checkStageOrder(plan, pipeline, facts, request.force);
    checkImmutability(plan, destination, request.force);
    checkStable(plan, destination, facts, request.force);
    // Time guards protect what is written; a promotion that writes nothing need not wait.
    if (plan.copyNeeded || plan.stable == StableStep::Write) {
        checkSoak(plan, pipeline, facts, request.force);
        checkFreeze(plan, destination, facts, request.force);
    }
    planDestinationRetention(plan, destination, retentionPolicies, facts.now);
    return plan;
}

} // namespace gantry::model
