#include "tests/support/faultproxy.h"

#include "tests/support/proxiedmessage.h"
#include "tests/support/testregistry.h"

#include <QRegularExpression>
#include <arpa/inet.h>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace gantry::test {

namespace {

constexpr qsizetype maximumMessageSize = 64 * 1024 * 1024;
constexpr int pollSliceMs = 50;
// No request or answer takes longer on loopback; a peer silent this long is given up on.
constexpr std::chrono::seconds ioLimit { 30 };

void closeSocket(int& fd)
{
    if (fd >= 0) {
        ::shutdown(fd, SHUT_RDWR);
        ::close(fd);
        fd = -1;
    }
}

} // namespace

struct FaultProxyState
{
    QString upstreamHost;
    quint16 upstreamPort = 0;
    int listenFd = -1;
    std::atomic_bool stopping { false };
    std::thread acceptor;

    mutable std::mutex mutex;
    mutable std::condition_variable changed; // events added, or stopping
    std::vector<FaultRule> rules;
    std::vector<int> matches; // per rule
    FaultProxy::Chooser chooser;
    QList<FaultEvent> events;
    std::vector<std::thread> connections;
    std::vector<int> connectionFds;

    bool stoppableSleep(std::chrono::milliseconds duration)
    {
        std::unique_lock lock(mutex);
        return !changed.wait_for(lock, duration, [&] { return stopping.load(); });
    }

    // Reads until `complete` says the buffer holds a whole message; false on EOF, error, stop or limit.
    bool readUntil(int fd, QByteArray& buffer, const std::function<bool()>& complete, bool eofCompletes = false)
    {
        const auto deadline = std::chrono::steady_clock::now() + ioLimit;
        while (!complete()) {
            if (stopping || std::chrono::steady_clock::now() > deadline || buffer.size() > maximumMessageSize)
                return false;
            pollfd poller { fd, POLLIN, 0 };
            const int ready = ::poll(&poller, 1, pollSliceMs);
            if (ready < 0)
                return false;
            if (ready == 0)
                continue;
            char chunk[65536];
            const ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
            if (got <= 0)
                return eofCompletes && got == 0;
            buffer.append(chunk, got);
        }
        return true;
    }

    bool sendAll(int fd, const QByteArray& bytes)
    {
        qsizetype sent = 0;
        while (sent < bytes.size()) {
            const ssize_t wrote = ::send(fd, bytes.constData() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (wrote <= 0)
                return false;
            sent += wrote;
        }
        return true;
    }

    std::optional<FaultRule> choose(const QByteArray& method, const QByteArray& target, int& ruleIndex)
    {
        std::lock_guard lock(mutex);
        if (chooser) {
            if (auto chosen = chooser(method, target))
                return chosen;
        }
        // Every rule counts every request it matches, whichever rule then decides.
        std::optional<FaultRule> chosen;
        for (std::size_t i = 0; i < rules.size(); ++i) {
            const FaultRule& rule = rules[i];
            if (!rule.method.isEmpty() && rule.method != method)
                continue;
            if (!rule.path.isEmpty() && !QRegularExpression(rule.path).match(QString::fromUtf8(target)).hasMatch())
                continue;
            const int seen = matches[i]++;
            if (chosen || seen < rule.skip || (rule.times >= 0 && seen >= rule.skip + rule.times))
                continue;
            ruleIndex = static_cast<int>(i);
            chosen = rule;
        }
        return chosen;
    }

    int record(FaultEvent event)
    {
        std::lock_guard lock(mutex);
        event.sequence = static_cast<int>(events.size()) + 1;
        events.append(event);
        changed.notify_all();
        return event.sequence;
    }

    void update(int sequence, const std::function<void(FaultEvent&)>& change)
    {
        std::lock_guard lock(mutex);
        change(events[sequence - 1]);
        changed.notify_all();
    }

    // The registry's answer to `request`, or nullopt when it could not be had.
    std::optional<ProxiedMessage> forward(const ProxiedMessage& request)
    {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            return std::nullopt;
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(upstreamPort);
        ::inet_pton(AF_INET, upstreamHost.toLatin1().constData(), &address.sin_addr);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            closeSocket(fd);
            return std::nullopt;
        }
        ProxiedMessage upstream = request;
        upstream.setHeader("Connection", "close");
        upstream.removeHeader("Expect");
        if (!sendAll(fd, upstream.head() + upstream.body)) {
            closeSocket(fd);
            return std::nullopt;
        }
        const bool isHead = request.startLine.startsWith("HEAD ");
        QByteArray buffer;
        const bool read = readUntil(
            fd, buffer, [] { return false; }, /*eofCompletes=*/true);
        closeSocket(fd);
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        ProxiedMessage response;
        if (!read || headerEnd < 0 || !parseHead(buffer.left(headerEnd), response))
            return std::nullopt;
        const QByteArray rest = buffer.mid(headerEnd + 4);
        if (isHead) {
            return response; // Content-Length describes the GET's body: kept as sent
        }
        if (response.header("Transfer-Encoding").compare("chunked", Qt::CaseInsensitive) == 0) {
            if (!dechunk(rest, response.body))
                return std::nullopt;
            response.removeHeader("Transfer-Encoding");
        } else {
            response.body = rest;
        }
        response.setHeader("Content-Length", QByteArray::number(response.body.size()));
        return response;
    }

