#pragma once

#include "base/filedescriptor.h"
#include "registry/tls/opensslpointers.h"
#include "registry/tls/probestep.h"

#include <optional>
#include <string>

namespace gantry::registry {

/// A client handshake's end: the connection (null if none could be set up) and, when it failed, why.
/// The server's certificates may be there even after a failure (a server that rejects us later).
struct HandshakeOutcome
{
    SslPtr ssl;
    std::optional<ProbeError> error;
};

/// A TLS 1.2+ client handshake on `socket` with SNI `serverName` (unless an IP address), without
/// verification (the caller checks the chain) and without a client certificate.
HandshakeOutcome tlsHandshake(
    const FileDescriptor& socket, const std::string& serverName, const ProbeDeadline& deadline);

} // namespace gantry::registry
