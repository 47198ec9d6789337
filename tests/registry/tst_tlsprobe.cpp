// The TLS probe against real endpoints on loopback: `openssl s_server` processes serving TestPki
// certificates with chosen dates, a closed port, a port that never answers, a plain HTTP server.
#include "registry/tls/tlsprobe.h"
#include "tests/support/errornames.h"
#include "tests/support/filebytes.h"
#include "tests/support/loopbackhttpserver.h"
#include "tests/support/opensslserver.h"
#include "tests/support/silentendpoints.h"
#include "tests/support/testpki.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <map>
#include <thread>

using namespace gantry::registry;
using namespace gantry::test;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

class TestTlsProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void readsServedChain_data();
    void readsServedChain();
    void trustsOnlyTheRightCa();
    void resolvesNamesAndSendsSni();
    void reportsNameMismatchWithChain();

    void refusedPort();
    void silentServerTimesOut();
    void plainHttpServerIsNotTls();
    void serverThatHangsUpFailsHandshake();
    void unknownNameFailsDns();

    void probeAllKeepsOrderAndRunsConcurrently();
    void probeAllStopsWhenCancelled();

    void readsPemBundle();
    void rejectsBadPem_data();
    void rejectsBadPem();
    void targetFromServerUrl_data();
    void targetFromServerUrl();
    void rejectsBadServerUrl_data();
    void rejectsBadServerUrl();
    void rejectsCredentialsInUrlWithoutQuotingThem();

private:
    ProbeTarget target(const QString& server, const QString& caPath = {}) const;

    QDateTime m_now;
    TestPki m_pki;
    std::map<QString, IssuedCertificate> m_certificates;
    std::map<QString, std::unique_ptr<OpenSslServer>> m_servers;
};

namespace {

// Dates are compared as text, so that a failure prints both.
QString rfc3339(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QString rfc3339(Timestamp time)
{
    return QString::fromStdString(formatRfc3339(time));
}

std::string readText(const QString& path)
{
    return fileBytes(path).toStdString();
}

ProbeTarget loopback(quint16 port, std::chrono::milliseconds timeout = 3s)
{
    return ProbeTarget { .host = "127.0.0.1", .port = port, .serverName = {}, .caPem = {}, .timeout = timeout };
}

// True when `bytes` are exactly one TLS handshake record holding a ClientHello: what a client
// that sends no credential and no request may have said before the server answered.
bool isOnlyClientHello(const QByteArray& bytes)
{
    if (bytes.size() < 6 || static_cast<unsigned char>(bytes.at(0)) != 0x16 || bytes.at(1) != 0x03)
        return false;
    const int length = (static_cast<unsigned char>(bytes.at(3)) << 8) | static_cast<unsigned char>(bytes.at(4));
    return bytes.size() == 5 + length && bytes.at(5) == 0x01;
}

QString failureOf(const ProbeResult& result)
{
    return nameOf(result.failure);
}

} // namespace

void TestTlsProbe::initTestCase()
{
    QVERIFY2(m_pki.isValid(), qPrintable(m_pki.errorString()));
    // Whole seconds, as certificates store them.
    m_now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch()).toUTC();
    const auto lasting = [&](int fromDays, int toDays) {
        return std::pair { m_now.addDays(fromDays), m_now.addDays(toDays) };
    };
    const auto issue
        = [&](const QString& name, std::pair<QDateTime, QDateTime> validity,
              const QStringList& names = TestPki::defaultSubjectAltNames(), const IssuedCertificate* issuer = nullptr) {
              m_certificates[name] = m_pki.issue(name, names, validity.first, validity.second, issuer);
          };
    issue(QStringLiteral("three-days"), lasting(-87, 3));
    issue(QStringLiteral("twenty-days"), lasting(-70, 20));
    issue(QStringLiteral("eighty-days"), lasting(-10, 80));
    issue(QStringLiteral("expired"), lasting(-100, -10));
    // An address but no DNS name: OpenSSL would then fall back to the common name, unless told not to.
    issue(QStringLiteral("other-name"), lasting(-1, 89), { QStringLiteral("IP:10.1.2.3") });
    m_certificates[QStringLiteral("self-signed")] = m_pki.selfSigned(
        QStringLiteral("self-signed"), TestPki::defaultSubjectAltNames(), m_now.addDays(-1), m_now.addDays(30));
    const IssuedCertificate intermediate = m_pki.issue(
        QStringLiteral("Gantry Intermediate CA"), {}, m_now.addDays(-300), m_now.addDays(10), nullptr, true);
    m_certificates[QStringLiteral("Gantry Intermediate CA")] = intermediate;
    issue(QStringLiteral("behind-intermediate"), lasting(-30, 60), TestPki::defaultSubjectAltNames(), &intermediate);

