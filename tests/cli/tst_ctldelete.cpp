// gantryctl delete, by tag and by digest.
// gantryctl end to end, as a user or a CI job runs it: the real binary in a process of its own,
// in a sandbox of its own (tests/cli/ctlkit.h), against real distribution registries.
#include "tests/cli/ctlkit.h"
#include "tests/support/imagefixture.h"
#include "tests/support/skopeo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace gantry::test;
using namespace gantry::test::ctl;

class TestCtlDelete : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void deleteByTagIsRefusedAndNeverWidened();
    void deleteByDigestRemovesEveryTag();
    void deleteOfMissingTagSaysItIsMissing();

private:
    // Runs gantryctl in the main sandbox, checking its output for secrets.
    CtlRun run(const QStringList& arguments) { return runChecked(m_sandbox, arguments); }

    TestRegistry m_plain { TestRegistry::Mode::Plain };
    Sandbox m_sandbox;
};

void TestCtlDelete::initTestCase()
{
    QVERIFY2(gantryctlProblem().isEmpty(), qPrintable(gantryctlProblem()));
    QVERIFY(m_sandbox.isValid());
    QVERIFY2(m_plain.start(), qPrintable(m_plain.errorString()));
}

void TestCtlDelete::deleteByTagIsRefusedAndNeverWidened()
{
    ImageSpec spec;
    spec.seed = 341;
    auto image = ImageFixture(m_plain).push(QStringLiteral("deletion/tag"), QStringLiteral("1.0.0"), spec);
    QVERIFY2(image, why(image));

    m_plain.clearAccessLog();
    const CtlRun result = run({ QStringLiteral("delete"), at(m_plain, QStringLiteral("deletion/tag:1.0.0")) });
    QVERIFY2(result.finished && result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.errIsOneLine(), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(
                 QStringLiteral("gantryctl delete ") + at(m_plain, QStringLiteral("deletion/tag@")) + image->digest),
        qPrintable(result.describe()));

    // Never widened: no DELETE by digest was sent, and the tag is still there.
    const auto log = m_plain.accessLog();
    QVERIFY2(
        countRequests(log, QStringLiteral("DELETE"), QStringLiteral("sha256:")) == 0, qPrintable(describeLog(log)));
    const auto exists = Skopeo(m_plain).exists(QStringLiteral("deletion/tag:1.0.0"));
    QVERIFY2(exists, why(exists));
    QVERIFY(*exists);
}

void TestCtlDelete::deleteByDigestRemovesEveryTag()
{
    ImageFixture fixture(m_plain);
    ImageSpec spec;
    spec.seed = 351;
    auto image = fixture.push(QStringLiteral("deletion/digest"), QStringLiteral("1.0.0"), spec);
    QVERIFY2(image, why(image));
    auto sameBytes = fixture.push(QStringLiteral("deletion/digest"), QStringLiteral("1.0.0-stable"), spec);
    QVERIFY2(sameBytes, why(sameBytes));
    QCOMPARE(sameBytes->digest, image->digest);
    ImageSpec otherSpec;
    otherSpec.seed = 352;
    auto other = fixture.push(QStringLiteral("deletion/digest"), QStringLiteral("2.0.0"), otherSpec);
    QVERIFY2(other, why(other));

    const CtlRun result
        = run({ QStringLiteral("delete"), at(m_plain, QStringLiteral("deletion/digest@")) + image->digest });
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.err.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.outText().contains(image->digest), qPrintable(result.describe()));
    QVERIFY2(result.outText().contains(QStringLiteral("every tag")), qPrintable(result.describe()));

    Skopeo witness(m_plain);
    for (const QString& gone :
        { QStringLiteral("deletion/digest:1.0.0"), QStringLiteral("deletion/digest:1.0.0-stable") }) {
        const auto exists = witness.exists(gone);
        QVERIFY2(exists, why(exists));
        QVERIFY2(!*exists, qPrintable(gone));
    }
    const auto tags = witness.listTags(QStringLiteral("deletion/digest"));
    QVERIFY2(tags, why(tags));
    QCOMPARE(*tags, QStringList { QStringLiteral("2.0.0") });

    // The last image gone too: the repository lists no tags (distribution says "tags": null).
    const CtlRun last
        = run({ QStringLiteral("delete"), at(m_plain, QStringLiteral("deletion/digest@")) + other->digest });
    QVERIFY2(last.finished && last.exitCode == 0, qPrintable(last.describe()));
    const CtlRun none = run({ QStringLiteral("tags"), at(m_plain, QStringLiteral("deletion/digest")) });
    QVERIFY2(
        none.finished && none.exitCode == 0 && none.out.isEmpty() && none.err.isEmpty(), qPrintable(none.describe()));
    const CtlRun noneJson
        = run({ QStringLiteral("--json"), QStringLiteral("tags"), at(m_plain, QStringLiteral("deletion/digest")) });
    QVERIFY2(noneJson.finished && noneJson.exitCode == 0, qPrintable(noneJson.describe()));
    QVERIFY2(noneJson.json().isArray() && noneJson.json().array().isEmpty(), qPrintable(noneJson.describe()));

    // Deleting it again: it is not there, exit 1 and one line.
    const CtlRun again
        = run({ QStringLiteral("delete"), at(m_plain, QStringLiteral("deletion/digest@")) + image->digest });
    QVERIFY2(again.finished && again.exitCode == 1, qPrintable(again.describe()));
    QVERIFY2(again.errIsOneLine(), qPrintable(again.describe()));
    QVERIFY2(again.out.isEmpty(), qPrintable(again.describe()));
}

void TestCtlDelete::deleteOfMissingTagSaysItIsMissing()
{
    ImageSpec spec;
    spec.seed = 361;
    auto image = ImageFixture(m_plain).push(QStringLiteral("deletion/missing"), QStringLiteral("1.0.0"), spec);
    QVERIFY2(image, why(image));

    m_plain.clearAccessLog();
    const CtlRun result
        = run({ QStringLiteral("delete"), at(m_plain, QStringLiteral("deletion/missing:no-such-tag")) });
    QVERIFY2(result.finished && result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.errIsOneLine(), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QStringLiteral("no-such-tag")), qPrintable(result.describe()));
    const auto log = m_plain.accessLog();
    QVERIFY2(
        countRequests(log, QStringLiteral("DELETE"), QStringLiteral("sha256:")) == 0, qPrintable(describeLog(log)));
    const auto tags = Skopeo(m_plain).listTags(QStringLiteral("deletion/missing"));
    QVERIFY2(tags, why(tags));
    QCOMPARE(*tags, QStringList { QStringLiteral("1.0.0") });
    // distribution answers any tag DELETE with 400 DIGEST_INVALID; a missing tag must be named as missing.
    QVERIFY2(!result.errText().contains(QStringLiteral("alone"))
            && (result.errText().contains(QStringLiteral("not found"))
                || result.errText().contains(QStringLiteral("does not exist"))
                || result.errText().contains(QStringLiteral("no tag"))),
        qPrintable(result.describe()));
}

QTEST_GUILESS_MAIN(TestCtlDelete)
#include "tst_ctldelete.moc"
