// The dashboard's worker and its GUI-thread door, against real registries: a refresh reads every
// stage, inspects artifacts and records movements; plans, promotions, -stable and retargets land
// (skopeo as witness) and are journaled; refusals write nothing; the snapshot cache shows the last
// state at once; a registry that is down is a problem, not a dead dashboard.
#include "model/dashboard/dashboard.h"
#include "model/dashboard/snapshotcache.h"
#include "model/journal/journal.h"
#include "model/workspace/workspaceloader.h"
#include "tests/support/environmentoverride.h"
#include "tests/support/errornames.h"
#include "tests/support/imagefixture.h"
#include "tests/support/skopeo.h"
#include "tests/support/testregistry.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace gantry;
using namespace gantry::test;

class TestDashboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refreshReadsEveryStage();
    void refreshesAskedForWhileOneRunsAreFolded();
    void promotionLandsAndIsJournaled();
    void refusedPlanWritesNothing();
    void stableAndRetargetAreJournaled();
    void cacheShowsTheLastSnapshotAtOnce();
    void aRegistryThatIsDownIsAProblem();

private:
    // Pipeline <name>: ff and et (soak `etSoak`) and prod (floating `prod`, -stable) on one registry.
    model::Workspace workspace(
        const QString& name, const QString& etSoak = QStringLiteral("0s"), const QString& host = {});
    QString journalPath(const QString& name) const { return m_scratch.filePath(name + QStringLiteral(".sqlite")); }
    PushedImage push(const QString& repository, const QString& tag, quint64 seed);
    // Refreshes and waits for the snapshot; false when none came.
    static bool refreshed(model::Dashboard& dashboard);
    static const model::StageView* stage(const model::DashboardSnapshot& snapshot, const std::string& name);
    static const model::TagRow* tag(const model::StageView& stage, const std::string& name);
    std::vector<model::JournalEntry> journal(const QString& name);

    TestRegistry m_registry;
    QTemporaryDir m_scratch;
    std::unique_ptr<EnvironmentOverride> m_dockerConfig;
};

void TestDashboard::initTestCase()
{
    QVERIFY2(m_registry.start(), qPrintable(m_registry.errorString()));
    QVERIFY(m_scratch.isValid());
    // No credential of the developer's own leaks in.
    m_dockerConfig = std::make_unique<EnvironmentOverride>("DOCKER_CONFIG", m_scratch.path().toUtf8());
}

model::Workspace TestDashboard::workspace(const QString& name, const QString& etSoak, const QString& host)
{
    const auto registry = (host.isEmpty() ? m_registry.host() : host).toStdString();
    const auto pipeline = name.toStdString();
    const std::string text = R"({ "registries": [ { "name": "plain", "url": ")" + registry + R"(" } ],
      "pipelines": [ { "name": ")"
        + pipeline + R"(", "stableTagStages": ["prod"], "stages": [
        { "name": "ff", "registry": "plain", "repository": ")"
        + pipeline + R"(/ff" },
        { "name": "et", "registry": "plain", "repository": ")"
        + pipeline + R"(/et", "minimumSoak": ")" + etSoak.toStdString() + R"(" },
        { "name": "prod", "registry": "plain", "repository": ")"
        + pipeline + R"(/prod", "floatingTags": ["prod"] } ] } ] })";
    auto parsed = model::parseWorkspace(text, "test.json");
    if (!parsed)
        qFatal("test workspace: %s", parsed.error().message.c_str());
    return *parsed;
}

