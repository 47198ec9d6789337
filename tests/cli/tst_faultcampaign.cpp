// A fault campaign: promotions within and between two real registries and copies between them, run
// by gantryctl as a CI job would while a FaultProxy in front of each registry drops, stalls,
// truncates, flips, lies and answers 429/5xx at requests chosen at random (seeded), and now and then
// gantryctl is killed while its tag write waits for an answer. After every run the registries are
// read directly (skopeo, and HEADs that bypass the proxies) and the journal is read back:
//   - no tag is wrong (every tag written is at its source's digest) or half-written (all its
//     manifests and blobs are there);
//   - no journal row disagrees with the registry (a "done" row names the digest the tag holds; a
//     "failed" one stands for a tag that is not there), and a clean rerun resolves every "started";
//   - every run ends within its deadline.
// At least 200 faults are injected; the figures are printed. GANTRY_CAMPAIGN_SEED chooses the seed.
#include "tests/support/ctlsandbox.h"
#include "tests/support/faultproxy.h"
#include "tests/support/httpprobe.h"
#include "tests/support/imagefixture.h"
#include "tests/support/skopeo.h"
#include "tests/support/testregistry.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <atomic>
#include <mutex>
#include <tuple>

using namespace gantry::test;

namespace {

constexpr int versionCount = 48;
constexpr int faultsWanted = 200;
constexpr double faultProbability = 0.2; // per request of a faulted run
constexpr int maxFaultsPerRun = 4;
constexpr int killEvery = 9; // every ninth operation is killed while its tag write waits
const QString timeoutSeconds = QStringLiteral("3");

// One operation of the campaign, as gantryctl's arguments and the tag it must leave.
struct Operation
{
    QString describe;
    QStringList arguments;
    const TestRegistry* registry = nullptr; // where the tag lands
    QString repository; // there
    QString tag;
    QString stage; // the pipeline stage, empty for a copy (which has no journal)
    QString expectedDigest;
    QStringList expectedManifests; // children of an index
    QStringList expectedBlobs;
};

QString versionName(int index)
{
    // Finals (which also get -stable in prod) and release candidates.
    return index % 3 == 2 ? QStringLiteral("1.%1.0rc1").arg(index) : QStringLiteral("1.%1.0").arg(index);
}

bool isFinal(const QString& version)
{
    return !version.contains(QLatin1String("rc"));
}

} // namespace

class TestFaultCampaign : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void campaign();

private:
    void writeWorkspace();
    CtlRun ctl(QStringList arguments) const;
    QJsonArray history() const;
    // Installs a chooser on both proxies that faults requests at random, at most maxFaultsPerRun.
    void armFaults();
    void disarmFaults();
    // "" when the tag is absent or complete at the expected digest; else what is wrong.
    QString tagProblem(const Operation& operation, const QString& tag, bool mustExist);
    // "" when the journal agrees with the registry for the operation; rows after `afterId` only.
    QString journalProblem(const Operation& operation, qint64 afterId, bool mustBeResolved);
    qint64 lastJournalId() const;
    bool killWhileTagWriteWaits(const Operation& operation);

    TestRegistry m_staging { TestRegistry::Mode::Plain };
    TestRegistry m_production { TestRegistry::Mode::Plain };
    std::unique_ptr<FaultProxy> m_stagingProxy;
    std::unique_ptr<FaultProxy> m_productionProxy;
    Sandbox m_sandbox;
    QMap<QString, PushedImage> m_images; // by version
    QStringList m_allDigests; // what a lying header may claim

    std::mutex m_randomMutex;
    QRandomGenerator m_random;
    std::atomic_int m_faultsThisRun { 0 };
};

