#pragma once

#include "base/filedescriptor.h"
#include "registry/tls/probestep.h"

#include <string>

namespace gantry::registry {

/// A non-blocking TCP connection to `host`:`port`, trying each address the name resolves to.
/// A name is looked up on a helper thread so that a resolver that hangs cannot outlast the deadline.
ProbeStep<FileDescriptor> connectTcp(const std::string& host, int port, const ProbeDeadline& deadline);

} // namespace gantry::registry
