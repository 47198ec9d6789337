#include "cli/release/workspacearguments.h"

namespace gantry::cli {

registry::Result<const model::PipelineConfig*> pipelineNamed(ReleaseContext& context, const std::string& name)
{
    auto workspace = context.workspace();
    if (!workspace)
        return std::unexpected(workspace.error());
    if (const auto* pipeline = (*workspace)->pipeline(name))
        return pipeline;
    std::string known;
    for (const auto& pipeline : (*workspace)->pipelines)
        known += (known.empty() ? "" : ", ") + pipeline.name;
    return registry::fail(registry::ErrorKind::InvalidInput,
        "the workspace " + (*workspace)->path + " has no pipeline \"" + name
            + "\" (pipelines: " + (known.empty() ? std::string("none") : known) + ")");
}

std::expected<PipelineWork, int> pipelineWork(ReleaseContext& context, const std::string& name)
{
    auto pipeline = pipelineNamed(context, name);
    if (!pipeline)
        return std::unexpected(context.rejectInput(pipeline.error()));
    auto journal = context.journal();
    if (!journal)
        return std::unexpected(context.failWith(journal.error()));
    return PipelineWork { *pipeline, *journal };
}

std::expected<PipelineWork, int> pipelineWorkFromArguments(ReleaseContext& context)
{
    const auto& args = context.arguments.positional;
    if (args.size() != 1)
        return std::unexpected(context.usage("expects PIPELINE"));
    return pipelineWork(context, args[0]);
}

} // namespace gantry::cli
