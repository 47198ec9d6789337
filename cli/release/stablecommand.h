#pragma once

// Declared without Qt: the command table (cli/commandrows.h) names this handler in gantryctl too.
namespace gantry::cli {

class ReleaseContext;

/// gantryctl stable: tags a final or patch release X.Y.Z-stable too, by the -stable policy, without a workspace.
/// Returns the exit status.
int runStable(ReleaseContext& context);

} // namespace gantry::cli
