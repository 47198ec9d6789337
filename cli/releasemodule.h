#pragma once

#include <atomic>

namespace gantry::cli {

/// Runs a release or cluster command in gantryctl's release module (gantryctl-release.so), which
/// holds everything that needs Qt: the workspace, the journal and the policies. Loading it only
/// for those commands keeps Qt's start-up (about 10 ms of dynamic linking) out of the registry
/// commands that scripts call many times. A missing module is exit status 1 with its path.
int runReleaseModule(int argc, char** argv, const std::atomic_bool* interrupted);

/// The module's entry point: gantryctl's argc and argv, and the flag its signal handlers set.
using ReleaseModuleEntry = int (*)(int argc, char** argv, const std::atomic_bool* interrupted);
inline constexpr const char* releaseModuleEntryName = "gantryctl_release_main";

} // namespace gantry::cli
