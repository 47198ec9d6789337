#pragma once

// Declared without Qt: the command table (cli/commandrows.h) names this handler in gantryctl too.
namespace gantry::cli {

class ReleaseContext;

/// gantryctl history: the journal's actions and tag movements (--seen: each tag's digests, first and last seen).
/// Returns the exit status.
int runHistory(ReleaseContext& context);

} // namespace gantry::cli
