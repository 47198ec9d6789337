#pragma once

// Declared without Qt: the command table (cli/commandrows.h) names this handler in gantryctl too.
namespace gantry::cli {

class ReleaseContext;

/// gantryctl retention: when each artifact of each stage expires and which rule keeps it; --apply deletes the expired
/// ones. Returns the exit status.
int runRetention(ReleaseContext& context);

} // namespace gantry::cli
