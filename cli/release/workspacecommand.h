#pragma once

// Declared without Qt: the command table (cli/commandrows.h) names this handler in gantryctl too.
namespace gantry::cli {

class ReleaseContext;

/// gantryctl workspace: `workspace check`: reads the workspace and reports every problem in it. Returns the exit
/// status.
int runWorkspace(ReleaseContext& context);

} // namespace gantry::cli
