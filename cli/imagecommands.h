#pragma once

#include "cli/commandcontext.h"
#include "registry/image/reference.h"

namespace gantry::cli {

// Registry commands: each takes its context and returns the exit status.
int runTags(CommandContext& context);
int runInspect(CommandContext& context);
int runCopy(CommandContext& context);
int runTag(CommandContext& context);
int runDelete(CommandContext& context);

/// The destination of a copy: without its own tag or digest it keeps the source's tag
/// (`copy reg/a:1.2.3 reg/b` writes `reg/b:1.2.3`, as promotion means), not `latest`; a copy
/// by digest (`reg/a@sha256:…`) lands by digest, untagged.
registry::Result<registry::Reference> destinationFor(const std::string& text, const registry::Reference& source);

} // namespace gantry::cli