    for (const auto& [name, certificate] : m_certificates) {
        QVERIFY2(!certificate.isNull(), qPrintable(m_pki.errorString()));
        if (certificate.isCa)
            continue;
        auto server = std::make_unique<OpenSslServer>(certificate);
        QVERIFY2(server->start(), qPrintable(name + QStringLiteral(": ") + server->errorString()));
        m_servers[name] = std::move(server);
    }
}

ProbeTarget TestTlsProbe::target(const QString& server, const QString& caPath) const
{
    ProbeTarget target = loopback(m_servers.at(server)->port());
    target.caPem = readText(caPath.isEmpty() ? m_pki.caCertificatePath() : caPath);
    return target;
}

void TestTlsProbe::readsServedChain_data()
{
    // Certificates by common name; TestPki names every subject "CN=<name>,O=Gantry tests".
    QTest::addColumn<QString>("server");
    QTest::addColumn<QStringList>("chain"); // as served, leaf first
    QTest::addColumn<QStringList>("issuers");
    QTest::addColumn<QString>("expiresFirst");
    QTest::addColumn<bool>("trusted");
    QTest::addColumn<QString>("trustError");
    const QString root = u"Gantry Test Root CA"_s;
    const QString intermediate = u"Gantry Intermediate CA"_s;
    for (const QString& leaf : { u"three-days"_s, u"twenty-days"_s, u"eighty-days"_s }) {
        QTest::newRow(qPrintable(leaf)) << leaf << QStringList { leaf } << QStringList { root } << leaf << true
                                        << QString();
    }
    QTest::newRow("expired") << u"expired"_s << QStringList { u"expired"_s } << QStringList { root } << u"expired"_s
                             << false << u"certificate has expired"_s;
    QTest::newRow("self-signed") << u"self-signed"_s << QStringList { u"self-signed"_s }
                                 << QStringList { u"self-signed"_s } << u"self-signed"_s << false
                                 << u"self-signed certificate"_s;
    QTest::newRow("intermediate expires first")
        << u"behind-intermediate"_s << QStringList { u"behind-intermediate"_s, intermediate }
        << QStringList { intermediate, root } << intermediate << true << QString();
}

void TestTlsProbe::readsServedChain()
{
    QFETCH(QString, server);
    QFETCH(QStringList, chain);
    QFETCH(QStringList, issuers);
    QFETCH(QString, expiresFirst);
    QFETCH(bool, trusted);
    QFETCH(QString, trustError);
    const ProbeResult result = probeTls(target(server));
    QCOMPARE(failureOf(result), nameOf(ProbeFailure::None));
    QVERIFY2(result.error.empty(), result.error.c_str());
    QCOMPARE(result.trusted, trusted);
    QCOMPARE(QString::fromStdString(result.trustError), trustError);
    QCOMPARE(result.chain.size(), static_cast<std::size_t>(chain.size()));
    for (std::size_t i = 0; i < result.chain.size(); ++i) {
        const CertificateInfo& served = result.chain[i];
        const IssuedCertificate& issued = m_certificates.at(chain.at(static_cast<qsizetype>(i)));
        QCOMPARE(QString::fromStdString(served.subject), u"CN=%1,O=Gantry tests"_s.arg(issued.commonName));
        QCOMPARE(QString::fromStdString(served.issuer),
            u"CN=%1,O=Gantry tests"_s.arg(issuers.at(static_cast<qsizetype>(i))));
        QCOMPARE(rfc3339(served.notBefore), rfc3339(issued.notBefore));
        QCOMPARE(rfc3339(served.notAfter), rfc3339(issued.notAfter));
        // TestPki marks a self-signed leaf CA:TRUE, or OpenSSL would not take it as its own anchor.
        QCOMPARE(served.isCa, issued.isCa || server == u"self-signed"_s);
    }
    QCOMPARE(rfc3339(earliestNotAfter(result.chain).value_or(Timestamp {})),
        rfc3339(m_certificates.at(expiresFirst).notAfter));
}