    static int statusOf(const ProxiedMessage& response) { return response.startLine.split(' ').value(1).toInt(); }

    // Handles one request; false when the connection is to close.
    bool serve(int fd, ProxiedMessage& request)
    {
        const QList<QByteArray> requestLine = request.startLine.split(' ');
        const QByteArray method = requestLine.value(0);
        const QByteArray target = requestLine.value(1);
        int ruleIndex = -1;
        const FaultRule rule = choose(method, target, ruleIndex).value_or(FaultRule {});
        const int sequence = record({ 0, method, target, rule.fault, ruleIndex, false, 0, false });
        const auto answer = [&](const QByteArray& bytes, bool complete) {
            const bool sent = sendAll(fd, bytes);
            update(sequence, [&](FaultEvent& event) { event.answered = sent && complete; });
            return sent;
        };
        const auto simple = [&](int status, QList<QPair<QByteArray, QByteArray>> headers, const QByteArray& body) {
            ProxiedMessage response { "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status),
                std::move(headers), body };
            response.setHeader("Content-Length", QByteArray::number(body.size()));
            return answer(response.head() + body, true);
        };

        switch (rule.fault) {
        case Fault::DropBeforeForward:
            return false;
        case Fault::Stall:
            stoppableSleep(rule.stall);
            return false;
        case Fault::Answer: {
            QList<QPair<QByteArray, QByteArray>> headers;
            if (!rule.retryAfter.isEmpty())
                headers.append({ "Retry-After", rule.retryAfter });
            return simple(rule.status, headers, rule.body);
        }
        case Fault::Redirect: {
            QByteArray location = rule.location;
            if (location.endsWith('/'))
                location += target.mid(1);
            return simple(307, { { "Location", location } }, {});
        }
        default:
            break;
        }

        auto response = forward(request);
        update(sequence, [&](FaultEvent& event) {
            event.forwarded = true;
            event.upstreamStatus = response ? statusOf(*response) : 0;
        });
        if (!response)
            return simple(502, {}, "the fault proxy could not reach the registry\n");
        switch (rule.fault) {
        case Fault::DropAfterForward:
            return false;
        case Fault::StallAfterForward:
            stoppableSleep(rule.stall);
            return false;
        case Fault::TruncateBody:
            answer(response->head() + response->body.left(rule.keepBytes), false);
            return false;
        case Fault::FlipBytes:
            if (!response->body.isEmpty()) {
                const qsizetype at = std::min(rule.offset, response->body.size() - 1);
                response->body[at] = static_cast<char>(~response->body.at(at));
            }
            break;
        case Fault::LieHeader:
            response->setHeader(rule.headerName, rule.headerValue);
            // A Content-Length that is not the body's: the connection ends after the body, so a
            // client waiting for more bytes sees it close rather than waiting for its timeout.
            if (rule.headerName.compare("Content-Length", Qt::CaseInsensitive) == 0
                && rule.headerValue.toLongLong() != response->body.size() && !request.startLine.startsWith("HEAD ")) {
                answer(response->head() + response->body, true);
                return false;
            }
            break;
        default:
            break;
        }
        return answer(response->head() + response->body, true);
    }

