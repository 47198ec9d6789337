#pragma once

// Declared without Qt: the command table (cli/commandrows.h) names this handler in gantryctl too.
namespace gantry::cli {

class ReleaseContext;

/// gantryctl clusters: sites, their clusters, and what each really runs. Returns the exit status.
int runClusters(ReleaseContext& context);

} // namespace gantry::cli
