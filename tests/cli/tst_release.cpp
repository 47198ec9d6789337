// The release commands end to end: a three-stage pipeline over two real registries (the last one
// behind TLS and Basic auth), gantryctl as a CI job runs it, skopeo as the witness of what landed
// and the journal read back through gantryctl itself.
#include "tests/support/ctlsandbox.h"
#include "tests/support/imagefixture.h"
#include "tests/support/skopeo.h"
#include "tests/support/testregistry.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace gantry::test;

// How a test's pipeline differs from the plain one.
struct StageOptions
{
    QString etSoak = QStringLiteral("0s");
    QJsonArray prodFreezes {};
    QJsonObject ffRetention {}; // empty: none
    QJsonArray clusters {};
};

class TestRelease : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void promotesThroughStagesKeepingTheDigest();
    void refusalsChangeNothing_data();
    void refusalsChangeNothing();
    void forceOverridesAndIsJournaled();
    void dryRunWritesNothing();
    void stableTagsOnlyReleases();
    void refreshRecordsTagMovements();
    void retentionShowsExpiryAndApplies();
    void journalDetectsATamperedRow();
    void badWorkspaceIsNamed();

private:
    // Writes ws-<name>.json: pipeline <name> of ff and et on the plain registry (repositories
    // <name>/ff, <name>/et) and prod on the secure one (<name>/prod, -stable, floating `prod`).
    QString writeWorkspace(const QString& name, const StageOptions& options = StageOptions());
    CtlRun ctl(const QString& name, QStringList arguments);
    // The journal of pipeline <name>, as `gantryctl history --json` shows it.
    // Without the "started" entries written before each registry write, unless asked for.
    QJsonArray history(const QString& name, bool withIntents = false);
    QString push(const QString& repository, const QString& tag, quint64 seed);

    const QString m_user = QStringLiteral("release-manager");
    const QString m_password = QStringLiteral("Pw-release-3c9e1a7f");
    TestRegistry m_plain { TestRegistry::Mode::Plain };
    TestRegistry m_secure { TestRegistry::Options {
        .mode = TestRegistry::Mode::BasicTls, .username = m_user, .password = m_password } };
    Sandbox m_sandbox;
};

void TestRelease::initTestCase()
{
    QVERIFY2(m_plain.start(), qPrintable(m_plain.errorString()));
    QVERIFY2(m_secure.start(), qPrintable(m_secure.errorString()));
    QVERIFY(m_sandbox.isValid());
    QVERIFY(m_sandbox.installCa(m_secure));
    const QString auth = QString::fromLatin1((m_user + QLatin1Char(':') + m_password).toUtf8().toBase64());
    QVERIFY(m_sandbox.writeDockerConfig(QJsonObject { { QStringLiteral("auths"),
        QJsonObject { { m_secure.host(), QJsonObject { { QStringLiteral("auth"), auth } } } } } }));
}

QString TestRelease::writeWorkspace(const QString& name, const StageOptions& options)
{
    QJsonObject ff { { QStringLiteral("name"), QStringLiteral("ff") },
        { QStringLiteral("registry"), QStringLiteral("plain") },
        { QStringLiteral("repository"), name + QStringLiteral("/ff") } };
    QJsonObject retentionPolicies;
    if (!options.ffRetention.isEmpty()) {
        ff.insert(QStringLiteral("retention"), QStringLiteral("ff-policy"));
        retentionPolicies.insert(QStringLiteral("ff-policy"), options.ffRetention);
    }
    const QJsonObject et { { QStringLiteral("name"), QStringLiteral("et") },
        { QStringLiteral("registry"), QStringLiteral("plain") },
        { QStringLiteral("repository"), name + QStringLiteral("/et") },
        { QStringLiteral("minimumSoak"), options.etSoak } };
    const QJsonObject prod { { QStringLiteral("name"), QStringLiteral("prod") },
        { QStringLiteral("registry"), QStringLiteral("secure") },
        { QStringLiteral("repository"), name + QStringLiteral("/prod") },
        { QStringLiteral("floatingTags"), QJsonArray { QStringLiteral("prod") } },
        { QStringLiteral("freezes"), options.prodFreezes } };
    const QJsonObject workspace {
        { QStringLiteral("registries"),
            QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("plain") },
                             { QStringLiteral("url"), m_plain.host() } },
                QJsonObject { { QStringLiteral("name"), QStringLiteral("secure") },
                    { QStringLiteral("url"), QStringLiteral("https://") + m_secure.host() } } } },
        { QStringLiteral("retentionPolicies"), retentionPolicies },
        { QStringLiteral("pipelines"),
            QJsonArray { QJsonObject { { QStringLiteral("name"), name },
                { QStringLiteral("stableTagStages"), QJsonArray { QStringLiteral("prod") } },
                { QStringLiteral("stages"), QJsonArray { ff, et, prod } } } } },
        { QStringLiteral("clusters"), options.clusters },
    };
    const QString file = QStringLiteral("ws-") + name + QStringLiteral(".json");
    m_sandbox.writeJson(file, workspace);
    return m_sandbox.path(file);
}

