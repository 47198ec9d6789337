#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace gantry::test {

class TestRegistry;

// What the proxy does to one request.
enum class Fault {
    Forward, // pass it on and relay the answer unchanged
    DropBeforeForward, // close the client's connection; the registry never sees the request
    DropAfterForward, // the registry does the work; the client's connection closes, answer lost
    Stall, // never answer (for `stall` at most, or until stop()), then close; not forwarded
    StallAfterForward, // forwarded, the work done, then no answer for `stall`, then close
    TruncateBody, // the answer's headers as sent, `keepBytes` of its body, then close
    FlipBytes, // the answer with the byte at `offset` of its body inverted (Content-Length kept)
    LieHeader, // the answer with header `headerName` set to `headerValue` (added when missing); a
    // Content-Length other than the body's closes the connection after the body
    Answer, // `status` (with `retryAfter` when set, `body`) without forwarding: 429, 5xx, 404…
    Redirect, // 307 to `location` (with the request's path and query appended when it ends in '/')
};

// Which requests a rule affects and what it does to them. Empty method and path match every
// request; `path` is a regular expression searched in the target (path and query).
struct FaultRule
{
    QByteArray method {}; // "HEAD", "PUT"…; empty: any
    QString path {}; // regular expression, e.g. "/manifests/1\\.0$"; empty: any
    int skip = 0; // matching requests let through first
    int times = -1; // matching requests affected after those; -1: every one
    Fault fault = Fault::Forward;

    QByteArray headerName {}; // LieHeader
    QByteArray headerValue {}; // LieHeader
    qsizetype keepBytes = 0; // TruncateBody
    qsizetype offset = 0; // FlipBytes; past the end flips the last byte
    int status = 503; // Answer
    QByteArray retryAfter {}; // Answer: sent as Retry-After when not empty
    QByteArray body {}; // Answer
    QByteArray location {}; // Redirect
    std::chrono::milliseconds stall { 10000 }; // Stall, StallAfterForward: bounded; stop() ends it early

    // The HEADs of manifests matching `path` answer `digest`, as a stale cache or proxy does.
    static FaultRule staleHead(const QString& path, const QString& digest)
    {
        return { .method = "HEAD",
            .path = path,
            .fault = Fault::LieHeader,
            .headerName = "Docker-Content-Digest",
            .headerValue = digest.toLatin1() };
    }

    // Only the nth matching request (from 1).
    FaultRule& nth(int n)
    {
        skip = n - 1;
        times = 1;
        return *this;
    }
};

// One request the proxy handled, and what it did.
struct FaultEvent
{
    int sequence = 0; // from 1, in arrival order
    QByteArray method {};
    QByteArray target {};
    Fault fault = Fault::Forward;
    int rule = -1; // index of the rule that chose the fault; -1 when the chooser did, or nothing did
    bool forwarded = false; // the registry received the request
    int upstreamStatus = 0; // the registry's answer, 0 when not forwarded or it did not answer
    bool answered = false; // the client was sent a complete answer (of whatever content)
};

struct FaultProxyState;

// A loopback HTTP/1.1 forwarding proxy on 127.0.0.1:<free port> in front of a plain-HTTP
// TestRegistry, for tests that need a registry that lies, loses answers or stalls, while the
// registry behind it stays real (skopeo can witness it directly).
//
//   FaultProxy proxy(registry);
//   QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
//   proxy.addRule({ .method = "HEAD", .path = "/manifests/1\\.0$", .fault = Fault::LieHeader,
//       .headerName = "Docker-Content-Digest", .headerValue = otherDigest });
//   … use proxy.host() as the registry …
//   QCOMPARE(proxy.events().last().fault, Fault::LieHeader);
//
// Every rule counts the requests it matches (skip and times are about those, whichever rule
// took them); of the rules in effect for a request, the first added decides. A chooser, when
// set, is asked first and may return a rule for this request alone (the rules then do not
// count it). Each client connection has its own thread; each request is forwarded on a new
// upstream connection with its Host header unchanged, so the registry's Location headers name
// the proxy. Request bodies need a Content-Length (chunked ones get 411); an
// `Expect: 100-continue` is answered by the proxy. Every wait is bounded, and stop() (also the
// destructor) ends stalls at once, closes every connection and joins every thread.
class FaultProxy
{
public:
    using Chooser = std::function<std::optional<FaultRule>(const QByteArray& method, const QByteArray& target)>;

    explicit FaultProxy(const TestRegistry& upstream);
    FaultProxy(QString upstreamHost, quint16 upstreamPort);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    bool start(); // false with errorString() when it cannot listen
    void stop();
    QString errorString() const { return m_errorString; }
    quint16 port() const { return m_port; }
    QString host() const; // "127.0.0.1:PORT", for references
    QString url() const; // "http://127.0.0.1:PORT"

    // Thread-safe, also while requests are in flight; returns the rule's index.
    int addRule(const FaultRule& rule);
    void clearRules(); // and their match counts; events stay
    void setChooser(Chooser chooser);

    QList<FaultEvent> events() const;
    // Events whose fault is not Forward.
    QList<FaultEvent> faults() const;
    // Waits (at most `timeout`) for an event the predicate accepts; the event, or nullopt.
    std::optional<FaultEvent> waitForEvent(
        const std::function<bool(const FaultEvent&)>& predicate, std::chrono::milliseconds timeout) const;

private:
    std::shared_ptr<FaultProxyState> m_state;
    quint16 m_port = 0;
    QString m_errorString;
};

const char* toString(Fault fault);

} // namespace gantry::test
