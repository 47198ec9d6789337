#include "tests/support/opensslserver.h"

#include "tests/support/filebytes.h"
#include "tests/support/processrunner.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>

namespace gantry::test {

namespace {

const QString opensslProgram = QStringLiteral("openssl");

} // namespace

OpenSslServer::OpenSslServer(IssuedCertificate certificate)
    : m_certificate(std::move(certificate))
{
}

OpenSslServer::~OpenSslServer()
{
    stop();
}

bool OpenSslServer::start()
{
    if (m_process)
        return m_port != 0;
    if (m_certificate.isNull())
        return fail(QStringLiteral("no certificate to serve"));
    if (!m_directory.isValid())
        return fail(QStringLiteral("no temporary directory: %1").arg(m_directory.errorString()));
    QStringList arguments { QStringLiteral("s_server"), QStringLiteral("-accept"), QStringLiteral("127.0.0.1:0"),
        QStringLiteral("-cert"), m_certificate.certificatePath, QStringLiteral("-key"), m_certificate.keyPath };
    const QString intermediates = m_directory.filePath(QStringLiteral("intermediates.pem"));
    if (!writeIntermediates(intermediates))
        return false;
    if (QFile(intermediates).size() > 0)
        arguments << QStringLiteral("-cert_chain") << intermediates;

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(opensslProgram);
    m_process->setArguments(arguments);
    // s_server shuts down at end of its stdin unless -quiet, and -quiet hides the port it
    // reports; so stdin stays an open pipe, and stdout goes to a file nobody must drain.
    m_process->setStandardOutputFile(m_directory.filePath(QStringLiteral("stdout.txt")));
    m_process->setStandardErrorFile(m_directory.filePath(QStringLiteral("stderr.txt")));
    killWithStartingThread(*m_process);
    m_process->start();
    if (!m_process->waitForStarted())
        return fail(QStringLiteral("cannot start openssl s_server: %1").arg(m_process->errorString()));
    return waitUntilListening();
}

void OpenSslServer::stop()
{
    stopServerProcess(m_process);
    m_port = 0;
}

bool OpenSslServer::writeIntermediates(const QString& path)
{
    // The chain file starts with the certificate itself; s_server's -cert_chain wants only the rest.
    const QByteArray chain = fileBytes(m_certificate.chainPath);
    const QByteArray begin = "-----BEGIN CERTIFICATE-----";
    const qsizetype second = chain.indexOf(begin, chain.indexOf(begin) + 1);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(QStringLiteral("cannot write %1").arg(path));
    file.write(second < 0 ? QByteArray() : chain.mid(second));
    return true;
}

bool OpenSslServer::waitUntilListening()
{
    static const QRegularExpression acceptLine(
        QStringLiteral("^ACCEPT 127\\.0\\.0\\.1:(\\d+)$"), QRegularExpression::MultilineOption);
    const QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        const auto match
            = acceptLine.match(QString::fromLatin1(fileBytes(m_directory.filePath(QStringLiteral("stdout.txt")))));
        if (match.hasMatch()) {
            m_port = match.captured(1).toUShort();
            m_errorString.clear();
            return true;
        }
        if (m_process->waitForFinished(10)) {
            const QByteArray errors = fileBytes(m_directory.filePath(QStringLiteral("stderr.txt")));
            stop();
            return fail(QStringLiteral("openssl s_server exited: %1").arg(QString::fromLocal8Bit(errors.right(2000))));
        }
    }
    stop();
    return fail(QStringLiteral("openssl s_server did not report its port within 10 s"));
}

bool OpenSslServer::fail(const QString& message)
{
    m_errorString = message;
    return false;
}

} // namespace gantry::test