CtlRun TestRelease::ctl(const QString& name, QStringList arguments)
{
    arguments.prepend(m_sandbox.path(QStringLiteral("journal-") + name + QStringLiteral(".sqlite")));
    arguments.prepend(QStringLiteral("--journal"));
    arguments.prepend(m_sandbox.path(QStringLiteral("ws-") + name + QStringLiteral(".json")));
    arguments.prepend(QStringLiteral("--workspace"));
    CtlRun run = m_sandbox.run(arguments);
    // No run ever shows the registry password, whatever it does.
    if (run.out.contains(m_password.toUtf8()) || run.err.contains(m_password.toUtf8()))
        qFatal("a gantryctl run printed the registry password");
    return run;
}

QJsonArray TestRelease::history(const QString& name, bool withIntents)
{
    const CtlRun run = ctl(name, { QStringLiteral("--json"), QStringLiteral("history") });
    if (run.exitCode != 0)
        qWarning("%s", qPrintable(run.describe()));
    QJsonArray entries;
    for (const auto& entry : run.json().array()) {
        if (withIntents || entry[QStringLiteral("outcome")].toString() != QStringLiteral("started"))
            entries.append(entry);
    }
    return entries;
}

QString TestRelease::push(const QString& repository, const QString& tag, quint64 seed)
{
    ImageSpec spec;
    spec.layerCount = 2;
    spec.seed = seed;
    auto image = ImageFixture(m_plain).push(repository, tag, spec);
    return image ? image->digest : QString();
}

void TestRelease::promotesThroughStagesKeepingTheDigest()
{
    const QString name = QStringLiteral("flow");
    writeWorkspace(name, StageOptions { .etSoak = QStringLiteral("1s") });
    const QString digest = push(name + QStringLiteral("/ff"), QStringLiteral("2.2.4"), 1);
    QVERIFY(!digest.isEmpty());

    // Default stages: from the last one that has it (ff) to the next (et).
    CtlRun first = ctl(name, { QStringLiteral("promote"), name, QStringLiteral("2.2.4") });
    QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));
    QVERIFY2(first.out.contains("ff → et"), qPrintable(first.describe()));
    QTest::qWait(1100); // et's soak time
    CtlRun second = ctl(name, { QStringLiteral("--json"), QStringLiteral("promote"), name, QStringLiteral("2.2.4") });
    QVERIFY2(second.exitCode == 0, qPrintable(second.describe()));
    const QJsonObject plan = second.json().object();
    QCOMPARE(plan.value(QStringLiteral("from")).toString(), QStringLiteral("et"));
    QCOMPARE(plan.value(QStringLiteral("to")).toString(), QStringLiteral("prod"));
    QCOMPARE(plan.value(QStringLiteral("stableWritten")).toBool(), true);

    // The witness: the same digest in every stage, -stable beside the version in prod.
    const Skopeo plain(m_plain);
    const Skopeo secure(m_secure);
    const auto inEt = plain.digestOf(name + QStringLiteral("/et:2.2.4"));
    const auto inProd = secure.digestOf(name + QStringLiteral("/prod:2.2.4"));
    const auto stable = secure.digestOf(name + QStringLiteral("/prod:2.2.4-stable"));
    QVERIFY2(inEt && inProd && stable, why(inEt));
    QCOMPARE(*inEt, digest);
    QCOMPARE(*inProd, digest);
    QCOMPARE(*stable, digest);
    const auto prodTags = secure.listTags(name + QStringLiteral("/prod"));
    QVERIFY(prodTags);
    QCOMPARE(*prodTags, QStringList({ QStringLiteral("2.2.4"), QStringLiteral("2.2.4-stable") }));

    // The journal: who did what, with digests; the prod writes by the registry user.
    const QJsonArray entries = history(name);
    QCOMPARE(entries.size(), 3);
    QStringList actions;
    for (const auto& value : entries)
        actions << value[QStringLiteral("action")].toString() + QLatin1Char(' ')
                + value[QStringLiteral("stage")].toString();
    QCOMPARE(actions,
        QStringList({ QStringLiteral("promote et"), QStringLiteral("promote prod"), QStringLiteral("stable prod") }));
    QCOMPARE(entries[1][QStringLiteral("actor")].toString(), m_user);
    QCOMPARE(entries[1][QStringLiteral("digestAfter")].toString(), digest);
    QCOMPARE(entries[1][QStringLiteral("outcome")].toString(), QStringLiteral("done"));
    QCOMPARE(entries[2][QStringLiteral("tag")].toString(), QStringLiteral("2.2.4-stable"));

    // Each write was announced before it was made, so a crash in between leaves a trace.
    const QJsonArray all = history(name, true);
    QCOMPARE(all.size(), 6);
    for (int i = 0; i < all.size(); i += 2) {
        QCOMPARE(all[i][QStringLiteral("outcome")].toString(), QStringLiteral("started"));
        QCOMPARE(all[i][QStringLiteral("action")].toString(), all[i + 1][QStringLiteral("action")].toString());
        QCOMPARE(all[i][QStringLiteral("tag")].toString(), all[i + 1][QStringLiteral("tag")].toString());
    }

    // Running it again: already in the last stage, nothing written, nothing journaled.
    CtlRun again = ctl(name, { QStringLiteral("promote"), name, QStringLiteral("2.2.4") });
    QVERIFY2(again.exitCode == 0 && again.out.contains("nothing to do"), qPrintable(again.describe()));
    QCOMPARE(history(name).size(), 3);
    CtlRun verify = ctl(name, { QStringLiteral("journal"), QStringLiteral("verify") });
    QVERIFY2(verify.exitCode == 0 && verify.out.contains("6 rows, hash chain intact"), qPrintable(verify.describe()));
}

