#include "tests/support/loopbackhttpserver.h"

#include <QHostAddress>
#include <QMutex>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

namespace gantry::test {

namespace {

constexpr qsizetype maximumRequestSize = 1024 * 1024;

QByteArray serializeHead(const ServedResponse& response, bool keepAlive)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto& [name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    return out;
}

QByteArray serialize(const ServedResponse& response, bool keepAlive)
{
    return serializeHead(response, keepAlive) + response.body;
}

// Writes `body` one byte per `intervalMs`; the timer dies with the socket.
void dribble(QTcpSocket* socket, const QByteArray& body, int intervalMs, bool keepAlive)
{
    auto* timer = new QTimer(socket);
    QObject::connect(timer, &QTimer::timeout, socket, [socket, timer, body, keepAlive, sent = qsizetype(0)]() mutable {
        if (sent < body.size())
            socket->write(body.mid(sent++, 1));
        if (sent == body.size()) {
            timer->stop();
            if (!keepAlive)
                socket->disconnectFromHost();
        }
    });
    timer->start(intervalMs);
}

// One connection's unparsed input; answers every complete request in it, in order.
struct Connection
{
    QTcpSocket* socket = nullptr;
    QByteArray buffer;
    bool sentContinue = false;
    bool hung = false; // left without an answer on purpose: nothing more is read or answered

    void process(const LoopbackHttpServer::Handler& handler, bool answersNonHttp)
    {
        while (!hung && socket->state() == QAbstractSocket::ConnectedState) {
            // A TLS ClientHello (record type 0x16) or other non-HTTP bytes: fail fast, as a real
            // plain-HTTP server would, so a client trying https first falls back at once
            // instead of waiting for its handshake to time out.
            if (!buffer.isEmpty() && (buffer.at(0) < 'A' || buffer.at(0) > 'Z')) {
                if (answersNonHttp)
                    return refuse(400);
                socket->abort();
                return;
            }
            const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                if (buffer.size() > maximumRequestSize)
                    refuse(413);
                return;
            }
            ServedRequest request;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            if (requestLine.size() != 3)
                return refuse(400);
            request.method = requestLine.at(0);
            request.target = requestLine.at(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon > 0)
                    request.headers.emplaceBack(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
            }
            if (!request.header("Transfer-Encoding").isEmpty())
                return refuse(411);
            const qsizetype length = request.header("Content-Length").toLongLong();
            if (length < 0 || length > maximumRequestSize)
                return refuse(413);
            if (buffer.size() < headerEnd + 4 + length) {
                // curl waits a second for this before sending a larger body anyway.
                if (!sentContinue && request.header("Expect").compare("100-continue", Qt::CaseInsensitive) == 0) {
                    socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                    sentContinue = true;
                }
                return;
            }
            request.body = buffer.mid(headerEnd + 4, length);
            buffer.remove(0, headerEnd + 4 + length);
            sentContinue = false;

            const bool keepAlive = request.header("Connection").compare("close", Qt::CaseInsensitive) != 0
                && !requestLine.at(2).endsWith("1.0");
            if (!deliver(handler(request), keepAlive))
                return;
            if (!keepAlive) {
                socket->disconnectFromHost();
                return;
            }
        }
    }

    // False when the connection answers nothing more: closed, or left hanging on purpose.
    bool deliver(const ServedResponse& response, bool keepAlive)
    {
        switch (response.delivery) {
        case Delivery::Answer:
            socket->write(serialize(response, keepAlive));
            return true;
        case Delivery::Close:
            socket->disconnectFromHost();
            buffer.clear();
            return false;
        case Delivery::Silence:
            break;
        case Delivery::StallBody:
            socket->write(serializeHead(response, keepAlive) + response.body.left(response.body.size() / 2));
            break;
        case Delivery::Dribble:
            socket->write(serializeHead(response, keepAlive));
            dribble(socket, response.body, response.dribbleIntervalMs, keepAlive);
            break;
        }
        hung = true;
        buffer.clear();
        return false;
    }

    void refuse(int status)
    {
        ServedResponse response;
        response.status = status;
        socket->write(serialize(response, false));
        socket->disconnectFromHost();
        buffer.clear();
    }
};

} // namespace

struct ReceivedBytes
{
    mutable QMutex mutex;
    QByteArray bytes;
};

QByteArray ServedRequest::header(const QByteArray& name) const
{
    return headerValue(headers, name);
}

// Everything network-related is created inside run(), so it lives and dies on this thread.
class LoopbackHttpThread final : public QThread
{
public:
    LoopbackHttpThread(
        LoopbackHttpServer::Handler handler, bool answersNonHttp, std::shared_ptr<ReceivedBytes> received)
        : m_handler(std::move(handler))
        , m_answersNonHttp(answersNonHttp)
        , m_received(std::move(received))
    {
    }

    QSemaphore m_ready;
    quint16 m_port = 0;
    QString m_errorString;

protected:
    void run() override
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0)) {
            m_errorString = server.errorString();
            m_ready.release();
            return;
        }
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
            while (QTcpSocket* socket = server.nextPendingConnection())
                accept(socket);
        });
        m_port = server.serverPort();
        m_ready.release();
        exec();
    }

private:
    void accept(QTcpSocket* socket)
    {
        auto connection = std::make_shared<Connection>();
        connection->socket = socket;
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, connection] {
            const QByteArray bytes = connection->socket->readAll();
            {
                QMutexLocker lock(&m_received->mutex);
                m_received->bytes += bytes;
            }
            if (!connection->hung)
                connection->buffer += bytes;
            connection->process(m_handler, m_answersNonHttp);
        });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

    LoopbackHttpServer::Handler m_handler;
    bool m_answersNonHttp = false;
    std::shared_ptr<ReceivedBytes> m_received;
};

LoopbackHttpServer::LoopbackHttpServer(Handler handler)
    : m_handler(std::move(handler))
    , m_received(std::make_shared<ReceivedBytes>())
{
}

LoopbackHttpServer::~LoopbackHttpServer()
{
    stop();
}

bool LoopbackHttpServer::start()
{
    if (m_thread)
        return isListening();
    m_thread = std::make_unique<LoopbackHttpThread>(m_handler, m_answersNonHttp, m_received);
    m_thread->start();
    m_thread->m_ready.acquire();
    m_port = m_thread->m_port;
    m_errorString = m_thread->m_errorString;
    if (m_port == 0) {
        m_thread->wait();
        m_thread.reset();
        return false;
    }
    return true;
}

void LoopbackHttpServer::stop()
{
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    m_port = 0;
}

QByteArray LoopbackHttpServer::received() const
{
    QMutexLocker lock(&m_received->mutex);
    return m_received->bytes;
}

QString LoopbackHttpServer::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

} // namespace gantry::test
