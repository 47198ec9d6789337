// Tag and repository listings against registries whose `Link` pagination is odd or hostile:
// relation lists, pages that link back, listings without end. Each must end, and quickly.

#include "tests/registry/scriptedpeer.h"
#include "tests/support/errornames.h"

#include <QTest>
#include <atomic>

using namespace gantry::registry;
using namespace gantry::test;

namespace {

QByteArray tagsPage(const QByteArray& tags)
{
    return QByteArrayLiteral("{\"name\":\"team/app\",\"tags\":[") + tags + QByteArrayLiteral("]}");
}

} // namespace

class TestPagination : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void relationListWithNextIsFollowed()
    {
        // RFC 8288: rel is a list. "next last" on the one link of a two-page listing spun for ever.
        std::atomic_int requests = 0;
        LoopbackHttpServer peer([&](const ServedRequest& request) {
            ++requests;
            if (request.target.contains("last=a"))
                return jsonAnswer(tagsPage("\"b\""));
            return jsonAnswer(
                tagsPage("\"a\""), { { "Link", R"(</v2/team/app/tags/list?n=1000&last=a>; rel="next last")" } });
        });
        QVERIFY2(peer.start(), qPrintable(peer.errorString()));
        auto client = scriptedPeerClient();
        auto tags = client->listTags(referenceOn(peer, QStringLiteral("team/app")));
        QVERIFY2(tags, why(tags));
        QCOMPARE(tags->size(), std::size_t(2));
        QCOMPARE(tags->at(1), std::string("b"));
        QCOMPARE(requests.load(), 2);
    }

    void pageLinkingToItselfIsAnError_data()
    {
        QTest::addColumn<QByteArray>("link");
        QTest::newRow("same path") << QByteArrayLiteral(R"(</v2/team/app/tags/list?n=1000>; rel="next")");
        QTest::newRow("absolute") << QByteArrayLiteral(
            R"(<http://127.0.0.1:PORT/v2/team/app/tags/list?n=1000>; rel=next)");
        QTest::newRow("next and last") << QByteArrayLiteral(R"(</v2/team/app/tags/list?n=1000>; rel="next last")");
    }

    void pageLinkingToItselfIsAnError()
    {
        QFETCH(QByteArray, link);
        std::atomic_int requests = 0;
        LoopbackHttpServer peer([&](const ServedRequest&) {
            ++requests;
            return jsonAnswer(tagsPage(QByteArray("\"x\",").repeated(500) + "\"x\""), { { "Link", link } });
        });
        QVERIFY2(peer.start(), qPrintable(peer.errorString()));
        link.replace("PORT", QByteArray::number(peer.port()));
        auto client = scriptedPeerClient();
        auto tags = client->listTags(referenceOn(peer, QStringLiteral("team/app")));
        QVERIFY(!tags);
        QCOMPARE(kindName(tags.error().kind), kindName(ErrorKind::Protocol));
        QVERIFY2(mentions(tags.error(), QStringLiteral("127.0.0.1:%1").arg(peer.port())), tags.error().message.c_str());
        QVERIFY2(mentions(tags.error(), QStringLiteral("circle")), tags.error().message.c_str());
        QVERIFY2(requests.load() <= 2, qPrintable(QString::number(requests.load())));
    }

    void pagesLinkingInACircleAreAnError()
    {
        std::atomic_int requests = 0;
        LoopbackHttpServer peer([&](const ServedRequest& request) {
            ++requests;
            const QByteArray next = request.target.contains("last=b") ? "a" : "b";
            return jsonAnswer(tagsPage("\"" + next + "\""),
                { { "Link", "</v2/team/app/tags/list?n=1000&last=" + next + ">; rel=\"next\"" } });
        });
        QVERIFY2(peer.start(), qPrintable(peer.errorString()));
        auto client = scriptedPeerClient();
        auto tags = client->listTags(referenceOn(peer, QStringLiteral("team/app")));
        QVERIFY(!tags);
        QCOMPARE(kindName(tags.error().kind), kindName(ErrorKind::Protocol));
        QVERIFY2(mentions(tags.error(), QStringLiteral("circle")), tags.error().message.c_str());
        QVERIFY2(requests.load() <= 4, qPrintable(QString::number(requests.load())));
    }

    void listingWithoutEndStopsAtItsCaps_data()
    {
        QTest::addColumn<int>("maxPages");
        QTest::addColumn<int>("maxEntries");
        QTest::addColumn<int>("maxBytes");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("expectedRequests");
        QTest::newRow("pages") << 25 << 1'000'000 << 1'000'000'000 << QStringLiteral("more than 25 pages") << 25;
        // Each page holds 100 tags of some 10 bytes and about 1.1 KB of JSON.
        QTest::newRow("entries") << 10'000 << 1'000 << 1'000'000'000 << QStringLiteral("more than 1000 entries") << 11;
        QTest::newRow("bytes") << 10'000 << 1'000'000 << 20'000 << QStringLiteral("more than 20000 bytes") << 18;
    }

    void listingWithoutEndStopsAtItsCaps()
    {
        QFETCH(int, maxPages);
        QFETCH(int, maxEntries);
        QFETCH(int, maxBytes);
        QFETCH(QString, expected);
        QFETCH(int, expectedRequests);
        std::atomic_int requests = 0;
        // Every page links to a new one, as a registry with a broken cursor would.
        LoopbackHttpServer peer([&](const ServedRequest&) {
            const int page = ++requests;
            QByteArray tags;
            for (int i = 0; i < 100; ++i)
                tags += (i ? ",\"" : "\"") + QByteArray::number(page * 100 + i).rightJustified(8, '0') + '"';
            return jsonAnswer(tagsPage(tags),
                { { "Link", "</v2/team/app/tags/list?n=100&last=" + QByteArray::number(page) + ">; rel=\"next\"" } });
        });
        QVERIFY2(peer.start(), qPrintable(peer.errorString()));
        auto client = scriptedPeerClient(
            {}, {}, { .maxPages = maxPages, .maxEntries = std::size_t(maxEntries), .maxBytes = std::size_t(maxBytes) });
        auto tags = client->listTags(referenceOn(peer, QStringLiteral("team/app")));
        QVERIFY(!tags);
        QCOMPARE(kindName(tags.error().kind), kindName(ErrorKind::TooLarge));
        QVERIFY2(mentions(tags.error(), expected), tags.error().message.c_str());
        QVERIFY2(mentions(tags.error(), QStringLiteral("127.0.0.1:%1").arg(peer.port())), tags.error().message.c_str());
        QCOMPARE(requests.load(), expectedRequests);
    }

    void catalogWithoutEndStopsToo()
    {
        std::atomic_int requests = 0;
        LoopbackHttpServer peer([&](const ServedRequest&) {
            const int page = ++requests;
            return jsonAnswer("{\"repositories\":[\"r" + QByteArray::number(page) + "\"]}",
                { { "Link", "</v2/_catalog?n=1&last=r" + QByteArray::number(page) + ">; rel=\"next\"" } });
        });
        QVERIFY2(peer.start(), qPrintable(peer.errorString()));
        auto client = scriptedPeerClient({}, {}, { .maxPages = 10 });
        auto names = client->listRepositories(QStringLiteral("127.0.0.1:%1").arg(peer.port()).toStdString(), 1);
        QVERIFY(!names);
        QCOMPARE(kindName(names.error().kind), kindName(ErrorKind::TooLarge));
        QCOMPARE(requests.load(), 10);
    }
};

QTEST_GUILESS_MAIN(TestPagination)
#include "tst_pagination.moc"
