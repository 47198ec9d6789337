#pragma once

// Declared without Qt: the command table (cli/commandrows.h) names this handler in gantryctl too.
namespace gantry::cli {

class ReleaseContext;

/// gantryctl refresh: journals every tag of a pipeline that appeared, moved or disappeared. Returns the exit status.
int runRefresh(ReleaseContext& context);

} // namespace gantry::cli
