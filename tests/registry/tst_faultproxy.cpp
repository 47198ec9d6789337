// Proves the fault proxy: each fault does what its name says to a real registry's answers, and
// what it did is on record, so that tests built on it fail for the fault and not for the proxy.
#include "tests/support/faultproxy.h"
#include "tests/support/httpprobe.h"
#include "tests/support/imagefixture.h"
#include "tests/support/skopeo.h"
#include "tests/support/testregistry.h"

#include <QCryptographicHash>
#include <QTest>

using namespace gantry::test;
using namespace std::chrono_literals;

namespace {

const HttpHeaders acceptOci { { "Accept", "application/vnd.oci.image.manifest.v1+json" } };

QByteArray sha256Of(const QByteArray& bytes)
{
    return "sha256:" + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

} // namespace

class TestFaultProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void forwardsUnchanged();
    void liesInAHeader();
    void liesAboutTheLength();
    void answersWithoutForwarding();
    void truncatesAndFlips();
    void dropsAfterTheRegistryDidTheWork();
    void dropsBeforeForwarding();
    void stallIsBoundedAndEndsOnStop();
    void redirects();
    void nthMatchOnly();
    void chooserDecidesPerRequest();

private:
    QUrl at(const QString& path) const { return QUrl(m_proxy->url() + path); }

    TestRegistry m_registry;
    std::unique_ptr<FaultProxy> m_proxy;
    PushedImage m_image;
    PushedImage m_other;
};

void TestFaultProxy::initTestCase()
{
    QVERIFY2(m_registry.start(), qPrintable(m_registry.errorString()));
    ImageFixture fixture(m_registry);
    auto image = fixture.push(QStringLiteral("team/app"), QStringLiteral("1.0"));
    QVERIFY2(image, why(image));
    m_image = *image;
    auto other = fixture.push(QStringLiteral("team/app"), QStringLiteral("2.0"), { .seed = 2 });
    QVERIFY2(other, why(other));
    m_other = *other;
}

void TestFaultProxy::init()
{
    m_proxy = std::make_unique<FaultProxy>(m_registry);
    QVERIFY2(m_proxy->start(), qPrintable(m_proxy->errorString()));
}

void TestFaultProxy::forwardsUnchanged()
{
    HttpProbe probe;
    const auto reply = probe.get(at(QStringLiteral("/v2/team/app/manifests/1.0")), acceptOci);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, m_image.manifest);
    QCOMPARE(reply.header("Docker-Content-Digest"), m_image.digest.toLatin1());
    const auto events = m_proxy->events();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().fault, Fault::Forward);
    QVERIFY(events.first().forwarded);
    QCOMPARE(events.first().upstreamStatus, 200);
    QVERIFY(events.first().answered);
    QVERIFY(m_proxy->faults().isEmpty());
}

void TestFaultProxy::liesInAHeader()
{
    m_proxy->addRule({ .method = "HEAD",
        .path = QStringLiteral("/manifests/1\\.0$"),
        .fault = Fault::LieHeader,
        .headerName = "Docker-Content-Digest",
        .headerValue = m_other.digest.toLatin1() });
    HttpProbe probe;
    const auto head = probe.request("HEAD", at(QStringLiteral("/v2/team/app/manifests/1.0")), acceptOci);
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("Docker-Content-Digest"), m_other.digest.toLatin1());
    // The GET is not matched: it tells the truth.
    const auto get = probe.get(at(QStringLiteral("/v2/team/app/manifests/1.0")), acceptOci);
    QCOMPARE(get.header("Docker-Content-Digest"), m_image.digest.toLatin1());
    QCOMPARE(m_proxy->faults().size(), 1);
    QCOMPARE(m_proxy->faults().first().method, QByteArray("HEAD"));
}

void TestFaultProxy::liesAboutTheLength()
{
    m_proxy->addRule(FaultRule { .method = "GET",
        .path = QStringLiteral("/manifests/1\\.0$"),
        .fault = Fault::LieHeader,
        .headerName = "Content-Length",
        .headerValue = QByteArray::number(m_image.manifest.size() + 100) }
                         .nth(1));
    HttpProbe probe;
    // The body as the registry sent it, then the connection closes short of the length claimed:
    // the probe ends there instead of waiting out its timeout for bytes that never come.
    const auto reply = probe.get(at(QStringLiteral("/v2/team/app/manifests/1.0")), acceptOci, 5000);
    QVERIFY2(reply.errorString.isEmpty(), qPrintable(reply.errorString));
    QCOMPARE(reply.header("Content-Length").toLongLong(), m_image.manifest.size() + 100);
    QCOMPARE(reply.body, m_image.manifest);
    QCOMPARE(m_proxy->faults().size(), 1);
    QCOMPARE(m_proxy->faults().first().fault, Fault::LieHeader);
    QVERIFY(m_proxy->faults().first().answered);
}

void TestFaultProxy::answersWithoutForwarding()
{
    m_registry.clearAccessLog();
    m_proxy->addRule({ .fault = Fault::Answer, .status = 429, .retryAfter = "1" });
    HttpProbe probe;
    const auto reply = probe.get(at(QStringLiteral("/v2/")));
    QCOMPARE(reply.status, 429);
    QCOMPARE(reply.header("Retry-After"), QByteArray("1"));
    QVERIFY(!m_proxy->events().first().forwarded);
    QVERIFY(m_registry.accessLog().isEmpty());
}

