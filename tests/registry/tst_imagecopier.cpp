// ImageCopier against real distribution registries, with skopeo as the witness of what landed.
#include "registry/image/imagecopier.h"
#include "tests/registry/clienttestkit.h"
#include "tests/support/imagefixture.h"
#include "tests/support/loopbackhttpserver.h"
#include "tests/support/skopeo.h"
#include "tests/support/testregistry.h"
#include "tests/support/tokenserver.h"

#include <QFile>
#include <QTest>
#include <condition_variable>
#include <thread>

using namespace gantry::registry;
using namespace gantry::test;

namespace {

int countRequests(const QList<AccessLogEntry>& log, const QString& method, const QString& pathPart = {})
{
    return static_cast<int>(std::count_if(log.begin(), log.end(),
        [&](const AccessLogEntry& entry) { return entry.method == method && entry.path.contains(pathPart); }));
}

// Lets a test act at a precise moment of a copy that runs on another thread: the copy's first
// progress report waits until the test has done what it wanted (stopped a registry, cancelled).
class CopyCheckpoint
{
public:
    void reached()
    {
        std::unique_lock lock(m_mutex);
        if (m_reached)
            return;
        m_reached = true;
        m_changed.notify_all();
        m_changed.wait(lock, [this] { return m_released; });
    }
    bool waitReached(std::chrono::seconds limit)
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, limit, [this] { return m_reached; });
    }
    void release()
    {
        std::lock_guard lock(m_mutex);
        m_released = true;
        m_changed.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_reached = false;
    bool m_released = false;
};

} // namespace

