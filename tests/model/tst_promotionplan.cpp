#include "model/policy/promotionplan.h"
#include "tests/support/datarows.h"
#include "tests/support/errornames.h"

#include <QTest>
#include <map>
#include <tuple>

using gantry::model::GuardCheck;
using gantry::model::PipelineConfig;
using gantry::model::planPromotion;
using gantry::model::PromotionFacts;
using gantry::model::PromotionRequest;
using gantry::model::StableStep;
using gantry::registry::Digest;
using gantry::registry::ManifestHead;
using gantry::registry::parseRfc3339;
using gantry::test::bytes;
using gantry::test::row;
using gantry::test::str;
using gantry::test::why;

class TestPromotionPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsTheGuards_data();
    void runsTheGuards();
    void rejectsUnknownStages();
    void pinsTheSourceDigestAndWritesTheCommand();
    void namesEachGuardAndWhetherItMayBeForced();
    void judgesTheDestinationsRetention_data();
    void judgesTheDestinationsRetention();
};

namespace {

const Digest imageA = Digest::ofBytes("image A");
const Digest imageB = Digest::ofBytes("image B");

// ff → et (soak 2h) → prod (soak 1d, -stable, floating `prod`, frozen over the 2026 year-end).
PipelineConfig pipeline()
{
    PipelineConfig config;
    config.name = "webapp";
    const auto stage = [](const char* name, const char* repository) {
        gantry::model::StageConfig stage;
        stage.name = name;
        stage.host = "registry.example.org";
        stage.repository = repository;
        return stage;
    };
    config.stages = { stage("ff", "app/ff"), stage("et", "app/et"), stage("prod", "app") };
    config.stages[1].minimumSoak = std::chrono::hours(2);
    config.stages[2].minimumSoak = std::chrono::hours(24);
    auto& prod = config.stages[2];
    prod.writesStableTags = true;
    prod.isProtected = true;
    prod.floatingTags = { "prod" };
    gantry::model::FreezeWindow closure;
    closure.from = *parseRfc3339("2026-12-19T00:00:00Z");
    closure.until = *parseRfc3339("2027-01-05T08:00:00Z");
    closure.reason = "annual closure";
    prod.freezes = { closure };
    return config;
}

// "A-B": stage 0 has image A, stage 1 nothing, stage 2 image B.
std::vector<std::optional<ManifestHead>> stagesFrom(const QByteArray& layout)
{
    std::vector<std::optional<ManifestHead>> stages;
    for (const char c : layout) {
        if (c == '-')
            stages.push_back(std::nullopt);
        else
            stages.push_back(
                ManifestHead { c == 'A' ? imageA : imageB, "application/vnd.oci.image.manifest.v1+json", 100 });
    }
    return stages;
}

std::optional<gantry::registry::Timestamp> timeOrNone(const QByteArray& text)
{
    return text.isEmpty() ? std::nullopt : parseRfc3339(str(text));
}

// "refused soak time", "copy", "copy stable", "stable", "nothing", "forced copy" …: the plan in words.
QByteArray summary(const gantry::model::PromotionPlan& plan)
{
    if (const auto* refusal = plan.refusal())
        return bytes("refused " + std::string(toString(refusal->guard)));
    std::string text = plan.forced() ? "forced " : "";
    if (plan.copyNeeded)
        text += "copy ";
    if (plan.stable == StableStep::Write)
        text += "stable ";
    if (plan.nothingToDo())
        text += "nothing ";
    text.pop_back();
    return bytes(text);
}

} // namespace

