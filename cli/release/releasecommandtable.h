#pragma once

#include "cli/command.h"

#include <span>

namespace gantry::cli {

/// gantryctl-release's copy of the command table (cli/commandrows.h): every handler in it.
std::span<const Command> commandTableWithReleaseHandlers();

} // namespace gantry::cli