void TestTlsProbe::trustsOnlyTheRightCa()
{
    TestPki otherPki;
    QVERIFY2(otherPki.isValid(), qPrintable(otherPki.errorString()));
    const ProbeResult right = probeTls(target(u"eighty-days"_s));
    QVERIFY2(right.trusted, right.trustError.c_str());
    const ProbeResult wrong = probeTls(target(u"eighty-days"_s, otherPki.caCertificatePath()));
    QVERIFY(!wrong.trusted);
    QCOMPARE(QString::fromStdString(wrong.trustError), u"unable to get local issuer certificate"_s);
    ProbeTarget systemCas = target(u"eighty-days"_s);
    systemCas.caPem.clear();
    const ProbeResult system = probeTls(systemCas);
    QVERIFY(!system.trusted);
    QCOMPARE(QString::fromStdString(system.trustError), u"unable to get local issuer certificate"_s);
    // The dates are read whatever the trust.
    for (const ProbeResult* result : { &right, &wrong, &system }) {
        QCOMPARE(failureOf(*result), nameOf(ProbeFailure::None));
        QCOMPARE(result->chain.size(), 1u);
        QCOMPARE(rfc3339(result->chain.front().notAfter), rfc3339(m_certificates.at(u"eighty-days"_s).notAfter));
    }
    // An intermediate alone is no trust anchor here: the root is missing.
    const ProbeResult partial
        = probeTls(target(u"behind-intermediate"_s, m_certificates.at(u"Gantry Intermediate CA"_s).certificatePath));
    QVERIFY(!partial.trusted);
}

void TestTlsProbe::resolvesNamesAndSendsSni()
{
    ProbeTarget byName = target(u"twenty-days"_s);
    byName.host = "localhost";
    const ProbeResult result = probeTls(byName);
    QVERIFY2(result.failure == ProbeFailure::None, result.error.c_str());
    QVERIFY(result.trusted);

    // What a ClientHello carries as SNI shows in the bytes a silent server keeps.
    SilentListener silent;
    QVERIFY(silent.isListening());
    ProbeTarget named = loopback(silent.port(), 300ms);
    named.serverName = "api.cluster-7.example";
    QCOMPARE(failureOf(probeTls(named)), nameOf(ProbeFailure::TimedOut));
    ProbeTarget numeric = loopback(silent.port(), 300ms);
    QCOMPARE(failureOf(probeTls(numeric)), nameOf(ProbeFailure::TimedOut));
    const QList<QByteArray> received = silent.takeReceived();
    QCOMPARE(received.size(), 2);
    QVERIFY(received.at(0).contains("api.cluster-7.example"));
    QVERIFY(!received.at(1).contains("127.0.0.1")); // RFC 6066: no address as SNI
}