void TestPromotionPlan::runsTheGuards_data()
{
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<bool>("force");
    QTest::addColumn<QByteArray>("stages"); // per stage: A, B or - (absent)
    QTest::addColumn<QByteArray>("stable"); // <tag>-stable in the destination: A, B or -
    QTest::addColumn<QByteArray>("entered"); // journal's first sighting in the source
    QTest::addColumn<QByteArray>("created");
    QTest::addColumn<QByteArray>("now");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArray>("detail"); // in the deciding guard's detail and way out

    const bool F = false;
    const char* now = "2026-11-23T12:00:00Z";
    row("ff to et by default", "2.2.4", "", "", F, "A--", "-", "", "", now, "copy", "ff → et");
    row("et to prod writes stable", "2.2.4", "", "", F, "AA-", "-", "2026-11-23T09:00:00Z", "", now, "copy stable",
        "writes 2.2.4-stable at sha256:");
    row("patch gets stable too", "2.2.4.1", "", "", F, "AA-", "-", "2026-11-23T09:00:00Z", "", now, "copy stable",
        "2.2.4.1-stable");
    row("candidate gets no stable", "2.2.4rc1", "", "", F, "AA-", "-", "2026-11-23T09:00:00Z", "", now, "copy",
        "2.2.4rc1 is not a final or patch release");
    row("already everywhere", "2.2.4", "", "", F, "AAA", "A", "", "", now, "nothing", "the last stage of webapp");
    row("same digest in prod, stable there", "2.2.4", "et", "prod", F, "AAA", "A", "", "", now, "nothing",
        "is already there");
    row("same digest, stable missing", "2.2.4", "et", "prod", F, "AAA", "-", "2026-11-23T09:00:00Z", "", now, "stable",
        "writes 2.2.4-stable");
    row("not anywhere", "9.9.9", "", "", F, "---", "-", "", "", now, "refused source",
        "9.9.9 is in no stage of webapp");
    row("not in the named source", "2.2.4", "et", "", F, "A--", "-", "", "", now, "refused source",
        "et has no tag 2.2.4");
    row("backwards", "2.2.4", "prod", "ff", F, "AAA", "-", "", "", now, "refused stage order",
        "ff does not come after prod");
    row("backwards even forced", "2.2.4", "prod", "et", true, "AAA", "-", "", "", now, "refused stage order",
        "retarget");
    row("skipping a stage", "2.2.4", "ff", "prod", F, "A--", "-", "", "", now, "refused stage order",
        "would skip et, which does not have it");
    row("skipping a stage forced", "2.2.4", "ff", "prod", true, "A--", "-", "", "", now, "forced copy stable", "");
    row("skipping a stage it has soaked in", "2.2.4", "ff", "prod", F, "AA-", "-", "2026-11-23T09:00:00Z", "", now,
        "copy stable", "soaked: 2h needed, in et since");
    // Skipping a stage is no way around its soak time.
    row("skipping a stage still soaking", "2.2.4", "ff", "prod", F, "AA-", "-", "2026-11-23T11:00:00Z", "", now,
        "refused soak time", "et needs 2h");
    row("again with --to only", "2.2.4", "", "prod", F, "AAA", "A", "", "", now, "nothing", "is already there");
    row("--to only, another image there", "2.2.4", "", "prod", F, "AAB", "-", "2026-11-23T09:00:00Z", "", now,
        "refused immutable tag", "prod already has 2.2.4");
    row("skipping a stage with another image", "2.2.4", "ff", "prod", F, "AB-", "-", "", "", now, "refused stage order",
        "promote to et first, or pass --force");
    row("version tag at another digest", "2.2.4", "ff", "et", F, "AB-", "-", "", "", now, "refused immutable tag",
        "et already has 2.2.4 at sha256:");
    row("version tag way out", "2.2.4", "ff", "et", F, "AB-", "-", "", "", now, "refused immutable tag",
        "release it under a new version");
    row("version tag forced", "2.2.4", "ff", "et", true, "AB-", "-", "", "", now, "forced copy", "");
    row("commit tag at another digest", "3f9c2ab", "ff", "et", F, "AB-", "-", "", "", now, "refused immutable tag",
        "tags are never moved");
    row("floating tag moves", "prod", "et", "prod", F, "-AB", "-", "2026-11-20T00:00:00Z", "", now, "copy",
        "floating tag in prod");
    row("stable conflict", "2.2.4", "et", "prod", F, "AA-", "B", "2026-11-20T00:00:00Z", "", now, "refused -stable",
        "-stable tags are never overwritten");
    row("stable conflict even forced", "2.2.4", "et", "prod", true, "AA-", "B", "2026-11-20T00:00:00Z", "", now,
        "refused -stable", "delete the wrong one");
    row("soaking", "2.2.4", "", "", F, "AA-", "-", "2026-11-23T11:00:00Z", "", now, "refused soak time",
        "soaks until 2026-11-23T13:00:00Z (et needs 2h; in et since 2026-11-23T11:00:00Z)");
    row("soaking way out", "2.2.4", "", "", F, "AA-", "-", "2026-11-23T11:00:00Z", "", now, "refused soak time",
        "wait until 2026-11-23T13:00:00Z, or pass --force");
    row("soaked to the second", "2.2.4", "", "", F, "AA-", "-", "2026-11-23T10:00:00Z", "", now, "copy stable",
        "soaked: 2h needed");
    row("soak from creation time", "2.2.4", "", "", F, "AA-", "-", "", "2026-11-23T11:30:00Z", now, "refused soak time",
        "its creation time: no journal sighting");
    row("journal wins over creation", "2.2.4", "", "", F, "AA-", "-", "2026-11-23T11:30:00Z", "2026-01-01T00:00:00Z",
        now, "refused soak time", "soaks until 2026-11-23T13:30:00Z");
    row("soak unknown", "2.2.4", "", "", F, "AA-", "-", "", "", now, "refused soak time", "gantryctl refresh webapp");
    row("soak forced", "2.2.4", "", "", true, "AA-", "-", "2026-11-23T11:59:00Z", "", now, "forced copy stable", "");
    row("no soak in ff", "2.2.4", "", "", F, "A--", "-", "", "", now, "copy", "");
    row("frozen", "2.2.4", "", "", F, "AA-", "-", "2026-12-01T00:00:00Z", "", "2026-12-24T10:00:00Z",
        "refused freeze window", "prod is frozen until 2027-01-05T08:00:00Z: annual closure");
    row("frozen forced", "2.2.4", "", "", true, "AA-", "-", "2026-12-01T00:00:00Z", "", "2026-12-24T10:00:00Z",
        "forced copy stable", "");
    row("thawed", "2.2.4", "", "", F, "AA-", "-", "2026-12-01T00:00:00Z", "", "2027-01-05T08:00:00Z", "copy stable",
        "prod is not frozen");
    row("nothing to do in a frozen stage", "2.2.4", "et", "prod", F, "AAA", "A", "", "", "2026-12-24T10:00:00Z",
        "nothing", "");
}

