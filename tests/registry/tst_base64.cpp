#include "base/base64.h"

#include <QRandomGenerator>
#include <QTest>

using namespace gantry::registry;

namespace {

std::string toStd(const QByteArray& bytes)
{
    return bytes.toStdString();
}

} // namespace

class TestBase64 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        // RFC 4648 §10 test vectors
        QTest::newRow("f") << QByteArray("f") << QByteArray("Zg==");
        QTest::newRow("fo") << QByteArray("fo") << QByteArray("Zm8=");
        QTest::newRow("foo") << QByteArray("foo") << QByteArray("Zm9v");
        QTest::newRow("foob") << QByteArray("foob") << QByteArray("Zm9vYg==");
        QTest::newRow("fooba") << QByteArray("fooba") << QByteArray("Zm9vYmE=");
        QTest::newRow("foobar") << QByteArray("foobar") << QByteArray("Zm9vYmFy");
        QTest::newRow("binary with NUL") << QByteArray("\x00\xff\xfe\x00", 4) << QByteArray("AP/+AA==");
        QTest::newRow("basic auth") << QByteArray("user:pa:ss") << QByteArray("dXNlcjpwYTpzcw==");
    }
    void roundTrip()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, encoded);
        QCOMPARE(base64Encode(toStd(bytes)), toStd(encoded));
        const auto decoded = base64Decode(toStd(encoded));
        QVERIFY(decoded.has_value());
        QCOMPARE(*decoded, toStd(bytes));
    }

    void largeInputMatchesQt()
    {
        QByteArray bytes(100'003, Qt::Uninitialized);
        for (char& byte : bytes)
            byte = static_cast<char>(QRandomGenerator::global()->bounded(256));
        const std::string encoded = base64Encode(toStd(bytes));
        QCOMPARE(encoded, toStd(bytes.toBase64()));
        const auto decoded = base64Decode(encoded);
        QVERIFY(decoded.has_value());
        QCOMPARE(*decoded, toStd(bytes));
    }

    void decodesWithoutPadding_data()
    {
        QTest::addColumn<QByteArray>("unpadded");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("two missing") << QByteArray("Zg") << QByteArray("f");
        QTest::newRow("one missing") << QByteArray("Zm8") << QByteArray("fo");
        QTest::newRow("none missing") << QByteArray("Zm9v") << QByteArray("foo");
    }
    void decodesWithoutPadding()
    {
        QFETCH(QByteArray, unpadded);
        QFETCH(QByteArray, bytes);
        const auto decoded = base64Decode(toStd(unpadded));
        QVERIFY(decoded.has_value());
        QCOMPARE(*decoded, toStd(bytes));
    }

    void rejectsInvalid_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("truncated") << QByteArray("c2VjcmV0c");
        QTest::newRow("padding on short group") << QByteArray("Zg=");
        QTest::newRow("three padding") << QByteArray("Z===");
        QTest::newRow("padding only") << QByteArray("====");
        QTest::newRow("padding in the middle") << QByteArray("Zg==Zm9v");
        QTest::newRow("leading padding") << QByteArray("=Zm9");
        QTest::newRow("bad character") << QByteArray("c2Vj!mV0");
        QTest::newRow("url-safe alphabet") << QByteArray("c2Vj-_V0");
        QTest::newRow("inner space") << QByteArray("c2Vj cmV0");
        QTest::newRow("trailing newline") << QByteArray("c2VjcmV0\n");
        QTest::newRow("leading space") << QByteArray(" c2VjcmV0");
    }
    void rejectsInvalid()
    {
        QFETCH(QByteArray, text);
        const auto decoded = base64Decode(toStd(text));
        QVERIFY(!decoded.has_value());
        QCOMPARE(QString::fromLatin1(toString(decoded.error().kind)), QStringLiteral("invalid input"));
        QVERIFY(!decoded.error().message.empty());
        // The input is usually a secret: the message must not quote it.
        QVERIFY(decoded.error().message.find(toStd(text.trimmed().left(4))) == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestBase64)
#include "tst_base64.moc"