void TestTlsProbe::reportsNameMismatchWithChain()
{
    const ProbeResult mismatch = probeTls(target(u"other-name"_s));
    QCOMPARE(failureOf(mismatch), nameOf(ProbeFailure::NameMismatch));
    QVERIFY2(mismatch.error.find("not valid for 127.0.0.1") != std::string::npos, mismatch.error.c_str());
    QCOMPARE(mismatch.chain.size(), 1u);
    QCOMPARE(rfc3339(mismatch.chain.front().notAfter), rfc3339(m_certificates.at(u"other-name"_s).notAfter));
    QVERIFY2(mismatch.trusted, mismatch.trustError.c_str()); // the chain itself is fine

    ProbeTarget rightName = target(u"other-name"_s);
    rightName.serverName = "10.1.2.3";
    const ProbeResult matched = probeTls(rightName);
    QVERIFY2(matched.failure == ProbeFailure::None, matched.error.c_str());

    // The common name alone does not count, as for kubectl.
    ProbeTarget byCommonName = target(u"other-name"_s);
    byCommonName.serverName = "other-name";
    QCOMPARE(failureOf(probeTls(byCommonName)), nameOf(ProbeFailure::NameMismatch));
}

void TestTlsProbe::refusedPort()
{
    ClosedPort closed;
    QVERIFY(closed.isValid());
    const ProbeResult result = probeTls(loopback(closed.port()));
    QCOMPARE(failureOf(result), nameOf(ProbeFailure::Refused));
    QCOMPARE(QString::fromStdString(result.error), u"127.0.0.1:%1 refused the connection"_s.arg(closed.port()));
    QVERIFY(result.chain.empty());
    QVERIFY(result.elapsed < 1000ms);
}

void TestTlsProbe::silentServerTimesOut()
{
    SilentListener silent;
    QVERIFY(silent.isListening());
    const ProbeResult result = probeTls(loopback(silent.port(), 500ms));
    QCOMPARE(failureOf(result), nameOf(ProbeFailure::TimedOut));
    QCOMPARE(QString::fromStdString(result.error),
        u"127.0.0.1:%1 did not complete the TLS handshake within 500 ms"_s.arg(silent.port()));
    QVERIFY2(result.elapsed >= 450ms && result.elapsed < 1500ms, qPrintable(QString::number(result.elapsed.count())));
    const QList<QByteArray> received = silent.takeReceived();
    QCOMPARE(received.size(), 1);
    QVERIFY2(isOnlyClientHello(received.front()), received.front().left(16).toHex().constData());
}

void TestTlsProbe::plainHttpServerIsNotTls()
{
    LoopbackHttpServer http([](const ServedRequest&) { return ServedResponse {}; });
    http.setAnswersNonHttp(true);
    QVERIFY2(http.start(), qPrintable(http.errorString()));
    const ProbeResult result = probeTls(loopback(http.port()));
    QCOMPARE(failureOf(result), nameOf(ProbeFailure::NotTls));
    QVERIFY2(result.error.find("does not speak TLS") != std::string::npos, result.error.c_str());
    QVERIFY(result.chain.empty());
    http.stop();
    const QByteArray received = http.received();
    QVERIFY2(received.startsWith('\x16'), received.left(16).toHex().constData());
    QVERIFY(!received.contains("Authorization"));
    QVERIFY(isOnlyClientHello(received));
}

void TestTlsProbe::serverThatHangsUpFailsHandshake()
{
    // A server that drops the connection without a byte might speak TLS or not: no guess.
    LoopbackHttpServer http([](const ServedRequest&) { return ServedResponse {}; });
    QVERIFY2(http.start(), qPrintable(http.errorString()));
    const ProbeResult result = probeTls(loopback(http.port()));
    QCOMPARE(failureOf(result), nameOf(ProbeFailure::HandshakeFailed));
    QVERIFY2(result.error.find("the connection during the TLS handshake") != std::string::npos, result.error.c_str());
}

void TestTlsProbe::unknownNameFailsDns()
{
    // RFC 6761: .invalid never resolves.
    ProbeTarget unknown = loopback(443);
    unknown.host = "gantry-probe-test.invalid";
    const ProbeResult result = probeTls(unknown);
    QCOMPARE(failureOf(result), nameOf(ProbeFailure::DnsFailed));
    QVERIFY2(result.error.starts_with("gantry-probe-test.invalid:443 could not be resolved"), result.error.c_str());
}

