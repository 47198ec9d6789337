#include "model/dashboard/pipelinematrix.h"

#include "model/policy/releaseclass.h"

#include <algorithm>
#include <map>
#include <set>

namespace gantry::model {

namespace {

bool isVersionRow(ReleaseClass releaseClass)
{
    return releaseClass == ReleaseClass::Final || releaseClass == ReleaseClass::Patch
        || releaseClass == ReleaseClass::PreRelease;
}

const StageView* findStage(const DashboardSnapshot& snapshot, const std::string& pipeline, const std::string& stage)
{
    const auto it = std::ranges::find_if(
        snapshot.stages, [&](const StageView& view) { return view.pipeline == pipeline && view.stage == stage; });
    return it == snapshot.stages.end() ? nullptr : &*it;
}

// A stage's tags by name, and its floating tags in the pipeline's order (for stable badge order).
struct StageTags
{
    const StageView* view = nullptr;
    std::map<std::string, const TagRow*> byTag;
    std::vector<std::string> floating;
};

std::vector<std::string> badgesFor(const std::string& tag, const std::string& digest, const StageTags& stage)
{
    std::vector<std::string> badges;
    if (const auto stableTag = stableTagFor(tag)) {
        const auto it = stage.byTag.find(*stableTag);
        if (it != stage.byTag.end() && it->second->digest == digest)
            badges.emplace_back("stable");
    }
    for (const auto& floating : stage.floating) {
        const auto it = stage.byTag.find(floating);
        if (it != stage.byTag.end() && it->second->digest == digest)
            badges.push_back(floating);
    }
    return badges;
}

MatrixCell cellFor(const std::string& tag, const StageTags& stage, std::string& firstDigest)
{
    MatrixCell cell;
    if (!stage.view || !stage.view->error.empty()) {
        cell.state = MatrixCell::State::Unknown;
        cell.error = stage.view ? stage.view->error : "not read yet";
        return cell;
    }
    const auto it = stage.byTag.find(tag);
    if (it == stage.byTag.end())
        return cell;
    const TagRow& row = *it->second;
    cell.digest = row.digest;
    cell.created = row.created;
    cell.badges = badgesFor(tag, row.digest, stage);
    if (firstDigest.empty())
        firstDigest = row.digest;
    cell.state = row.digest == firstDigest ? MatrixCell::State::Present : MatrixCell::State::Drift;
    if (cell.state == MatrixCell::State::Drift)
        cell.expectedDigest = firstDigest;
    return cell;
}

} // namespace

std::vector<MatrixRow> buildPipelineMatrix(const DashboardSnapshot& snapshot, const PipelineView& pipeline)
{
    std::vector<StageTags> stages(pipeline.stages.size());
    std::set<std::string> versionTags;
    for (std::size_t i = 0; i < pipeline.stages.size(); ++i) {
        auto& stage = stages[i];
        stage.view = findStage(snapshot, pipeline.name, pipeline.stages[i]);
        if (i < pipeline.floatingTags.size())
            stage.floating = pipeline.floatingTags[i];
        if (!stage.view)
            continue;
        for (const auto& row : stage.view->tags) {
            stage.byTag.emplace(row.tag, &row);
            if (isVersionRow(classifyTag(row.tag, stage.floating)))
                versionTags.insert(row.tag);
        }
    }
    std::vector<std::string> tags(versionTags.begin(), versionTags.end());
    std::ranges::stable_sort(tags, [](const std::string& a, const std::string& b) { return tagLess(b, a); });

    std::vector<MatrixRow> rows;
    rows.reserve(tags.size());
    for (auto& tag : tags) {
        MatrixRow row { std::move(tag), {} };
        std::string firstDigest;
        for (const auto& stage : stages)
            row.cells.push_back(cellFor(row.tag, stage, firstDigest));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string digestHexPrefix(const std::string& digest)
{
    const auto colon = digest.find(':');
    return digest.substr(colon == std::string::npos ? 0 : colon + 1, 8);
}

std::string formatAge(registry::Timestamp created, registry::Timestamp now)
{
    using namespace std::chrono;
    const auto age = now - created;
    if (age >= days(1))
        return std::to_string(duration_cast<days>(age).count()) + " d";
    if (age >= hours(1))
        return std::to_string(duration_cast<hours>(age).count()) + " h";
    if (age >= minutes(1))
        return std::to_string(duration_cast<minutes>(age).count()) + " min";
    return "now";
}

} // namespace gantry::model
