#include "tests/support/silentendpoints.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace gantry::test {

namespace {

// A TCP socket bound to 127.0.0.1:<a port the kernel picks>; -1 when that fails.
int boundLoopbackSocket(quint16& port, int flags = 0)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | flags, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    port = ntohs(address.sin_port);
    return fd;
}

QByteArray readBuffered(int fd)
{
    QByteArray bytes;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n <= 0)
            return bytes;
        bytes.append(buffer, n);
    }
}

} // namespace

SilentListener::SilentListener()
{
    m_fd = boundLoopbackSocket(m_port, SOCK_NONBLOCK);
    if (m_fd >= 0 && ::listen(m_fd, 128) != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (m_fd < 0)
        m_port = 0;
}

SilentListener::~SilentListener()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

QList<QByteArray> SilentListener::takeReceived()
{
    QList<QByteArray> received;
    while (m_fd >= 0) {
        const int connection = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (connection < 0)
            break;
        received << readBuffered(connection);
        ::close(connection);
    }
    return received;
}

ClosedPort::ClosedPort()
{
    m_fd = boundLoopbackSocket(m_port);
    if (m_fd < 0)
        m_port = 0;
}

ClosedPort::~ClosedPort()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

} // namespace gantry::test
