#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::cli {

class CommandContext;
class ReleaseContext;

/// Where a command runs: in gantryctl itself, which links no Qt so that the registry commands
/// start fast, or in gantryctl-release, the helper gantryctl execs for the commands that need Qt
/// (the workspace, the journal, the policies), as git runs its subcommands.
enum class RunsIn { Gantryctl, ReleaseHelper };

/// The heading `gantryctl --help` lists a command under.
enum class CommandGroup { Registry, Release, Cluster };

/// A line under a command's first line in `gantryctl --help`: its left column and its right.
struct HelpLine
{
    std::string_view left;
    std::string_view right;
};

using CommandHandler = int (*)(CommandContext&);
using ReleaseHandler = int (*)(ReleaseContext&);

/// One of gantryctl's commands: a row of the command table (cli/commandrows.h).
struct Command
{
    std::string_view name {};
    /// What it takes, as the README lists it: `promote PIPELINE TAG [--from STAGE] [--dry-run]`.
    /// Its `[--option VALUE]`s and `[--flag]`s are the options the command accepts.
    std::string_view usage {};
    /// The first line of its entry in --help (right of its name and arguments), and the lines under it.
    std::string_view summary {};
    std::vector<HelpLine> moreHelp {};
    CommandGroup group = CommandGroup::Registry;
    RunsIn runsIn = RunsIn::Gantryctl;
    /// The handler of a command gantryctl runs itself.
    CommandHandler run = nullptr;
    /// The handler of a release command: set in gantryctl-release's copy of the table only.
    ReleaseHandler runRelease = nullptr;

    /// The usage up to its options: `promote PIPELINE TAG`, the left column of its first --help line.
    std::string_view synopsis() const;
    /// The `[--flag]`s of its usage, without dashes.
    std::set<std::string> flags() const;
    /// The `[--option VALUE]`s of its usage, without dashes.
    std::set<std::string> options() const;
};

} // namespace gantry::cli