void TestFaultCampaign::initTestCase()
{
    QVERIFY2(m_staging.start(), qPrintable(m_staging.errorString()));
    QVERIFY2(m_production.start(), qPrintable(m_production.errorString()));
    m_stagingProxy = std::make_unique<FaultProxy>(m_staging);
    m_productionProxy = std::make_unique<FaultProxy>(m_production);
    QVERIFY2(m_stagingProxy->start(), qPrintable(m_stagingProxy->errorString()));
    QVERIFY2(m_productionProxy->start(), qPrintable(m_productionProxy->errorString()));
    QVERIFY(m_sandbox.isValid());

    const quint32 seed = qEnvironmentVariableIsSet("GANTRY_CAMPAIGN_SEED")
        ? qEnvironmentVariable("GANTRY_CAMPAIGN_SEED").toUInt()
        : 20261204;
    m_random.seed(seed);
    qInfo("fault campaign seed %u (GANTRY_CAMPAIGN_SEED)", seed);

    ImageFixture fixture(m_staging);
    for (int index = 0; index < versionCount; ++index) {
        ImageSpec spec;
        spec.layerCount = 2;
        spec.layerSize = 48 * 1024;
        spec.seed = 7000 + static_cast<quint64>(index);
        if (index % 4 == 1)
            spec.platforms = { QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64") };
        const QString version = versionName(index);
        auto image = fixture.push(QStringLiteral("shop/ff"), version, spec);
        QVERIFY2(image, why(image));
        m_images.insert(version, *image);
        m_allDigests << image->digest;
    }
    writeWorkspace();
}

void TestFaultCampaign::writeWorkspace()
{
    const auto stage = [](const QString& name, const QString& registry, const QString& repository) {
        return QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("registry"), registry },
            { QStringLiteral("repository"), repository }, { QStringLiteral("minimumSoak"), QStringLiteral("0s") } };
    };
    const QJsonObject workspace {
        { QStringLiteral("registries"),
            QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("staging") },
                             { QStringLiteral("url"), m_stagingProxy->host() } },
                QJsonObject { { QStringLiteral("name"), QStringLiteral("production") },
                    { QStringLiteral("url"), m_productionProxy->host() } } } },
        { QStringLiteral("pipelines"),
            QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("shop") },
                { QStringLiteral("stableTagStages"), QJsonArray { QStringLiteral("prod") } },
                { QStringLiteral("stages"),
                    QJsonArray { stage(QStringLiteral("ff"), QStringLiteral("staging"), QStringLiteral("shop/ff")),
                        stage(QStringLiteral("et"), QStringLiteral("staging"), QStringLiteral("shop/et")),
                        stage(QStringLiteral("prod"), QStringLiteral("production"),
                            QStringLiteral("shop/prod")) } } } } },
    };
    QVERIFY(m_sandbox.writeJson(QStringLiteral("workspace.json"), workspace));
}

CtlRun TestFaultCampaign::ctl(QStringList arguments) const
{
    arguments = QStringList { QStringLiteral("--workspace"), m_sandbox.path(QStringLiteral("workspace.json")),
        QStringLiteral("--journal"), m_sandbox.path(QStringLiteral("journal.sqlite")), QStringLiteral("--timeout"),
        timeoutSeconds }
        + arguments;
    return m_sandbox.run(arguments);
}

QJsonArray TestFaultCampaign::history() const
{
    const CtlRun run = ctl({ QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("shop") });
    if (run.exitCode != 0)
        qWarning("%s", qPrintable(run.describe()));
    return run.json().array();
}

qint64 TestFaultCampaign::lastJournalId() const
{
    qint64 last = 0;
    for (const auto& entry : history())
        last = std::max<qint64>(last, entry[QStringLiteral("id")].toInteger());
    return last;
}