void TestFaultProxy::truncatesAndFlips()
{
    const QString blob = QStringLiteral("/v2/team/app/blobs/") + m_image.blobDigests.last();
    m_proxy->addRule(FaultRule { .path = QStringLiteral("/blobs/"), .fault = Fault::FlipBytes, .offset = 3 }.nth(1));
    m_proxy->addRule(
        FaultRule { .path = QStringLiteral("/blobs/"), .fault = Fault::TruncateBody, .keepBytes = 10 }.nth(2));
    HttpProbe probe;
    const auto flipped = probe.get(at(blob));
    QCOMPARE(flipped.status, 200);
    QVERIFY(sha256Of(flipped.body) != m_image.blobDigests.last().toLatin1());
    // Qt's network access replays a GET whose connection closed early, so only the record shows the cut.
    probe.get(at(blob));
    const auto whole = probe.get(at(blob));
    QCOMPARE(sha256Of(whole.body), m_image.blobDigests.last().toLatin1());
    QCOMPARE(m_proxy->faults().size(), 2);
    QCOMPARE(m_proxy->faults().last().fault, Fault::TruncateBody);
    QVERIFY(!m_proxy->faults().last().answered);
}

void TestFaultProxy::dropsAfterTheRegistryDidTheWork()
{
    m_proxy->addRule({ .method = "PUT", .fault = Fault::DropAfterForward });
    HttpProbe probe;
    const auto reply = probe.request("PUT", at(QStringLiteral("/v2/team/app/manifests/dropped")),
        { { "Content-Type", m_image.mediaType.toLatin1() } }, m_image.manifest);
    QCOMPARE(reply.status, 0);
    const auto put = m_proxy->faults().first();
    QVERIFY(put.forwarded);
    QCOMPARE(put.upstreamStatus, 201);
    QVERIFY(!put.answered);
    Skopeo skopeo(m_registry);
    const auto digest = skopeo.digestOf(QStringLiteral("team/app:dropped"));
    QVERIFY2(digest, why(digest));
    QCOMPARE(*digest, m_image.digest);
}

void TestFaultProxy::dropsBeforeForwarding()
{
    m_proxy->addRule({ .method = "PUT", .fault = Fault::DropBeforeForward });
    HttpProbe probe;
    const auto reply = probe.request("PUT", at(QStringLiteral("/v2/team/app/manifests/never")),
        { { "Content-Type", m_image.mediaType.toLatin1() } }, m_image.manifest);
    QCOMPARE(reply.status, 0);
    for (const auto& event : m_proxy->events())
        QVERIFY(!event.forwarded);
    Skopeo skopeo(m_registry);
    const auto exists = skopeo.exists(QStringLiteral("team/app:never"));
    QVERIFY2(exists, why(exists));
    QVERIFY(!*exists);
}

void TestFaultProxy::stallIsBoundedAndEndsOnStop()
{
    m_proxy->addRule({ .fault = Fault::StallAfterForward, .stall = 20s });
    HttpProbe probe;
    // The probe gives up first; the proxy still holds the stall until stop() ends it.
    const auto reply = probe.get(at(QStringLiteral("/v2/")), {}, 500);
    QCOMPARE(reply.status, 0);
    const auto stalled = m_proxy->waitForEvent([](const FaultEvent& event) { return event.forwarded; }, 5s);
    QVERIFY(stalled);
    QCOMPARE(stalled->upstreamStatus, 200);
    m_proxy->stop(); // returns at once rather than after 20 s; CTest's timeout would catch it
    QVERIFY(!m_proxy->events().first().answered);
}

void TestFaultProxy::redirects()
{
    m_proxy->addRule(FaultRule { .fault = Fault::Redirect, .location = m_registry.url().toLatin1() + '/' }.nth(1));
    HttpProbe probe;
    const auto reply = probe.get(at(QStringLiteral("/v2/team/app/tags/list")));
    QCOMPARE(reply.status, 307);
    QCOMPARE(reply.header("Location"), m_registry.url().toLatin1() + "/v2/team/app/tags/list");
}

void TestFaultProxy::nthMatchOnly()
{
    m_proxy->addRule(FaultRule { .method = "GET", .fault = Fault::Answer, .status = 503 }.nth(2));
    HttpProbe probe;
    QCOMPARE(probe.get(at(QStringLiteral("/v2/"))).status, 200);
    QCOMPARE(probe.get(at(QStringLiteral("/v2/"))).status, 503);
    QCOMPARE(probe.get(at(QStringLiteral("/v2/"))).status, 200);
    QCOMPARE(m_proxy->faults().size(), 1);
    QCOMPARE(m_proxy->faults().first().sequence, 2);
}

void TestFaultProxy::chooserDecidesPerRequest()
{
    // Rules stand behind the chooser: it decides the requests it returns a rule for.
    m_proxy->addRule({ .fault = Fault::Answer, .status = 500 });
    m_proxy->setChooser([](const QByteArray& method, const QByteArray& target) -> std::optional<FaultRule> {
        if (method == "GET" && target.endsWith("/tags/list"))
            return FaultRule { .fault = Fault::Answer, .status = 404 };
        return std::nullopt;
    });
    HttpProbe probe;
    QCOMPARE(probe.get(at(QStringLiteral("/v2/team/app/tags/list"))).status, 404);
    QCOMPARE(probe.get(at(QStringLiteral("/v2/"))).status, 500);
    QCOMPARE(m_proxy->faults().first().rule, -1); // the chooser's, not a rule's
    QCOMPARE(m_proxy->faults().last().rule, 0);
}

QTEST_GUILESS_MAIN(TestFaultProxy)
#include "tst_faultproxy.moc"
