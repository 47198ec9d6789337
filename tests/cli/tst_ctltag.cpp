// gantryctl tag against a plain-HTTP loopback registry.
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

class TestCtlTag : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tagAddsTagWithoutMovingBlobs();

private:
    // Runs gantryctl in the main sandbox, checking its output for secrets.
    CtlRun run(const QStringList& arguments) { return runChecked(m_sandbox, arguments); }

    TestRegistry m_plain { TestRegistry::Mode::Plain };
    Sandbox m_sandbox;
};

void TestCtlTag::initTestCase()
{
    QVERIFY2(gantryctlProblem().isEmpty(), qPrintable(gantryctlProblem()));
    QVERIFY(m_sandbox.isValid());
    QVERIFY2(m_plain.start(), qPrintable(m_plain.errorString()));
}

void TestCtlTag::tagAddsTagWithoutMovingBlobs()
{
    ImageSpec spec;
    spec.seed = 331;
    spec.layerCount = 2;
    auto image = ImageFixture(m_plain).push(QStringLiteral("tagging/app"), QStringLiteral("2.0.0"), spec);
    QVERIFY2(image, why(image));
    const QString source = at(m_plain, QStringLiteral("tagging/app:2.0.0"));

    m_plain.clearAccessLog();
    const CtlRun first
        = run({ QStringLiteral("--json"), QStringLiteral("tag"), source, QStringLiteral("2.0.0-stable") });
    QVERIFY2(first.finished && first.exitCode == 0, qPrintable(first.describe()));
    QVERIFY2(first.err.isEmpty(), qPrintable(first.describe()));
    const QJsonObject report = first.json().object();
    QCOMPARE(
        report.value(QStringLiteral("reference")).toString(), at(m_plain, QStringLiteral("tagging/app:2.0.0-stable")));
    QCOMPARE(report.value(QStringLiteral("digest")).toString(), image->digest);
    QCOMPARE(report.value(QStringLiteral("alreadyPresent")), QJsonValue(false));
    const auto log = m_plain.accessLog();
    QVERIFY2(countRequests(log, QStringLiteral("PUT"), QStringLiteral("/manifests/2.0.0-stable")) == 1,
        qPrintable(describeLog(log)));
    QVERIFY2(countRequests(log, QStringLiteral("POST")) + countRequests(log, QStringLiteral("PATCH"))
                + countRequests(log, QStringLiteral("GET"), QStringLiteral("/blobs/"))
            == 0,
        qPrintable(describeLog(log)));

    const auto stable = Skopeo(m_plain).digestOf(QStringLiteral("tagging/app:2.0.0-stable"));
    QVERIFY2(stable, why(stable));
    QCOMPARE(*stable, image->digest);

    // Re-tagging is a no-op: no write.
    m_plain.clearAccessLog();
    const CtlRun again
        = run({ QStringLiteral("--json"), QStringLiteral("tag"), source, QStringLiteral("2.0.0-stable") });
    QVERIFY2(again.finished && again.exitCode == 0, qPrintable(again.describe()));
    QCOMPARE(again.json().object().value(QStringLiteral("alreadyPresent")), QJsonValue(true));
    QCOMPARE(again.json().object().value(QStringLiteral("digest")).toString(), image->digest);
    const auto noopLog = m_plain.accessLog();
    QVERIFY2(countRequests(noopLog, QStringLiteral("PUT")) == 0, qPrintable(describeLog(noopLog)));

    const auto tags = Skopeo(m_plain).listTags(QStringLiteral("tagging/app"));
    QVERIFY2(tags, why(tags));
    QCOMPARE(*tags, (QStringList { QStringLiteral("2.0.0"), QStringLiteral("2.0.0-stable") }));
}

QTEST_GUILESS_MAIN(TestCtlTag)
#include "tst_ctltag.moc"