void TestRelease::refusalsChangeNothing_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("guard");
    QTest::addColumn<QString>("wayOut");

    QTest::newRow("version tag moved") << QStringLiteral("immutable") << QStringLiteral("immutable tag")
                                       << QStringLiteral("--force");
    QTest::newRow("soaking") << QStringLiteral("soak") << QStringLiteral("soaks until") << QStringLiteral("wait until");
    QTest::newRow("frozen") << QStringLiteral("freeze") << QStringLiteral("frozen until")
                            << QStringLiteral("wait until");
    QTest::newRow("-stable elsewhere") << QStringLiteral("stable") << QStringLiteral("never overwritten")
                                       << QStringLiteral("delete the wrong one");
    QTest::newRow("no such tag") << QStringLiteral("missing") << QStringLiteral("in no stage")
                                 << QStringLiteral("gantryctl tags");
    QTest::newRow("skipping a stage") << QStringLiteral("skip") << QStringLiteral("would skip et")
                                      << QStringLiteral("promote to et first");
}

void TestRelease::refusalsChangeNothing()
{
    QFETCH(QString, scenario);
    QFETCH(QString, guard);
    QFETCH(QString, wayOut);
    const QString name = QStringLiteral("refuse-") + scenario;
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    StageOptions options;
    if (scenario == QStringLiteral("soak"))
        options.etSoak = QStringLiteral("1d");
    if (scenario == QStringLiteral("freeze")) {
        options.prodFreezes = QJsonArray { QJsonObject {
            { QStringLiteral("from"), QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate) },
            { QStringLiteral("until"), QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate) },
            { QStringLiteral("reason"), QStringLiteral("release weekend") } } };
    }
    writeWorkspace(name, options);
    QVERIFY(!push(name + QStringLiteral("/ff"), QStringLiteral("3.0.0"), 11).isEmpty());
    QStringList arguments { QStringLiteral("promote"), name, QStringLiteral("3.0.0") };
    if (scenario == QStringLiteral("immutable")) {
        QVERIFY(!push(name + QStringLiteral("/et"), QStringLiteral("3.0.0"), 12).isEmpty());
        arguments << QStringLiteral("--from") << QStringLiteral("ff");
    } else if (scenario == QStringLiteral("skip")) {
        arguments << QStringLiteral("--from") << QStringLiteral("ff") << QStringLiteral("--to")
                  << QStringLiteral("prod");
    } else if (scenario == QStringLiteral("missing")) {
        arguments[2] = QStringLiteral("9.9.9");
    } else {
        // In et first, by a promotion of its own (which starts et's soak clock in the journal).
        const CtlRun toEt = ctl(name, { QStringLiteral("promote"), name, QStringLiteral("3.0.0") });
        QVERIFY2(toEt.exitCode == 0, qPrintable(toEt.describe()));
        if (scenario == QStringLiteral("stable")) {
            auto other = ImageFixture(m_secure).push(
                name + QStringLiteral("/prod"), QStringLiteral("3.0.0-stable"), ImageSpec { .seed = 13 });
            QVERIFY2(other, why(other));
        }
    }
    const Skopeo plain(m_plain);
    const Skopeo secure(m_secure);
    // Every tag of both destination stages and where it points: a refusal must change none of them.
    const auto stateOf = [&] {
        QStringList state;
        for (const auto& [skopeo, repository] : { std::pair { &plain, name + QStringLiteral("/et") },
                 std::pair { &secure, name + QStringLiteral("/prod") } }) {
            for (const QString& tag : skopeo->listTags(repository).value_or(QStringList {}))
                state << repository + QLatin1Char(':') + tag + QLatin1Char('=')
                        + skopeo->digestOf(repository + QLatin1Char(':') + tag).value_or(QStringLiteral("?"));
        }
        return state;
    };
    const QStringList before = stateOf();
    const QJsonArray journalBefore = history(name);

    const CtlRun refused = ctl(name, arguments);
    QVERIFY2(refused.exitCode == 3, qPrintable(refused.describe()));
    QVERIFY2(refused.err.contains("refused") && refused.err.contains(guard.toUtf8())
            && refused.err.contains(wayOut.toUtf8()),
        qPrintable(refused.describe()));
    QCOMPARE(refused.err.count('\n'), 1); // one line a CI log shows in full

    QCOMPARE(stateOf(), before);
    QCOMPARE(history(name), journalBefore);
    const CtlRun verify = ctl(name, { QStringLiteral("journal"), QStringLiteral("verify") });
    QVERIFY2(verify.exitCode == 0, qPrintable(verify.describe()));
}

