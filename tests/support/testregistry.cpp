#include "tests/support/testregistry.h"

#include "tests/support/processrunner.h"
#include "tests/support/testpki.h"
#include "tests/support/tokenserver.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpServer>
#include <QThread>

namespace gantry::test {

namespace {

const QString registryProgram = QStringLiteral("/usr/bin/docker-registry");
const QString markerParameter = QStringLiteral("gantry-access-log-marker");

// Binding port 0 and closing again leaves a small race with other processes; on a test
// machine's loopback that has not been a problem, and distribution cannot be handed a socket.
quint16 findFreePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

QString yamlString(const QString& value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QByteArray tail(const QString& path, qsizetype bytes = 2000)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().right(bytes);
}

} // namespace

TestRegistry::TestRegistry(const Options& options)
    : m_options(options)
{
}

TestRegistry::TestRegistry(Mode mode)
    : TestRegistry(Options { .mode = mode })
{
}

TestRegistry::~TestRegistry()
{
    stop();
}

bool TestRegistry::usesTls() const
{
    return m_options.mode == Mode::Tls || m_options.mode == Mode::BasicTls || m_options.mode == Mode::TokenTls;
}

bool TestRegistry::usesBasicAuth() const
{
    return m_options.mode == Mode::Basic || m_options.mode == Mode::BasicTls;
}

bool TestRegistry::usesTokenAuth() const
{
    return m_options.mode == Mode::Token || m_options.mode == Mode::TokenTls;
}

bool TestRegistry::requiresCredentials() const
{
    return (usesBasicAuth() || usesTokenAuth()) && !m_options.username.isEmpty();
}

bool TestRegistry::fail(const QString& message)
{
    m_errorString = message;
    return false;
}

bool TestRegistry::start()
{
    if (isRunning())
        return true;
    if (!m_prepared && !prepare())
        return false;

    // The port was free when chosen, but tests run in parallel: another process may take it before
    // the registry binds it. A first start then moves to another port; a restart keeps its own.
    for (int attempt = 1;; ++attempt) {
        if (startOnce()) {
            m_everStarted = true;
            return true;
        }
        const bool portTaken = QString::fromUtf8(tail(logPath())).contains(QLatin1String("address already in use"));
        if (m_everStarted || !portTaken || attempt == 5)
            return false;
        m_port = findFreePort();
        if (m_port == 0 || !writeConfig())
            return false;
    }
}

bool TestRegistry::startOnce()
{
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(registryProgram);
    m_process->setArguments({ QStringLiteral("serve"), configPath() });
    m_process->setStandardInputFile(QProcess::nullDevice());
    // Appending keeps the access-log offset meaningful across restart().
    m_process->setStandardOutputFile(accessLogPath(), QIODevice::Append);
    m_process->setStandardErrorFile(logPath(), QIODevice::Append);
    killWithStartingThread(*m_process);
    m_process->start();
    if (!m_process->waitForStarted())
        return fail(QStringLiteral("cannot start %1: %2").arg(registryProgram, m_process->errorString()));
    if (!waitUntilReady()) {
        stop();
        return false;
    }
    m_errorString.clear();
    clearAccessLog();
    return true;
}

void TestRegistry::stop()
{
    stopServerProcess(m_process);
}

bool TestRegistry::restart()
{
    stop();
    return start();
}

bool TestRegistry::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

bool TestRegistry::prepare()
{
    if (!m_directory.isValid())
        return fail(QStringLiteral("no temporary directory: %1").arg(m_directory.errorString()));
    m_port = findFreePort();
    if (m_port == 0)
        return fail(QStringLiteral("no free port on 127.0.0.1"));
    QDir(m_directory.path()).mkpath(QStringLiteral("storage"));

    if (usesTls()) {
        if (!m_options.pki) {
            m_ownPki = std::make_unique<TestPki>();
            m_options.pki = m_ownPki.get();
        }
        if (!m_options.pki->isValid())
            return fail(m_options.pki->errorString());
        const QString clientCertificates = QDir(m_directory.path()).filePath(QStringLiteral("client-certs"));
        QDir().mkpath(clientCertificates);
        QFile::remove(clientCertificates + QStringLiteral("/ca.crt"));
        if (!QFile::copy(caCertificatePath(), clientCertificates + QStringLiteral("/ca.crt")))
            return fail(QStringLiteral("cannot copy the CA certificate to %1").arg(clientCertificates));
    }
    if (usesTokenAuth() && !m_options.tokenServer) {
        m_ownTokenServer = std::make_unique<TokenServer>();
        m_ownTokenServer->setCredentials(m_options.username, m_options.password);
        m_options.tokenServer = m_ownTokenServer.get();
    }
    if (usesTokenAuth() && !m_options.tokenServer->isListening())
        return fail(m_options.tokenServer->errorString());
    if (usesBasicAuth()) {
        if (m_options.username.isEmpty())
            return fail(QStringLiteral("Basic auth needs a username"));
        // bcrypt: the only hash distribution's htpasswd support accepts.
        const ProcessResult htpasswd = runProcess(
            QStringLiteral("htpasswd"), { QStringLiteral("-Bbn"), m_options.username, m_options.password }, 30000);
        if (!htpasswd.ok())
            return fail(htpasswd.errorString);
        QFile file(QDir(m_directory.path()).filePath(QStringLiteral("htpasswd")));
        if (!file.open(QIODevice::WriteOnly) || file.write(htpasswd.standardOutput) != htpasswd.standardOutput.size())
            return fail(QStringLiteral("cannot write %1").arg(file.fileName()));
    }
    if (!writeConfig())
        return false;
    m_prepared = true;
    return true;
}

bool TestRegistry::writeConfig()
{
    QString config;
    config += QStringLiteral("version: 0.1\n"
                             "log:\n"
                             "  level: info\n"
                             "  formatter: text\n"
                             "  accesslog:\n"
                             "    disabled: false\n"
                             "storage:\n"
                             "  filesystem:\n"
                             "    rootdirectory: %1\n"
                             "  delete:\n"
                             "    enabled: true\n"
                             "  maintenance:\n"
                             "    uploadpurging:\n"
                             "      enabled: false\n"
                             "http:\n"
                             "  addr: %2\n"
                             "  secret: %3\n")
                  .arg(yamlString(storageDirectory()), yamlString(host()),
                      QString::number(QRandomGenerator::global()->generate64(), 16));
    if (usesTls()) {
        const IssuedCertificate server = m_options.pki->issue(QStringLiteral("gantry-test-registry"));
        if (server.isNull())
            return fail(m_options.pki->errorString());
        config += QStringLiteral("  tls:\n"
                                 "    certificate: %1\n"
                                 "    key: %2\n")
                      .arg(yamlString(server.chainPath), yamlString(server.keyPath));
    }
    if (usesBasicAuth()) {
        config += QStringLiteral("auth:\n"
                                 "  htpasswd:\n"
                                 "    realm: gantry-test\n"
                                 "    path: %1\n")
                      .arg(yamlString(QDir(m_directory.path()).filePath(QStringLiteral("htpasswd"))));
    } else if (usesTokenAuth()) {
        const TokenServer& tokens = *m_options.tokenServer;
        config += QStringLiteral("auth:\n"
                                 "  token:\n"
                                 "    realm: %1\n"
                                 "    service: %2\n"
                                 "    issuer: %3\n"
                                 "    rootcertbundle: %4\n")
                      .arg(yamlString(tokens.realm()), yamlString(tokens.service()), yamlString(tokens.issuer()),
                          yamlString(tokens.rootCertBundlePath()));
    }
    QFile file(configPath());
    const QByteArray bytes = config.toUtf8();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return fail(QStringLiteral("cannot write %1").arg(configPath()));
    return true;
}

bool TestRegistry::waitUntilReady()
{
    HttpProbe probe(caCertificatePath());
    const QDeadlineTimer deadline(10000);
    QString lastAnswer;
    while (!deadline.hasExpired()) {
        const HttpReply reply = probe.get(QUrl(url() + QStringLiteral("/v2/")), {}, 1000);
        if (reply.status == 200 || reply.status == 401)
            return true;
        lastAnswer = reply.status ? QStringLiteral("HTTP %1").arg(reply.status) : reply.errorString;
        // Doubles as the pause between attempts, and notices a registry that died on its config.
        if (m_process->waitForFinished(25) || m_process->state() == QProcess::NotRunning)
            return fail(QStringLiteral("docker-registry exited (%1): %2")
                            .arg(m_process->exitCode())
                            .arg(QString::fromUtf8(tail(logPath()))));
    }
    return fail(QStringLiteral("docker-registry on %1 not ready within 10 s (%2): %3")
                    .arg(url(), lastAnswer, QString::fromUtf8(tail(logPath()))));
}

QString TestRegistry::host() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_port);
}

