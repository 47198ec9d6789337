// gantryctl tags against a plain-HTTP loopback registry.
// gantryctl end to end, as a user or a CI job runs it: the real binary in a process of its own,
// in a sandbox of its own (tests/cli/ctlkit.h), against real distribution registries.
#include "tests/cli/ctlkit.h"
#include "tests/support/imagefixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <algorithm>

using namespace gantry::test;
using namespace gantry::test::ctl;

class TestCtlTags : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tagsListsSortedTagsWithTheirDigests();
    void tagsOfMissingRepositoryFails();

private:
    // Runs gantryctl in the main sandbox, checking its output for secrets.
    CtlRun run(const QStringList& arguments) { return runChecked(m_sandbox, arguments); }

    TestRegistry m_plain { TestRegistry::Mode::Plain };
    Sandbox m_sandbox;
};

void TestCtlTags::initTestCase()
{
    QVERIFY2(gantryctlProblem().isEmpty(), qPrintable(gantryctlProblem()));
    QVERIFY(m_sandbox.isValid());
    QVERIFY2(m_plain.start(), qPrintable(m_plain.errorString()));
}

void TestCtlTags::tagsListsSortedTagsWithTheirDigests()
{
    ImageFixture fixture(m_plain);
    const QString repository = QStringLiteral("listing/app");
    QMap<QString, QString> digests;
    QMap<QString, QString> mediaTypes;
    // Pushed out of order; 1.2.0 and 1.2.0-stable share a digest (same spec, same bytes).
    const QList<std::pair<QString, quint64>> pushes { { QStringLiteral("1.2.0"), 11 }, { QStringLiteral("latest"), 12 },
        { QStringLiteral("1.10.0"), 13 }, { QStringLiteral("1.2.0-stable"), 11 }, { QStringLiteral("0.9"), 14 } };
    for (const auto& [tag, seed] : pushes) {
        ImageSpec spec;
        spec.seed = seed;
        spec.format = seed == 13 ? ImageSpec::Format::DockerV2 : ImageSpec::Format::Oci;
        auto image = fixture.push(repository, tag, spec);
        QVERIFY2(image, why(image));
        digests[tag] = image->digest;
        mediaTypes[tag] = image->mediaType;
    }
    QCOMPARE(digests.value(QStringLiteral("1.2.0")), digests.value(QStringLiteral("1.2.0-stable")));
    QStringList sorted = digests.keys();
    std::sort(sorted.begin(), sorted.end());

    const CtlRun text = run({ QStringLiteral("tags"), at(m_plain, repository) });
    QVERIFY2(text.finished && text.exitCode == 0, qPrintable(text.describe()));
    QCOMPARE(text.outLines(), sorted);
    QVERIFY(text.out.endsWith('\n'));
    QVERIFY2(text.err.isEmpty(), qPrintable(text.describe()));

    const CtlRun json = run({ QStringLiteral("--json"), QStringLiteral("tags"), at(m_plain, repository) });
    QVERIFY2(json.finished && json.exitCode == 0, qPrintable(json.describe()));
    QVERIFY2(json.err.isEmpty(), qPrintable(json.describe()));
    QVERIFY2(json.json().isArray(), qPrintable(json.describe()));
    const QJsonArray array = json.json().array();
    QCOMPARE(array.size(), sorted.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject entry = array.at(i).toObject();
        const QString tag = sorted.at(i);
        QCOMPARE(entry.value(QStringLiteral("tag")).toString(), tag);
        QCOMPARE(entry.value(QStringLiteral("digest")).toString(), digests.value(tag));
        QCOMPARE(entry.value(QStringLiteral("mediaType")).toString(), mediaTypes.value(tag));
    }
}

void TestCtlTags::tagsOfMissingRepositoryFails()
{
    const QString repository = at(m_plain, QStringLiteral("nobody/pushed-here"));
    for (const QStringList& arguments : { QStringList { QStringLiteral("tags"), repository },
             QStringList { QStringLiteral("--json"), QStringLiteral("tags"), repository } }) {
        const CtlRun result = run(arguments);
        QVERIFY2(result.finished && result.exitCode == 1, qPrintable(result.describe()));
        QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
        QVERIFY2(result.errIsOneLine(), qPrintable(result.describe()));
        QVERIFY2(result.err.startsWith("gantryctl tags: "), qPrintable(result.describe()));
        QVERIFY2(result.errText().contains(QStringLiteral("nobody/pushed-here")), qPrintable(result.describe()));
    }
}

QTEST_GUILESS_MAIN(TestCtlTags)
#include "tst_ctltags.moc"
