#pragma once

#include "cli/commandcontext.h"

namespace gantry::cli {

/// gantryctl delete: deletes a tag, or by digest an image and every tag on it; a tag delete is never widened into a
/// digest delete. Returns the exit status.
int runDelete(CommandContext& context);

} // namespace gantry::cli
