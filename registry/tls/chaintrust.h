#pragma once

#include "registry/tls/opensslpointers.h"

#include <string>

namespace gantry::registry {

/// Whether a served chain leads to a trusted CA, and OpenSSL's word for why not.
struct ChainTrust
{
    bool trusted = false;
    std::string error; ///< "self-signed certificate", "certificate has expired", …
};

/// Verifies `leaf` with the other served certificates as untrusted intermediates, for TLS server
/// use, against the CAs of `caPem` or, when it is empty, the system's. Host names are not checked.
ChainTrust verifyServedChain(X509* leaf, STACK_OF(X509) * served, const std::string& caPem);

/// Whether `leaf` is valid for `name` (a host name, wildcards allowed, or an IP address). Only
/// subject alternative names count, never the common name: kubectl (Go) ignores it too.
bool certificateNames(X509* leaf, const std::string& name);

} // namespace gantry::registry
