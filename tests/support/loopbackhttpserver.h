#pragma once

#include "tests/support/httpwire.h"

#include <QByteArray>
#include <QString>
#include <functional>
#include <memory>

namespace gantry::test {

struct ServedRequest
{
    QByteArray method {};
    QByteArray target {}; // path and query exactly as sent
    HttpHeaders headers {};
    QByteArray body {};

    QByteArray header(const QByteArray& name) const; // case-insensitive, first match
};

// How a response reaches the client: the faults a hostile or broken peer shows.
enum class Delivery {
    Answer, // at once
    Close, // the connection closes without a byte of answer (a dropped connection)
    Silence, // nothing is ever sent, the connection stays open (a peer that accepted and hung)
    StallBody, // the headers and half the body, then nothing, the connection open
    Dribble, // the headers at once, then the body one byte per dribbleIntervalMs
};

struct ServedResponse
{
    int status = 200;
    HttpHeaders headers {}; // Content-Length is added
    QByteArray body {};
    Delivery delivery = Delivery::Answer;
    int dribbleIntervalMs = 20;
};

class LoopbackHttpThread;
struct ReceivedBytes;

// A small HTTP/1.1 server on 127.0.0.1:<free port> with its own thread and event loop, so it
// keeps answering while the test's thread is blocked inside a synchronous client call.
// Keep-alive and `Expect: 100-continue` work; chunked request bodies are refused (411);
// anything that is not HTTP (a TLS handshake, say) has its connection closed at once.
// The handler runs on the server thread: it must be thread-safe with respect to the test.
class LoopbackHttpServer
{
public:
    using Handler = std::function<ServedResponse(const ServedRequest&)>;

    explicit LoopbackHttpServer(Handler handler);
    ~LoopbackHttpServer(); // stops
    LoopbackHttpServer(const LoopbackHttpServer&) = delete;
    LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

    // Answer input that is not HTTP (a TLS ClientHello, say) with 400 Bad Request before closing, as
    // nginx and Go's net/http do, instead of closing at once. Takes effect at start().
    void setAnswersNonHttp(bool answers) { m_answersNonHttp = answers; }
    // Every byte received so far, all connections in arrival order; kept after stop().
    QByteArray received() const;

    bool start(); // listens; false with errorString() when it cannot
    void stop(); // closes the port and every connection, joins the thread
    bool isListening() const { return m_port != 0; }
    QString errorString() const { return m_errorString; }
    quint16 port() const { return m_port; }
    QString url() const; // "http://127.0.0.1:PORT"

private:
    Handler m_handler;
    bool m_answersNonHttp = false;
    std::shared_ptr<ReceivedBytes> m_received;
    std::unique_ptr<LoopbackHttpThread> m_thread;
    quint16 m_port = 0;
    QString m_errorString;
};

} // namespace gantry::test