void TestFaultCampaign::armFaults()
{
    m_faultsThisRun = 0;
    const auto chooser = [this](const QByteArray& method, const QByteArray& target) -> std::optional<FaultRule> {
        std::lock_guard lock(m_randomMutex);
        if (m_faultsThisRun >= maxFaultsPerRun || m_random.generateDouble() >= faultProbability)
            return std::nullopt;
        ++m_faultsThisRun;
        const bool manifest = target.contains("/manifests/");
        const bool hasBody = method == "GET";
        FaultRule rule;
        rule.stall = std::chrono::milliseconds(5000);
        // Stalls cost a timeout each, so they are a small share; lies go where they can mislead.
        const int pick = static_cast<int>(m_random.bounded(100));
        if (pick < 12)
            rule.fault = Fault::DropBeforeForward;
        else if (pick < 26)
            rule.fault = Fault::DropAfterForward;
        else if (pick < 34) {
            rule.fault = Fault::Answer;
            rule.status = 503;
        } else if (pick < 42) {
            rule.fault = Fault::Answer;
            rule.status = 429;
            rule.retryAfter = "1";
        } else if (pick < 46) {
            rule.fault = Fault::Answer;
            rule.status = 500;
        } else if (pick < 49)
            rule.fault = Fault::Stall;
        else if (pick < 52)
            rule.fault = Fault::StallAfterForward;
        else if (pick < 62 && hasBody) {
            rule.fault = Fault::TruncateBody;
            rule.keepBytes = static_cast<qsizetype>(m_random.bounded(64));
        } else if (pick < 72 && hasBody) {
            rule.fault = Fault::FlipBytes;
            rule.offset = static_cast<qsizetype>(m_random.bounded(400));
        } else if (pick < 92 && manifest) {
            rule.fault = Fault::LieHeader;
            rule.headerName = "Docker-Content-Digest";
            rule.headerValue = m_allDigests[static_cast<int>(m_random.bounded(m_allDigests.size()))].toLatin1();
        } else if (pick < 96 && hasBody) {
            // A redirect to where nothing listens: a CDN that went away.
            rule.fault = Fault::Redirect;
            rule.location = "http://127.0.0.1:9" + target;
        } else {
            rule.fault = Fault::DropAfterForward;
        }
        return rule;
    };
    m_stagingProxy->setChooser(chooser);
    m_productionProxy->setChooser(chooser);
}

void TestFaultCampaign::disarmFaults()
{
    m_stagingProxy->setChooser({});
    m_productionProxy->setChooser({});
}

QString TestFaultCampaign::tagProblem(const Operation& operation, const QString& tag, bool mustExist)
{
    const QString reference = operation.repository + QLatin1Char(':') + tag;
    Skopeo skopeo(*operation.registry);
    const auto exists = skopeo.exists(reference);
    if (!exists)
        return QStringLiteral("skopeo could not tell whether %1 exists: %2").arg(reference, exists.error());
    if (!*exists)
        return mustExist ? QStringLiteral("%1 is missing").arg(reference) : QString();
    const auto digest = skopeo.digestOf(reference);
    if (!digest)
        return QStringLiteral("skopeo could not read %1: %2").arg(reference, digest.error());
    if (*digest != operation.expectedDigest)
        return QStringLiteral("WRONG TAG: %1 is at %2, its source at %3")
            .arg(reference, *digest, operation.expectedDigest);
    // Complete: every manifest and blob of the image is in the repository (asked past the proxy).
    HttpProbe probe;
    const QString base = QStringLiteral("http://%1/v2/%2/").arg(operation.registry->host(), operation.repository);
    for (const auto& child : operation.expectedManifests) {
        const HttpReply reply = probe.request("HEAD", QUrl(base + QStringLiteral("manifests/") + child),
            { { "Accept",
                "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json" } });
        if (reply.status != 200)
            return QStringLiteral("HALF-WRITTEN: %1 lacks its manifest %2 (%3)")
                .arg(reference, child)
                .arg(reply.status);
    }
    for (const auto& blob : operation.expectedBlobs) {
        const HttpReply reply = probe.request("HEAD", QUrl(base + QStringLiteral("blobs/") + blob));
        if (reply.status != 200)
            return QStringLiteral("HALF-WRITTEN: %1 lacks its blob %2 (%3)").arg(reference, blob).arg(reply.status);
    }
    return {};
}