void TestRelease::forceOverridesAndIsJournaled()
{
    const QString name = QStringLiteral("force");
    writeWorkspace(name);
    const QString wanted = push(name + QStringLiteral("/ff"), QStringLiteral("5.0.0"), 21);
    QVERIFY(!push(name + QStringLiteral("/et"), QStringLiteral("5.0.0"), 22).isEmpty());
    const CtlRun forced = ctl(name,
        { QStringLiteral("promote"), name, QStringLiteral("5.0.0"), QStringLiteral("--from"), QStringLiteral("ff"),
            QStringLiteral("--force") });
    QVERIFY2(forced.exitCode == 0 && forced.out.contains("FORCED"), qPrintable(forced.describe()));
    QCOMPARE(Skopeo(m_plain).digestOf(name + QStringLiteral("/et:5.0.0")).value_or(QString()), wanted);
    const QJsonArray entries = history(name);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries[0][QStringLiteral("outcome")].toString(), QStringLiteral("forced"));
    QVERIFY(entries[0][QStringLiteral("note")].toString().contains(QStringLiteral("forced past immutable tag")));
    QVERIFY(!entries[0][QStringLiteral("digestBefore")].toString().isEmpty());
    QVERIFY(entries[0][QStringLiteral("digestBefore")].toString() != wanted);
}

void TestRelease::dryRunWritesNothing()
{
    const QString name = QStringLiteral("dry");
    writeWorkspace(name);
    QVERIFY(!push(name + QStringLiteral("/ff"), QStringLiteral("6.0.0"), 31).isEmpty());
    const CtlRun dry
        = ctl(name, { QStringLiteral("promote"), name, QStringLiteral("6.0.0"), QStringLiteral("--dry-run") });
    QVERIFY2(dry.exitCode == 0 && dry.out.contains("dry run: nothing written") && dry.out.contains("ff → et"),
        qPrintable(dry.describe()));
    QCOMPARE(Skopeo(m_plain).exists(name + QStringLiteral("/et:6.0.0")).value_or(true), false);
    QCOMPARE(history(name).size(), 0);
}

