// Peers that accept and hang, answer a byte at a time, drop a PUT's answer or rate-limit for
// ever: every request must end within the limits the client was given, and a PUT whose answer
// was lost is retried only where that is safe.

#include "tests/registry/scriptedpeer.h"
#include "tests/support/errornames.h"

#include <QTest>
#include <atomic>
#include <mutex>

using namespace gantry::registry;
using namespace gantry::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* manifestType = "application/vnd.oci.image.manifest.v1+json";

Manifest smallManifest()
{
    Manifest manifest;
    manifest.mediaType = manifestType;
    manifest.bytes = R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{)"
                     R"("mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:)"
                     R"(44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]})";
    manifest.digest = Digest::ofBytes(manifest.bytes);
    return manifest;
}

ServedResponse faulty(Delivery delivery, QByteArray body = QByteArray(64 * 1024, 'x'), int intervalMs = 20)
{
    ServedResponse response { 200, { { "Content-Type", manifestType } }, std::move(body) };
    response.delivery = delivery;
    response.dribbleIntervalMs = intervalMs;
    return response;
}

Descriptor blobOf(const QByteArray& bytes)
{
    return Descriptor { "application/octet-stream", Digest::ofBytes(bytes.toStdString()), bytes.size(), {}, {}, {} };
}

const RetryPolicy quickRetries { .maxAttempts = 4, .firstBackoff = 20ms, .deadline = 3s };

} // namespace

class TestNetworkFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void silentPeerTimesOut()
    {
        // Accepts the connection, reads the request, never answers: held `inspect` for 4 × 60 s.
        std::atomic_int requests = 0;
        LoopbackHttpServer peer([&](const ServedRequest&) {
            ++requests;
            return faulty(Delivery::Silence);
        });
        QVERIFY2(peer.start(), qPrintable(peer.errorString()));
        auto client = scriptedPeerClient(quickRetries, { .firstByte = 300ms });
        auto head = client->headManifest(referenceOn(peer, QStringLiteral("team/app:1")));
        QVERIFY(!head);
        QCOMPARE(kindName(head.error().kind), kindName(ErrorKind::Timeout));
        QVERIFY2(mentions(head.error(), QStringLiteral("127.0.0.1:%1 sent no answer within").arg(peer.port())),
            head.error().message.c_str());
        QVERIFY(requests.load() >= 1);
    }

    void stalledAnswerTimesOut_data()
    {
        QTest::addColumn<int>("delivery");
        QTest::addColumn<bool>("streamed");
        QTest::newRow("manifest stops half-way") << int(Delivery::StallBody) << false;
        QTest::newRow("manifest dribbled") << int(Delivery::Dribble) << false;
        QTest::newRow("blob stops half-way") << int(Delivery::StallBody) << true;
        QTest::newRow("blob dribbled") << int(Delivery::Dribble) << true;
    }

    void stalledAnswerTimesOut()
    {
        QFETCH(int, delivery);
        QFETCH(bool, streamed);
        const QByteArray body(64 * 1024, 'x');
        LoopbackHttpServer peer([&](const ServedRequest&) { return faulty(Delivery(delivery), body); });
        QVERIFY2(peer.start(), qPrintable(peer.errorString()));
        // One attempt: a retry cut short by the deadline would report the deadline instead.
        auto client = scriptedPeerClient(
            { .maxAttempts = 1, .deadline = 20s }, { .stallWindow = 400ms, .minimumBytesPerSecond = 1024 });
        const auto reference = referenceOn(peer, QStringLiteral("team/app:1"));
        Status outcome;
        if (streamed) {
            outcome = client->fetchBlob(reference, blobOf(body), [](const char*, std::size_t) { return true; });
        } else if (auto manifest = client->getManifest(reference); !manifest) {
            outcome = std::unexpected(manifest.error());
        }
        QVERIFY(!outcome);
        QCOMPARE(kindName(outcome.error().kind), kindName(ErrorKind::Timeout));
        QVERIFY2(mentions(outcome.error(), QStringLiteral("stalled: fewer than 1024 bytes a second for 400 ms")),
            outcome.error().message.c_str());
    }

    void slowBlobThatKeepsMovingOutlastsTheDeadline()
    {
        // A big blob on a slow line takes longer than any request should wait for an answer. The
        // window is wide so that a loaded machine, slowing the dribble, is not taken for a stall.
        const QByteArray body(2500, 'b');
        LoopbackHttpServer peer([&](const ServedRequest&) { return faulty(Delivery::Dribble, body, 1); });
        QVERIFY2(peer.start(), qPrintable(peer.errorString()));
        auto client = scriptedPeerClient(
            { .maxAttempts = 1, .deadline = 500ms }, { .stallWindow = 2s, .minimumBytesPerSecond = 50 });
        std::size_t received = 0;
        auto fetched = client->fetchBlob(
            referenceOn(peer, QStringLiteral("team/app:1")), blobOf(body), [&received](const char*, std::size_t size) {
                received += size;
                return true;
            });
        QVERIFY2(fetched, why(fetched));
        QCOMPARE(received, std::size_t(body.size()));
    }

    void droppedManifestPutIsRetried()
    {
        // The answer to the PUT is lost with its connection, which had served a request before.
        std::mutex mutex;
        QList<QByteArray> puts;
        const Manifest manifest = smallManifest();
        LoopbackHttpServer peer([&](const ServedRequest& request) {
            std::lock_guard lock(mutex);
            // Reads (the look before the write, the read-back after it) see the manifest once the
            // retried PUT stored it.
            if (request.method == "HEAD" || request.method == "GET") {
                if (puts.size() < 2)
                    return ServedResponse { 404, {}, {} };
                return ServedResponse { 200,
                    { { "Content-Type", QByteArray::fromStdString(manifest.mediaType) },
                        { "Docker-Content-Digest", QByteArray::fromStdString(manifest.digest.str()) } },
                    request.method == "GET" ? QByteArray::fromStdString(manifest.bytes) : QByteArray() };
            }
            puts.append(request.body);
            if (puts.size() == 1)
                return faulty(Delivery::Close);
            return ServedResponse { 201,
                { { "Docker-Content-Digest", QByteArray::fromStdString(manifest.digest.str()) } }, {} };
        });
        QVERIFY2(peer.start(), qPrintable(peer.errorString()));
        auto client = scriptedPeerClient(quickRetries);
        const auto target = referenceOn(peer, QStringLiteral("team/app:1"));
        auto existing = client->findManifest(target);
        QVERIFY2(existing, why(existing));
        auto stored = client->putManifest(target, manifest);
        QVERIFY2(stored, why(stored));
        QCOMPARE(puts.size(), 2);
        QCOMPARE(puts.at(1), QByteArray::fromStdString(manifest.bytes));
    }

    void droppedBlobPutAsksWhetherTheBlobArrived_data()
    {
        QTest::addColumn<bool>("arrived");
        QTest::addColumn<bool>("chunked"); // the bytes in a PATCH, then a PUT without body
        QTest::newRow("stored before the answer was lost") << true << false;
        QTest::newRow("lost before it was stored") << false << false;
        QTest::newRow("chunked, stored before the answer was lost") << true << true;
        QTest::newRow("chunked, lost before it was stored") << false << true;
    }

    void droppedBlobPutAsksWhetherTheBlobArrived()
    {
        QFETCH(bool, arrived);
        QFETCH(bool, chunked);
        const std::string bytes = "{\"architecture\":\"amd64\",\"os\":\"linux\"}";
        const QByteArray blobPath = "/v2/team/app/blobs/" + QByteArray::fromStdString(Digest::ofBytes(bytes).str());
        std::mutex mutex;
        int puts = 0;
        bool stored = false;
        QByteArray patched;
        LoopbackHttpServer peer([&](const ServedRequest& request) {
            std::lock_guard lock(mutex);
            if (request.method == "HEAD" && request.target == blobPath)
                return ServedResponse { stored ? 200 : 404, {}, {} };
            if (request.method == "POST")
                return ServedResponse { 202, { { "Location", "/v2/team/app/blobs/uploads/u1" } }, {} };
            if (request.method == "PATCH" && request.target == "/v2/team/app/blobs/uploads/u1") {
                patched = request.body;
                return ServedResponse { 202, { { "Location", "/v2/team/app/blobs/uploads/u2" } }, {} };
            }
            const QByteArray session = chunked ? "u2" : "u1";
            if (request.method == "PUT"
                && request.target.startsWith("/v2/team/app/blobs/uploads/" + session + "?digest=")) {
                // Like distribution: the first PUT ends the session, whatever became of its answer.
                if (++puts == 1) {
                    stored = arrived && (chunked ? patched : request.body) == QByteArray::fromStdString(bytes);
                    return faulty(Delivery::Close);
                }
                return ServedResponse { 404, {},
                    registryErrorBody("BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry") };
            }
            return ServedResponse { 400, {}, {} };
        });
        QVERIFY2(peer.start(), qPrintable(peer.errorString()));
        auto client = scriptedPeerClient(quickRetries);
        const auto repository = referenceOn(peer, QStringLiteral("team/app"));
        Status pushed;
        if (chunked) {
            auto location = client->startUpload(repository);
            QVERIFY2(location, why(location));
            std::size_t offset = 0;
            pushed = client->finishUploadInChunk(repository, *location, Digest::ofBytes(bytes), std::ssize(bytes),
                [&](char* buffer, std::size_t capacity) -> std::optional<std::size_t> {
                    const auto chunk = std::min(capacity, bytes.size() - offset);
                    std::copy_n(bytes.data() + offset, chunk, buffer);
                    offset += chunk;
                    return chunk;
                });
        } else {
            pushed = client->pushBlob(repository, bytes);
        }
        QCOMPARE(puts, 2);
        if (arrived) {
            QVERIFY2(pushed, why(pushed));
        } else {
            QVERIFY(!pushed);
            QCOMPARE(kindName(pushed.error().kind), kindName(ErrorKind::NotFound));
            QVERIFY2(mentions(pushed.error(), QStringLiteral("BLOB_UPLOAD_UNKNOWN")), pushed.error().message.c_str());
        }
    }

    void rateLimitStormEndsWithinTheDeadline()
    {
        std::atomic_int requests = 0;
        LoopbackHttpServer peer([&](const ServedRequest&) {
            ++requests;
            return ServedResponse { 429, { { "Retry-After", "1" } },
                registryErrorBody("TOOMANYREQUESTS", "slow down") };
        });
        QVERIFY2(peer.start(), qPrintable(peer.errorString()));
        auto client = scriptedPeerClient({ .maxAttempts = 50, .firstBackoff = 20ms, .deadline = 2500ms });
        auto tags = client->listTags(referenceOn(peer, QStringLiteral("team/app")));
        QVERIFY(!tags);
        QCOMPARE(tags.error().httpStatus, 429);
        // One at once, then one a second until the deadline leaves no second to wait.
        QVERIFY2(requests.load() <= 3, qPrintable(QString::number(requests.load())));
    }

    void retryAfterValuesEnd_data()
    {
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<int>("maxRequests");
        QTest::newRow("beyond the deadline") << QByteArrayLiteral("20") << 1;
        QTest::newRow("beyond any patience") << QByteArrayLiteral("99999999999999999999999999") << 1;
        QTest::newRow("year 9999") << QByteArrayLiteral("Fri, 31 Dec 9999 23:59:59 GMT") << 1;
        QTest::newRow("negative") << QByteArrayLiteral("-5") << 4;
        QTest::newRow("garbage") << QByteArrayLiteral("soon, promise") << 4;
        QTest::newRow("exponent") << QByteArrayLiteral("1e9") << 4;
    }

    void retryAfterValuesEnd()
    {
        QFETCH(QByteArray, retryAfter);
        QFETCH(int, maxRequests);
        std::atomic_int requests = 0;
        LoopbackHttpServer peer([&](const ServedRequest&) {
            ++requests;
            return ServedResponse { 503, { { "Retry-After", retryAfter } }, registryErrorBody("UNAVAILABLE", "later") };
        });
        QVERIFY2(peer.start(), qPrintable(peer.errorString()));
        auto client = scriptedPeerClient(quickRetries);
        auto tags = client->listTags(referenceOn(peer, QStringLiteral("team/app")));
        QVERIFY(!tags);
        QCOMPARE(tags.error().httpStatus, 503);
        QVERIFY2(requests.load() <= maxRequests, qPrintable(QString::number(requests.load())));
    }
};

QTEST_GUILESS_MAIN(TestNetworkFaults)
#include "tst_networkfaults.moc"