PushedImage TestDashboard::push(const QString& repository, const QString& tag, quint64 seed)
{
    ImageSpec spec;
    spec.seed = seed;
    spec.platforms = { QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64") };
    spec.created = QDateTime::currentDateTimeUtc().addDays(-3);
    auto pushed = ImageFixture(m_registry).push(repository, tag, spec);
    if (!pushed)
        qFatal("push %s:%s: %s", qPrintable(repository), qPrintable(tag), qPrintable(pushed.error()));
    return *pushed;
}

bool TestDashboard::refreshed(model::Dashboard& dashboard)
{
    QSignalSpy changed(&dashboard, &model::Dashboard::snapshotChanged);
    dashboard.refresh();
    return changed.wait(60000);
}

const model::StageView* TestDashboard::stage(const model::DashboardSnapshot& snapshot, const std::string& name)
{
    auto found = std::ranges::find(snapshot.stages, name, &model::StageView::stage);
    return found == snapshot.stages.end() ? nullptr : &*found;
}

const model::TagRow* TestDashboard::tag(const model::StageView& stage, const std::string& name)
{
    auto found = std::ranges::find(stage.tags, name, &model::TagRow::tag);
    return found == stage.tags.end() ? nullptr : &*found;
}

std::vector<model::JournalEntry> TestDashboard::journal(const QString& name)
{
    auto opened = model::Journal::open(journalPath(name).toStdString());
    if (!opened)
        qFatal("journal: %s", opened.error().message.c_str());
    auto entries = (*opened)->entries();
    if (!entries)
        qFatal("journal: %s", entries.error().message.c_str());
    return *entries;
}

void TestDashboard::refreshReadsEveryStage()
{
    const auto image = push(QStringLiteral("read/ff"), QStringLiteral("2.2.4"), 11);
    push(QStringLiteral("read/ff"), QStringLiteral("2.2.3"), 12);
    model::Dashboard dashboard(
        workspace(QStringLiteral("read")), journalPath(QStringLiteral("read")).toStdString(), {});
    QSignalSpy busy(&dashboard, &model::Dashboard::busyChanged);
    QVERIFY(refreshed(dashboard));
    const auto& snapshot = dashboard.snapshot();
    QCOMPARE(snapshot.generation, 1u);
    QCOMPARE(snapshot.pipelines.size(), 1u);
    QCOMPARE(snapshot.pipelines[0].stages, (std::vector<std::string> { "ff", "et", "prod" }));
    QCOMPARE(snapshot.stages.size(), 3u);
    const auto* ff = stage(snapshot, "ff");
    QVERIFY(ff);
    QCOMPARE(ff->tags.size(), 2u);
    QCOMPARE(ff->tags[0].tag, std::string("2.2.3")); // version order
    const auto* row = tag(*ff, "2.2.4");
    QVERIFY(row);
    QCOMPARE(QString::fromStdString(row->digest), image.digest);
    QCOMPARE(row->size, image.totalSize);
    QCOMPARE(row->platforms, (std::vector<std::string> { "linux/amd64", "linux/arm64" }));
    QVERIFY(row->created.has_value());
    QCOMPARE(static_cast<int>(row->releaseClass), static_cast<int>(model::ReleaseClass::Final));
    QVERIFY(!stage(snapshot, "et")->repositoryExists);
    QCOMPARE(snapshot.registries.size(), 1u);
    QVERIFY(snapshot.registries[0].reachable);
    QCOMPARE(static_cast<int>(snapshot.registries[0].auth), static_cast<int>(model::RegistryAuth::Anonymous));
    QVERIFY(snapshot.registries[0].latencyMs.has_value());
    QVERIFY(snapshot.problems.empty());
    // The refresh recorded what it saw, and the snapshot shows the journal, newest first.
    QCOMPARE(snapshot.journal.size(), 2u);
    QCOMPARE(snapshot.journal[0].action, std::string("appeared"));
    QVERIFY(snapshot.journal[0].id > snapshot.journal[1].id);
    QCOMPARE(busy.size(), 2); // busy, then idle
}

void TestDashboard::refreshesAskedForWhileOneRunsAreFolded()
{
    push(QStringLiteral("fold/ff"), QStringLiteral("1.0.0"), 21);
    model::Dashboard dashboard(
        workspace(QStringLiteral("fold")), journalPath(QStringLiteral("fold")).toStdString(), {});
    QSignalSpy changed(&dashboard, &model::Dashboard::snapshotChanged);
    QSignalSpy busy(&dashboard, &model::Dashboard::busyChanged);
    dashboard.refresh();
    dashboard.refresh();
    dashboard.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(busy.size(), 2, 60000);
    // One running, the two asked for meanwhile folded into one more.
    QCOMPARE(changed.size(), 2);
    QCOMPARE(dashboard.snapshot().generation, 2u);
}

void TestDashboard::promotionLandsAndIsJournaled()
{
    const auto image = push(QStringLiteral("promo/ff"), QStringLiteral("2.2.4"), 31);
    model::Dashboard dashboard(
        workspace(QStringLiteral("promo")), journalPath(QStringLiteral("promo")).toStdString(), {});
    QVERIFY(refreshed(dashboard));

    QSignalSpy planned(&dashboard, &model::Dashboard::planned);
    const auto request = dashboard.planPromotion("promo", model::PromotionRequest { "2.2.4", {}, {}, false });
    QVERIFY(planned.wait(30000));
    QCOMPARE(planned[0][0].toULongLong(), request);
    const auto outcome = planned[0][1].value<model::PlanOutcome>();
    QVERIFY2(outcome.plan, why(outcome.plan));
    QCOMPARE(outcome.plan->toStage, std::string("et"));
    QVERIFY(!outcome.plan->refusal());

    QSignalSpy finished(&dashboard, &model::Dashboard::actionFinished);
    QSignalSpy changed(&dashboard, &model::Dashboard::snapshotChanged);
    dashboard.promote(*outcome.plan);
    QVERIFY(finished.wait(60000));
    const auto result = finished[0][1].value<model::ActionOutcome>();
    QVERIFY2(result.status, why(result.status));
    QCOMPARE(QString::fromStdString(result.digest), image.digest);

    auto witnessed = Skopeo(m_registry).digestOf(QStringLiteral("promo/et:2.2.4"));
    QVERIFY(witnessed);
    QCOMPARE(*witnessed, image.digest);
    const auto entries = journal(QStringLiteral("promo"));
    QVERIFY(std::ranges::any_of(entries, [&](const model::JournalEntry& entry) {
        return entry.action == "promote" && entry.outcome == "done" && entry.digestAfter == image.digest.toStdString();
    }));
    // The write is followed by a refresh that shows it.
    QVERIFY(changed.wait(60000));
    const auto* et = stage(dashboard.snapshot(), "et");
    QVERIFY(et && tag(*et, "2.2.4"));
}

void TestDashboard::refusedPlanWritesNothing()
{
    push(QStringLiteral("soak/ff"), QStringLiteral("3.0.0"), 41);
    auto soaking = workspace(QStringLiteral("soak"), QStringLiteral("0s"));
    soaking.pipelines[0].stages[0].minimumSoak = std::chrono::hours(24 * 30);
    model::Dashboard dashboard(soaking, journalPath(QStringLiteral("soak")).toStdString(), {});
    QVERIFY(refreshed(dashboard));
    const auto before = journal(QStringLiteral("soak")).size();

    QSignalSpy planned(&dashboard, &model::Dashboard::planned);
    dashboard.planPromotion("soak", model::PromotionRequest { "3.0.0", {}, {}, false });
    QVERIFY(planned.wait(30000));
    const auto outcome = planned[0][1].value<model::PlanOutcome>();
    QVERIFY(outcome.plan && outcome.plan->refusal());
    QVERIFY(outcome.plan->refusal()->guard == model::Guard::SoakTime);

    // Even asked to, the worker runs no refused plan.
    QSignalSpy finished(&dashboard, &model::Dashboard::actionFinished);
    dashboard.promote(*outcome.plan);
    QVERIFY(finished.wait(30000));
    QVERIFY(!finished[0][1].value<model::ActionOutcome>().status);
    auto exists = Skopeo(m_registry).exists(QStringLiteral("soak/et:3.0.0"));
    QVERIFY(exists);
    QVERIFY(!*exists);
    QCOMPARE(journal(QStringLiteral("soak")).size(), before);
}

void TestDashboard::stableAndRetargetAreJournaled()
{
    const auto old = push(QStringLiteral("moves/prod"), QStringLiteral("2.2.3"), 51);
    const auto current = push(QStringLiteral("moves/prod"), QStringLiteral("2.2.4"), 52);
    push(QStringLiteral("moves/prod"), QStringLiteral("prod"), 52);
    model::Dashboard dashboard(
        workspace(QStringLiteral("moves")), journalPath(QStringLiteral("moves")).toStdString(), {});
    QSignalSpy finished(&dashboard, &model::Dashboard::actionFinished);
    const auto prod = QStringLiteral("moves/prod");

    dashboard.applyStable((m_registry.host() + QLatin1Char('/') + prod + QStringLiteral(":2.2.4")).toStdString());
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished[0][1].value<model::ActionOutcome>().status, "");
    QCOMPARE(*Skopeo(m_registry).digestOf(prod + QStringLiteral(":2.2.4-stable")), current.digest);

    // prod points back at 2.2.3.
    dashboard.retarget(model::RetargetRequest { "moves", "prod", "prod", old.digest.toStdString() });
    QVERIFY(finished.wait(30000));
    const auto moved = finished[1][1].value<model::ActionOutcome>();
    QVERIFY2(moved.status, why(moved.status));
    QCOMPARE(*Skopeo(m_registry).digestOf(prod + QStringLiteral(":prod")), old.digest);

    // A version tag is immutable: no retarget, nothing written.
    dashboard.retarget(model::RetargetRequest { "moves", "prod", "2.2.4", old.digest.toStdString() });
    QVERIFY(finished.wait(30000));
    const auto refused = finished[2][1].value<model::ActionOutcome>();
    QVERIFY(!refused.status);
    QVERIFY(refused.status.error().message.find("not a floating tag") != std::string::npos);
    QCOMPARE(*Skopeo(m_registry).digestOf(prod + QStringLiteral(":2.2.4")), current.digest);

    const auto entries = journal(QStringLiteral("moves"));
    const auto done = [&](const std::string& action, const std::string& tag) {
        return std::ranges::any_of(entries, [&](const model::JournalEntry& entry) {
            return entry.action == action && entry.tag == tag && entry.outcome == "done";
        });
    };
    QVERIFY(done("stable", "2.2.4-stable"));
    QVERIFY(done("retarget", "prod"));
    QVERIFY(std::ranges::none_of(
        entries, [](const auto& entry) { return !entry.isObservation() && entry.tag == "2.2.4"; }));

    dashboard.verifyJournal();
    QVERIFY(finished.wait(30000));
    const auto verified = finished[3][1].value<model::ActionOutcome>();
    QVERIFY2(verified.status, why(verified.status));
    QVERIFY(verified.summary.find("chain intact") != std::string::npos);
}

