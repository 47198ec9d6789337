#pragma once

// Declared without Qt: the command table (cli/commandrows.h) names this handler in gantryctl too.
namespace gantry::cli {

class ReleaseContext;

/// gantryctl journal: `journal verify`: checks the journal's hash chain. Returns the exit status.
int runJournal(ReleaseContext& context);

} // namespace gantry::cli
