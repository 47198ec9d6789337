#pragma once

#include "commandcontext.h"

namespace gantry::cli {

// Release commands: the policies of model/, from a shell or CI. Each returns the exit status.
int runStable(CommandContext& context);
int runPromote(CommandContext& context);
int runRetention(CommandContext& context);
int runRefresh(CommandContext& context);
int runHistory(CommandContext& context);
int runJournal(CommandContext& context);
int runWorkspace(CommandContext& context);
int runCerts(CommandContext& context);
int runClusters(CommandContext& context);

} // namespace gantry::cli