void TestDashboard::cacheShowsTheLastSnapshotAtOnce()
{
    const auto image = push(QStringLiteral("cached/ff"), QStringLiteral("4.0.0"), 61);
    const auto cache = m_scratch.filePath(QStringLiteral("cache/snapshot.json")).toStdString();
    {
        model::Dashboard dashboard(
            workspace(QStringLiteral("cached")), journalPath(QStringLiteral("cached")).toStdString(), cache);
        QVERIFY(dashboard.snapshot().stages.empty());
        QVERIFY(refreshed(dashboard));
    }
    model::Dashboard reopened(
        workspace(QStringLiteral("cached")), journalPath(QStringLiteral("cached")).toStdString(), cache);
    const auto* ff = stage(reopened.snapshot(), "ff");
    QVERIFY(ff);
    const auto* row = tag(*ff, "4.0.0");
    QVERIFY(row);
    QCOMPARE(QString::fromStdString(row->digest), image.digest);
    QCOMPARE(reopened.snapshot().generation, 0u);

    // A damaged cache is no cache: an empty window, then the refresh.
    QFile damaged(QString::fromStdString(cache));
    QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
    damaged.write("{ \"format\": 1, \"snapshot\": { \"stages\": 7 } }");
    damaged.close();
    QVERIFY(!model::loadSnapshot(cache));
    model::Dashboard afterDamage(
        workspace(QStringLiteral("cached")), journalPath(QStringLiteral("cached")).toStdString(), cache);
    QVERIFY(afterDamage.snapshot().stages.empty());
}

void TestDashboard::aRegistryThatIsDownIsAProblem()
{
    TestRegistry gone;
    QVERIFY2(gone.start(), qPrintable(gone.errorString()));
    const auto host = gone.host();
    gone.stop();
    model::Dashboard dashboard(workspace(QStringLiteral("down"), QStringLiteral("0s"), host),
        journalPath(QStringLiteral("down")).toStdString(), {});
    QSignalSpy problems(&dashboard, &model::Dashboard::problem);
    QVERIFY(refreshed(dashboard));
    const auto& snapshot = dashboard.snapshot();
    QCOMPARE(snapshot.stages.size(), 3u);
    QVERIFY(!snapshot.stages[0].error.empty());
    QVERIFY(!snapshot.registries[0].reachable);
    QVERIFY(!snapshot.problems.empty());
    QVERIFY(problems.size() >= 1);
}

QTEST_GUILESS_MAIN(TestDashboard)
#include "tst_dashboard.moc"