class TestImageCopier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_source.start(), qPrintable(m_source.errorString()));
        QVERIFY2(m_other.start(), qPrintable(m_other.errorString()));
    }

    void sameRegistryMountsEveryBlob()
    {
        ImageSpec spec;
        spec.layerCount = 3;
        spec.layerSize = 256 * 1024;
        auto image = ImageFixture(m_source).push(QStringLiteral("ff/mount"), QStringLiteral("1.2.3"), spec);
        QVERIFY2(image, why(image));
        IsolatedClient client({ &m_source });
        m_source.clearAccessLog();

        ImageCopier copier(client.client());
        auto report
            = copier.copy(referenceTo(image->reference), referenceTo(m_source, QStringLiteral("prod/mount:1.2.3")));
        QVERIFY2(report, why(report));
        QCOMPARE(report->digest.str(), toStd(image->digest));
        QCOMPARE(report->blobsMounted, 4);
        QCOMPARE(report->blobsCopied, 0);
        QCOMPARE(report->bytesCopied, 0);
        QVERIFY(!report->alreadyPresent);

        // The design's budget: the source's manifest and the destination's (read, not HEADed: a HEAD
        // carries no bytes to verify), a mount per blob, one PUT and the tag read back; no blob byte moves.
        const auto log = m_source.accessLog();
        QCOMPARE(log.size(), 4 + 4);
        QCOMPARE(countRequests(log, QStringLiteral("POST"), QStringLiteral("mount=")), 4);
        QCOMPARE(countRequests(log, QStringLiteral("PATCH")), 0);
        QCOMPARE(countRequests(log, QStringLiteral("GET"), QStringLiteral("/blobs/")), 0);

        auto landed = Skopeo(m_source).digestOf(pathOf(m_source.host() + QStringLiteral("/prod/mount:1.2.3")));
        QVERIFY2(landed, why(landed));
        QCOMPARE(*landed, image->digest);
    }

    void everyManifestTypeKeepsItsDigest_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QStringList>("platforms");
        QTest::newRow("oci manifest") << int(ImageSpec::Format::Oci) << QStringList();
        QTest::newRow("oci index") << int(ImageSpec::Format::Oci)
                                   << QStringList { QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8") };
        QTest::newRow("docker v2 manifest") << int(ImageSpec::Format::DockerV2) << QStringList();
        QTest::newRow("docker manifest list")
            << int(ImageSpec::Format::DockerV2)
            << QStringList { QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64") };
    }

    void everyManifestTypeKeepsItsDigest()
    {
        QFETCH(int, format);
        QFETCH(QStringList, platforms);
        ImageSpec spec;
        spec.format = static_cast<ImageSpec::Format>(format);
        spec.platforms = platforms;
        spec.layerCount = 2;
        spec.seed = 100 + static_cast<quint64>(format) * 10 + static_cast<quint64>(platforms.size());
        const QString repository = QStringLiteral("types/") + QString::number(spec.seed);
        auto image = ImageFixture(m_source).push(repository, QStringLiteral("2.0.0"), spec);
        QVERIFY2(image, why(image));
        IsolatedClient client({ &m_source, &m_other });

        const auto destination = m_other.host() + QLatin1Char('/') + repository + QStringLiteral(":2.0.0");
        auto report = ImageCopier(client.client()).copy(referenceTo(image->reference), referenceTo(destination));
        QVERIFY2(report, why(report));
        QCOMPARE(report->manifestsWritten, 1 + static_cast<int>(platforms.size()));
        QCOMPARE(report->blobsCopied, image->blobDigests.size());

        Skopeo witness(m_other);
        auto raw = witness.inspectRaw(pathOf(destination));
        QVERIFY2(raw, why(raw));
        QCOMPARE(*raw, image->manifest); // byte for byte, so the digest is the same
        for (const auto& child : image->childDigests) {
            auto exists
                = witness.exists(pathOf(m_other.host() + QLatin1Char('/') + repository + QLatin1Char('@') + child));
            QVERIFY2(exists && *exists, qPrintable(child));
        }
    }

    void crossRegistrySkipsBlobsTheDestinationHas()
    {
        ImageSpec spec;
        spec.layerCount = 2;
        spec.seed = 7;
        auto image = ImageFixture(m_source).push(QStringLiteral("skip/app"), QStringLiteral("1.0.0"), spec);
        QVERIFY2(image, why(image));
        IsolatedClient client({ &m_source, &m_other });
        auto first = ImageCopier(client.client())
                         .copy(referenceTo(image->reference), referenceTo(m_other, QStringLiteral("skip/app:1.0.0")));
        QVERIFY2(first, why(first));
        QCOMPARE(first->blobsCopied, 3);

        m_other.clearAccessLog();
        auto second
            = ImageCopier(client.client())
                  .copy(referenceTo(image->reference), referenceTo(m_other, QStringLiteral("skip/app:1.0.0-stable")));
        QVERIFY2(second, why(second));
        QCOMPARE(second->blobsSkipped, 3);
        QCOMPARE(second->blobsCopied, 0);
        QCOMPARE(second->bytesCopied, 0);
        QCOMPARE(countRequests(m_other.accessLog(), QStringLiteral("POST")), 0);
    }

    void copyOntoIdenticalDestinationWritesNothing()
    {
        auto image = ImageFixture(m_source).push(QStringLiteral("noop/app"), QStringLiteral("3.1.0"), {});
        QVERIFY2(image, why(image));
        IsolatedClient client({ &m_source });
        const auto destination = referenceTo(m_source, QStringLiteral("noop/prod:3.1.0"));
        QVERIFY(ImageCopier(client.client()).copy(referenceTo(image->reference), destination));

        m_source.clearAccessLog();
        auto again = ImageCopier(client.client()).copy(referenceTo(image->reference), destination);
        QVERIFY2(again, why(again));
        QVERIFY(again->alreadyPresent);
        QCOMPARE(again->manifestsWritten, 0);
        const auto log = m_source.accessLog();
        QCOMPARE(log.size(), 2); // the source GET and the destination HEAD
        QCOMPARE(countRequests(log, QStringLiteral("PUT")) + countRequests(log, QStringLiteral("POST")), 0);
    }

    void corruptSourceBlobIsRefusedAndNothingIsTagged()
    {
        ImageSpec spec;
        spec.seed = 41;
        spec.layerSize = 64 * 1024;
        auto image = ImageFixture(m_source).push(QStringLiteral("corrupt/app"), QStringLiteral("1.0.0"), spec);
        QVERIFY2(image, why(image));
        const QString layer = image->blobDigests.last();
        QFile data(m_source.blobDataPath(layer));
        QVERIFY(data.open(QIODevice::ReadWrite));
        data.seek(100);
        data.write("tampered");
        data.close();

        IsolatedClient client({ &m_source, &m_other });
        const QString destination = m_other.host() + QStringLiteral("/corrupt/app:1.0.0");
        auto report = ImageCopier(client.client()).copy(referenceTo(image->reference), referenceTo(destination));
        QVERIFY(!report);
        QCOMPARE(kindName(report.error().kind), kindName(ErrorKind::DigestMismatch));
        QVERIFY2(report.error().message.find(layer.left(19).toStdString()) != std::string::npos,
            report.error().message.c_str());
        auto exists = Skopeo(m_other).exists(pathOf(destination));
        QVERIFY2(exists, why(exists));
        QVERIFY(!*exists);
    }

    void destinationGoingAwayLeavesNoTagAndRerunFinishes()
    {
        TestRegistry destination;
        QVERIFY2(destination.start(), qPrintable(destination.errorString()));
        ImageSpec spec;
        spec.layerCount = 4;
        spec.layerSize = 2 * 1024 * 1024;
        spec.seed = 99;
        auto image = ImageFixture(m_source).push(QStringLiteral("away/app"), QStringLiteral("5.0.0"), spec);
        QVERIFY2(image, why(image));
        IsolatedClient client({ &m_source, &destination });
        const auto target = referenceTo(destination, QStringLiteral("away/app:5.0.0"));

        CopyCheckpoint checkpoint;
        CopyOptions options;
        options.maxConcurrentBlobs = 1;
        options.onProgress = [&checkpoint](const CopyProgress&) { checkpoint.reached(); };
        Result<CopyReport> report;
        std::thread copying(
            [&] { report = ImageCopier(client.client(), options).copy(referenceTo(image->reference), target); });
        const bool reached = checkpoint.waitReached(std::chrono::seconds(30));
        destination.stop();
        checkpoint.release();
        copying.join();
        QVERIFY(reached);
        QVERIFY(!report);
        QVERIFY2(report.error().kind == ErrorKind::Network || report.error().kind == ErrorKind::Timeout,
            report.error().message.c_str());

        QVERIFY2(destination.restart(), qPrintable(destination.errorString()));
        auto exists = Skopeo(destination).exists(pathOf(QString::fromStdString(target.toString())));
        QVERIFY2(exists, why(exists));
        QVERIFY2(!*exists, "a half-finished copy left a tag behind");

        auto rerun = ImageCopier(client.client()).copy(referenceTo(image->reference), target);
        QVERIFY2(rerun, why(rerun));
        QVERIFY(rerun->blobsSkipped >= 1); // what the first run uploaded is not sent again
        auto landed = Skopeo(destination).digestOf(pathOf(QString::fromStdString(target.toString())));
        QVERIFY2(landed, why(landed));
        QCOMPARE(*landed, image->digest);
    }

    void cancelledCopyLeavesNoTag()
    {
        ImageSpec spec;
        spec.layerCount = 3;
        spec.layerSize = 512 * 1024;
        spec.seed = 1234;
        auto image = ImageFixture(m_source).push(QStringLiteral("cancel/app"), QStringLiteral("1.0.0"), spec);
        QVERIFY2(image, why(image));
        IsolatedClient client({ &m_source, &m_other });
        std::atomic_bool cancelled { false };
        CopyOptions options;
        options.maxConcurrentBlobs = 1;
        options.cancelled = &cancelled;
        options.onProgress = [&cancelled](const CopyProgress&) {
            cancelled = true;
            // Give the cancel watch time to notice before the next blob starts.
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        };
        const QString destination = m_other.host() + QStringLiteral("/cancel/app:1.0.0");
        auto report
            = ImageCopier(client.client(), options).copy(referenceTo(image->reference), referenceTo(destination));
        QVERIFY(!report);
        QCOMPARE(kindName(report.error().kind), kindName(ErrorKind::Cancelled));
        auto exists = Skopeo(m_other).exists(pathOf(destination));
        QVERIFY2(exists, why(exists));
        QVERIFY(!*exists);
    }

    void registryRefusingMonolithicUploadsGetsPatchThenPut()
    {
        auto image = ImageFixture(m_source).push(QStringLiteral("chunky/app"), QStringLiteral("1.0.0"), {});
        QVERIFY2(image, why(image));
        // A destination that takes blobs only as PATCH, then an empty PUT, as some registries do.
        std::mutex mutex;
        QList<QByteArray> calls;
        ServedResponse stored { 404, {}, {} }; // the manifest, once PUT: the copier reads it back
        LoopbackHttpServer picky([&](const ServedRequest& request) {
            std::lock_guard lock(mutex);
            calls.append(request.method + ' ' + request.target.split('?').first());
            if (request.method == "HEAD")
                return ServedResponse { 404, {}, {} };
            if (request.method == "GET" && request.target.contains("/manifests/"))
                return stored;
            if (request.method == "PUT" && request.target.contains("/manifests/"))
                stored = { 200, { { "Content-Type", request.header("Content-Type") } }, request.body };
            if (request.method == "POST" || request.method == "PATCH")
                return ServedResponse { 202, { { "Location", "/v2/chunky/app/blobs/uploads/session" } }, {} };
            if (request.target.contains("/blobs/uploads/") && !request.body.isEmpty())
                return ServedResponse { 405, {},
                    QByteArrayLiteral(
                        "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"monolithic upload refused\"}]}") };
            return ServedResponse { 201, {}, {} };
        });
        QVERIFY2(picky.start(), qPrintable(picky.errorString()));
        IsolatedClient client({ &m_source });
        auto report = ImageCopier(client.client())
                          .copy(referenceTo(image->reference),
                              referenceTo(QStringLiteral("127.0.0.1:%1/chunky/app:1.0.0").arg(picky.port())));
        QVERIFY2(report, why(report));
        QCOMPARE(report->blobsCopied, 2);
        std::lock_guard lock(mutex);
        QVERIFY2(calls.count("PATCH /v2/chunky/app/blobs/uploads/session") == 2, calls.join(", ").constData());
        QCOMPARE(calls.at(calls.size() - 2), QByteArray("PUT /v2/chunky/app/manifests/1.0.0"));
        QCOMPARE(calls.last(), QByteArray("GET /v2/chunky/app/manifests/1.0.0"));
    }

    void tokenAuthMountsWithOneTokenForBothRepositories()
    {
        TestRegistry registry(TestRegistry::Mode::Token);
        QVERIFY2(registry.start(), qPrintable(registry.errorString()));
        TokenServer& tokens = *registry.tokenServer();
        auto image = ImageFixture(registry).push(QStringLiteral("ff/tok"), QStringLiteral("1.0.0"), {});
        QVERIFY2(image, why(image));

        IsolatedClient client({ &registry });
        tokens.resetCounters();
        auto report = ImageCopier(client.client())
                          .copy(referenceTo(image->reference), referenceTo(registry, QStringLiteral("prod/tok:1.0.0")));
        QVERIFY2(report, why(report));
        QCOMPARE(report->blobsMounted, 2);
        const auto requests = tokens.requests();
        const bool oneTokenForBoth = std::any_of(requests.begin(), requests.end(), [](const TokenRequestRecord& r) {
            return r.scopes
                == QStringList { QStringLiteral("repository:prod/tok:pull,push"),
                       QStringLiteral("repository:ff/tok:pull") };
        });
        QVERIFY2(oneTokenForBoth, qPrintable(tokens.requestedScopes().join(QLatin1Char(' '))));
    }

private:
    TestRegistry m_source;
    TestRegistry m_other;
};

QTEST_GUILESS_MAIN(TestImageCopier)
#include "tst_imagecopier.moc"
