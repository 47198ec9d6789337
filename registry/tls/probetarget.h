#pragma once

#include "base/error.h"

#include <chrono>
#include <string>
#include <string_view>

namespace gantry::registry {

/// One TLS endpoint to probe, typically a Kubernetes API server.
struct ProbeTarget
{
    std::string host; ///< a name, an IPv4 or an IPv6 address (without brackets)
    int port = 443;
    std::string serverName; ///< sent as SNI (unless an IP address) and checked against the leaf; empty: host
    std::string caPem; ///< CAs to trust (PEM); empty: the system's
    std::chrono::milliseconds timeout { 3000 }; ///< for name lookup, connect and handshake together
};

/// "https://api.example.org:6443" (a kubeconfig's server) → host and port (443 when absent);
/// "https://[::1]:6443" too; a path is ignored. InvalidInput for anything else, also for a
/// URL with credentials in it.
Result<ProbeTarget> probeTargetForUrl(std::string_view url);

} // namespace gantry::registry
