#pragma once

namespace gantry::cli {

/// gantryctl-release: gantryctl's command line, which gantryctl execs it with, parsed against the
/// table with every handler; a release command gets an application object (for Qt SQL and
/// standard paths) and a ReleaseContext. Returns the exit status, as gantryctl's.
int runRelease(int argc, char** argv);

} // namespace gantry::cli
