// RegistryClient against real distribution registries: plain, TLS, Basic and token auth, and
// hostile peers (a redirecting front, a flaky server) where the real registry cannot misbehave.
#include "registry/image/imageinspector.h"
#include "tests/registry/clienttestkit.h"
#include "tests/registry/scriptedpeer.h"
#include "tests/support/imagefixture.h"
#include "tests/support/loopbackhttpserver.h"
#include "tests/support/skopeo.h"
#include "tests/support/testpki.h"
#include "tests/support/testregistry.h"
#include "tests/support/tokenserver.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>
#include <QTimeZone>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>

using namespace gantry::registry;
using namespace gantry::test;

class TestRegistryClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_plain.start(), qPrintable(m_plain.errorString()));
        ImageSpec spec;
        spec.created = QDateTime(QDate(2026, 10, 1), QTime(12, 0), Qt::UTC);
        spec.platforms = { QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8") };
        auto image = ImageFixture(m_plain).push(QStringLiteral("team/app"), QStringLiteral("1.0.0"), spec);
        QVERIFY2(image, why(image));
        m_index = *image;
    }

    void listsTagsAndResolvesManifests()
    {
        QVERIFY(ImageFixture(m_plain).push(QStringLiteral("team/app"), QStringLiteral("1.0.1"), {}));
        IsolatedClient client({ &m_plain });
        auto tags = client->listTags(referenceTo(m_plain, QStringLiteral("team/app")));
        QVERIFY2(tags, why(tags));
        std::sort(tags->begin(), tags->end());
        QCOMPARE(*tags, (std::vector<std::string> { "1.0.0", "1.0.1" }));

        auto head = client->headManifest(referenceTo(m_index.reference));
        QVERIFY2(head, why(head));
        QCOMPARE(head->digest.str(), toStd(m_index.digest));
        auto manifest = client->getManifest(referenceTo(m_index.reference));
        QVERIFY2(manifest, why(manifest));
        QCOMPARE(QByteArray::fromStdString(manifest->bytes), m_index.manifest);
        QVERIFY(manifest->isIndex());
        QCOMPARE(manifest->manifests.size(), std::size_t(2));
    }

    void concurrentFirstRequestsToAPlainLoopbackRegistryAllFallBackToHttp()
    {
        // Requests that start together on a new client all probe TLS first; whichever learns
        // "plain HTTP" last must switch too, not fail (a copy's source GET and destination read
        // raced so, now and then, in a fresh root; unfixed, about one run in three of 200 rounds failed).
        for (int round = 0; round < 200; ++round) {
            IsolatedClient client({ &m_plain });
            std::vector<std::future<gantry::registry::Result<gantry::registry::Manifest>>> reads;
            for (int i = 0; i < 6; ++i)
                reads.push_back(std::async(
                    std::launch::async, [&] { return client->getManifest(referenceTo(m_index.reference)); }));
            for (auto& read : reads) {
                const auto manifest = read.get();
                if (!manifest)
                    qWarning("round %d", round);
                QVERIFY2(manifest, why(manifest));
            }
        }
    }

    void inspectReportsPlatformsCreationAndSize()
    {
        IsolatedClient client({ &m_plain });
        auto details = inspectImage(client.client(), referenceTo(m_index.reference));
        QVERIFY2(details, why(details));
        QCOMPARE(details->digest.str(), toStd(m_index.digest));
        QCOMPARE(details->platforms.size(), std::size_t(2));
        QCOMPARE(details->platforms[0].platform, std::string("linux/amd64"));
        QCOMPARE(details->platforms[1].platform, std::string("linux/arm64/v8"));
        QVERIFY(details->created);
        QCOMPARE(formatRfc3339(*details->created), std::string("2026-10-01T12:00:00Z"));
        QCOMPARE(details->size, m_index.totalSize);
    }

    void repositoryWithoutTagsListsNone()
    {
        auto image = ImageFixture(m_plain).push(QStringLiteral("emptied/app"), QStringLiteral("0.1.0"), {});
        QVERIFY2(image, why(image));
        IsolatedClient client({ &m_plain });
        const auto byDigest = referenceTo(m_plain.host() + QStringLiteral("/emptied/app@") + image->digest);
        QVERIFY(client->deleteManifest(byDigest));
        auto tags = client->listTags(referenceTo(m_plain, QStringLiteral("emptied/app")));
        QVERIFY2(tags, why(tags));
        QVERIFY(tags->empty()); // the registry answers "tags": null
        auto gone = client->headManifest(byDigest);
        QVERIFY(!gone);
        QCOMPARE(kindName(gone.error().kind), kindName(ErrorKind::NotFound));
    }

    void deletingByTagIsRefusedNotWidened()
    {
        auto image = ImageFixture(m_plain).push(QStringLiteral("keep/app"), QStringLiteral("2.0.0"), {});
        QVERIFY2(image, why(image));
        IsolatedClient client({ &m_plain });
        auto deleted = client->deleteManifest(referenceTo(image->reference));
        QVERIFY(!deleted);
        QVERIFY(deleted.error().httpStatus == 400 || deleted.error().httpStatus == 405);
        auto still = Skopeo(m_plain).exists(pathOf(image->reference));
        QVERIFY(still && *still);
    }

    void chunkedUploadLandsTheBlob()
    {
        IsolatedClient client({ &m_plain });
        const auto repository = referenceTo(m_plain, QStringLiteral("chunked/app"));
        const std::string bytes(300 * 1024, 'z');
        const auto digest = Digest::ofBytes(bytes);
        auto location = client->startUpload(repository);
        QVERIFY2(location, why(location));
        std::size_t offset = 0;
        m_plain.clearAccessLog();
        auto uploaded = client->finishUploadInChunk(repository, *location, digest, std::ssize(bytes),
            [&](char* buffer, std::size_t capacity) -> std::optional<std::size_t> {
                const auto chunk = std::min(capacity, bytes.size() - offset);
                std::copy_n(bytes.data() + offset, chunk, buffer);
                offset += chunk;
                return chunk;
            });
        QVERIFY2(uploaded, why(uploaded));
        const auto log = m_plain.accessLog();
        QCOMPARE(log.size(), 2);
        QCOMPARE(log[0].method, QStringLiteral("PATCH"));
        QCOMPARE(log[1].method, QStringLiteral("PUT"));
        auto present = client->hasBlob(repository, digest);
        QVERIFY2(present && *present, why(present));
    }

    void catalogFollowsPagination()
    {
        for (int i = 0; i < 5; ++i)
            QVERIFY(ImageFixture(m_plain).push(QStringLiteral("paged/repo%1").arg(i), QStringLiteral("1"), {}));
        IsolatedClient client({ &m_plain });
        m_plain.clearAccessLog();
        auto repositories = client->listRepositories(toStd(m_plain.host()), 2);
        QVERIFY2(repositories, why(repositories));
        const auto paged = std::count_if(repositories->begin(), repositories->end(),
            [](const std::string& name) { return name.starts_with("paged/"); });
        QCOMPARE(paged, 5);
        QVERIFY(m_plain.accessLog().size() >= 3);
    }

    void missingThingsAreNotFound_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::newRow("unknown repository") << QStringLiteral("nobody/here:1.0.0");
        QTest::newRow("unknown tag") << QStringLiteral("team/app:9.9.9");
        QTest::newRow("unknown digest") << QStringLiteral(
            "team/app@sha256:0000000000000000000000000000000000000000000000000000000000000000");
    }

    void missingThingsAreNotFound()
    {
        QFETCH(QString, reference);
        IsolatedClient client({ &m_plain });
        const auto target = referenceTo(m_plain, reference);
        auto manifest = client->getManifest(target);
        QVERIFY(!manifest);
        QCOMPARE(kindName(manifest.error().kind), kindName(ErrorKind::NotFound));
        QCOMPARE(manifest.error().httpStatus, 404);
        QVERIFY2(
            mentions(manifest.error(), QString::fromStdString(target.toString())), manifest.error().message.c_str());
        auto head = client->headManifest(target);
        QVERIFY(!head);
        QCOMPARE(kindName(head.error().kind), kindName(ErrorKind::NotFound));
    }

    void oversizedManifestIsRefused()
    {
        // distribution itself refuses to store a manifest over 4 MiB, so only a hostile or broken
        // server can send one: it must end in a clear error, not in memory Gantry never meant to spend.
        const std::string huge = nlohmann::json {
            { "schemaVersion", 2 }, { "mediaType", "application/vnd.oci.image.manifest.v1+json" },
            { "config",
                { { "mediaType", "application/vnd.oci.image.config.v1+json" },
                    { "digest", Digest::ofBytes("{}").str() }, { "size", 2 } } },
            { "layers", nlohmann::json::array() },
            { "annotations", { { "padding", std::string(5 * 1024 * 1024, 'x') } } }
        }.dump();
        LoopbackHttpServer hostile([&](const ServedRequest&) {
            return ServedResponse { 200, { { "Content-Type", "application/vnd.oci.image.manifest.v1+json" } },
                QByteArray::fromStdString(huge) };
        });
        QVERIFY2(hostile.start(), qPrintable(hostile.errorString()));
        IsolatedClient client({});
        auto fetched
            = client->getManifest(referenceTo(QStringLiteral("127.0.0.1:%1/big/app:huge").arg(hostile.port())));
        QVERIFY(!fetched);
        QCOMPARE(kindName(fetched.error().kind), kindName(ErrorKind::TooLarge));

        Manifest manifest;
        manifest.mediaType = "application/vnd.oci.image.manifest.v1+json";
        manifest.bytes = huge;
        manifest.digest = Digest::ofBytes(huge);
        auto stored = client->putManifest(referenceTo(m_plain, QStringLiteral("big/app:huge")), manifest);
        QVERIFY(!stored); // the real registry agrees: 400 MANIFEST_INVALID
        QCOMPARE(stored.error().httpStatus, 400);
    }

    void corruptBlobIsDetected()
    {
        ImageSpec spec;
        spec.seed = 77;
        auto image = ImageFixture(m_plain).push(QStringLiteral("rot/app"), QStringLiteral("1"), spec);
        QVERIFY2(image, why(image));
        QFile data(m_plain.blobDataPath(image->blobDigests.last()));
        QVERIFY(data.open(QIODevice::ReadWrite));
        data.write("X");
        data.close();
        IsolatedClient client({ &m_plain });
        auto manifest = client->getManifest(referenceTo(image->reference));
        QVERIFY(manifest);
        std::size_t received = 0;
        auto fetched = client->fetchBlob(
            referenceTo(image->reference), manifest->layers.back(), [&received](const char*, std::size_t size) {
                received += size;
                return true;
            });
        QVERIFY(!fetched);
        QCOMPARE(kindName(fetched.error().kind), kindName(ErrorKind::DigestMismatch));
        QVERIFY(received > 0);
    }

    void basicAuth_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::newRow("basic over http") << false;
        QTest::newRow("basic over tls") << true;
    }

    void basicAuth()
    {
        QFETCH(bool, tls);
        TestPki pki;
        TestRegistry::Options options;
        options.mode = tls ? TestRegistry::Mode::BasicTls : TestRegistry::Mode::Basic;
        options.pki = &pki;
        TestRegistry registry(options);
        QVERIFY2(registry.start(), qPrintable(registry.errorString()));
        QVERIFY(ImageFixture(registry).push(QStringLiteral("secure/app"), QStringLiteral("1.0.0"), {}));
        const auto repository = referenceTo(registry, QStringLiteral("secure/app"));

        IsolatedClient good({ &registry });
        auto tags = good->listTags(repository);
        QVERIFY2(tags, why(tags));
        QCOMPARE(kindName(good->authMode(repository.registry)), kindName(AuthMode::Basic));

        IsolatedClient none({ &registry }, /*withCredentials=*/false);
        auto refused = none->listTags(repository);
        QVERIFY(!refused);
        QCOMPARE(kindName(refused.error().kind), kindName(ErrorKind::Unauthorized));
        QVERIFY2(mentions(refused.error(), QStringLiteral("docker login")), refused.error().message.c_str());

        IsolatedClient wrong({ &registry }, false,
            QJsonObject { { QStringLiteral("auths"),
                QJsonObject { { registry.host(),
                    QJsonObject { { QStringLiteral("auth"),
                        QString::fromStdString(base64Encode("gantry:not-the-password")) } } } } } });
        auto rejected = wrong->listTags(repository);
        QVERIFY(!rejected);
        QCOMPARE(kindName(rejected.error().kind), kindName(ErrorKind::Unauthorized));
        QVERIFY2(mentions(rejected.error(), QStringLiteral("rejected")), rejected.error().message.c_str());
        QVERIFY(!mentions(rejected.error(), QStringLiteral("not-the-password")));
        QVERIFY(!mentions(rejected.error(), registry.password()));
    }

    void credentialHelperSuppliesTheSecret()
    {
        TestRegistry registry(TestRegistry::Mode::Basic);
        QVERIFY2(registry.start(), qPrintable(registry.errorString()));
        IsolatedClient client({ &registry }, false);
        // A real helper program, found on PATH the way Docker finds docker-credential-<name>.
        const QString helper = client.path() + QStringLiteral("/docker-credential-gantrytest");
        QFile script(helper);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(QStringLiteral("#!/bin/sh\nread server\n"
                                    "if [ \"$server\" = \"%1\" ]; then echo "
                                    "'{\"ServerURL\":\"%1\",\"Username\":\"%2\",\"Secret\":\"%3\"}'; exit 0; fi\n"
                                    "echo 'credentials not found in native keychain'; exit 1\n")
                         .arg(registry.host(), registry.username(), registry.password())
                         .toUtf8());
        script.close();
        script.setPermissions(script.permissions() | QFileDevice::ExeOwner);
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", client.path().toUtf8() + ':' + path);
        client.writeDockerConfig(QJsonObject {
            { QStringLiteral("credHelpers"), QJsonObject { { registry.host(), QStringLiteral("gantrytest") } } } });
        client.rebuild();
        auto tags = client->listTags(referenceTo(registry, QStringLiteral("any/repo")));
        qputenv("PATH", path);
        // An unknown repository is a 404 after authentication succeeded: not an auth error.
        QVERIFY(!tags);
        QCOMPARE(kindName(tags.error().kind), kindName(ErrorKind::NotFound));
    }

    void tokenAuth_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::addColumn<bool>("identityToken");
        QTest::newRow("token over http, password") << false << false;
        QTest::newRow("token over tls, password") << true << false;
        QTest::newRow("token, identity token") << false << true;
    }

    void tokenAuth()
    {
        QFETCH(bool, tls);
        QFETCH(bool, identityToken);
        TestRegistry registry(tls ? TestRegistry::Mode::TokenTls : TestRegistry::Mode::Token);
        QVERIFY2(registry.start(), qPrintable(registry.errorString()));
        TokenServer& tokens = *registry.tokenServer();
        tokens.setRefreshToken(QStringLiteral("refresh-me-please"));
        QVERIFY(ImageFixture(registry).push(QStringLiteral("tok/app"), QStringLiteral("1.0.0"), {}));

        QJsonObject config;
        if (identityToken) {
            config.insert(QStringLiteral("auths"),
                QJsonObject { { registry.host(),
                    QJsonObject { { QStringLiteral("identitytoken"), QStringLiteral("refresh-me-please") } } } });
        }
        IsolatedClient client({ &registry }, true, config);
        tokens.resetCounters();
        const auto repository = referenceTo(registry, QStringLiteral("tok/app"));
        auto tags = client->listTags(repository);
        QVERIFY2(tags, why(tags));
        QCOMPARE(tags->size(), std::size_t(1));
        QCOMPARE(kindName(client->authMode(repository.registry)), kindName(AuthMode::Token));
        QCOMPARE(tokens.tokensIssued(), 1);
        QCOMPARE(
            tokens.requests().first().grant, identityToken ? QStringLiteral("refresh_token") : QStringLiteral("basic"));

        // The cached token serves the next request of the same scope: no second token.
        QVERIFY(client->headManifest(repository.withTag("1.0.0")));
        QCOMPARE(tokens.tokensIssued(), 1);
    }

    void expiredTokenIsReplaced()
    {
        TestRegistry registry(TestRegistry::Mode::Token);
        QVERIFY2(registry.start(), qPrintable(registry.errorString()));
        TokenServer& tokens = *registry.tokenServer();
        QVERIFY(ImageFixture(registry).push(QStringLiteral("exp/app"), QStringLiteral("1.0.0"), {}));

        IsolatedClient client({ &registry });
        tokens.resetCounters();
        tokens.expireNextTokens(1);
        auto tags = client->listTags(referenceTo(registry, QStringLiteral("exp/app")));
        QVERIFY2(tags, why(tags));
        QCOMPARE(tokens.tokensIssued(), 2);

        // A token service that only ever issues dead tokens ends in a clear error, not a loop.
        IsolatedClient second({ &registry });
        tokens.expireNextTokens(10);
        auto refused = second->listTags(referenceTo(registry, QStringLiteral("exp/app")));
        QVERIFY(!refused);
        QCOMPARE(kindName(refused.error().kind), kindName(ErrorKind::Unauthorized));
        QVERIFY(tokens.tokensIssued() <= 2 + 3);
    }

    void wrongPasswordForTokenServiceIsClear()
    {
        TestRegistry registry(TestRegistry::Mode::Token);
        QVERIFY2(registry.start(), qPrintable(registry.errorString()));
        IsolatedClient wrong({ &registry }, false,
            QJsonObject { { QStringLiteral("auths"),
                QJsonObject { { registry.host(),
                    QJsonObject {
                        { QStringLiteral("auth"), QString::fromStdString(base64Encode("gantry:wrong-one")) } } } } } });
        auto tags = wrong->listTags(referenceTo(registry, QStringLiteral("x/y")));
        QVERIFY(!tags);
        QCOMPARE(kindName(tags.error().kind), kindName(ErrorKind::Unauthorized));
        QVERIFY2(mentions(tags.error(), QStringLiteral("rejected")), tags.error().message.c_str());
        QVERIFY(!mentions(tags.error(), QStringLiteral("wrong-one")));
    }

    void tlsIsVerified()
    {
        TestPki pki;
        TestRegistry::Options options;
        options.mode = TestRegistry::Mode::Tls;
        options.pki = &pki;
        TestRegistry registry(options);
        QVERIFY2(registry.start(), qPrintable(registry.errorString()));
        QVERIFY(ImageFixture(registry).push(QStringLiteral("tls/app"), QStringLiteral("1.0.0"), {}));
        const auto repository = referenceTo(registry, QStringLiteral("tls/app"));

        IsolatedClient trusting({ &registry }); // its certs.d has the CA
        auto tags = trusting->listTags(repository);
        QVERIFY2(tags, why(tags));

        // Without the CA the loopback registry is refused, never retried over plain http.
        gantry::registry::ClientOptions untrusting;
        untrusting.tls = TlsSettings();
        untrusting.credentials = CredentialSources {};
        RegistryClient client(std::move(untrusting));
        registry.clearAccessLog();
        auto refused = client.listTags(repository);
        QVERIFY(!refused);
        QCOMPARE(kindName(refused.error().kind), kindName(ErrorKind::Tls));
        QVERIFY2(mentions(refused.error(), QStringLiteral("certs.d")), refused.error().message.c_str());
        QCOMPARE(registry.accessLog().size(), 0);
    }

    void redirectNeverCarriesCredentialsToAnotherHost()
    {
        const QByteArray blob = QByteArrayLiteral("blob bytes served by another host");
        const auto digest = QString::fromStdString(Digest::ofBytes(blob.toStdString()).str());
        std::mutex mutex;
        QList<QByteArray> cdnAuthorizations;
        bool registrySawCredentials = false;
        LoopbackHttpServer cdn([&](const ServedRequest& request) {
            std::lock_guard lock(mutex);
            cdnAuthorizations.append(request.header("Authorization"));
            return ServedResponse { 200, {}, blob };
        });
        QVERIFY2(cdn.start(), qPrintable(cdn.errorString()));
        LoopbackHttpServer front([&](const ServedRequest& request) {
            std::lock_guard lock(mutex);
            if (request.header("Authorization").isEmpty())
                return ServedResponse { 401, { { "WWW-Authenticate", "Basic realm=\"front\"" } }, {} };
            registrySawCredentials = true;
            return ServedResponse { 307, { { "Location", (cdn.url() + QStringLiteral("/storage/blob")).toUtf8() } },
                {} };
        });
        QVERIFY2(front.start(), qPrintable(front.errorString()));

        const QString host = QStringLiteral("127.0.0.1:%1").arg(front.port());
        IsolatedClient client({}, false,
            QJsonObject { { QStringLiteral("auths"),
                QJsonObject { { host,
                    QJsonObject {
                        { QStringLiteral("auth"), QString::fromStdString(base64Encode("user:s3cret")) } } } } } });
        Descriptor descriptor;
        descriptor.digest = *Digest::parse(digest.toStdString());
        descriptor.size = blob.size();
        std::string received;
        auto fetched = client->fetchBlob(referenceTo(host + QStringLiteral("/team/app")), descriptor,
            [&received](const char* data, std::size_t size) {
                received.append(data, size);
                return true;
            });
        QVERIFY2(fetched, why(fetched));
        QCOMPARE(QByteArray::fromStdString(received), blob);
        std::lock_guard lock(mutex);
        QVERIFY(registrySawCredentials);
        QCOMPARE(cdnAuthorizations.size(), 1);
        QVERIFY2(cdnAuthorizations.first().isEmpty(), cdnAuthorizations.first().constData());
    }

    void transientFailuresAreRetried()
    {
        std::mutex mutex;
        int calls = 0;
        LoopbackHttpServer flaky([&](const ServedRequest&) {
            std::lock_guard lock(mutex);
            ++calls;
            if (calls == 1)
                return ServedResponse { 503, {}, registryErrorBody("UNAVAILABLE", "try later") };
            if (calls == 2)
                return ServedResponse { 429, { { "Retry-After", "1" } },
                    registryErrorBody("TOOMANYREQUESTS", "slow down") };
            return ServedResponse { 200, { { "Content-Type", "application/json" } },
                QByteArrayLiteral("{\"name\":\"team/app\",\"tags\":[\"1.0.0\"]}") };
        });
        QVERIFY2(flaky.start(), qPrintable(flaky.errorString()));
        IsolatedClient client({});
        QElapsedTimer timer;
        timer.start();
        auto tags = client->listTags(referenceTo(QStringLiteral("127.0.0.1:%1/team/app").arg(flaky.port())));
        QVERIFY2(tags, why(tags));
        QCOMPARE(calls, 3);
        QVERIFY2(timer.elapsed() >= 900, "Retry-After: 1 was not honoured");
    }

    void garbageAnswersAreClearErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << 200 << QByteArrayLiteral("<<garbage>>") << int(ErrorKind::Protocol)
                                  << QStringLiteral("JSON");
        QTest::newRow("html error page") << 502 << QByteArrayLiteral("<html><body>Bad gateway</body></html>")
                                         << int(ErrorKind::Server) << QStringLiteral("HTML");
        QTest::newRow("registry error") << 403
                                        << registryErrorBody("DENIED", "requested access to the resource is denied")
                                        << int(ErrorKind::Denied) << QStringLiteral("requested access");
        QTest::newRow("error fields of the wrong type")
            << 404 << QByteArrayLiteral("{\"errors\":[{\"code\":42,\"message\":[\"no\"]}]}") << int(ErrorKind::NotFound)
            << QStringLiteral("404");
        QTest::newRow("tags not a list") << 200 << QByteArrayLiteral("{\"tags\":\"1.0.0\"}") << int(ErrorKind::Protocol)
                                         << QStringLiteral("not a list");
    }

    void garbageAnswersAreClearErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        QFETCH(QString, expected);
        LoopbackHttpServer liar([&](const ServedRequest&) { return ServedResponse { status, {}, body }; });
        QVERIFY2(liar.start(), qPrintable(liar.errorString()));
        gantry::registry::ClientOptions options;
        options.tls = TlsSettings();
        options.credentials = CredentialSources {};
        options.retry.maxAttempts = 1;
        RegistryClient client(std::move(options));
        auto tags = client.listTags(referenceTo(QStringLiteral("127.0.0.1:%1/team/app").arg(liar.port())));
        QVERIFY(!tags);
        QCOMPARE(kindName(tags.error().kind), kindName(static_cast<ErrorKind>(kind)));
        QVERIFY2(mentions(tags.error(), expected), tags.error().message.c_str());
    }

    void registryLyingAboutManifestDigestIsCaught()
    {
        const QByteArray manifest = QByteArrayLiteral(
            "{\"schemaVersion\":2,\"mediaType\":\"application/"
            "vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
            "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[]}");
        LoopbackHttpServer liar([&](const ServedRequest&) {
            return ServedResponse { 200,
                { { "Content-Type", "application/vnd.oci.image.manifest.v1+json" },
                    { "Docker-Content-Digest",
                        "sha256:1111111111111111111111111111111111111111111111111111111111111111" } },
                manifest };
        });
        QVERIFY2(liar.start(), qPrintable(liar.errorString()));
        IsolatedClient client({});
        const QString base = QStringLiteral("127.0.0.1:%1/team/app").arg(liar.port());
        auto byTag = client->getManifest(referenceTo(base + QStringLiteral(":1.0.0")));
        QVERIFY(!byTag);
        QCOMPARE(kindName(byTag.error().kind), kindName(ErrorKind::DigestMismatch));
        auto byDigest = client->getManifest(referenceTo(
            base + QStringLiteral("@sha256:2222222222222222222222222222222222222222222222222222222222222222")));
        QVERIFY(!byDigest);
        QCOMPARE(kindName(byDigest.error().kind), kindName(ErrorKind::DigestMismatch));
    }

    void refusedConnectionIsANetworkError()
    {
        TestRegistry registry;
        QVERIFY(registry.start());
        const auto repository = referenceTo(registry, QStringLiteral("gone/app"));
        registry.stop();
        IsolatedClient client({});
        auto tags = client->listTags(repository);
        QVERIFY(!tags);
        QCOMPARE(kindName(tags.error().kind), kindName(ErrorKind::Network));
        QVERIFY2(mentions(tags.error(), registry.host()), tags.error().message.c_str());
    }

private:
    TestRegistry m_plain;
    PushedImage m_index;
};

QTEST_GUILESS_MAIN(TestRegistryClient)
#include "tst_registryclient.moc"
