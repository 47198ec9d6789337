#pragma once

#include "cli/commandcontext.h"

namespace gantry::cli {

/// gantryctl tags: a repository's tags, sorted, one a line (--json: with digest and media type). Returns the exit
/// status.
int runTags(CommandContext& context);

} // namespace gantry::cli