    void serveConnection(int fd)
    {
        QByteArray buffer;
        while (!stopping) {
            qsizetype headerEnd = -1;
            // A TLS ClientHello (or anything not HTTP) is closed at once, as a plain-HTTP server
            // does, so a client trying https first falls back without waiting.
            const auto notHttp = [&] { return !buffer.isEmpty() && (buffer.at(0) < 'A' || buffer.at(0) > 'Z'); };
            if (!readUntil(fd, buffer, [&] { return notHttp() || (headerEnd = buffer.indexOf("\r\n\r\n")) >= 0; })
                || notHttp())
                break;
            ProxiedMessage request;
            if (!parseHead(buffer.left(headerEnd), request))
                break;
            if (!request.header("Transfer-Encoding").isEmpty()) {
                sendAll(fd, "HTTP/1.1 411 Length Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                break;
            }
            const qsizetype length = request.header("Content-Length").toLongLong();
            if (length > 0 && buffer.size() < headerEnd + 4 + length
                && request.header("Expect").compare("100-continue", Qt::CaseInsensitive) == 0)
                sendAll(fd, "HTTP/1.1 100 Continue\r\n\r\n");
            if (!readUntil(fd, buffer, [&] { return buffer.size() >= headerEnd + 4 + length; }))
                break;
            request.body = buffer.mid(headerEnd + 4, length);
            buffer.remove(0, headerEnd + 4 + length);
            if (!serve(fd, request))
                break;
            if (request.header("Connection").compare("close", Qt::CaseInsensitive) == 0)
                break;
        }
    }

    void acceptLoop()
    {
        while (!stopping) {
            pollfd poller { listenFd, POLLIN, 0 };
            if (::poll(&poller, 1, pollSliceMs) <= 0)
                continue;
            const int fd = ::accept(listenFd, nullptr, nullptr);
            if (fd < 0)
                continue;
            std::lock_guard lock(mutex);
            connectionFds.push_back(fd);
            connections.emplace_back([this, fd] {
                serveConnection(fd);
                ::shutdown(fd, SHUT_RDWR); // closed by stop(), which owns the descriptor
            });
        }
    }
};

FaultProxy::FaultProxy(const TestRegistry& upstream)
    : FaultProxy(QStringLiteral("127.0.0.1"), upstream.port())
{
}

FaultProxy::FaultProxy(QString upstreamHost, quint16 upstreamPort)
    : m_state(std::make_shared<FaultProxyState>())
{
    m_state->upstreamHost = std::move(upstreamHost);
    m_state->upstreamPort = upstreamPort;
}

FaultProxy::~FaultProxy()
{
    stop();
}

bool FaultProxy::start()
{
    if (m_port != 0)
        return true;
    m_state->stopping = false;
    m_state->listenFd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (m_state->listenFd < 0 || ::bind(m_state->listenFd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0
        || ::listen(m_state->listenFd, 64) != 0
        || ::getsockname(m_state->listenFd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        m_errorString = QStringLiteral("the fault proxy cannot listen on 127.0.0.1: %1")
                            .arg(QString::fromLocal8Bit(strerror(errno)));
        closeSocket(m_state->listenFd);
        return false;
    }
    m_port = ntohs(address.sin_port);
    m_state->acceptor = std::thread([state = m_state] { state->acceptLoop(); });
    return true;
}

void FaultProxy::stop()
{
    if (m_port == 0)
        return;
    {
        std::lock_guard lock(m_state->mutex);
        m_state->stopping = true;
        m_state->changed.notify_all();
    }
    m_state->acceptor.join();
    closeSocket(m_state->listenFd);
    std::vector<std::thread> connections;
    {
        std::lock_guard lock(m_state->mutex);
        connections.swap(m_state->connections);
        for (const int fd : m_state->connectionFds)
            ::shutdown(fd, SHUT_RDWR);
    }
    for (auto& connection : connections)
        connection.join();
    for (int fd : m_state->connectionFds)
        closeSocket(fd);
    m_state->connectionFds.clear();
    m_port = 0;
}

QString FaultProxy::host() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_port);
}

QString FaultProxy::url() const
{
    return QStringLiteral("http://") + host();
}

int FaultProxy::addRule(const FaultRule& rule)
{
    std::lock_guard lock(m_state->mutex);
    m_state->rules.push_back(rule);
    m_state->matches.push_back(0);
    return static_cast<int>(m_state->rules.size()) - 1;
}

void FaultProxy::clearRules()
{
    std::lock_guard lock(m_state->mutex);
    m_state->rules.clear();
    m_state->matches.clear();
}

void FaultProxy::setChooser(Chooser chooser)
{
    std::lock_guard lock(m_state->mutex);
    m_state->chooser = std::move(chooser);
}

QList<FaultEvent> FaultProxy::events() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->events;
}

QList<FaultEvent> FaultProxy::faults() const
{
    QList<FaultEvent> result = events();
    result.removeIf([](const FaultEvent& event) { return event.fault == Fault::Forward; });
    return result;
}

std::optional<FaultEvent> FaultProxy::waitForEvent(
    const std::function<bool(const FaultEvent&)>& predicate, std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(m_state->mutex);
    std::optional<FaultEvent> found;
    m_state->changed.wait_for(lock, timeout, [&] {
        for (const auto& event : m_state->events) {
            if (predicate(event)) {
                found = event;
                return true;
            }
        }
        return m_state->stopping.load();
    });
    return found;
}

const char* toString(Fault fault)
{
    switch (fault) {
    case Fault::Forward:
        return "forward";
    case Fault::DropBeforeForward:
        return "drop before forwarding";
    case Fault::DropAfterForward:
        return "drop after forwarding";
    case Fault::Stall:
        return "stall";
    case Fault::StallAfterForward:
        return "stall after forwarding";
    case Fault::TruncateBody:
        return "truncate the body";
    case Fault::FlipBytes:
        return "flip a byte";
    case Fault::LieHeader:
        return "lie in a header";
    case Fault::Answer:
        return "answer without forwarding";
    case Fault::Redirect:
        return "redirect";
    }
    return "?";
}

} // namespace gantry::test
