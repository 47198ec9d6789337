#include "registry/auth/tokenanswer.h"
#include "tests/support/errornames.h"

#include <QTest>

using namespace gantry::registry;
using gantry::test::kindName;

// The Authenticator caches a token for its lifetime; a lifetime read wrongly either fetches a
// token per request or keeps one long after the token service has let it expire.
class TestTokenAnswer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheLifetime_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("docker hub") << QByteArray(R"({"token":"t","access_token":"t","expires_in":300})")
                                    << qint64(300);
        QTest::newRow("oauth2 only") << QByteArray(R"({"access_token":"t","expires_in":3600})") << qint64(3600);
        QTest::newRow("none: the spec's 60 s") << QByteArray(R"({"token":"t"})") << qint64(60);
        QTest::newRow("short: 60 s") << QByteArray(R"({"token":"t","expires_in":5})") << qint64(60);
        QTest::newRow("negative: 60 s") << QByteArray(R"({"token":"t","expires_in":-100})") << qint64(60);
        QTest::newRow("a string: 60 s") << QByteArray(R"({"token":"t","expires_in":"300"})") << qint64(60);
        QTest::newRow("a float: 60 s") << QByteArray(R"({"token":"t","expires_in":1e300})") << qint64(60);
        QTest::newRow("a week: a day") << QByteArray(R"({"token":"t","expires_in":604800})") << qint64(86400);
        // 2^32 + 3600 cut to int is 3600: a token of 136 years must not pass for an hour's.
        QTest::newRow("past int: a day") << QByteArray(R"({"token":"t","expires_in":4294970896})") << qint64(86400);
        QTest::newRow("past int64: a day")
            << QByteArray(R"({"token":"t","expires_in":18446744073709551615})") << qint64(86400);
    }
    void readsTheLifetime()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, seconds);
        const auto answer = parseTokenAnswer(body.toStdString(), "auth.example.org");
        QVERIFY(answer.has_value());
        QCOMPARE(answer->token, std::string("t"));
        QCOMPARE(qint64(answer->lifetime.count()), seconds);
    }

    void refusesAnswersWithoutToken_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        const QString noJson = QStringLiteral("the token service auth.example.org did not answer JSON");
        const QString noToken = QStringLiteral("the token service auth.example.org answered without a token");
        QTest::newRow("html") << QByteArray("<html>502 Bad Gateway</html>") << noJson;
        QTest::newRow("array") << QByteArray(R"(["token"])") << noJson;
        QTest::newRow("empty") << QByteArray() << noJson;
        QTest::newRow("empty tokens") << QByteArray(R"({"token":"","access_token":""})") << noToken;
        QTest::newRow("a number") << QByteArray(R"({"token":123})") << noToken;
    }
    void refusesAnswersWithoutToken()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const auto answer = parseTokenAnswer(body.toStdString(), "auth.example.org");
        QVERIFY(!answer.has_value());
        QCOMPARE(kindName(answer.error().kind), kindName(ErrorKind::Protocol));
        QCOMPARE(QString::fromStdString(answer.error().message), message);
    }
};

QTEST_APPLESS_MAIN(TestTokenAnswer)
#include "tst_tokenanswer.moc"