void TestRelease::stableTagsOnlyReleases()
{
    const QString name = QStringLiteral("stable");
    writeWorkspace(name);
    const QString repository = name + QStringLiteral("/ff");
    const QString final = push(repository, QStringLiteral("2.2.4"), 41);
    QVERIFY(!push(repository, QStringLiteral("2.2.5rc1"), 42).isEmpty());
    QVERIFY(!push(repository, QStringLiteral("2.2.6"), 43).isEmpty());
    QVERIFY(!push(repository, QStringLiteral("2.2.6-stable"), 44).isEmpty()); // another image
    const auto reference = [&](const char* tag) {
        return m_plain.host() + QLatin1Char('/') + repository + QLatin1Char(':') + QLatin1String(tag);
    };

    const CtlRun written = ctl(name, { QStringLiteral("stable"), reference("2.2.4") });
    QVERIFY2(written.exitCode == 0, qPrintable(written.describe()));
    QCOMPARE(Skopeo(m_plain).digestOf(repository + QStringLiteral(":2.2.4-stable")).value_or(QString()), final);
    const CtlRun again = ctl(name, { QStringLiteral("stable"), reference("2.2.4") });
    QVERIFY2(again.exitCode == 0 && again.out.contains("nothing to do"), qPrintable(again.describe()));

    // Refusals: nothing asked of the registry for a tag that is no release, nothing written.
    m_plain.clearAccessLog();
    for (const char* tag : { "2.2.5rc1", "v2.2.4", "2.2.4-stable", "latest" }) {
        const CtlRun refused = ctl(name, { QStringLiteral("stable"), reference(tag) });
        QVERIFY2(refused.exitCode == 3 && refused.err.contains("only a final (X.Y.Z) or patch (X.Y.Z.W) release"),
            qPrintable(refused.describe()));
    }
    QCOMPARE(m_plain.accessLog().size(), 0);
    const CtlRun conflict = ctl(name, { QStringLiteral("stable"), reference("2.2.6") });
    QVERIFY2(conflict.exitCode == 3 && conflict.err.contains("never overwritten"), qPrintable(conflict.describe()));
    const auto tags = Skopeo(m_plain).listTags(repository);
    QVERIFY(tags);
    QCOMPARE(*tags,
        QStringList({ QStringLiteral("2.2.4"), QStringLiteral("2.2.4-stable"), QStringLiteral("2.2.5rc1"),
            QStringLiteral("2.2.6"), QStringLiteral("2.2.6-stable") }));
    QCOMPARE(history(name).size(), 1);
}

void TestRelease::refreshRecordsTagMovements()
{
    const QString name = QStringLiteral("moves");
    writeWorkspace(name);
    const QString repository = name + QStringLiteral("/ff");
    const QString first = push(repository, QStringLiteral("latest"), 51);
    QVERIFY(!push(repository, QStringLiteral("1.0.0"), 52).isEmpty());
    const CtlRun refresh = ctl(name, { QStringLiteral("refresh"), name });
    QVERIFY2(refresh.exitCode == 0 && refresh.out.contains("2 tags, 2 movements"), qPrintable(refresh.describe()));

    // Someone else moves `latest` and removes 1.0.0 behind Gantry's back.
    const QString second = push(repository, QStringLiteral("latest"), 53);
    const QString gone = Skopeo(m_plain).digestOf(repository + QStringLiteral(":1.0.0")).value_or(QString());
    QCOMPARE(
        m_plain.request("DELETE", QStringLiteral("/v2/") + repository + QStringLiteral("/manifests/") + gone).status,
        202);
    const CtlRun again = ctl(name, { QStringLiteral("--json"), QStringLiteral("refresh"), name });
    QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));

    const QJsonArray entries = history(name);
    QStringList seen;
    for (const auto& value : entries) {
        seen << value[QStringLiteral("action")].toString() + QLatin1Char(' ') + value[QStringLiteral("tag")].toString()
                + QLatin1Char(' ') + value[QStringLiteral("digestBefore")].toString() + QStringLiteral(" → ")
                + value[QStringLiteral("digestAfter")].toString();
    }
    seen.sort();
    QCOMPARE(seen,
        QStringList({ QStringLiteral("appeared 1.0.0  → ") + gone, QStringLiteral("appeared latest  → ") + first,
            QStringLiteral("disappeared 1.0.0 ") + gone + QStringLiteral(" → "),
            QStringLiteral("moved latest ") + first + QStringLiteral(" → ") + second }));
    // A third refresh with nothing changed records nothing.
    QVERIFY(ctl(name, { QStringLiteral("refresh"), name }).exitCode == 0);
    QCOMPARE(history(name).size(), 4);
    // history by reference: only that tag.
    const CtlRun latest = ctl(name,
        { QStringLiteral("--json"), QStringLiteral("history"),
            m_plain.host() + QLatin1Char('/') + repository + QStringLiteral(":latest") });
    QCOMPARE(latest.json().array().size(), 2);
    // First and last seen: `latest` at its first digest until it moved, 1.0.0 gone.
    const CtlRun sighted = ctl(name,
        { QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("--seen"),
            m_plain.host() + QLatin1Char('/') + repository });
    QVERIFY2(sighted.exitCode == 0, qPrintable(sighted.describe()));
    QStringList sightings;
    for (const auto& value : sighted.json().array())
        sightings << value[QStringLiteral("tag")].toString() + QLatin1Char('@')
                + value[QStringLiteral("digest")].toString()
                + (value[QStringLiteral("present")].toBool() ? QStringLiteral(" here") : QStringLiteral(" gone"));
    sightings.sort();
    QStringList expected { QStringLiteral("1.0.0@") + gone + QStringLiteral(" gone"),
        QStringLiteral("latest@") + first + QStringLiteral(" gone"),
        QStringLiteral("latest@") + second + QStringLiteral(" here") };
    expected.sort();
    QCOMPARE(sightings, expected);
    const CtlRun csv = ctl(name, { QStringLiteral("history"), name, QStringLiteral("--csv") });
    QVERIFY2(csv.exitCode == 0 && csv.out.count('\n') == 5, qPrintable(csv.describe()));
}

