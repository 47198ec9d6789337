#pragma once

#include "commandcontext.h"

namespace gantry::cli {

/// The workspace's pipeline called `name`; an unknown name is InvalidInput listing the known ones.
registry::Result<const model::PipelineConfig*> pipelineNamed(CommandContext& context, const std::string& name);

/// What the pipeline commands (promote, refresh, retention) work on.
struct PipelineWork
{
    const model::PipelineConfig* pipeline = nullptr;
    model::Journal* journal = nullptr;
};
/// The pipeline called `name` and the journal; on failure the error is printed and the exit
/// status to return is the unexpected value.
std::expected<PipelineWork, int> pipelineWork(CommandContext& context, const std::string& name);

} // namespace gantry::cli