QString TestRegistry::url() const
{
    return (usesTls() ? QStringLiteral("https://") : QStringLiteral("http://")) + host();
}

QString TestRegistry::storageDirectory() const
{
    return QDir(m_directory.path()).filePath(QStringLiteral("storage"));
}

QString TestRegistry::blobDataPath(const QString& digest) const
{
    const QString hex = digest.section(QLatin1Char(':'), 1);
    return QStringLiteral("%1/docker/registry/v2/blobs/sha256/%2/%3/data").arg(storageDirectory(), hex.left(2), hex);
}

QString TestRegistry::configPath() const
{
    return QDir(m_directory.path()).filePath(QStringLiteral("config.yml"));
}

QString TestRegistry::logPath() const
{
    return QDir(m_directory.path()).filePath(QStringLiteral("registry.log"));
}

QString TestRegistry::accessLogPath() const
{
    return QDir(m_directory.path()).filePath(QStringLiteral("access.log"));
}

QString TestRegistry::caCertificatePath() const
{
    return usesTls() && m_options.pki ? m_options.pki->caCertificatePath() : QString();
}

QString TestRegistry::certificateDirectory() const
{
    return usesTls() ? QDir(m_directory.path()).filePath(QStringLiteral("client-certs")) : QString();
}

bool TestRegistry::installCaCertificate(const QString& certsDDir) const
{
    if (!usesTls() || !m_prepared)
        return false;
    const QString directory = QDir(certsDDir).filePath(host());
    const QString target = directory + QStringLiteral("/ca.crt");
    QFile::remove(target);
    return QDir().mkpath(directory) && QFile::copy(caCertificatePath(), target);
}

