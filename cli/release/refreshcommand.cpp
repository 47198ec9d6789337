#include "cli/release/refreshcommand.h"

#include "cli/release/releasecontext.h"
#include "cli/release/workspacearguments.h"
#include "model/journal/journal.h"
#include "model/policy/stagesnapshot.h"
#include "model/policy/unresolvedwrites.h"

#include <chrono>

namespace gantry::cli {

int runRefresh(ReleaseContext& context)
{
    const auto work = pipelineWorkFromArguments(context);
    if (!work)
        return work.error();
    const auto& pipeline = *work->pipeline;
    auto& journal = *work->journal;

    // Writes a killed run left without an outcome are looked up and journaled before the tags are.
    auto resolved = model::resolveUnfinishedWrites(context.client(), journal, pipeline.name, context.cancelled);
    if (!resolved)
        return context.failWith(resolved.error());
    if (!context.json) {
        for (const auto& entry : *resolved)
            std::printf("resolved %s %s: %s\n", entry.action.c_str(), entry.destination.c_str(), entry.outcome.c_str());
    }

    nlohmann::json stages = nlohmann::json::array();
    for (const auto& stage : pipeline.stages) {
        auto snapshot = model::readStage(context.client(), stage, context.cancelled);
        if (!snapshot)
            return context.failWith(snapshot.error());
        const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
        auto movements
            = journal.observe(pipeline.name, stage.name, snapshot->repository.name(), snapshot->tagDigests(), now);
        if (!movements)
            return context.failWith(movements.error());
        if (context.json) {
            nlohmann::json moved = nlohmann::json::array();
            for (const auto& entry : *movements) {
                moved.push_back({ { "action", entry.action }, { "tag", entry.tag },
                    { "digestBefore",
                        entry.digestBefore.empty() ? nlohmann::json(nullptr) : nlohmann::json(entry.digestBefore) },
                    { "digestAfter",
                        entry.digestAfter.empty() ? nlohmann::json(nullptr) : nlohmann::json(entry.digestAfter) } });
            }
            stages.push_back({ { "stage", stage.name }, { "repository", snapshot->repository.name() },
                { "repositoryExists", snapshot->repositoryExists }, { "tags", snapshot->tags.size() },
                { "movements", moved } });
            continue;
        }
        std::printf("%s (%s): %zu tags, %zu movements%s\n", printable(stage.name).c_str(),
            snapshot->repository.name().c_str(), snapshot->tags.size(), movements->size(),
            snapshot->repositoryExists ? "" : " (the registry has no such repository yet)");
        for (const auto& entry : *movements) {
            std::printf("  %-11s %s %s%s%s\n", entry.action.c_str(), printable(entry.tag).c_str(),
                entry.digestBefore.empty() ? "" : entry.digestBefore.substr(0, 19).c_str(),
                !entry.digestBefore.empty() && !entry.digestAfter.empty() ? " → " : "",
                entry.digestAfter.empty() ? "" : entry.digestAfter.substr(0, 19).c_str());
        }
    }
    if (context.json)
        context.printJson({ { "pipeline", pipeline.name }, { "stages", stages } });
    return ExitOk;
}

} // namespace gantry::cli