QString TestFaultCampaign::journalProblem(const Operation& operation, qint64 afterId, bool mustBeResolved)
{
    if (operation.stage.isEmpty())
        return {};
    Skopeo skopeo(*operation.registry);
    const auto heldDigest = [&](const QString& tag) -> QString {
        const auto digest = skopeo.digestOf(operation.repository + QLatin1Char(':') + tag);
        return digest ? *digest : QString();
    };
    const QStringList tags = isFinal(operation.tag) && operation.stage == QLatin1String("prod")
        ? QStringList { operation.tag, operation.tag + QStringLiteral("-stable") }
        : QStringList { operation.tag };
    const QJsonArray entries = history();
    for (const QString& tag : tags) {
        const QString held = heldDigest(tag);
        QJsonObject newest;
        bool openIntent = false;
        bool agreeingRow = false;
        for (const auto& value : entries) {
            const QJsonObject entry = value.toObject();
            if (entry[QStringLiteral("stage")].toString() != operation.stage
                || entry[QStringLiteral("tag")].toString() != tag)
                continue;
            const QString outcome = entry[QStringLiteral("outcome")].toString();
            const QString after = entry[QStringLiteral("digestAfter")].toString();
            const bool claimsWrite = outcome == QLatin1String("done") || outcome == QLatin1String("forced")
                || outcome == QLatin1String("unchanged") || outcome == QLatin1String("observed");
            // Any row, of any run, that says the tag is somewhere it is not.
            if (claimsWrite && entry[QStringLiteral("action")].toString() != QLatin1String("disappeared")
                && after != operation.expectedDigest)
                return QStringLiteral("journal row %1 says %2 %3 reached %4, its source is %5")
                    .arg(entry[QStringLiteral("id")].toInteger())
                    .arg(operation.stage, tag, after, operation.expectedDigest);
            if (claimsWrite && after == operation.expectedDigest)
                agreeingRow = true;
            // "unknown" (the write may have landed) stays open like "started" until a later run looks.
            if (outcome == QLatin1String("started") || outcome == QLatin1String("unknown"))
                openIntent = true;
            else if (entry[QStringLiteral("action")].toString() != QLatin1String("appeared"))
                openIntent = false;
            if (entry[QStringLiteral("id")].toInteger() > afterId && outcome != QLatin1String("started"))
                newest = entry;
        }
        const QString outcome = newest[QStringLiteral("outcome")].toString();
        if (outcome == QLatin1String("failed") && held == operation.expectedDigest)
            return QStringLiteral("journal row %1 says writing %2 %3 failed, and the registry holds it")
                .arg(newest[QStringLiteral("id")].toInteger())
                .arg(operation.stage, tag);
        if ((outcome == QLatin1String("done") || outcome == QLatin1String("unchanged"))
            && held != operation.expectedDigest)
            return QStringLiteral("journal row %1 says %2 %3 is %4, the registry holds %5")
                .arg(newest[QStringLiteral("id")].toInteger())
                .arg(operation.stage, tag, outcome, held.isEmpty() ? QStringLiteral("nothing") : held);
        if (mustBeResolved && openIntent)
            return QStringLiteral("a \"started\" row for %1 %2 is still unresolved after a clean rerun")
                .arg(operation.stage, tag);
        if (mustBeResolved && !agreeingRow)
            return QStringLiteral("no journal row tells that %1 %2 reached %3")
                .arg(operation.stage, tag, operation.expectedDigest);
    }
    return {};
}

