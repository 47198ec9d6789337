#pragma once

#include "cli/command.h"

#include <span>
#include <string>

namespace gantry::cli {

/// `gantryctl --help`: the global options, then every command of `table` under its group's
/// heading, in the table's order, then the options and exit statuses.
std::string usageText(std::span<const Command> table);

} // namespace gantry::cli
