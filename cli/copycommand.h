#pragma once

#include "cli/commandcontext.h"
#include "registry/image/reference.h"

namespace gantry::cli {

/// gantryctl copy: copies an image with its digest kept (mounts within a registry). Returns the
/// exit status.
int runCopy(CommandContext& context);

/// The destination of a copy: without its own tag or digest it keeps the source's tag
/// (`copy reg/a:1.2.3 reg/b` writes `reg/b:1.2.3`, as promotion means), not `latest`; a copy
/// by digest (`reg/a@sha256:…`) lands by digest, untagged.
registry::Result<registry::Reference> destinationFor(const std::string& text, const registry::Reference& source);

} // namespace gantry::cli
