#pragma once

#include "cli/release/releasecontext.h"

namespace gantry::cli {

// Release commands: the policies of model/, from a shell or CI. Each returns the exit status.
int runStable(ReleaseContext& context);
int runPromote(ReleaseContext& context);
int runRetention(ReleaseContext& context);
int runRefresh(ReleaseContext& context);
int runHistory(ReleaseContext& context);
int runJournal(ReleaseContext& context);
int runWorkspace(ReleaseContext& context);
int runCerts(ReleaseContext& context);
int runClusters(ReleaseContext& context);

} // namespace gantry::cli
