#pragma once

namespace gantry::cli {

/// The helper that runs the commands needing Qt (the workspace, the journal, the policies):
/// beside gantryctl in a build tree, in <libexecdir>/gantry once installed.
inline constexpr const char* releaseHelperName = "gantryctl-release";

/// Replaces this process with gantryctl-release, given gantryctl's own argv, as git runs its
/// subcommands. Returns only when it cannot: exit status 1, the helper's path and why on stderr.
int execReleaseHelper(char** argv);

} // namespace gantry::cli
