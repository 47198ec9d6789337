#include "registry/tls/tcpconnect.h"

#include "registry/tls/hostlookup.h"

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>

namespace gantry::registry {

namespace {

ProbeError connectError(int error)
{
    switch (error) {
    case ECONNREFUSED:
        return { ProbeFailure::Refused, "refused the connection" };
    case ETIMEDOUT:
        return { ProbeFailure::TimedOut, "did not answer the connection (" + std::string(std::strerror(error)) + ")" };
    default:
        return { ProbeFailure::Network, "could not be reached (" + std::string(std::strerror(error)) + ")" };
    }
}

ProbeStep<FileDescriptor> connectTo(const addrinfo& address, const ProbeDeadline& deadline)
{
    FileDescriptor socket(
        ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, address.ai_protocol));
    if (!socket.isOpen())
        return std::unexpected(connectError(errno));
    if (::connect(socket.get(), address.ai_addr, address.ai_addrlen) == 0)
        return socket;
    if (errno != EINPROGRESS)
        return std::unexpected(connectError(errno));
    if (auto ready = deadline.waitFor(socket.get(), POLLOUT, "accept the connection"); !ready)
        return std::unexpected(ready.error());
    int error = 0;
    socklen_t size = sizeof error;
    if (::getsockopt(socket.get(), SOL_SOCKET, SO_ERROR, &error, &size) != 0)
        error = errno;
    if (error != 0)
        return std::unexpected(connectError(error));
    return socket;
}

} // namespace

ProbeStep<FileDescriptor> connectTcp(const std::string& host, int port, const ProbeDeadline& deadline)
{
    auto addresses = lookUpHost(host, port, deadline);
    if (!addresses)
        return std::unexpected(addresses.error());
    // Each address in turn (a name often has an IPv6 and an IPv4 one); the last failure tells why.
    ProbeError last { ProbeFailure::DnsFailed, "has no address" };
    for (const addrinfo* address = addresses->get(); address; address = address->ai_next) {
        auto socket = connectTo(*address, deadline);
        if (socket)
            return socket;
        last = socket.error();
        if (last.failure == ProbeFailure::TimedOut || last.failure == ProbeFailure::Cancelled)
            break;
    }
    return std::unexpected(last);
}

} // namespace gantry::registry
