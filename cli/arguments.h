#pragma once

#include "base/error.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace gantry::cli {

/// A command line split into positionals, `--flag`s and `--option VALUE` / `--option=VALUE`.
struct Arguments
{
    std::vector<std::string> positional;
    std::set<std::string> flags;
    std::map<std::string, std::string> options;

    bool has(const std::string& flag) const { return flags.contains(flag); }
    std::string option(const std::string& name, const std::string& fallback = {}) const;
};

/// Parses `args`, accepting only the flags and options named (without their leading dashes);
/// anything else is an InvalidInput error naming it. `--` ends option parsing.
registry::Result<Arguments> parseArguments(const std::vector<std::string>& args,
    const std::set<std::string>& knownFlags, const std::set<std::string>& knownOptions);

} // namespace gantry::cli
