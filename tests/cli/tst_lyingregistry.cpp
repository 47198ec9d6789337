// gantryctl against a registry that lies or loses answers: a real registry behind the fault
// proxy, skopeo asking the registry itself what landed, and the journal read back through
// gantryctl. A digest Gantry acts on is one it verified; an outcome it journals is one it saw.
#include "tests/support/ctlsandbox.h"
#include "tests/support/lyingregistry.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace gantry::test;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

class TestLyingRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void promoteTrustsNoStaleSourceHead();
    void copyTrustsNoDestinationHead();
    void stableTrustsNoVersionHead();
    void retentionTrustsNoHead();
    void retentionWithALostAnswerIsDone();
    void aWriteTheRegistryDidNotKeepFails();
    void aLostAnswerIsLookedUpAndJournaled();
    void aKilledPromotionIsResolvedByTheNextRun();
    void refreshResolvesAKilledWrite();

private:
    // Pipeline <name>: ff → et (soak `etSoak`) → prod (-stable tags, floating `prod`), all on
    // the registry behind the proxy, repositories <name>/<stage>.
    // With `ffRetention`, ff has that retention policy.
    void writeWorkspace(
        const QString& name, const QString& etSoak = QStringLiteral("0s"), const QJsonObject& ffRetention = {});
    QStringList ctlArguments(const QString& name, QStringList arguments) const;
    CtlRun ctl(const QString& name, const QStringList& arguments) const;
    QJsonArray history(const QString& name) const; // every entry, "started" ones too
    // Pushed straight to the registry; created two days ago, so only the journal can stop a soak.
    QString push(const QString& repository, const QString& tag, quint64 seed)
    {
        return m_lying.push(repository, tag, seed, m_created);
    }
    QString digestIn(const QString& reference) const { return m_lying.digestIn(reference); }
    QString lyingRef(const QString& pathAndTag) const { return m_lying.proxy().host() + QLatin1Char('/') + pathAndTag; }
    // Pipeline <name> (et soaks 1h) with ff:1.0.0, and a promotion to et whose tag PUT the registry
    // performs but whose answer never comes: gantryctl is killed there, the crash between a
    // registry write and its journal entry. Returns the digest, "" when that could not be set up.
    QString killPromotionDuringTagWrite(const QString& name, quint64 seed);
    // Pipeline <name> whose ff keeps the latest image and keep-* tags; pushed a refresh apart:
    // 1.0.0 and keep-me on one image, then 1.0.2. Returns their digests, empty when not set up.
    QStringList retentionStage(const QString& name);
    CtlRun applyRetention(const QString& name) const; // retention --apply of ff

    LyingRegistry m_lying;
    Sandbox m_sandbox;
    const QDateTime m_created = QDateTime::currentDateTimeUtc().addDays(-2); // one for all: a seed gives one digest
};

void TestLyingRegistry::initTestCase()
{
    QVERIFY2(m_lying.start(), qPrintable(m_lying.errorString()));
    QVERIFY(m_sandbox.isValid());
}

void TestLyingRegistry::init()
{
    QVERIFY2(m_lying.startProxy(), qPrintable(m_lying.errorString()));
}

void TestLyingRegistry::cleanup()
{
    m_lying.stopProxy();
}

void TestLyingRegistry::writeWorkspace(const QString& name, const QString& etSoak, const QJsonObject& ffRetention)
{
    const auto stage = [&](const char* stageName) {
        return QJsonObject { { QStringLiteral("name"), QLatin1String(stageName) },
            { QStringLiteral("registry"), QStringLiteral("lying") },
            { QStringLiteral("repository"), name + QLatin1Char('/') + QLatin1String(stageName) } };
    };
    QJsonObject et = stage("et");
    et.insert(QStringLiteral("minimumSoak"), etSoak);
    QJsonObject prod = stage("prod");
    prod.insert(QStringLiteral("floatingTags"), QJsonArray { QStringLiteral("prod") });
    QJsonObject ff = stage("ff");
    QJsonObject policies;
    if (!ffRetention.isEmpty()) {
        ff.insert(QStringLiteral("retention"), QStringLiteral("ff-policy"));
        policies.insert(QStringLiteral("ff-policy"), ffRetention);
    }
    const QJsonObject workspace {
        { QStringLiteral("retentionPolicies"), policies },
        { QStringLiteral("registries"),
            QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("lying") },
                { QStringLiteral("url"), m_lying.proxy().host() } } } },
        { QStringLiteral("pipelines"),
            QJsonArray { QJsonObject { { QStringLiteral("name"), name },
                { QStringLiteral("stableTagStages"), QJsonArray { QStringLiteral("prod") } },
                { QStringLiteral("stages"), QJsonArray { ff, et, prod } } } } },
    };
    QVERIFY(m_sandbox.writeJson(QStringLiteral("ws-") + name + QStringLiteral(".json"), workspace));
}

