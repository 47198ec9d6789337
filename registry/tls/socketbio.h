#pragma once

#include "registry/tls/opensslpointers.h"

namespace gantry::registry {

/// A BIO over a non-blocking socket that writes with MSG_NOSIGNAL: OpenSSL's own socket BIO uses
/// write(), and a peer that resets the connection would then raise SIGPIPE and kill the process.
/// The BIO does not own `fd`. Null when OpenSSL is out of memory.
BioPtr makeNoSignalSocketBio(int fd);

} // namespace gantry::registry
