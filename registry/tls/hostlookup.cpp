#include "registry/tls/hostlookup.h"

#include <arpa/inet.h>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <system_error>
#include <thread>

namespace gantry::registry {

namespace {

addrinfo tcpHints(int flags)
{
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = flags | AI_NUMERICSERV;
    return hints;
}

ProbeError lookupError(int status, int systemError)
{
    const std::string why = status == EAI_SYSTEM ? std::strerror(systemError) : gai_strerror(status);
    return { ProbeFailure::DnsFailed, "could not be resolved (" + why + ")" };
}

// Shared by the probe and its lookup thread: whichever lets go last frees it, so a probe
// that gave up leaves nothing behind once the resolver answers.
struct PendingLookup
{
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    int status = 0;
    int systemError = 0;
    AddressList addresses;
};

} // namespace

bool isIpAddress(std::string_view host)
{
    const std::string text(host);
    unsigned char address[sizeof(in6_addr)];
    return ::inet_pton(AF_INET, text.c_str(), address) == 1 || ::inet_pton(AF_INET6, text.c_str(), address) == 1;
}

ProbeStep<AddressList> lookUpHost(const std::string& host, int port, const ProbeDeadline& deadline)
{
    const std::string service = std::to_string(port);
    if (isIpAddress(host)) {
        const addrinfo hints = tcpHints(AI_NUMERICHOST);
        addrinfo* found = nullptr;
        if (const int status = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); status != 0)
            return std::unexpected(lookupError(status, errno));
        return AddressList(found);
    }
    auto pending = std::make_shared<PendingLookup>();
    try {
        std::thread([pending, host, service] {
            const addrinfo hints = tcpHints(0);
            addrinfo* found = nullptr;
            const int status = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
            const int systemError = errno;
            std::lock_guard lock(pending->mutex);
            pending->status = status;
            pending->systemError = systemError;
            pending->addresses.reset(found);
            pending->done = true;
            pending->finished.notify_all();
        }).detach();
    } catch (const std::system_error& error) {
        return probeFailed(ProbeFailure::Network,
            "could not be resolved (no thread to resolve it: " + std::string(error.what()) + ")");
    }
    std::unique_lock lock(pending->mutex);
    while (!pending->done) {
        if (deadline.isCancelled())
            return std::unexpected(ProbeDeadline::cancelled());
        const auto now = SteadyClock::now();
        if (now >= deadline.at())
            return std::unexpected(deadline.timedOut("resolve"));
        pending->finished.wait_until(lock, std::min(deadline.at(), now + deadline.slice()));
    }
    if (pending->status != 0)
        return std::unexpected(lookupError(pending->status, pending->systemError));
    return std::move(pending->addresses);
}

} // namespace gantry::registry
