#pragma once

#include "tests/support/httpprobe.h"

#include <QList>
#include <QString>
#include <QTemporaryDir>
#include <memory>

class QProcess;

namespace gantry::test {

class TestPki;
class TokenServer;

// One line of the registry's access log (Apache combined format on its stdout).
struct AccessLogEntry
{
    QString method {};
    QString path {}; // with the query, exactly as requested
    int status = 0;
};

// A real CNCF distribution registry (/usr/bin/docker-registry 2.8.2) on 127.0.0.1:<free port>,
// with its own config.yml and storage in a temporary directory.
//
//   TestRegistry registry({ .mode = TestRegistry::Mode::BasicTls });
//   QVERIFY2(registry.start(), qPrintable(registry.errorString()));
//
// Basic modes write an htpasswd file (bcrypt, `htpasswd -Bbn`) for username/password.
// Token modes point auth.token at options.tokenServer, or at a TokenServer of their own that
// accepts username/password (then reachable through tokenServer()). TLS modes serve a
// certificate for 127.0.0.1 and localhost issued by options.pki, or by a TestPki of their own.
// The destructor stops the registry; the process is also killed if the thread that started it
// (normally the test's main thread) dies.
class TestRegistry
{
public:
    enum class Mode { Plain, Tls, Basic, BasicTls, Token, TokenTls };

    struct Options
    {
        Mode mode = Mode::Plain;
        // What Basic auth checks, what an own token server checks, and what Skopeo and
        // ImageFixture present (with a TokenServer of yours, configure it to match).
        QString username = QStringLiteral("gantry");
        QString password = QStringLiteral("gantry-secret");
        TokenServer* tokenServer = nullptr; // not owned; must outlive the registry
        TestPki* pki = nullptr; // not owned; must outlive the registry
    };

    explicit TestRegistry(const Options& options);
    explicit TestRegistry(Mode mode = Mode::Plain);
    ~TestRegistry();
    TestRegistry(const TestRegistry&) = delete;
    TestRegistry& operator=(const TestRegistry&) = delete;

    // Starts and waits (at most 10 s) until GET /v2/ answers 200 or 401. The access log starts empty.
    bool start();
    // Kills the process (SIGKILL: a registry vanishing mid-transfer) and waits for it; the port then refuses.
    void stop();
    // Same port, same storage, same config.
    bool restart();
    bool isRunning() const;
    QString errorString() const { return m_errorString; }

    Mode mode() const { return m_options.mode; }
    bool usesTls() const;
    bool usesBasicAuth() const;
    bool usesTokenAuth() const;
    // Whether clients should present username()/password() (Basic, or a token server that checks them).
    bool requiresCredentials() const;
    QString username() const { return m_options.username; }
    QString password() const { return m_options.password; }
    TokenServer* tokenServer() const { return m_options.tokenServer; }
    TestPki* pki() const { return m_options.pki; }

    QString host() const; // "127.0.0.1:PORT"
    quint16 port() const { return m_port; }
    QString url() const; // "http://127.0.0.1:PORT" or "https://…"
    QString storageDirectory() const;
    // <root>/docker/registry/v2/blobs/sha256/<2 hex>/<hex>/data: overwrite it to corrupt a blob.
    QString blobDataPath(const QString& digest) const;
    QString configPath() const;
    QString logPath() const; // the registry's own log (stderr)

    QString caCertificatePath() const; // empty unless TLS
    // A directory holding just ca.crt: for skopeo --cert-dir and the like. Empty unless TLS.
    QString certificateDirectory() const;
    // Writes <certsDDir>/127.0.0.1:PORT/ca.crt (Docker's certs.d layout); false unless TLS.
    bool installCaCertificate(const QString& certsDDir) const;

    // Requests the registry completed since start() or the last clearAccessLog(). While the
    // registry runs, a marker request (filtered out) makes sure every request whose answer a
    // client already has is in the log.
    QList<AccessLogEntry> accessLog() const;
    void clearAccessLog();

    // A request to this registry with its CA trusted; no credentials are added.
    HttpReply request(const QByteArray& method, const QString& pathAndQuery, const HttpHeaders& headers = {}) const;
    HttpReply get(const QString& pathAndQuery, const HttpHeaders& headers = {}) const
    {
        return request(QByteArrayLiteral("GET"), pathAndQuery, headers);
    }

private:
    bool prepare();
    bool startOnce(); // one start on the configured port
    bool writeConfig();
    bool waitUntilReady();
    QString accessLogPath() const;
    void syncAccessLog() const;
    bool fail(const QString& message);

    Options m_options;
    std::unique_ptr<TokenServer> m_ownTokenServer;
    std::unique_ptr<TestPki> m_ownPki;
    QTemporaryDir m_directory;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    bool m_everStarted = false; // a restart keeps the port the tests already use
    bool m_prepared = false;
    qint64 m_accessLogOffset = 0;
    mutable int m_markers = 0;
    QString m_errorString;
};

} // namespace gantry::test