void TestPromotionPlan::runsTheGuards()
{
    QFETCH(QByteArray, tag);
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(bool, force);
    QFETCH(QByteArray, stages);
    QFETCH(QByteArray, stable);
    QFETCH(QByteArray, entered);
    QFETCH(QByteArray, created);
    QFETCH(QByteArray, now);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, detail);

    PromotionFacts facts;
    facts.tagInStage = stagesFrom(stages);
    if (stable != "-")
        facts.stableInDestination = stable == "A" ? imageA : imageB;
    // The journal saw it arrive in the stage it leaves (and, for these rows, in every stage it skips).
    facts.enteredStage.assign(3, timeOrNone(entered));
    facts.created = timeOrNone(created);
    facts.now = *parseRfc3339(str(now));
    const auto plan = planPromotion(pipeline(), { str(tag), str(from), str(to), force }, facts, {});
    QVERIFY2(plan, why(plan));

    std::string all;
    for (const auto& guard : plan->guards)
        all += std::string(toString(guard.guard)) + " " + std::string(toString(guard.state)) + ": " + guard.detail
            + " | " + guard.wayOut + "\n";
    const QByteArray explained = summary(*plan) + "\n" + bytes(all);
    QVERIFY2(summary(*plan) == expected, explained.constData());
    QVERIFY2(all.find(str(detail)) != std::string::npos, all.c_str());
    // Every refusal says how to get past it.
    if (const auto* refusal = plan->refusal())
        QVERIFY(!refusal->wayOut.empty());
}