HttpReply TestRegistry::request(const QByteArray& method, const QString& pathAndQuery, const HttpHeaders& headers) const
{
    HttpProbe probe(caCertificatePath());
    return probe.request(method, QUrl(url() + pathAndQuery), headers);
}

void TestRegistry::syncAccessLog() const
{
    if (!isRunning())
        return;
    // The registry writes a line once the handler returns, which is before the last bytes of
    // the answer go out; so once the marker's line is there, so is every earlier request's.
    const QString marker = QStringLiteral("%1=%2").arg(markerParameter).arg(++m_markers);
    if (get(QStringLiteral("/v2/?") + marker).status == 0)
        return;
    const QDeadlineTimer deadline(2000);
    while (!deadline.hasExpired() && !tail(accessLogPath(), 4096).contains(marker.toUtf8()))
        QThread::msleep(5);
}

QList<AccessLogEntry> TestRegistry::accessLog() const
{
    syncAccessLog();
    QFile file(accessLogPath());
    if (!file.open(QIODevice::ReadOnly) || !file.seek(m_accessLogOffset))
        return {};
    // 127.0.0.1 - - [23/Nov/2026:09:14:55 +0000] "GET /v2/ HTTP/1.1" 200 2 "" "curl/7.88.1"
    static const QRegularExpression line(QStringLiteral(R"(^\S+ \S+ \S+ \[[^\]]*\] "(\S+) (\S+) [^"]*" (\d{3}) )"));
    QList<AccessLogEntry> entries;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray& text : lines) {
        const QRegularExpressionMatch match = line.match(QString::fromUtf8(text));
        if (!match.hasMatch() || match.captured(2).contains(markerParameter))
            continue;
        entries.append({ match.captured(1), match.captured(2), match.captured(3).toInt() });
    }
    return entries;
}

void TestRegistry::clearAccessLog()
{
    syncAccessLog();
    m_accessLogOffset = QFileInfo(accessLogPath()).size();
}

} // namespace gantry::test