void TestRelease::retentionShowsExpiryAndApplies()
{
    const QString name = QStringLiteral("retention");
    const QString repository = name + QStringLiteral("/ff");
    StageOptions options;
    options.ffRetention = QJsonObject { { QStringLiteral("rules"),
        QJsonArray {
            QJsonObject { { QStringLiteral("keep"), QStringLiteral("latest") }, { QStringLiteral("count"), 1 } },
            QJsonObject { { QStringLiteral("keep"), QStringLiteral("always") },
                { QStringLiteral("tags"), QStringLiteral("keep-.*") } } } } };
    options.clusters = QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("training-a") },
        { QStringLiteral("server"), QStringLiteral("https://127.0.0.1:1") },
        { QStringLiteral("image"), m_plain.host() + QLatin1Char('/') + repository + QStringLiteral(":1.0.1") } } };
    writeWorkspace(name, options);
    // Registries do not tell push times; the journal knows them between two refreshes. The first
    // refresh (of an empty stage) starts the clock; each push then lands between two refreshes a
    // second apart, so their order is known.
    const auto refresh = [&] {
        QTest::qWait(1100);
        return ctl(name, { QStringLiteral("refresh"), name }).exitCode == 0;
    };
    QVERIFY(refresh());
    const QString oldest = push(repository, QStringLiteral("1.0.0"), 61);
    QVERIFY(refresh());
    const QString runByCluster = push(repository, QStringLiteral("1.0.1"), 62);
    QVERIFY(refresh());
    const QString pinned = push(repository, QStringLiteral("keep-me"), 63);
    QVERIFY(refresh());
    const QString newest = push(repository, QStringLiteral("1.0.2"), 64);
    QVERIFY(refresh());

    const CtlRun shown = ctl(name,
        { QStringLiteral("--json"), QStringLiteral("retention"), name, QStringLiteral("--stage"),
            QStringLiteral("ff") });
    QVERIFY2(shown.exitCode == 0, qPrintable(shown.describe()));
    const QJsonArray stages = shown.json().array();
    QCOMPARE(stages.size(), 1);
    QMap<QString, QString> statusOf;
    QMap<QString, bool> clusterAtRisk;
    for (const auto& artifact : stages[0][QStringLiteral("artifacts")].toArray()) {
        statusOf[artifact[QStringLiteral("digest")].toString()] = artifact[QStringLiteral("status")].toString();
        clusterAtRisk[artifact[QStringLiteral("digest")].toString()]
            = artifact[QStringLiteral("clusterAtRisk")].toBool();
    }
    QCOMPARE(statusOf.value(newest), QStringLiteral("keptWhileNewest"));
    QCOMPARE(statusOf.value(pinned), QStringLiteral("keptForever"));
    QCOMPARE(statusOf.value(oldest), QStringLiteral("expired"));
    QCOMPARE(statusOf.value(runByCluster), QStringLiteral("expired"));
    QCOMPARE(clusterAtRisk.value(runByCluster), true);
    QCOMPARE(clusterAtRisk.value(oldest), false);

    const CtlRun applied = ctl(name,
        { QStringLiteral("retention"), name, QStringLiteral("--stage"), QStringLiteral("ff"),
            QStringLiteral("--apply") });
    QVERIFY2(applied.exitCode == 0 && applied.out.contains("run by training-a"), qPrintable(applied.describe()));
    const auto left = Skopeo(m_plain).listTags(repository);
    QVERIFY(left);
    QCOMPARE(*left, QStringList({ QStringLiteral("1.0.1"), QStringLiteral("1.0.2"), QStringLiteral("keep-me") }));
    const QJsonArray entries = history(name);
    const QJsonObject last = entries.last().toObject();
    QCOMPARE(last[QStringLiteral("action")].toString(), QStringLiteral("delete"));
    QCOMPARE(last[QStringLiteral("digestBefore")].toString(), oldest);
    QCOMPARE(last[QStringLiteral("outcome")].toString(), QStringLiteral("done"));
}

