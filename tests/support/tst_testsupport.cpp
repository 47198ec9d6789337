// Proves the test-support library: each registry mode really starts, accepts a pushed image
// and refuses what it should, so that other tests can trust it as their ground truth.
#include "tests/support/httpprobe.h"
#include "tests/support/imagefixture.h"
#include "tests/support/loopbackhttpserver.h"
#include "tests/support/processrunner.h"
#include "tests/support/skopeo.h"
#include "tests/support/testpki.h"
#include "tests/support/testregistry.h"
#include "tests/support/tokenserver.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace gantry::test;

namespace {

QByteArray tokenFrom(const HttpReply& reply)
{
    return QJsonDocument::fromJson(reply.body).object().value(QLatin1String("token")).toString().toLatin1();
}

QJsonObject claimsOf(const QByteArray& token)
{
    const QByteArray payload = token.split('.').value(1);
    return QJsonDocument::fromJson(QByteArray::fromBase64(payload, QByteArray::Base64UrlEncoding)).object();
}

// OpenSSL's own verifier: the chain file supplies the intermediates, the root is the only trust anchor.
ProcessResult openSslVerify(const QString& rootPath, const IssuedCertificate& certificate)
{
    return runProcess(QStringLiteral("openssl"),
        { QStringLiteral("verify"), QStringLiteral("-CAfile"), rootPath, QStringLiteral("-untrusted"),
            certificate.chainPath, QStringLiteral("-purpose"), QStringLiteral("sslserver"),
            certificate.certificatePath },
        20000);
}

QUrl tokenUrl(const TokenServer& tokens, const QStringList& scopes)
{
    QUrl url(tokens.realm());
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("service"), tokens.service());
    for (const QString& scope : scopes)
        query.addQueryItem(QStringLiteral("scope"), scope);
    url.setQuery(query);
    return url;
}

} // namespace

class TestSupportTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pki();
    void everyModeAcceptsAPush_data();
    void everyModeAcceptsAPush();
    void imageFormats_data();
    void imageFormats();
    void seedDecidesDigest();
    void largeImage();
    void wrongPasswordIsRefused();
    void tokenServerGrantsAndRefuses();
    void expiredTokenIsRejected();
    void tokenServerAnswersWhileTestThreadBlocks();
    void loopbackServerRefusesTlsAtOnce();
    void accessLogCountsRequests();
    void stopRefusesConnectionsAndRestartKeepsData();
    void corruptingABlob();
};

