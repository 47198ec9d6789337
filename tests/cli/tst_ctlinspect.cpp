// gantryctl inspect against a plain-HTTP loopback registry.
// gantryctl end to end, as a user or a CI job runs it: the real binary in a process of its own,
// in a sandbox of its own (tests/cli/ctlkit.h), against real distribution registries.
#include "tests/cli/ctlkit.h"
#include "tests/support/imagefixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace gantry::test;
using namespace gantry::test::ctl;

class TestCtlInspect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void inspectReportsDigestPlatformsAndCreation_data();
    void inspectReportsDigestPlatformsAndCreation();

private:
    // Runs gantryctl in the main sandbox, checking its output for secrets.
    CtlRun run(const QStringList& arguments) { return runChecked(m_sandbox, arguments); }

    TestRegistry m_plain { TestRegistry::Mode::Plain };
    Sandbox m_sandbox;
};

void TestCtlInspect::initTestCase()
{
    QVERIFY2(gantryctlProblem().isEmpty(), qPrintable(gantryctlProblem()));
    QVERIFY(m_sandbox.isValid());
    QVERIFY2(m_plain.start(), qPrintable(m_plain.errorString()));
}

void TestCtlInspect::inspectReportsDigestPlatformsAndCreation_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QStringList>("platforms");
    QTest::addColumn<QDateTime>("created"); // in the image configs
    QTest::addColumn<QString>("annotation"); // org.opencontainers.image.created on the top manifest
    QTest::addColumn<QVariant>("expectedCreated"); // string, or null
    QTest::addColumn<quint64>("seed");

    const QDateTime may6 = QDateTime::fromString(QStringLiteral("2024-05-06T12:30:00Z"), Qt::ISODate);
    const QStringList two { QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8") };
    QTest::newRow("oci image, config created") << int(ImageSpec::Format::Oci) << QStringList() << may6 << QString()
                                               << QVariant(QStringLiteral("2024-05-06T12:30:00Z")) << quint64(201);
    QTest::newRow("docker image, annotation with offset")
        << int(ImageSpec::Format::DockerV2) << QStringList() << may6 << QStringLiteral("2023-01-15T23:45:10+02:00")
        << QVariant(QStringLiteral("2023-01-15T21:45:10Z")) << quint64(202);
    QTest::newRow("oci image, no creation time")
        << int(ImageSpec::Format::Oci) << QStringList() << QDateTime() << QString() << QVariant() << quint64(203);
    QTest::newRow("oci index of two") << int(ImageSpec::Format::Oci) << two << may6 << QString()
                                      << QVariant(QStringLiteral("2024-05-06T12:30:00Z")) << quint64(204);
    QTest::newRow("docker manifest list, annotation")
        << int(ImageSpec::Format::DockerV2)
        << QStringList { QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64") } << QDateTime()
        << QStringLiteral("2022-12-31T22:00:00-05:00") << QVariant(QStringLiteral("2023-01-01T03:00:00Z"))
        << quint64(205);
}

void TestCtlInspect::inspectReportsDigestPlatformsAndCreation()
{
    QFETCH(int, format);
    QFETCH(QStringList, platforms);
    QFETCH(QDateTime, created);
    QFETCH(QString, annotation);
    QFETCH(QVariant, expectedCreated);
    QFETCH(quint64, seed);

    ImageSpec spec;
    spec.format = static_cast<ImageSpec::Format>(format);
    spec.platforms = platforms;
    spec.created = created;
    spec.layerCount = 2;
    spec.seed = seed;
    if (!annotation.isEmpty())
        spec.annotations.insert(QStringLiteral("org.opencontainers.image.created"), annotation);
    const QString repository = QStringLiteral("inspect/app");
    const QString tag = QStringLiteral("v") + QString::number(spec.seed);
    auto image = ImageFixture(m_plain).push(repository, tag, spec);
    QVERIFY2(image, why(image));

    const QString reference = at(m_plain, repository + QLatin1Char(':') + tag);
    const CtlRun result = run({ QStringLiteral("--json"), QStringLiteral("inspect"), reference });
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.err.isEmpty(), qPrintable(result.describe()));
    const QJsonObject details = result.json().object();
    QVERIFY2(!details.isEmpty(), qPrintable(result.describe()));
    QCOMPARE(details.value(QStringLiteral("reference")).toString(), reference);
    QCOMPARE(details.value(QStringLiteral("digest")).toString(), image->digest);
    QCOMPARE(details.value(QStringLiteral("mediaType")).toString(), image->mediaType);
    QCOMPARE(details.value(QStringLiteral("size")).toInteger(), image->totalSize);

    const QJsonArray listed = details.value(QStringLiteral("platforms")).toArray();
    if (platforms.isEmpty()) {
        QCOMPARE(listed.size(), 1);
        const QJsonObject only = listed.at(0).toObject();
        QCOMPARE(only.value(QStringLiteral("platform")).toString(), QStringLiteral("linux/amd64"));
        QCOMPARE(only.value(QStringLiteral("digest")).toString(), image->digest);
        QCOMPARE(only.value(QStringLiteral("size")).toInteger(), image->totalSize);
    } else {
        QCOMPARE(listed.size(), platforms.size());
        qint64 childSizes = 0;
        for (qsizetype i = 0; i < platforms.size(); ++i) {
            const QJsonObject platform = listed.at(i).toObject();
            QCOMPARE(platform.value(QStringLiteral("platform")).toString(), platforms.at(i));
            QCOMPARE(platform.value(QStringLiteral("digest")).toString(), image->childDigests.at(i));
            QVERIFY(platform.value(QStringLiteral("size")).toInteger() > spec.layerCount * spec.layerSize);
            childSizes += platform.value(QStringLiteral("size")).toInteger();
        }
        // Children share no blob here: the whole is the index plus its children.
        QCOMPARE(childSizes + image->manifest.size(), image->totalSize);
    }

    const QJsonValue createdValue = details.value(QStringLiteral("created"));
    QVERIFY2(details.contains(QStringLiteral("created")), qPrintable(result.describe()));
    if (expectedCreated.isNull()) {
        QVERIFY2(createdValue.isNull(), qPrintable(result.describe()));
    } else {
        static const QRegularExpression isoUtc(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$"));
        QVERIFY2(isoUtc.match(createdValue.toString()).hasMatch(), qPrintable(result.describe()));
        QCOMPARE(createdValue.toString(), expectedCreated.toString());
    }

    // By digest, the same image; the text form names the digest too.
    const QString pinned = at(m_plain, repository + QLatin1Char('@') + image->digest);
    const CtlRun byDigest = run({ QStringLiteral("inspect"), pinned });
    QVERIFY2(byDigest.finished && byDigest.exitCode == 0, qPrintable(byDigest.describe()));
    QVERIFY2(byDigest.outText().contains(QStringLiteral("Digest:     ") + image->digest + QLatin1Char('\n')),
        qPrintable(byDigest.describe()));
    QVERIFY2(byDigest.outText().contains(QStringLiteral("Media type: ") + image->mediaType + QLatin1Char('\n')),
        qPrintable(byDigest.describe()));
}

QTEST_GUILESS_MAIN(TestCtlInspect)
#include "tst_ctlinspect.moc"