bool TestFaultCampaign::killWhileTagWriteWaits(const Operation& operation)
{
    FaultProxy& proxy = operation.registry == &m_staging ? *m_stagingProxy : *m_productionProxy;
    FaultRule rule;
    rule.method = "PUT";
    rule.path = QStringLiteral("/manifests/") + QRegularExpression::escape(operation.tag) + QStringLiteral("$");
    rule.fault = Fault::StallAfterForward;
    rule.stall = std::chrono::milliseconds(20000);
    rule.times = 1;
    proxy.clearRules();
    proxy.addRule(rule);
    const int before = static_cast<int>(proxy.events().size());

    QProcess process;
    process.setProcessEnvironment(m_sandbox.environment());
    process.start(qEnvironmentVariable("GANTRYCTL"),
        QStringList { QStringLiteral("--workspace"), m_sandbox.path(QStringLiteral("workspace.json")),
            QStringLiteral("--journal"), m_sandbox.path(QStringLiteral("journal.sqlite")) }
            + operation.arguments);
    const auto stalled = proxy.waitForEvent(
        [before](const FaultEvent& event) {
            // Killed once the registry has answered the write, before gantryctl hears of it.
            return event.sequence > before && event.fault == Fault::StallAfterForward && event.upstreamStatus != 0;
        },
        std::chrono::milliseconds(20000));
    process.kill(); // SIGKILL, as an OOM killer or a cancelled CI job does
    process.waitForFinished(5000);
    proxy.clearRules();
    return stalled.has_value();
}

