#pragma once

#include "cli/arguments.h"
#include "cli/command.h"

#include <atomic>

namespace gantry::cli {

/// Runs gantryctl with its command line; returns the process exit status (0 done, 1 the
/// operation failed, 2 bad usage or input, 3 refused by a policy). A release command is handed
/// to gantryctl-release, which replaces this process.
int run(int argc, char** argv);

/// Runs a command gantryctl runs itself (`command.run`) with its arguments.
int runCommand(const Command& command, Arguments arguments, const std::atomic_bool* interrupted);

/// Ctrl-C and SIGTERM set the flag returned, so that the transfers stop cleanly (a copy never
/// leaves a half-written tag); SIGPIPE is ignored.
const std::atomic_bool* catchInterruptions();

} // namespace gantry::cli