void TestPromotionPlan::rejectsUnknownStages()
{
    PromotionFacts facts;
    facts.tagInStage = stagesFrom("A--");
    const auto plan = planPromotion(pipeline(), { "2.2.4", "ff", "production", false }, facts, {});
    QVERIFY(!plan);
    QCOMPARE(plan.error().message, "--to: pipeline webapp has no stage \"production\" (stages: ff, et, prod)");
}

void TestPromotionPlan::pinsTheSourceDigestAndWritesTheCommand()
{
    PromotionFacts facts;
    facts.tagInStage = stagesFrom("AA-");
    facts.enteredStage.assign(3, *parseRfc3339("2026-11-01T00:00:00Z"));
    facts.now = *parseRfc3339("2026-11-23T00:00:00Z");
    const auto plan = planPromotion(pipeline(), { "2.2.4", "", "", false }, facts, {});
    QVERIFY(plan);
    QCOMPARE(plan->source.toString(), "registry.example.org/app/et:2.2.4@" + imageA.str());
    QCOMPARE(plan->destination.toString(), "registry.example.org/app:2.2.4");
    QCOMPARE(plan->toProtected, true);
    QCOMPARE(plan->command(), "gantryctl promote webapp 2.2.4 --from et --to prod");
    QCOMPARE(plan->command(true), "gantryctl promote webapp 2.2.4 --from et --to prod --dry-run");
}

void TestPromotionPlan::namesEachGuardAndWhetherItMayBeForced()
{
    // Printed by gantryctl, journaled in "forced past …" notes, shown by the dialog: byte for byte.
    using gantry::model::Guard;
    const std::vector<std::tuple<Guard, std::string_view, bool>> guards { { Guard::Source, "source", false },
        { Guard::StageOrder, "stage order", false }, { Guard::SkippedStages, "stage order", true },
        { Guard::ImmutableTag, "immutable tag", true }, { Guard::Stable, "-stable", false },
        { Guard::SoakTime, "soak time", true }, { Guard::FreezeWindow, "freeze window", true } };
    for (const auto& [guard, name, forceable] : guards) {
        QCOMPARE(toString(guard), name);
        QCOMPARE(gantry::model::mayBeForced(guard), forceable);
    }

    // A plan may be forced only when every refusal may be: soak time may, a -stable conflict not.
    PromotionFacts facts;
    facts.tagInStage = stagesFrom("AA-");
    facts.enteredStage.assign(3, *parseRfc3339("2026-11-23T11:00:00Z"));
    facts.now = *parseRfc3339("2026-11-23T12:00:00Z");
    const auto soaking = planPromotion(pipeline(), { "2.2.4", "", "", false }, facts, {});
    QVERIFY(soaking && soaking->refusal() && soaking->refusal()->guard == Guard::SoakTime);
    QVERIFY(soaking->forceable());
    facts.stableInDestination = imageB;
    const auto conflict = planPromotion(pipeline(), { "2.2.4", "", "", false }, facts, {});
    QVERIFY(conflict && conflict->check(Guard::Stable) && conflict->check(Guard::SoakTime));
    QVERIFY(!conflict->forceable());
    facts.tagInStage = stagesFrom("---");
    const auto nowhere = planPromotion(pipeline(), { "2.2.4", "", "", false }, facts, {});
    QVERIFY(nowhere && nowhere->refusal() && nowhere->refusal()->guard == Guard::Source);
    QVERIFY(!nowhere->forceable());
}

