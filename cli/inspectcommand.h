#pragma once

#include "cli/commandcontext.h"

namespace gantry::cli {

/// gantryctl inspect: digest, media type, size, platforms and creation time of an image. Returns the exit status.
int runInspect(CommandContext& context);

} // namespace gantry::cli
