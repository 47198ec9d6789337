#pragma once

#include "commandcontext.h"

namespace gantry::cli {

/// The workspace's pipeline called `name`; an unknown name is InvalidInput listing the known ones.
registry::Result<const model::PipelineConfig*> pipelineNamed(CommandContext& context, const std::string& name);

} // namespace gantry::cli