void TestTlsProbe::probeAllKeepsOrderAndRunsConcurrently()
{
    ClosedPort closed;
    std::vector<SilentListener> silent(6);
    std::vector<ProbeTarget> targets { target(u"three-days"_s), loopback(closed.port()), target(u"expired"_s) };
    for (const auto& listener : silent)
        targets.push_back(loopback(listener.port(), 600ms));
    QElapsedTimer timer;
    timer.start();
    const auto results = probeAll(targets, 9);
    // One after the other, the silent ones alone would take 3.6 s.
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(results.size(), targets.size());
    QCOMPARE(failureOf(results[0]), nameOf(ProbeFailure::None));
    QCOMPARE(rfc3339(results[0].chain.front().notAfter), rfc3339(m_certificates.at(u"three-days"_s).notAfter));
    QCOMPARE(failureOf(results[1]), nameOf(ProbeFailure::Refused));
    QCOMPARE(QString::fromStdString(results[2].trustError), u"certificate has expired"_s);
    for (std::size_t i = 3; i < results.size(); ++i)
        QCOMPARE(failureOf(results[i]), nameOf(ProbeFailure::TimedOut));
}

void TestTlsProbe::probeAllStopsWhenCancelled()
{
    std::vector<SilentListener> silent(4);
    std::vector<ProbeTarget> targets;
    for (const auto& listener : silent)
        targets.push_back(loopback(listener.port(), 10s));
    std::atomic_bool cancelled { false };
    std::jthread canceller([&] {
        std::this_thread::sleep_for(200ms);
        cancelled = true;
    });
    QElapsedTimer timer;
    timer.start();
    // Two at a time: the last two start after the cancel and must not wait either.
    const auto results = probeAll(targets, 2, &cancelled);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    for (const auto& result : results) {
        QCOMPARE(failureOf(result), nameOf(ProbeFailure::Cancelled));
        QVERIFY(!result.error.empty());
    }
}

void TestTlsProbe::readsPemBundle()
{
    // A CA bundle as a kubeconfig or certs.d holds it, with a private key in between to skip.
    const IssuedCertificate& leaf = m_certificates.at(u"behind-intermediate"_s);
    const std::string bundle
        = readText(m_pki.caCertificatePath()) + "\n" + readText(leaf.keyPath) + readText(leaf.chainPath);
    const auto certificates = readPemCertificates(bundle);
    QVERIFY2(certificates, why(certificates));
    QCOMPARE(certificates->size(), 3u);
    const QStringList subjects { u"Gantry Test Root CA"_s, u"behind-intermediate"_s, u"Gantry Intermediate CA"_s };
    const QList<bool> caFlags { true, false, true };
    for (std::size_t i = 0; i < certificates->size(); ++i) {
        const CertificateInfo& info = certificates->at(i);
        QCOMPARE(QString::fromStdString(info.subject),
            u"CN=%1,O=Gantry tests"_s.arg(subjects.at(static_cast<qsizetype>(i))));
        QCOMPARE(info.isCa, caFlags.at(static_cast<qsizetype>(i)));
    }
    QCOMPARE(QString::fromStdString(certificates->at(0).issuer), QString::fromStdString(certificates->at(0).subject));
    QCOMPARE(rfc3339(certificates->at(1).notAfter), rfc3339(leaf.notAfter));
    QCOMPARE(rfc3339(certificates->at(2).notBefore), rfc3339(m_certificates.at(u"Gantry Intermediate CA"_s).notBefore));
}

