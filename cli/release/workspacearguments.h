#pragma once

#include "cli/release/releasecontext.h"

namespace gantry::cli {

/// The workspace's pipeline called `name`; an unknown name is InvalidInput listing the known ones.
registry::Result<const model::PipelineConfig*> pipelineNamed(ReleaseContext& context, const std::string& name);

/// What the pipeline commands (promote, refresh, retention) work on.
struct PipelineWork
{
    const model::PipelineConfig* pipeline = nullptr;
    model::Journal* journal = nullptr;
};
/// The pipeline called `name` and the journal; on failure the error is printed and the exit
/// status to return is the unexpected value.
std::expected<PipelineWork, int> pipelineWork(ReleaseContext& context, const std::string& name);
/// The same for a command whose one positional argument is PIPELINE (refresh, retention).
std::expected<PipelineWork, int> pipelineWorkFromArguments(ReleaseContext& context);

} // namespace gantry::cli
