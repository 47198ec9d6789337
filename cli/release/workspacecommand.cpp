#include "cli/release/workspacecommand.h"

#include "cli/release/releasecontext.h"

namespace gantry::cli {

int runWorkspace(ReleaseContext& context)
{
    const auto& args = context.arguments.positional;
    if (args.size() != 1 || args[0] != "check")
        return context.usage("expects \"check\"");
    auto workspace = context.workspace();
    if (!workspace)
        return context.rejectInput(workspace.error());
    const auto& loaded = **workspace;
    if (context.json) {
        nlohmann::json pipelines = nlohmann::json::array();
        for (const auto& pipeline : loaded.pipelines) {
            nlohmann::json stages = nlohmann::json::array();
            for (const auto& stage : pipeline.stages)
                stages.push_back({ { "name", stage.name }, { "repository", stage.reference().name() } });
            pipelines.push_back({ { "name", pipeline.name }, { "stages", stages } });
        }
        context.printJson(
            { { "workspace", loaded.path }, { "registries", loaded.registries.size() }, { "pipelines", pipelines },
                { "retentionPolicies", loaded.retentionPolicies.size() }, { "clusters", loaded.clusters.size() } });
        return ExitOk;
    }
    std::printf("%s: %zu registries, %zu retention policies, %zu clusters\n", printable(loaded.path).c_str(),
        loaded.registries.size(), loaded.retentionPolicies.size(), loaded.clusters.size());
    for (const auto& pipeline : loaded.pipelines) {
        std::printf("pipeline %s:", printable(pipeline.name).c_str());
        for (std::size_t i = 0; i < pipeline.stages.size(); ++i)
            std::printf("%s %s (%s)", i ? " →" : "", printable(pipeline.stages[i].name).c_str(),
                pipeline.stages[i].reference().name().c_str());
        std::printf("\n");
    }
    return ExitOk;
}

} // namespace gantry::cli