void TestTlsProbe::rejectsBadPem_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<QString>("message");
    const QByteArray good = QByteArray::fromStdString(readText(m_pki.caCertificatePath()));
    QByteArray damaged = good;
    damaged[good.indexOf('\n') + 10] = '*';
    QTest::newRow("empty") << QByteArray() << u"the PEM text holds no certificate"_s;
    QTest::newRow("garbage") << QByteArray("not a certificate at all\n") << u"the PEM text holds no certificate"_s;
    QTest::newRow("key only") << QByteArray::fromStdString(readText(m_certificates.at(u"expired"_s).keyPath))
                              << u"the PEM text holds no certificate"_s;
    QTest::newRow("second damaged") << good + damaged << u"certificate 2 of the PEM text is malformed"_s;
    QTest::newRow("truncated") << good.left(good.size() / 2) << u"certificate 1 of the PEM text is malformed"_s;
}

void TestTlsProbe::rejectsBadPem()
{
    QFETCH(QByteArray, pem);
    QFETCH(QString, message);
    const auto certificates = readPemCertificates(pem.toStdString());
    QVERIFY(!certificates);
    QCOMPARE(kindName(certificates.error().kind), kindName(ErrorKind::InvalidInput));
    QCOMPARE(QString::fromStdString(certificates.error().message), message);
}

void TestTlsProbe::targetFromServerUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("name and port") << u"https://api.example.org:6443"_s << u"api.example.org"_s << 6443;
    QTest::newRow("default port") << u"https://api.example.org"_s << u"api.example.org"_s << 443;
    QTest::newRow("path ignored") << u"https://rancher.example:443/k8s/clusters/c-m-x"_s << u"rancher.example"_s << 443;
    QTest::newRow("upper-case scheme") << u"HTTPS://10.0.0.7:6443/"_s << u"10.0.0.7"_s << 6443;
    QTest::newRow("IPv6 with port") << u"https://[::1]:6443"_s << u"::1"_s << 6443;
    QTest::newRow("IPv6 without port") << u"https://[fd00::7]"_s << u"fd00::7"_s << 443;
}

void TestTlsProbe::targetFromServerUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, host);
    QFETCH(int, port);
    const auto target = probeTargetForUrl(url.toStdString());
    QVERIFY2(target, why(target));
    QCOMPARE(QString::fromStdString(target->host), host);
    QCOMPARE(target->port, port);
    QCOMPARE(QString::fromStdString(target->serverName), host);
    QVERIFY(target->caPem.empty());
}

void TestTlsProbe::rejectsBadServerUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("plain http") << u"http://api.example.org:6443"_s;
    QTest::newRow("no scheme") << u"api.example.org:6443"_s;
    QTest::newRow("no host") << u"https://:6443"_s;
    QTest::newRow("port zero") << u"https://api.example.org:0"_s;
    QTest::newRow("port too large") << u"https://api.example.org:65536"_s;
    QTest::newRow("port not a number") << u"https://api.example.org:https"_s;
    QTest::newRow("empty port") << u"https://api.example.org:"_s;
    QTest::newRow("IPv6 unbracketed") << u"https://::1:6443"_s;
    QTest::newRow("IPv6 unclosed") << u"https://[::1:6443"_s;
    QTest::newRow("IPv4 in brackets") << u"https://[10.0.0.7]:6443"_s;
    QTest::newRow("space in host") << u"https://api example.org"_s;
}

void TestTlsProbe::rejectsBadServerUrl()
{
    QFETCH(QString, url);
    const auto target = probeTargetForUrl(url.toStdString());
    QVERIFY(!target);
    QCOMPARE(kindName(target.error().kind), kindName(ErrorKind::InvalidInput));
    QVERIFY2(target.error().message.starts_with("\"" + url.toStdString() + "\""), target.error().message.c_str());
}

void TestTlsProbe::rejectsCredentialsInUrlWithoutQuotingThem()
{
    const auto target = probeTargetForUrl("https://admin:hunter2@api.example.org:6443");
    QVERIFY(!target);
    QCOMPARE(kindName(target.error().kind), kindName(ErrorKind::InvalidInput));
    QVERIFY2(target.error().message.find("hunter2") == std::string::npos, target.error().message.c_str());
}

QTEST_GUILESS_MAIN(TestTlsProbe)
#include "tst_tlsprobe.moc"