void TestFaultCampaign::campaign()
{
    int operations = 0, faultedRuns = 0, failedRuns = 0, kills = 0;
    qint64 longestRunMs = 0;
    QMap<QString, int> faultsByKind;
    const auto injectedSoFar = [&] { return m_stagingProxy->faults().size() + m_productionProxy->faults().size(); };

    for (auto image = m_images.cbegin(); image != m_images.cend() && injectedSoFar() < faultsWanted; ++image) {
        const QString version = image.key();
        const PushedImage& pushed = image.value();
        const QList<Operation> steps {
            { QStringLiteral("promote %1 to et").arg(version),
                { QStringLiteral("promote"), QStringLiteral("shop"), version, QStringLiteral("--to"),
                    QStringLiteral("et") },
                &m_staging, QStringLiteral("shop/et"), version, QStringLiteral("et"), pushed.digest,
                pushed.childDigests, pushed.blobDigests },
            { QStringLiteral("promote %1 to prod").arg(version),
                { QStringLiteral("promote"), QStringLiteral("shop"), version, QStringLiteral("--to"),
                    QStringLiteral("prod") },
                &m_production, QStringLiteral("shop/prod"), version, QStringLiteral("prod"), pushed.digest,
                pushed.childDigests, pushed.blobDigests },
            { QStringLiteral("copy %1 between the registries").arg(version),
                { QStringLiteral("copy"), m_stagingProxy->host() + QStringLiteral("/shop/ff:") + version,
                    m_productionProxy->host() + QStringLiteral("/mirror/shop:") + version },
                &m_production, QStringLiteral("mirror/shop"), version, QString(), pushed.digest, pushed.childDigests,
                pushed.blobDigests },
        };
        for (const Operation& operation : steps) {
            ++operations;
            const qint64 before = lastJournalId();
            const qsizetype stagingMark = m_stagingProxy->events().size();
            const qsizetype productionMark = m_productionProxy->events().size();
            // What the proxies did during this operation's faulted run, for a failure's message.
            const auto faultLog = [&] {
                QString log = QStringLiteral("\nfaults of this run:");
                for (const auto& [proxy, mark, name] : { std::tuple { m_stagingProxy.get(), stagingMark, "staging" },
                         std::tuple { m_productionProxy.get(), productionMark, "production" } }) {
                    const auto events = proxy->events();
                    for (qsizetype i = mark; i < events.size(); ++i) {
                        if (events[i].fault != Fault::Forward)
                            log += QStringLiteral("\n  %1 %2 %3 → %4 (forwarded %5, registry answered %6)")
                                       .arg(QString::fromLatin1(name), QString::fromLatin1(events[i].method),
                                           QString::fromLatin1(events[i].target),
                                           QString::fromLatin1(toString(events[i].fault)))
                                       .arg(events[i].forwarded)
                                       .arg(events[i].upstreamStatus);
                    }
                }
                return log;
            };
            CtlRun faultedRun;
            if (operations % killEvery == 0) {
                QVERIFY2(killWhileTagWriteWaits(operation),
                    qPrintable(operation.describe + QStringLiteral(": its tag write was never seen")));
                ++kills;
            } else {
                armFaults();
                QElapsedTimer clock;
                clock.start();
                const CtlRun run = ctl(operation.arguments);
                faultedRun = run;
                longestRunMs = std::max(longestRunMs, clock.elapsed());
                disarmFaults();
                ++faultedRuns;
                QVERIFY2(run.finished,
                    qPrintable(
                        operation.describe + QStringLiteral(" did not end within its deadline\n") + run.describe()));
                if (run.exitCode != 0)
                    ++failedRuns;
            }
            // After the faults: whatever happened, nothing is wrong, half-written or misjournaled.
            for (const QString& tag : { operation.tag, operation.tag + QStringLiteral("-stable") }) {
                const QString problem = tagProblem(operation, tag, false);
                if (!problem.isEmpty())
                    qWarning(
                        "%s%s\n%s", qPrintable(problem), qPrintable(faultLog()), qPrintable(faultedRun.describe()));
                QVERIFY2(problem.isEmpty(), qPrintable(operation.describe + QStringLiteral(" (faulted): ") + problem));
            }
            const QString faultedJournal = journalProblem(operation, before, false);
            if (!faultedJournal.isEmpty())
                qWarning(
                    "%s%s\n%s", qPrintable(faultedJournal), qPrintable(faultLog()), qPrintable(faultedRun.describe()));
            QVERIFY2(faultedJournal.isEmpty(),
                qPrintable(operation.describe + QStringLiteral(" (faulted): ") + faultedJournal));

            // A clean rerun finishes the work and resolves what the faulted run left open.
            const CtlRun rerun = ctl(operation.arguments);
            if (!rerun.finished || rerun.exitCode != 0)
                qWarning("%s\n%s", qPrintable(faultLog()), qPrintable(faultedRun.describe()));
            QVERIFY2(rerun.finished && rerun.exitCode == 0,
                qPrintable(operation.describe + QStringLiteral(" (clean rerun)\n") + rerun.describe()));
            QString problem = tagProblem(operation, operation.tag, true);
            if (problem.isEmpty() && !operation.stage.isEmpty() && operation.stage == QLatin1String("prod")
                && isFinal(version))
                problem = tagProblem(operation, operation.tag + QStringLiteral("-stable"), true);
            QVERIFY2(problem.isEmpty(), qPrintable(operation.describe + QStringLiteral(" (rerun): ") + problem));
            const QString journal = journalProblem(operation, before, true);
            QVERIFY2(journal.isEmpty(), qPrintable(operation.describe + QStringLiteral(" (rerun): ") + journal));
        }
    }

    for (const auto* proxy : { m_stagingProxy.get(), m_productionProxy.get() }) {
        for (const auto& event : proxy->faults())
            ++faultsByKind[QString::fromLatin1(toString(event.fault))];
    }
    const CtlRun verify = ctl({ QStringLiteral("journal"), QStringLiteral("verify") });
    QVERIFY2(verify.exitCode == 0, qPrintable(verify.describe()));

    qInfo("fault campaign: %d operations (%d under faults, %d of them failed and were rerun; %d killed mid-write),"
          " %lld faults injected, longest faulted run %lld ms, journal intact",
        operations, faultedRuns, failedRuns, kills, static_cast<long long>(injectedSoFar()), longestRunMs);
    for (auto kind = faultsByKind.cbegin(); kind != faultsByKind.cend(); ++kind)
        qInfo("  %-20s %d", qPrintable(kind.key()), kind.value());
    QVERIFY2(injectedSoFar() >= faultsWanted,
        qPrintable(QStringLiteral("only %1 faults were injected").arg(injectedSoFar())));
}

QTEST_GUILESS_MAIN(TestFaultCampaign)
#include "tst_faultcampaign.moc"
