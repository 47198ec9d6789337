#include "model/dashboard/retargetcandidates.h"

#include <algorithm>

namespace gantry::model {

namespace {

// Entries after which the tag pointed at their digestAfter.
bool movedTheTag(const JournalEntry& entry)
{
    if (entry.action == journal::appeared || entry.action == journal::moved)
        return true;
    const bool tagWriting = entry.action == journal::retarget || entry.action == journal::promote;
    const bool wentThrough
        = entry.outcome == journal::done || entry.outcome == journal::forced || entry.outcome == journal::unchanged;
    return tagWriting && wentThrough;
}

const StageView* viewOf(const DashboardSnapshot& snapshot, const std::string& pipeline, const std::string& stage)
{
    const auto found = std::ranges::find_if(
        snapshot.stages, [&](const StageView& view) { return view.pipeline == pipeline && view.stage == stage; });
    return found == snapshot.stages.end() ? nullptr : &*found;
}

} // namespace

const TagRow* findTag(
    const DashboardSnapshot& snapshot, const std::string& pipeline, const std::string& stage, const std::string& tag)
{
    const auto* view = viewOf(snapshot, pipeline, stage);
    if (!view)
        return nullptr;
    const auto found = std::ranges::find(view->tags, tag, &TagRow::tag);
    return found == view->tags.end() ? nullptr : &*found;
}

std::optional<RetargetRequest> retargetFor(
    const JournalEntry& entry, const Workspace& workspace, const DashboardSnapshot& snapshot)
{
    if (entry.digestAfter.empty() || !movedTheTag(entry))
        return std::nullopt;
    const auto* pipeline = workspace.pipeline(entry.pipeline);
    if (!pipeline)
        return std::nullopt;
    const auto stage = std::ranges::find(pipeline->stages, entry.stage, &StageConfig::name);
    if (stage == pipeline->stages.end()
        || std::ranges::find(stage->floatingTags, entry.tag) == stage->floatingTags.end())
        return std::nullopt;
    // A digest from a repository the stage has since left may not exist where the tag is now.
    if (!entry.repository.empty() && entry.repository != stage->reference().name())
        return std::nullopt;
    const auto* view = viewOf(snapshot, entry.pipeline, entry.stage);
    if (!view || !view->error.empty())
        return std::nullopt;
    const auto* now = findTag(snapshot, entry.pipeline, entry.stage, entry.tag);
    if (now && now->digest == entry.digestAfter)
        return std::nullopt;
    return RetargetRequest { entry.pipeline, entry.stage, entry.tag, entry.digestAfter };
}

} // namespace gantry::model