QStringList TestLyingRegistry::ctlArguments(const QString& name, QStringList arguments) const
{
    return QStringList { QStringLiteral("--workspace"), m_sandbox.path(QStringLiteral("ws-") + name + ".json"_L1),
        QStringLiteral("--journal"), m_sandbox.path(QStringLiteral("journal-") + name + ".sqlite"_L1) }
    + arguments;
}

CtlRun TestLyingRegistry::ctl(const QString& name, const QStringList& arguments) const
{
    return m_sandbox.run(ctlArguments(name, arguments));
}

QJsonArray TestLyingRegistry::history(const QString& name) const
{
    const CtlRun run = ctl(name, { QStringLiteral("--json"), QStringLiteral("history") });
    if (run.exitCode != 0)
        qWarning("%s", qPrintable(run.describe()));
    return run.json().array();
}

void TestLyingRegistry::promoteTrustsNoStaleSourceHead()
{
    const QString name = QStringLiteral("stale-source");
    writeWorkspace(name);
    // A stale cache answers the HEAD of 1.0.0 with 2.0.0's digest.
    const auto [wanted, other]
        = m_lying.pushWithStaleHead(name + "/ff:1.0.0"_L1, 1, name + "/ff:2.0.0"_L1, 2, m_created);
    QVERIFY(!wanted.isEmpty() && !other.isEmpty());

    const CtlRun run = ctl(name, { QStringLiteral("promote"), name, QStringLiteral("1.0.0") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(digestIn(name + "/et:1.0.0"_L1), wanted);
    const QJsonArray entries = history(name);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[1]["outcome"_L1].toString(), QStringLiteral("done"));
    QCOMPARE(entries[1]["digestAfter"_L1].toString(), wanted);
}

void TestLyingRegistry::copyTrustsNoDestinationHead()
{
    const QString name = QStringLiteral("stale-destination");
    // The destination's HEAD claims it has the source's image already.
    const auto [old, wanted] = m_lying.pushWithStaleHead(name + "/dst:1.0"_L1, 4, name + "/src:1.0"_L1, 3, m_created);
    QVERIFY(!wanted.isEmpty() && !old.isEmpty());

    const CtlRun run
        = m_sandbox.run({ QStringLiteral("copy"), lyingRef(name + "/src:1.0"_L1), lyingRef(name + "/dst:1.0"_L1) });
    QVERIFY2(run.exitCode == 0 && run.out.contains("copied"), qPrintable(run.describe()));
    QCOMPARE(digestIn(name + "/dst:1.0"_L1), wanted);
}

void TestLyingRegistry::stableTrustsNoVersionHead()
{
    const QString name = QStringLiteral("stale-version");
    const auto [wanted, other]
        = m_lying.pushWithStaleHead(name + "/prod:2.2.4"_L1, 5, name + "/prod:2.2.3"_L1, 6, m_created);
    QVERIFY(!wanted.isEmpty() && !other.isEmpty());
    const CtlRun run = m_sandbox.run({ QStringLiteral("--journal"), m_sandbox.path(name + ".sqlite"_L1),
        QStringLiteral("stable"), lyingRef(name + "/prod:2.2.4"_L1) });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(digestIn(name + "/prod:2.2.4-stable"_L1), wanted);
}

QStringList TestLyingRegistry::retentionStage(const QString& name)
{
    writeWorkspace(name, QStringLiteral("0s"),
        QJsonObject { { QStringLiteral("rules"),
            QJsonArray {
                QJsonObject { { QStringLiteral("keep"), QStringLiteral("latest") }, { QStringLiteral("count"), 1 } },
                QJsonObject { { QStringLiteral("keep"), QStringLiteral("always") },
                    { QStringLiteral("tags"), QStringLiteral("keep-.*") } } } } });
    // Push times are known between refreshes a second apart (the journal keeps seconds).
    const auto refresh = [&] {
        QTest::qWait(1100);
        return ctl(name, { QStringLiteral("refresh"), name }).exitCode == 0;
    };
    if (!refresh())
        return {};
    const QString old = push(name + "/ff"_L1, QStringLiteral("1.0.0"), 13);
    if (push(name + "/ff"_L1, QStringLiteral("keep-me"), 13) != old || !refresh())
        return {};
    const QString newest = push(name + "/ff"_L1, QStringLiteral("1.0.2"), 14);
    if (!refresh())
        return {};
    return { old, newest };
}

CtlRun TestLyingRegistry::applyRetention(const QString& name) const
{
    return ctl(
        name, { QStringLiteral("retention"), name, QStringLiteral("--stage"), QStringLiteral("ff"), "--apply"_L1 });
}

void TestLyingRegistry::retentionTrustsNoHead()
{
    const QString name = QStringLiteral("stale-retention");
    const QStringList digests = retentionStage(name);
    QCOMPARE(digests.size(), 2);
    // A stale HEAD hides that keep-me is on the old image: deleting that by digest would take it.
    m_lying.proxy().addRule(FaultRule::staleHead(QStringLiteral("/ff/manifests/keep-me$"), digests[1]));

    const CtlRun applied = applyRetention(name);
    QVERIFY2(applied.exitCode == 0 && applied.out.contains("kept"), qPrintable(applied.describe()));
    QCOMPARE(digestIn(name + "/ff:keep-me"_L1), digests[0]);
    QCOMPARE(digestIn(name + "/ff:1.0.0"_L1), digests[0]);
}

void TestLyingRegistry::retentionWithALostAnswerIsDone()
{
    const QString name = QStringLiteral("lost-delete");
    const QStringList digests = retentionStage(name);
    QCOMPARE(digests.size(), 2);
    // keep-me moves off the old image, which then has 1.0.0 alone: expired, deleted.
    QCOMPARE(push(name + "/ff"_L1, QStringLiteral("keep-me"), 14), digests[1]);
    QVERIFY(ctl(name, { QStringLiteral("refresh"), name }).exitCode == 0);
    m_lying.proxy().addRule({ .method = "DELETE", .fault = Fault::DropAfterForward });

    const CtlRun applied = applyRetention(name);
    QVERIFY2(!m_lying.proxy().faults().isEmpty() && m_lying.proxy().faults().first().upstreamStatus == 202,
        "the registry did not get the DELETE");
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.describe()));
    QCOMPARE(digestIn(name + "/ff:1.0.0"_L1), QString());
    const QJsonArray entries = history(name);
    QCOMPARE(entries.last()["action"_L1].toString(), QStringLiteral("delete"));
    QCOMPARE(entries.last()["outcome"_L1].toString(), QStringLiteral("done"));
}

