#pragma once

#include "tests/support/testpki.h"

#include <QString>
#include <QTemporaryDir>
#include <memory>

class QProcess;

namespace gantry::test {

// A real `openssl s_server` on 127.0.0.1 serving one certificate made by TestPki, with the
// intermediates of its chain (never the root). The kernel picks the port (`-accept 127.0.0.1:0`)
// and s_server reports it, so there is no race for a free port. It takes connections one after
// the other, for as long as it runs; a client that only handshakes is served in milliseconds.
//
//   OpenSslServer server(pki.issue(u"api"_s));
//   QVERIFY2(server.start(), qPrintable(server.errorString()));
//   probe 127.0.0.1:server.port()
//
// The destructor stops the server; the process is also killed if the thread that started it dies.
class OpenSslServer
{
public:
    explicit OpenSslServer(IssuedCertificate certificate);
    ~OpenSslServer();
    OpenSslServer(const OpenSslServer&) = delete;
    OpenSslServer& operator=(const OpenSslServer&) = delete;

    bool start(); // waits (at most 10 s) until s_server listens
    void stop();
    quint16 port() const { return m_port; }
    QString errorString() const { return m_errorString; }

private:
    bool writeIntermediates(const QString& path);
    bool waitUntilListening();
    bool fail(const QString& message);

    IssuedCertificate m_certificate;
    QTemporaryDir m_directory;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_errorString;
};

} // namespace gantry::test
