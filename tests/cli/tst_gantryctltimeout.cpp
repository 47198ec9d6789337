// `gantryctl --timeout`: a registry that accepts the connection and never answers must not hold
// a user or a CI job for minutes, and a timeout that makes no sense is refused before any request.
#include "tests/support/ctlsandbox.h"
#include "tests/support/loopbackhttpserver.h"

#include <QTest>
#include <atomic>

using namespace gantry::test;

class TestGantryctlTimeout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void silentRegistryEndsWithinTheTimeout()
    {
        std::atomic_int requests = 0;
        LoopbackHttpServer silent([&](const ServedRequest&) {
            ++requests;
            ServedResponse response;
            response.delivery = Delivery::Silence;
            return response;
        });
        QVERIFY2(silent.start(), qPrintable(silent.errorString()));
        Sandbox sandbox;
        const QString host = QStringLiteral("127.0.0.1:%1").arg(silent.port());
        // The sandbox gives gantryctl 30 s; the default limits would take 60 s.
        const auto run = sandbox.run({ QStringLiteral("--timeout"), QStringLiteral("3"), QStringLiteral("inspect"),
            host + QStringLiteral("/team/app:1") });
        QVERIFY2(run.finished, qPrintable(run.describe()));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errIsOneLine(), qPrintable(run.describe()));
        QVERIFY2(
            run.errText().contains(host + QStringLiteral(" sent no answer within 3 s")), qPrintable(run.describe()));
        QVERIFY(requests.load() >= 1);
    }

    void senselessTimeoutIsRefused_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("zero") << QStringLiteral("0");
        QTest::newRow("negative") << QStringLiteral("-5");
        QTest::newRow("not a number") << QStringLiteral("soon");
        QTest::newRow("fraction") << QStringLiteral("1.5");
        QTest::newRow("over a day") << QStringLiteral("86401");
        QTest::newRow("overflow") << QStringLiteral("99999999999999999999999");
    }

    void senselessTimeoutIsRefused()
    {
        QFETCH(QString, value);
        std::atomic_int requests = 0;
        LoopbackHttpServer peer([&](const ServedRequest&) {
            ++requests;
            return ServedResponse { 404, {}, {} };
        });
        QVERIFY2(peer.start(), qPrintable(peer.errorString()));
        Sandbox sandbox;
        const auto run = sandbox.run({ QStringLiteral("--timeout=") + value, QStringLiteral("tags"),
            QStringLiteral("127.0.0.1:%1/team/app").arg(peer.port()) });
        QVERIFY2(run.finished, qPrintable(run.describe()));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errText().contains(QStringLiteral("--timeout")), qPrintable(run.describe()));
        QCOMPARE(requests.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestGantryctlTimeout)
#include "tst_gantryctltimeout.moc"
