#pragma once

namespace gantry::cli {

/// Runs gantryctl with its command line; returns the process exit status
/// (0 done, 1 the operation failed, 2 bad usage or input, 3 refused by a policy).
int run(int argc, char** argv);

} // namespace gantry::cli
