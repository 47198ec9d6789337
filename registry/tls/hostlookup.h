#pragma once

#include "registry/tls/probestep.h"

#include <memory>
#include <netdb.h>
#include <string>
#include <string_view>

namespace gantry::registry {

struct AddressListFree
{
    void operator()(addrinfo* addresses) const { freeaddrinfo(addresses); }
};
using AddressList = std::unique_ptr<addrinfo, AddressListFree>;

/// Whether `host` is an IPv4 or IPv6 address rather than a name.
bool isIpAddress(std::string_view host);

/// The TCP addresses of `host` (a name or an IP address) and `port`. A name is resolved on a
/// detached helper thread: getaddrinfo cannot be interrupted, and a hanging resolver must not
/// hold the probe past its deadline. The thread finishes on its own and frees what it found.
ProbeStep<AddressList> lookUpHost(const std::string& host, int port, const ProbeDeadline& deadline);

} // namespace gantry::registry
