#pragma once

#include "cli/arguments.h"
#include "cli/command.h"

#include <chrono>
#include <expected>
#include <optional>
#include <span>
#include <string_view>

namespace gantry::cli {

/// A command line that names a command of the table with only the flags and options it takes.
struct CommandLine
{
    const Command* command = nullptr;
    Arguments arguments; ///< without the command's name
};

/// Parses gantryctl's command line against the command table. --help prints the usage; a missing
/// or unknown command or an option the command does not take prints a one-line error: either way
/// the exit status to return is the unexpected value.
std::expected<CommandLine, int> parseCommandLine(int argc, char** argv, std::span<const Command> table);

/// The value of `--timeout`: whole seconds from 1 to a day; nullopt for anything else.
std::optional<std::chrono::seconds> parseTimeout(std::string_view text);

} // namespace gantry::cli