void TestLyingRegistry::aWriteTheRegistryDidNotKeepFails()
{
    const QString name = QStringLiteral("unkept");
    writeWorkspace(name);
    const QString wanted = push(name + "/ff"_L1, QStringLiteral("1.0.0"), 9);
    QVERIFY(!wanted.isEmpty());
    // Something in front of the registry acknowledges the tag's PUT and never passes it on.
    m_lying.proxy().addRule(
        { .method = "PUT", .path = QStringLiteral("/et/manifests/1\\.0\\.0$"), .fault = Fault::Answer, .status = 201 });

    const CtlRun run = ctl(name, { QStringLiteral("promote"), name, QStringLiteral("1.0.0") });
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QVERIFY2(run.err.contains("read back"), qPrintable(run.describe()));
    QCOMPARE(digestIn(name + "/et:1.0.0"_L1), QString());
    const QJsonArray entries = history(name);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[1]["outcome"_L1].toString(), QStringLiteral("failed"));
}

void TestLyingRegistry::aLostAnswerIsLookedUpAndJournaled()
{
    const QString name = QStringLiteral("lost-answer");
    writeWorkspace(name, QStringLiteral("1h"));
    const QString wanted = push(name + "/ff"_L1, QStringLiteral("1.0.0"), 10);
    QVERIFY(!wanted.isEmpty());
    // The registry writes the tag; every answer to the PUT (retries included) is lost.
    m_lying.proxy().addRule(
        { .method = "PUT", .path = QStringLiteral("/et/manifests/1\\.0\\.0$"), .fault = Fault::DropAfterForward });

    const CtlRun run = ctl(name, { QStringLiteral("promote"), name, QStringLiteral("1.0.0") });
    QVERIFY2(!m_lying.proxy().faults().isEmpty() && m_lying.proxy().faults().first().upstreamStatus == 201,
        "the registry did not get the PUT");
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(digestIn(name + "/et:1.0.0"_L1), wanted);
    const QJsonArray entries = history(name);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[1]["outcome"_L1].toString(), QStringLiteral("done"));
    QCOMPARE(entries[1]["digestAfter"_L1].toString(), wanted);

    // et's soak runs from that write, not from the image's creation two days ago.
    m_lying.proxy().clearRules();
    const CtlRun next = ctl(name, { QStringLiteral("promote"), name, QStringLiteral("1.0.0") });
    QVERIFY2(next.exitCode == 3 && next.err.contains("soaks until"), qPrintable(next.describe()));
    QCOMPARE(digestIn(name + "/prod:1.0.0"_L1), QString());
    const CtlRun verify = ctl(name, { QStringLiteral("journal"), QStringLiteral("verify") });
    QVERIFY2(verify.exitCode == 0, qPrintable(verify.describe()));
}