void TestPromotionPlan::judgesTheDestinationsRetention_data()
{
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<QByteArray>("stable"); // <tag>-stable in prod: A, B or -
    QTest::addColumn<QByteArray>("policy"); // prod's retention policy
    // "-": no verdict; else the policy, the artifact's tags, and each rule that keeps it, through which
    // tag, with "?" when it only may
    QTest::addColumn<QByteArray>("expected");

    row("final: its -stable tag is kept a year", "2.2.4", "-", "cern",
        "cern [2.2.4 2.2.4-stable] tags matching .*-stable: pushed within 365 days @2.2.4-stable"
        " | any tag: the newest 3 by push time @2.2.4 | any tag: pulled within 30 days @2.2.4?");
    row("-stable there already counts", "2.2.4", "A", "cern",
        "cern [2.2.4 2.2.4-stable] tags matching .*-stable: pushed within 365 days @2.2.4-stable"
        " | any tag: the newest 3 by push time @2.2.4 | any tag: pulled within 30 days @2.2.4?");
    row("-stable of another image does not", "2.2.4", "B", "cern",
        "cern [2.2.4] any tag: the newest 3 by push time @2.2.4 | any tag: pulled within 30 days @2.2.4?");
    row("candidate: no -stable tag", "2.2.4rc1", "-", "cern",
        "cern [2.2.4rc1] any tag: the newest 3 by push time @2.2.4rc1 | any tag: pulled within 30 days @2.2.4rc1?");
    row("no rule keeps a candidate", "2.2.4rc1", "-", "stable-only", "stable-only [2.2.4rc1]");
    row("pinned release", "2.2.4", "-", "pinned", "pinned [2.2.4 2.2.4-stable] tags matching 2\\.2\\.4: always @2.2.4");
    row("another release", "2.2.5", "-", "pinned", "pinned [2.2.5 2.2.5-stable]");
    row("no policy", "2.2.4", "-", "", "none [2.2.4 2.2.4-stable]");
    row("unknown policy", "2.2.4", "-", "gone", "none [2.2.4 2.2.4-stable]");
    row("no destination", "9.9.9", "-", "cern", "-");
}

void TestPromotionPlan::judgesTheDestinationsRetention()
{
    QFETCH(QByteArray, tag);
    QFETCH(QByteArray, stable);
    QFETCH(QByteArray, policy);
    QFETCH(QByteArray, expected);

    using gantry::model::makeRetentionRule;
    using gantry::model::RetentionPolicy;
    using gantry::model::RetentionRuleKind;
    std::map<std::string, RetentionPolicy> policies;
    policies.emplace("cern", gantry::model::cernRegistryPolicy());
    policies.emplace("stable-only",
        RetentionPolicy {
            "stable-only", "", { *makeRetentionRule(RetentionRuleKind::KeepPushedWithinDays, 365, ".*-stable") } });
    policies.emplace("pinned",
        RetentionPolicy { "pinned", "", { *makeRetentionRule(RetentionRuleKind::KeepAlways, 0, "2\\.2\\.4") } });
    auto config = pipeline();
    config.stages[2].retentionPolicy = str(policy);

    PromotionFacts facts;
    facts.tagInStage = stagesFrom(tag == "9.9.9" ? "---" : "AA-");
    if (stable != "-")
        facts.stableInDestination = stable == "A" ? imageA : imageB;
    facts.enteredStage.assign(3, *parseRfc3339("2026-11-01T00:00:00Z"));
    facts.now = *parseRfc3339("2026-11-23T00:00:00Z");
    const auto plan = planPromotion(config, { str(tag), "", "", false }, facts, policies);
    QVERIFY2(plan, why(plan));

    std::string judged = "-";
    if (plan->retention) {
        const auto& retention = *plan->retention;
        judged = retention.policy.value_or("none") + " [";
        for (const auto& planned : retention.tags)
            judged += (judged.ends_with('[') ? "" : " ") + planned;
        judged += ']';
        for (std::size_t i = 0; i < retention.keptBy.size(); ++i) {
            const auto& rule = retention.keptBy[i];
            judged += (i == 0 ? " " : " | ") + rule.description + " @" + rule.tag + (rule.surely ? "" : "?");
        }
    }
    QCOMPARE(bytes(judged), expected);
}

QTEST_APPLESS_MAIN(TestPromotionPlan)
#include "tst_promotionplan.moc"
