#pragma once

#include "cli/commandcontext.h"

namespace gantry::cli {

/// gantryctl tag: gives an image another tag in its repository; only the manifest moves. Returns the exit status.
int runTag(CommandContext& context);

} // namespace gantry::cli
