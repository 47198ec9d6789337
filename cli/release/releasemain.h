#pragma once

#include <atomic>

namespace gantry::cli {

/// Runs a release or cluster command: gantryctl's command line parsed again, an application
/// object for Qt SQL and standard paths, and a ReleaseContext. The release module's entry.
int runRelease(int argc, char** argv, const std::atomic_bool* interrupted);

} // namespace gantry::cli
