#pragma once

#include <QByteArray>
#include <QList>

namespace gantry::test {

// A port on 127.0.0.1 where a server hangs: the kernel completes every TCP connection, but
// nobody ever reads or answers. What clients sent stays queued for takeReceived().
class SilentListener
{
public:
    SilentListener(); // listens at once
    ~SilentListener();
    SilentListener(const SilentListener&) = delete;
    SilentListener& operator=(const SilentListener&) = delete;

    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    // What each connection made so far sent (in order of connection), without waiting for more;
    // those connections are then closed.
    QList<QByteArray> takeReceived();

private:
    int m_fd = -1;
    quint16 m_port = 0;
};

// A port on 127.0.0.1 where nothing listens, so connecting is refused. The port stays bound
// (not listening) while the object lives, so no other program can take it meanwhile.
class ClosedPort
{
public:
    ClosedPort();
    ~ClosedPort();
    ClosedPort(const ClosedPort&) = delete;
    ClosedPort& operator=(const ClosedPort&) = delete;

    bool isValid() const { return m_port != 0; }
    quint16 port() const { return m_port; }

private:
    int m_fd = -1;
    quint16 m_port = 0;
};

} // namespace gantry::test
