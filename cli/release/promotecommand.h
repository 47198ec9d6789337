#pragma once

// Declared without Qt: the command table (cli/commandrows.h) names this handler in gantryctl too.
namespace gantry::cli {

class ReleaseContext;

/// gantryctl promote: copies a tag to a pipeline's next stage once the guards pass, journaled. Returns the exit status.
int runPromote(ReleaseContext& context);

} // namespace gantry::cli
