#pragma once

#include "cli/command.h"

#include <span>
#include <string_view>

namespace gantry::cli {

/// gantryctl's copy of the command table (cli/commandrows.h): the release commands without their
/// handlers, since they run in gantryctl-release.
std::span<const Command> commandTable();

/// The command called `name` in `table`, or nullptr.
const Command* findCommand(std::span<const Command> table, std::string_view name);

} // namespace gantry::cli
