#pragma once

#include "cli/arguments.h"

#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace gantry::cli {

/// A command line that names a known command with only the flags and options it takes.
struct CommandLine
{
    std::string command;
    Arguments arguments; ///< without the command's name
};

/// Parses gantryctl's command line. --help prints the usage; a missing or unknown command or an
/// option the command does not take prints a one-line error: either way the exit status to
/// return is the unexpected value.
std::expected<CommandLine, int> parseCommandLine(int argc, char** argv);

/// The value of `--timeout`: whole seconds from 1 to a day; nullopt for anything else.
std::optional<std::chrono::seconds> parseTimeout(std::string_view text);

/// The commands that read the workspace or the journal, run by gantryctl's release module.
bool isReleaseCommand(const std::string& command);

} // namespace gantry::cli
