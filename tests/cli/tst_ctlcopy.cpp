// gantryctl copy within a registry and between two.
// gantryctl end to end, as a user or a CI job runs it: the real binary in a process of its own,
// in a sandbox of its own (tests/cli/ctlkit.h), against real distribution registries.
#include "tests/cli/ctlkit.h"
#include "tests/support/imagefixture.h"
#include "tests/support/skopeo.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gantry::test;
using namespace gantry::test::ctl;

class TestCtlCopy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void copyWithinRegistryMountsEveryBlob();
    void copyAcrossRegistriesCopiesEveryBlob();
    void copyToRepositoryWithoutTagKeepsSourceTag();

private:
    // Runs gantryctl in the main sandbox, checking its output for secrets.
    CtlRun run(const QStringList& arguments) { return runChecked(m_sandbox, arguments); }

    TestRegistry m_plain { TestRegistry::Mode::Plain };
    TestRegistry m_other { TestRegistry::Mode::Plain };
    Sandbox m_sandbox;
};

void TestCtlCopy::initTestCase()
{
    QVERIFY2(gantryctlProblem().isEmpty(), qPrintable(gantryctlProblem()));
    QVERIFY(m_sandbox.isValid());
    for (TestRegistry* registry : { &m_plain, &m_other })
        QVERIFY2(registry->start(), qPrintable(registry->errorString()));
}

void TestCtlCopy::copyWithinRegistryMountsEveryBlob()
{
    ImageSpec spec;
    spec.layerCount = 2;
    spec.layerSize = 64 * 1024;
    spec.seed = 301;
    auto image = ImageFixture(m_plain).push(QStringLiteral("stage/fast-feedback"), QStringLiteral("1.2.3"), spec);
    QVERIFY2(image, why(image));
    QCOMPARE(image->blobDigests.size(), 3);

    const QString source = at(m_plain, QStringLiteral("stage/fast-feedback:1.2.3"));
    const QString destination = at(m_plain, QStringLiteral("stage/prod:1.2.3"));
    m_plain.clearAccessLog();
    const CtlRun first = run({ QStringLiteral("--json"), QStringLiteral("copy"), source, destination });
    QVERIFY2(first.finished && first.exitCode == 0, qPrintable(first.describe()));
    QVERIFY2(first.err.isEmpty(), qPrintable(first.describe()));
    const QJsonObject report = first.json().object();
    QCOMPARE(report.value(QStringLiteral("source")).toString(), source);
    QCOMPARE(report.value(QStringLiteral("destination")).toString(), destination);
    QCOMPARE(report.value(QStringLiteral("digest")).toString(), image->digest);
    QCOMPARE(report.value(QStringLiteral("mediaType")).toString(), image->mediaType);
    QCOMPARE(report.value(QStringLiteral("alreadyPresent")), QJsonValue(false));
    QCOMPARE(report.value(QStringLiteral("blobsMounted")).toInt(-1), 3);
    QCOMPARE(report.value(QStringLiteral("blobsCopied")).toInt(-1), 0);
    QCOMPARE(report.value(QStringLiteral("blobsSkipped")).toInt(-1), 0);
    QCOMPARE(report.value(QStringLiteral("bytesCopied")).toInt(-1), 0);
    QCOMPARE(report.value(QStringLiteral("manifestsWritten")).toInt(-1), 1);
    const auto log = m_plain.accessLog();
    QVERIFY2(countRequests(log, QStringLiteral("POST"), QStringLiteral("mount=")) == 3, qPrintable(describeLog(log)));
    QVERIFY2(countRequests(log, QStringLiteral("GET"), QStringLiteral("/blobs/")) == 0, qPrintable(describeLog(log)));

    const auto landed = Skopeo(m_plain).digestOf(QStringLiteral("stage/prod:1.2.3"));
    QVERIFY2(landed, why(landed));
    QCOMPARE(*landed, image->digest);

    // Again: nothing to do, nothing written.
    m_plain.clearAccessLog();
    const CtlRun again = run({ QStringLiteral("--json"), QStringLiteral("copy"), source, destination });
    QVERIFY2(again.finished && again.exitCode == 0, qPrintable(again.describe()));
    const QJsonObject second = again.json().object();
    QCOMPARE(second.value(QStringLiteral("alreadyPresent")), QJsonValue(true));
    QCOMPARE(second.value(QStringLiteral("digest")).toString(), image->digest);
    QCOMPARE(second.value(QStringLiteral("manifestsWritten")).toInt(-1), 0);
    QCOMPARE(second.value(QStringLiteral("blobsMounted")).toInt(-1), 0);
    const auto noopLog = m_plain.accessLog();
    QVERIFY2(countRequests(noopLog, QStringLiteral("PUT")) + countRequests(noopLog, QStringLiteral("POST")) == 0,
        qPrintable(describeLog(noopLog)));

    // The text form says so in one line.
    const CtlRun text = run({ QStringLiteral("copy"), source, destination });
    QVERIFY2(text.finished && text.exitCode == 0, qPrintable(text.describe()));
    QCOMPARE(text.outLines().size(), 1);
    QVERIFY2(text.outText().contains(QStringLiteral("nothing to do")), qPrintable(text.describe()));
}