void TestSupportTest::pki()
{
    TestPki pki;
    QVERIFY2(pki.isValid(), qPrintable(pki.errorString()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime notBefore = now.addDays(-85).addMSecs(-now.time().msec());
    const QDateTime notAfter = now.addDays(5).addMSecs(-now.time().msec());

    const IssuedCertificate soon
        = pki.issue(QStringLiteral("soon"), TestPki::defaultSubjectAltNames(), notBefore, notAfter);
    QVERIFY2(!soon.isNull(), qPrintable(pki.errorString()));
    const QSslCertificate leaf = QSslCertificate::fromPath(soon.certificatePath).value(0);
    QCOMPARE(leaf.expiryDate(), notAfter);
    QCOMPARE(leaf.effectiveDate(), notBefore);
    QCOMPARE(leaf.subjectInfo(QSslCertificate::CommonName), QStringList { QStringLiteral("soon") });
    QVERIFY2(openSslVerify(pki.caCertificatePath(), soon).ok(),
        qPrintable(openSslVerify(pki.caCertificatePath(), soon).errorString));

    const IssuedCertificate expired = pki.issue(QStringLiteral("expired"), {}, now.addYears(-2), now.addDays(-1));
    QVERIFY(!expired.isNull());
    QVERIFY(QSslCertificate::fromPath(expired.certificatePath).value(0).expiryDate() < now);
    QVERIFY(openSslVerify(pki.caCertificatePath(), expired).errorString.contains(QLatin1String("expired")));

    const IssuedCertificate intermediate = pki.issue(QStringLiteral("intermediate"), {}, {}, {}, nullptr, true);
    const IssuedCertificate chained
        = pki.issue(QStringLiteral("chained"), TestPki::defaultSubjectAltNames(), {}, {}, &intermediate);
    QVERIFY(!chained.isNull());
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(chained.chainPath);
    QCOMPARE(chain.size(), 2);
    QCOMPARE(chain.at(1).subjectInfo(QSslCertificate::CommonName), QStringList { QStringLiteral("intermediate") });
    const ProcessResult verified = openSslVerify(pki.caCertificatePath(), chained);
    QVERIFY2(verified.ok(), qPrintable(verified.errorString));
    QTest::ignoreMessage(QtWarningMsg, "TestPki: the issuer of \"not-by-a-leaf\" is not a CA of this PKI");
    QVERIFY(pki.issue(QStringLiteral("not-by-a-leaf"), {}, {}, {}, &chained).isNull());

    const IssuedCertificate self = pki.selfSigned(QStringLiteral("self"));
    const QSslCertificate selfCertificate = QSslCertificate::fromPath(self.certificatePath).value(0);
    QVERIFY(selfCertificate.isSelfSigned());
    QCOMPARE(QSslCertificate::fromPath(self.chainPath).size(), 1);
    QVERIFY(openSslVerify(self.certificatePath, self).ok()); // usable as its own trust anchor
}

void TestSupportTest::everyModeAcceptsAPush_data()
{
    QTest::addColumn<TestRegistry::Mode>("mode");
    QTest::newRow("plain") << TestRegistry::Mode::Plain;
    QTest::newRow("tls") << TestRegistry::Mode::Tls;
    QTest::newRow("basic") << TestRegistry::Mode::Basic;
    QTest::newRow("basic-tls") << TestRegistry::Mode::BasicTls;
    QTest::newRow("token") << TestRegistry::Mode::Token;
    QTest::newRow("token-tls") << TestRegistry::Mode::TokenTls;
}

void TestSupportTest::everyModeAcceptsAPush()
{
    QFETCH(TestRegistry::Mode, mode);
    TestRegistry registry(mode);
    QVERIFY2(registry.start(), qPrintable(registry.errorString()));
    QCOMPARE(registry.url().startsWith(QLatin1String("https://")), registry.usesTls());

    ImageFixture images(registry);
    const auto pushed = images.push(QStringLiteral("team/app"), QStringLiteral("1.0.0"), { .layerCount = 2 });
    QVERIFY2(pushed, why(pushed));

    const Skopeo skopeo(registry);
    const auto digest = skopeo.digestOf(QStringLiteral("team/app:1.0.0"));
    QVERIFY2(digest, why(digest));
    QCOMPARE(*digest, pushed->digest);
    const auto tags = skopeo.listTags(QStringLiteral("team/app"));
    QVERIFY2(tags, why(tags));
    QCOMPARE(*tags, QStringList { QStringLiteral("1.0.0") });
    QCOMPARE(skopeo.exists(QStringLiteral("team/app:2.0.0")), Outcome<bool>(false));

    // Without credentials an authenticating registry refuses; with TLS the CA is what makes it trusted.
    const HttpReply anonymous = registry.get(QStringLiteral("/v2/team/app/tags/list"));
    QCOMPARE(anonymous.status, registry.requiresCredentials() ? 401 : 200);
    if (registry.usesTokenAuth()) {
        QVERIFY(anonymous.header("WWW-Authenticate").startsWith("Bearer realm=\""));
        QVERIFY(registry.tokenServer()->tokensIssued() > 0);
    }
    if (registry.usesTls()) {
        const HttpReply untrusted = HttpProbe().get(QUrl(registry.url() + QStringLiteral("/v2/")));
        QCOMPARE(untrusted.status, 0);
        QTemporaryDir certsD;
        QVERIFY(registry.installCaCertificate(certsD.path()));
        QVERIFY(QFileInfo::exists(QStringLiteral("%1/%2/ca.crt").arg(certsD.path(), registry.host())));
    }
}

void TestSupportTest::imageFormats_data()
{
    QTest::addColumn<ImageSpec::Format>("format");
    QTest::addColumn<QStringList>("platforms");
    QTest::addColumn<QString>("mediaType");
    const QStringList two { QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8") };
    QTest::newRow("oci") << ImageSpec::Format::Oci << QStringList {}
                         << QStringLiteral("application/vnd.oci.image.manifest.v1+json");
    QTest::newRow("oci-index") << ImageSpec::Format::Oci << two
                               << QStringLiteral("application/vnd.oci.image.index.v1+json");
    QTest::newRow("docker") << ImageSpec::Format::DockerV2 << QStringList {}
                            << QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
    QTest::newRow("docker-list") << ImageSpec::Format::DockerV2 << two
                                 << QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json");
}

void TestSupportTest::imageFormats()
{
    QFETCH(ImageSpec::Format, format);
    QFETCH(QStringList, platforms);
    QFETCH(QString, mediaType);
    TestRegistry registry;
    QVERIFY2(registry.start(), qPrintable(registry.errorString()));
    ImageFixture images(registry);
    ImageSpec spec;
    spec.format = format;
    spec.platforms = platforms;
    spec.layerCount = 2;
    spec.created = QDateTime(QDate(2024, 5, 6), QTime(7, 8, 9), Qt::UTC);
    spec.labels = { { QStringLiteral("org.example.team"), QStringLiteral("gantry") } };
    spec.annotations = { { QStringLiteral("org.opencontainers.image.version"), QStringLiteral("1.2.3") } };
    const auto pushed = images.push(QStringLiteral("formats"), QStringLiteral("v1"), spec);
    QVERIFY2(pushed, why(pushed));
    QCOMPARE(pushed->mediaType, mediaType);
    QCOMPARE(pushed->childDigests.size(), platforms.size());
    QCOMPARE(pushed->blobDigests.size(), qMax(1, int(platforms.size())) * 3);

    const Skopeo skopeo(registry);
    const auto raw = skopeo.inspectRaw(QStringLiteral("formats:v1"));
    QVERIFY2(raw, why(raw));
    QCOMPARE(*raw, pushed->manifest); // byte for byte: nothing converted on the way
    for (const QString& child : pushed->childDigests)
        QCOMPARE(skopeo.digestOf(QStringLiteral("formats@") + child), Outcome<QString>(child));

    const HttpReply head = registry.request(
        QByteArrayLiteral("HEAD"), QStringLiteral("/v2/formats/manifests/v1"), { { "Accept", mediaType.toLatin1() } });
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("Content-Type"), mediaType.toLatin1());
    QCOMPARE(head.header("Docker-Content-Digest"), pushed->digest.toLatin1());

    // The config carries created and the labels; read it back through the registry.
    const QJsonObject top = QJsonDocument::fromJson(pushed->manifest).object();
    QByteArray imageManifest = pushed->manifest;
    if (!platforms.isEmpty())
        imageManifest = *skopeo.inspectRaw(QStringLiteral("formats@") + pushed->childDigests.first());
    else
        QCOMPARE(top.value(QLatin1String("annotations"))
                     .toObject()
                     .value(QLatin1String("org.opencontainers.image.version"))
                     .toString(),
            QStringLiteral("1.2.3"));
    const QString configDigest = QJsonDocument::fromJson(imageManifest)
                                     .object()
                                     .value(QLatin1String("config"))
                                     .toObject()
                                     .value(QLatin1String("digest"))
                                     .toString();
    const HttpReply config = registry.get(QStringLiteral("/v2/formats/blobs/") + configDigest);
    QCOMPARE(config.status, 200);
    const QJsonObject configJson = QJsonDocument::fromJson(config.body).object();
    QCOMPARE(configJson.value(QLatin1String("created")).toString(), QStringLiteral("2024-05-06T07:08:09Z"));
    QCOMPARE(configJson.value(QLatin1String("config"))
                 .toObject()
                 .value(QLatin1String("Labels"))
                 .toObject()
                 .value(QLatin1String("org.example.team"))
                 .toString(),
        QStringLiteral("gantry"));
    QCOMPARE(configJson.value(QLatin1String("architecture")).toString(), QStringLiteral("amd64"));
}

void TestSupportTest::seedDecidesDigest()
{
    TestRegistry registry;
    QVERIFY2(registry.start(), qPrintable(registry.errorString()));
    ImageFixture images(registry);
    const auto first = images.push(QStringLiteral("seeds"), QStringLiteral("a"), { .seed = 7 });
    const auto again = images.push(QStringLiteral("seeds"), QStringLiteral("b"), { .seed = 7 });
    const auto other = images.push(QStringLiteral("seeds"), QStringLiteral("c"), { .seed = 8 });
    QVERIFY2(first && again && other, "push failed");
    QCOMPARE(again->digest, first->digest);
    QVERIFY(other->digest != first->digest);
    QCOMPARE(*Skopeo(registry).listTags(QStringLiteral("seeds")),
        (QStringList { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") }));
}

void TestSupportTest::largeImage()
{
    TestRegistry registry;
    QVERIFY2(registry.start(), qPrintable(registry.errorString()));
    ImageFixture images(registry);
    constexpr qint64 layerSize = 20 * 1024 * 1024;
    const auto pushed
        = images.push(QStringLiteral("large"), QStringLiteral("1"), { .layerCount = 5, .layerSize = layerSize });
    QVERIFY2(pushed, why(pushed));
    QVERIFY(pushed->totalSize > 5 * layerSize);
    QCOMPARE(QFileInfo(registry.blobDataPath(pushed->blobDigests.last())).size(), layerSize);
}

void TestSupportTest::wrongPasswordIsRefused()
{
    TestRegistry registry({ .mode = TestRegistry::Mode::Basic,
        .username = QStringLiteral("alice"),
        .password = QStringLiteral("right") });
    QVERIFY2(registry.start(), qPrintable(registry.errorString()));
    const auto wrong = registry.get(QStringLiteral("/v2/"),
        { { "Authorization", HttpProbe::basicAuthorization(QStringLiteral("alice"), QStringLiteral("wrong")) } });
    QCOMPARE(wrong.status, 401);
    const auto right = registry.get(QStringLiteral("/v2/"),
        { { "Authorization", HttpProbe::basicAuthorization(QStringLiteral("alice"), QStringLiteral("right")) } });
    QCOMPARE(right.status, 200);
}

void TestSupportTest::tokenServerGrantsAndRefuses()
{
    TokenServer tokens;
    tokens.setCredentials(QStringLiteral("bob"), QStringLiteral("secret"));
    tokens.setRefreshToken(QStringLiteral("identity-token"));
    TestRegistry registry({ .mode = TestRegistry::Mode::Token,
        .username = QStringLiteral("bob"),
        .password = QStringLiteral("secret"),
        .tokenServer = &tokens });
    QVERIFY2(registry.start(), qPrintable(registry.errorString()));
    QVERIFY(ImageFixture(registry).push(QStringLiteral("app"), QStringLiteral("1")));
    tokens.resetCounters();

    HttpProbe http;
    const QString pushScope = QStringLiteral("repository:app:pull,push");
    const auto basic = http.get(tokenUrl(tokens, { pushScope }),
        { { "Authorization", HttpProbe::basicAuthorization(QStringLiteral("bob"), QStringLiteral("secret")) } });
    QCOMPARE(basic.status, 200);
    QVERIFY(tokens.lastAuthorizationWasBasic());
    const QJsonObject answer = QJsonDocument::fromJson(basic.body).object();
    QCOMPARE(answer.value(QLatin1String("expires_in")).toInt(), 300);
    QCOMPARE(answer.value(QLatin1String("access_token")), answer.value(QLatin1String("token")));
    QVERIFY(!answer.value(QLatin1String("issued_at")).toString().isEmpty());
    const QJsonObject claims = claimsOf(tokenFrom(basic));
    QCOMPARE(claims.value(QLatin1String("sub")).toString(), QStringLiteral("bob"));
    QCOMPARE(claims.value(QLatin1String("aud")).toString(), tokens.service());
    QCOMPARE(
        claims.value(QLatin1String("access")).toArray().first().toObject().value(QLatin1String("actions")).toArray(),
        (QJsonArray { QStringLiteral("pull"), QStringLiteral("push") }));
    const auto bearer = HttpHeaders { { "Authorization", HttpProbe::bearerAuthorization(tokenFrom(basic)) } };
    QCOMPARE(registry.get(QStringLiteral("/v2/app/tags/list"), bearer).status, 200);

    QCOMPARE(
        http.get(tokenUrl(tokens, { pushScope }),
                { { "Authorization", HttpProbe::basicAuthorization(QStringLiteral("bob"), QStringLiteral("nope")) } })
            .status,
        401);

    // Anonymous, while a user is configured: a token that grants nothing.
    const auto anonymous = http.get(tokenUrl(tokens, { QStringLiteral("repository:app:pull") }));
    QCOMPARE(anonymous.status, 200);
    QVERIFY(!tokens.lastAuthorizationWasBasic());
    QCOMPARE(registry
                 .get(QStringLiteral("/v2/app/tags/list"),
                     { { "Authorization", HttpProbe::bearerAuthorization(tokenFrom(anonymous)) } })
                 .status,
        401);

    // OAuth2 refresh-token grant, as Docker does with an identity token.
    const QByteArray form = "grant_type=refresh_token&refresh_token=identity-token&service=" + tokens.service().toUtf8()
        + "&client_id=gantry&scope=repository%3Aapp%3Apull";
    const auto refreshed = http.request(QByteArrayLiteral("POST"), QUrl(tokens.realm()),
        { { "Content-Type", "application/x-www-form-urlencoded" } }, form);
    QCOMPARE(refreshed.status, 200);
    QCOMPARE(tokens.requests().constLast().clientId, QStringLiteral("gantry"));
    QCOMPARE(registry
                 .get(QStringLiteral("/v2/app/tags/list"),
                     { { "Authorization", HttpProbe::bearerAuthorization(tokenFrom(refreshed)) } })
                 .status,
        200);
    const auto badRefresh = http.request(QByteArrayLiteral("POST"), QUrl(tokens.realm()),
        { { "Content-Type", "application/x-www-form-urlencoded" } }, "grant_type=refresh_token&refresh_token=stale");
    QCOMPARE(badRefresh.status, 401);

    // Read-only: a pull token works, an upload is refused.
    tokens.setReadOnly(true);
    const auto readOnly = http.get(tokenUrl(tokens, { pushScope }),
        { { "Authorization", HttpProbe::basicAuthorization(QStringLiteral("bob"), QStringLiteral("secret")) } });
    const auto readOnlyBearer
        = HttpHeaders { { "Authorization", HttpProbe::bearerAuthorization(tokenFrom(readOnly)) } };
    QCOMPARE(registry.get(QStringLiteral("/v2/app/tags/list"), readOnlyBearer).status, 200);
    QCOMPARE(
        registry.request(QByteArrayLiteral("POST"), QStringLiteral("/v2/app/blobs/uploads/"), readOnlyBearer).status,
        401);
    QCOMPARE(registry.request(QByteArrayLiteral("POST"), QStringLiteral("/v2/app/blobs/uploads/"), bearer).status, 202);

    QCOMPARE(tokens.tokensIssued(), 4);
    QCOMPARE(tokens.requestedScopes(),
        (QStringList { pushScope, pushScope, QStringLiteral("repository:app:pull"),
            QStringLiteral("repository:app:pull"), pushScope }));
}

void TestSupportTest::expiredTokenIsRejected()
{
    TestRegistry registry(TestRegistry::Mode::Token);
    QVERIFY2(registry.start(), qPrintable(registry.errorString()));
    TokenServer& tokens = *registry.tokenServer();
    tokens.expireNextTokens(1);
    HttpProbe http;
    const HttpHeaders credentials { { "Authorization",
        HttpProbe::basicAuthorization(registry.username(), registry.password()) } };
    const auto expired = http.get(tokenUrl(tokens, {}), credentials);
    QCOMPARE(QJsonDocument::fromJson(expired.body).object().value(QLatin1String("expires_in")).toInt(), 300);
    QVERIFY(claimsOf(tokenFrom(expired)).value(QLatin1String("exp")).toInteger()
        < QDateTime::currentSecsSinceEpoch() - 600);
    QCOMPARE(
        registry
            .get(QStringLiteral("/v2/"), { { "Authorization", HttpProbe::bearerAuthorization(tokenFrom(expired)) } })
            .status,
        401);
    const auto fresh = http.get(tokenUrl(tokens, {}), credentials);
    QCOMPARE(
        registry.get(QStringLiteral("/v2/"), { { "Authorization", HttpProbe::bearerAuthorization(tokenFrom(fresh)) } })
            .status,
        200);
}

void TestSupportTest::tokenServerAnswersWhileTestThreadBlocks()
{
    TokenServer tokens;
    tokens.setCredentials(QStringLiteral("carol"), QStringLiteral("pw"));
    // runProcess blocks this thread until curl is done: only a server on its own thread can answer.
    const ProcessResult curl = runProcess(QStringLiteral("curl"),
        { QStringLiteral("-sS"), QStringLiteral("--fail"), QStringLiteral("--noproxy"), QStringLiteral("*"),
            QStringLiteral("-u"), QStringLiteral("carol:pw"),
            tokenUrl(tokens, { QStringLiteral("repository:x:pull") }).toString() },
        20000);
    QVERIFY2(curl.ok(), qPrintable(curl.errorString));
    QVERIFY(!QJsonDocument::fromJson(curl.standardOutput).object().value(QLatin1String("token")).toString().isEmpty());
    QCOMPARE(tokens.tokensIssued(), 1);
}

void TestSupportTest::loopbackServerRefusesTlsAtOnce()
{
    LoopbackHttpServer server([](const ServedRequest& request) { return ServedResponse { 200, {}, request.target }; });
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    // A client probing https first must be turned away, not left waiting for a handshake timeout.
    QSslSocket tls;
    tls.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(!tls.waitForEncrypted(20000));
    QCOMPARE(tls.error(), QAbstractSocket::RemoteHostClosedError);
    const HttpReply plain = HttpProbe().get(QUrl(server.url() + QStringLiteral("/still/fine?x=1")));
    QCOMPARE(plain.status, 200);
    QCOMPARE(plain.body, QByteArrayLiteral("/still/fine?x=1"));
}

void TestSupportTest::accessLogCountsRequests()
{
    TestRegistry registry;
    QVERIFY2(registry.start(), qPrintable(registry.errorString()));
    QVERIFY(registry.accessLog().isEmpty());
    QCOMPARE(registry.get(QStringLiteral("/v2/")).status, 200);
    QCOMPARE(registry.get(QStringLiteral("/v2/missing/tags/list?n=3")).status, 404);
    const QList<AccessLogEntry> log = registry.accessLog();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.at(0).method, QStringLiteral("GET"));
    QCOMPARE(log.at(0).path, QStringLiteral("/v2/"));
    QCOMPARE(log.at(0).status, 200);
    QCOMPARE(log.at(1).path, QStringLiteral("/v2/missing/tags/list?n=3"));
    QCOMPARE(log.at(1).status, 404);
    registry.clearAccessLog();
    QVERIFY(registry.accessLog().isEmpty());
}

void TestSupportTest::stopRefusesConnectionsAndRestartKeepsData()
{
    TestRegistry registry;
    QVERIFY2(registry.start(), qPrintable(registry.errorString()));
    const auto pushed = ImageFixture(registry).push(QStringLiteral("kept"), QStringLiteral("1"));
    QVERIFY2(pushed, why(pushed));
    const quint16 port = registry.port();

    registry.stop();
    QVERIFY(!registry.isRunning());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!socket.waitForConnected(2000));
    QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);

    QVERIFY2(registry.restart(), qPrintable(registry.errorString()));
    QCOMPARE(registry.port(), port);
    QCOMPARE(Skopeo(registry).digestOf(QStringLiteral("kept:1")), Outcome<QString>(pushed->digest));
}

void TestSupportTest::corruptingABlob()
{
    TestRegistry registry;
    QVERIFY2(registry.start(), qPrintable(registry.errorString()));
    const auto pushed
        = ImageFixture(registry).push(QStringLiteral("corrupt"), QStringLiteral("1"), { .layerSize = 4096 });
    QVERIFY2(pushed, why(pushed));
    const QString layer = pushed->blobDigests.last();
    QFile data(registry.blobDataPath(layer));
    QVERIFY(data.open(QIODevice::ReadWrite));
    QCOMPARE(data.size(), 4096);
    QVERIFY(data.seek(100));
    data.write("corrupted");
    data.close();
    // The registry serves what is on disk: the bytes no longer hash to their digest.
    const HttpReply blob = registry.get(QStringLiteral("/v2/corrupt/blobs/") + layer);
    QCOMPARE(blob.status, 200);
    QVERIFY(QStringLiteral("sha256:")
            + QString::fromLatin1(QCryptographicHash::hash(blob.body, QCryptographicHash::Sha256).toHex())
        != layer);
}

QTEST_GUILESS_MAIN(TestSupportTest)
#include "tst_testsupport.moc"
