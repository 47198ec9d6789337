#pragma once

#include "cli/commandcontext.h"
#include "registry/image/imagecopier.h"

namespace gantry::cli {

/// Copy options for a command: cancelled by Ctrl-C, with a progress line on stderr when it is
/// a terminal and the output is not JSON.
registry::CopyOptions copyOptionsFor(const CommandContext& context);

} // namespace gantry::cli