void TestCtlCopy::copyAcrossRegistriesCopiesEveryBlob()
{
    ImageSpec spec;
    spec.platforms = QStringList { QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8") };
    spec.layerCount = 2;
    spec.layerSize = 32 * 1024;
    spec.seed = 311;
    auto image = ImageFixture(m_plain).push(QStringLiteral("multi/app"), QStringLiteral("2.0.0"), spec);
    QVERIFY2(image, why(image));
    QCOMPARE(image->blobDigests.size(), 6);

    const QString source = at(m_plain, QStringLiteral("multi/app:2.0.0"));
    const QString destination = at(m_other, QStringLiteral("promoted/app:2.0.0"));
    const CtlRun first = run({ QStringLiteral("--json"), QStringLiteral("copy"), source, destination });
    QVERIFY2(first.finished && first.exitCode == 0, qPrintable(first.describe()));
    QVERIFY2(first.err.isEmpty(), qPrintable(first.describe()));
    const QJsonObject report = first.json().object();
    QCOMPARE(report.value(QStringLiteral("digest")).toString(), image->digest);
    QCOMPARE(report.value(QStringLiteral("destination")).toString(), destination);
    QCOMPARE(report.value(QStringLiteral("alreadyPresent")), QJsonValue(false));
    QCOMPARE(report.value(QStringLiteral("blobsMounted")).toInt(-1), 0);
    QCOMPARE(report.value(QStringLiteral("blobsCopied")).toInt(-1), 6);
    QCOMPARE(report.value(QStringLiteral("blobsSkipped")).toInt(-1), 0);
    QCOMPARE(report.value(QStringLiteral("manifestsWritten")).toInt(-1), 3);
    const qint64 bytesCopied = report.value(QStringLiteral("bytesCopied")).toInteger(-1);
    QVERIFY2(bytesCopied >= 4 * spec.layerSize && bytesCopied < image->totalSize, qPrintable(first.describe()));

    Skopeo witness(m_other);
    const auto raw = witness.inspectRaw(QStringLiteral("promoted/app:2.0.0"));
    QVERIFY2(raw, why(raw));
    QCOMPARE(*raw, image->manifest);
    for (const QString& child : image->childDigests) {
        const auto exists = witness.exists(QStringLiteral("promoted/app@") + child);
        QVERIFY2(exists && *exists, qPrintable(child));
    }

    const CtlRun again = run({ QStringLiteral("--json"), QStringLiteral("copy"), source, destination });
    QVERIFY2(again.finished && again.exitCode == 0, qPrintable(again.describe()));
    QCOMPARE(again.json().object().value(QStringLiteral("alreadyPresent")), QJsonValue(true));
    QCOMPARE(again.json().object().value(QStringLiteral("blobsCopied")).toInt(-1), 0);
}

void TestCtlCopy::copyToRepositoryWithoutTagKeepsSourceTag()
{
    ImageSpec spec;
    spec.seed = 321;
    auto image = ImageFixture(m_plain).push(QStringLiteral("keep/ff"), QStringLiteral("4.5.6"), spec);
    QVERIFY2(image, why(image));
    const QString source = at(m_plain, QStringLiteral("keep/ff:4.5.6"));

    // Same registry and another registry: both keep 4.5.6, neither writes latest.
    for (TestRegistry* target : { &m_plain, &m_other }) {
        const CtlRun result = run(
            { QStringLiteral("--json"), QStringLiteral("copy"), source, at(*target, QStringLiteral("keep/prod")) });
        QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
        QCOMPARE(result.json().object().value(QStringLiteral("destination")).toString(),
            at(*target, QStringLiteral("keep/prod:4.5.6")));
        const auto tags = Skopeo(*target).listTags(QStringLiteral("keep/prod"));
        QVERIFY2(tags, why(tags));
        QCOMPARE(*tags, QStringList { QStringLiteral("4.5.6") });
        const auto digest = Skopeo(*target).digestOf(QStringLiteral("keep/prod:4.5.6"));
        QVERIFY2(digest, why(digest));
        QCOMPARE(*digest, image->digest);
    }

    // An explicit tag is honoured.
    const CtlRun explicitTag = run({ QStringLiteral("copy"), source, at(m_plain, QStringLiteral("keep/explicit:rc")) });
    QVERIFY2(explicitTag.finished && explicitTag.exitCode == 0, qPrintable(explicitTag.describe()));
    const auto tags = Skopeo(m_plain).listTags(QStringLiteral("keep/explicit"));
    QVERIFY2(tags, why(tags));
    QCOMPARE(*tags, QStringList { QStringLiteral("rc") });
}

QTEST_GUILESS_MAIN(TestCtlCopy)
#include "tst_ctlcopy.moc"