QString TestLyingRegistry::killPromotionDuringTagWrite(const QString& name, quint64 seed)
{
    writeWorkspace(name, QStringLiteral("1h"));
    const QString wanted = push(name + "/ff"_L1, QStringLiteral("1.0.0"), seed);
    if (wanted.isEmpty())
        return {};
    m_lying.proxy().addRule({ .method = "PUT",
        .path = QStringLiteral("/et/manifests/1\\.0\\.0$"),
        .fault = Fault::StallAfterForward,
        .stall = 20s });
    QProcess process;
    process.setProcessEnvironment(m_sandbox.environment());
    process.start(qEnvironmentVariable("GANTRYCTL"),
        ctlArguments(name, { QStringLiteral("promote"), name, QStringLiteral("1.0.0") }));
    if (!process.waitForStarted())
        return {};
    const auto written = m_lying.proxy().waitForEvent(
        [](const FaultEvent& event) { return event.fault == Fault::StallAfterForward && event.upstreamStatus == 201; },
        20s);
    process.kill();
    process.waitForFinished();
    m_lying.proxy().clearRules();
    return written ? wanted : QString();
}

void TestLyingRegistry::aKilledPromotionIsResolvedByTheNextRun()
{
    const QString name = QStringLiteral("killed");
    const QString wanted = killPromotionDuringTagWrite(name, 11);
    QVERIFY2(!wanted.isEmpty(), "the registry did not get the tag's PUT before gantryctl was killed");
    QCOMPARE(digestIn(name + "/et:1.0.0"_L1), wanted);
    QJsonArray entries = history(name);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries[0]["outcome"_L1].toString(), QStringLiteral("started"));

    // The next run looks at et, journals what happened there, and judges et's soak from that.
    const CtlRun next = ctl(name, { QStringLiteral("promote"), name, QStringLiteral("1.0.0") });
    QVERIFY2(next.exitCode == 3 && next.err.contains("soaks until"), qPrintable(next.describe()));
    QCOMPARE(digestIn(name + "/prod:1.0.0"_L1), QString());
    entries = history(name);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[1]["action"_L1].toString(), QStringLiteral("promote"));
    QCOMPARE(entries[1]["outcome"_L1].toString(), QStringLiteral("done"));
    QCOMPARE(entries[1]["digestAfter"_L1].toString(), wanted);
    QVERIFY2(entries[1]["note"_L1].toString().contains("resolved"_L1), qPrintable(entries[1]["note"_L1].toString()));
    const CtlRun again = ctl(name, { QStringLiteral("promote"), name, QStringLiteral("1.0.0") });
    QCOMPARE(history(name).size(), 2); // resolved once, not at every run
    QVERIFY2(again.exitCode == 3, qPrintable(again.describe()));
    const CtlRun verify = ctl(name, { QStringLiteral("journal"), QStringLiteral("verify") });
    QVERIFY2(verify.exitCode == 0, qPrintable(verify.describe()));
}

void TestLyingRegistry::refreshResolvesAKilledWrite()
{
    const QString name = QStringLiteral("killed-refresh");
    const QString wanted = killPromotionDuringTagWrite(name, 12);
    QVERIFY2(!wanted.isEmpty(), "the registry did not get the tag's PUT before gantryctl was killed");
    const CtlRun refresh = ctl(name, { QStringLiteral("refresh"), name });
    QVERIFY2(refresh.exitCode == 0, qPrintable(refresh.describe()));
    QJsonArray entries = history(name);
    QStringList outcomes;
    for (const auto& entry : entries)
        outcomes << entry["action"_L1].toString() + QLatin1Char(' ') + entry["outcome"_L1].toString();
    QVERIFY2(outcomes.startsWith(QStringLiteral("promote started")) && outcomes.contains("promote done"_L1),
        qPrintable(outcomes.join(", "_L1)));
    const CtlRun next = ctl(name, { QStringLiteral("promote"), name, QStringLiteral("1.0.0") });
    QVERIFY2(next.exitCode == 3 && next.err.contains("soaks until"), qPrintable(next.describe()));
}

QTEST_GUILESS_MAIN(TestLyingRegistry)
#include "tst_lyingregistry.moc"