void TestRelease::journalDetectsATamperedRow()
{
    const QString name = QStringLiteral("tamper");
    writeWorkspace(name);
    QVERIFY(!push(name + QStringLiteral("/ff"), QStringLiteral("7.0.0"), 71).isEmpty());
    QVERIFY(!push(name + QStringLiteral("/ff"), QStringLiteral("7.0.1"), 72).isEmpty());
    QVERIFY(ctl(name, { QStringLiteral("refresh"), name }).exitCode == 0);
    QVERIFY(ctl(name, { QStringLiteral("promote"), name, QStringLiteral("7.0.0") }).exitCode == 0);
    QVERIFY(ctl(name, { QStringLiteral("journal"), QStringLiteral("verify") }).exitCode == 0);
    {
        auto database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        database.setDatabaseName(m_sandbox.path(QStringLiteral("journal-tamper.sqlite")));
        QVERIFY(database.open());
        QStringList tables = database.tables();
        QVERIFY2(tables.contains(QStringLiteral("entries")), qPrintable(tables.join(QLatin1Char(','))));
        QSqlQuery query(database);
        QVERIFY(query.exec(QStringLiteral("UPDATE entries SET actor = 'someone-else' WHERE id = 2")));
        QCOMPARE(query.numRowsAffected(), 1);
        database.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    const CtlRun verify = ctl(name, { QStringLiteral("journal"), QStringLiteral("verify") });
    QVERIFY2(verify.exitCode == 1 && verify.err.contains("broken at row 2"), qPrintable(verify.describe()));
}

void TestRelease::badWorkspaceIsNamed()
{
    m_sandbox.writeFile(QStringLiteral("ws-bad.json"),
        R"({ "pipelines": [ { "name": "x", "stages": [ { "name": "a", "registry": "nowhere", "repository": "x/a" } ] } ] })");
    const CtlRun bad
        = ctl(QStringLiteral("bad"), { QStringLiteral("promote"), QStringLiteral("x"), QStringLiteral("1.0.0") });
    QVERIFY2(bad.exitCode == 2 && bad.err.contains(R"(pipelines[0].stages[0].registry: no registry named "nowhere")"),
        qPrintable(bad.describe()));
    writeWorkspace(QStringLiteral("bad"));
    const CtlRun unknown
        = ctl(QStringLiteral("bad"), { QStringLiteral("promote"), QStringLiteral("nope"), QStringLiteral("1.0.0") });
    QVERIFY2(unknown.exitCode == 2 && unknown.err.contains(R"(no pipeline "nope" (pipelines: bad))"),
        qPrintable(unknown.describe()));
    const CtlRun badTag
        = ctl(QStringLiteral("bad"), { QStringLiteral("promote"), QStringLiteral("bad"), QStringLiteral("-x") });
    QCOMPARE(badTag.exitCode, 2);
    const CtlRun foreign
        = ctl(QStringLiteral("bad"), { QStringLiteral("tags"), QStringLiteral("--dry-run"), QStringLiteral("a/b") });
    QVERIFY2(foreign.exitCode == 2 && foreign.err.contains("--dry-run"), qPrintable(foreign.describe()));
}

QTEST_GUILESS_MAIN(TestRelease)
#include "tst_release.moc"
